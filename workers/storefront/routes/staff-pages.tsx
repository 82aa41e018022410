// The staff console under /staff, behind Access (issue #10).
import { createRouter } from "../openapi";

export const staffPages = createRouter();
