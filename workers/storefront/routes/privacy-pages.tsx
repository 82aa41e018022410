// The privacy policy page and the privacy center (issue #10).
import { createRouter } from "../openapi";

export const privacyPages = createRouter();
