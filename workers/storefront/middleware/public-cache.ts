import { etag } from "hono/etag";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";

// Short freshness with a longer stale window: edge caches absorb the read load while
// stock and price changes still show within a minute.
export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/**
 * For public, shopper-independent GET responses only: a successful response gets
 * Cache-Control and an ETag, and a matching If-None-Match turns it into a 304.
 * Errors are left uncached.
 */
export const publicCache = () => {
	const withEtag = etag();
	return createMiddleware<AppEnv>(async (c, next) => {
		await withEtag(c, async () => {
			await next();
			if (c.res.ok) c.header("Cache-Control", PUBLIC_CACHE_CONTROL);
		});
	});
};
