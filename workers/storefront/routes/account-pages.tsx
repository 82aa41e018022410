// The shopper's account pages (issue #10).
import { createRouter } from "../openapi";

export const accountPages = createRouter();
