import { createMiddleware } from "hono/factory";
import { createLogger } from "../../shared/logger";
import type { AppEnv } from "../env";

/**
 * Puts a logger carrying the request id on the context and logs one line per response, except a
 * successful answer from the edge cache: it ran no route and read no data, and a log line is not
 * free (measured under wrangler dev, one console line costs about what one D1 read does:
 * docs/benchmarks.md). Hits are visible in Server-Timing and in the zone's own request analytics.
 */
export const requestLogger = () =>
	createMiddleware<AppEnv>(async (c, next) => {
		const logger = createLogger({ requestId: c.get("requestId") });
		c.set("logger", logger);
		const started = Date.now();
		await next();
		if (c.var.servedFromCache && c.res.status < 400) return;
		// Route templates, never raw URLs: query strings can carry personal data.
		logger.info("request", {
			method: c.req.method,
			route: c.req.routePath,
			status: c.res.status,
			ms: Date.now() - started,
		});
	});
