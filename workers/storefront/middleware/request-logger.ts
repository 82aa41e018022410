import { createMiddleware } from "hono/factory";
import { createLogger } from "../../shared/logger";
import type { AppEnv } from "../env";

/** Puts a logger carrying the request id on the context and logs one line per response. */
export const requestLogger = () =>
	createMiddleware<AppEnv>(async (c, next) => {
		const logger = createLogger({ requestId: c.get("requestId") });
		c.set("logger", logger);
		const started = Date.now();
		await next();
		// Route templates, never raw URLs: query strings can carry personal data.
		logger.info("request", {
			method: c.req.method,
			route: c.req.routePath,
			status: c.res.status,
			ms: Date.now() - started,
		});
	});
