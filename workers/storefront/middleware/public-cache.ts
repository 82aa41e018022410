import { edgeCache } from "./edge-cache";
import type { QueryKeys } from "./edge-cache-policy";

// Short freshness with a longer stale window: the edge cache absorbs the read load while stock
// and price changes still show within a minute (at most TTL + SWR while nobody asks).
export const PUBLIC_TTL_SECONDS = 60;
export const PUBLIC_SWR_SECONDS = 300;
export const PUBLIC_CACHE_CONTROL = `public, max-age=${PUBLIC_TTL_SECONDS}, stale-while-revalidate=${PUBLIC_SWR_SECONDS}`;

/**
 * For public, shopper-independent GET routes only: the response is stored in the edge cache under
 * its URL and served from there to everyone (edge-cache.ts), and a successful response gets
 * Cache-Control and an ETag; a matching If-None-Match turns it into a 304. Errors are left uncached.
 */
export const publicCache = (options: { queryKeys?: QueryKeys } = {}) =>
	edgeCache({
		ttlSeconds: PUBLIC_TTL_SECONDS,
		swrSeconds: PUBLIC_SWR_SECONDS,
		cacheControl: PUBLIC_CACHE_CONTROL,
		...options,
	});

/** For a public route that reads no query string: one entry per path, whatever query is appended. */
export const publicCacheIgnoringQuery = () => publicCache({ queryKeys: [] });
