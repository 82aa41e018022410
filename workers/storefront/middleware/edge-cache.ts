// Public reads from the Workers Cache API (caches.default). A Worker's own responses are not
// cached by Cloudflare unless it stores them itself; this does, for routes whose response is the
// same for every shopper. The key is the URL alone (edge-cache-policy.ts), so what is stored must
// carry nothing of the request: only a 200 without Set-Cookie, without per-request headers.
// Stale-while-revalidate is ours (the Cache API has none): an entry is kept for TTL + SWR, served
// as is for TTL, then served stale while one background request renders it anew.
import { exports } from "cloudflare:workers";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { type ExecutionCtx, executionContextOf } from "../execution-context";
import {
	cacheKeyUrl,
	cacheServerTiming,
	carriesFreeText,
	edgeCacheEnabled,
	etagOf,
	type Freshness,
	freshnessOf,
	ifNoneMatchHits,
	isCacheableMethod,
	type Lifetime,
	mayStore,
	notModifiedHeaders,
	type QueryKeys,
	REFRESH_HEADER,
	servedHeaders,
	storedAtOf,
	storedHeaders,
} from "./edge-cache-policy";
import { HotCopies, type StoredCopy } from "./hot-copies";

export type EdgeCacheOptions = Lifetime & {
	/** The Cache-Control browsers (and any cache in between) get on a 200. */
	cacheControl: string;
	/** The clock, in ms since the epoch. */
	now?: () => number;
	/** The query parameters the route reads, the only ones in the key; default "all" (a strict route's). */
	queryKeys?: QueryKeys;
	/** Renders a URL anew for the background refresh: by default the whole worker, via loopback. */
	refresh?: (request: Request) => Promise<Response>;
};

// Under load most requests of an isolate ask for a few pages: their copies answer from memory for
// a few seconds before the Cache API is asked again (hot-copies.ts; a purge is honoured as fast).
const hotCopies = new HotCopies({ holdMs: 5_000, maxEntries: 256, maxBytes: 16 * 1024 * 1024 });

/**
 * Forgets the isolate's copies: after the Cache API was purged or rewritten from outside the
 * worker's own requests (tests do, to age an entry).
 */
export function dropHotCopies(): void {
	hotCopies.clear();
}

// One background refresh per entry at a time in this isolate: a burst of stale hits renders once.
const refreshing = new Set<string>();

// Through the worker's own front door, so the refresh runs every global middleware and carries
// no cookie or header of the shopper whose request found the entry stale.
const refreshThroughWorker = (request: Request) => exports.default.fetch(request);

/**
 * Serves GET/HEAD from the edge cache and stores what may be stored; sets Cache-Control and an
 * ETag for browsers and answers If-None-Match with 304 (on a hit from the stored ETag).
 * `EDGE_CACHE=off` leaves only the browser half.
 */
export const edgeCache = (options: EdgeCacheOptions) => {
	const now = options.now ?? Date.now;
	const refresh = options.refresh ?? refreshThroughWorker;
	return createMiddleware<AppEnv>(async (c, next) => {
		if (!isCacheableMethod(c.req.method)) return next();
		const ctx = executionContextOf(c);
		if (!ctx || !edgeCacheEnabled(c.env.EDGE_CACHE) || carriesFreeText(c.req.url)) {
			await next();
			await finishMiss(c, options, null);
			return;
		}
		const key = cacheKeyUrl(c.req.url, options.queryKeys);
		const isRefresh = c.req.header(REFRESH_HEADER) !== undefined;
		const stored = hotCopies.get(key, now()) ?? (await lookUp(c, key, now()));
		if (stored) {
			const storedAt = storedAtOf(stored.headers);
			const freshness = storedAt === null ? null : freshnessOf(storedAt, now(), options);
			if (freshness?.state === "fresh" || (freshness?.state === "stale" && !isRefresh)) {
				if (freshness.state === "stale") refreshInBackground(c, ctx, key, refresh);
				return serveStored(c, stored, freshness, options.cacheControl);
			}
			hotCopies.delete(key);
		}
		await next();
		const copy = await finishMiss(c, options, now());
		if (copy) {
			hotCopies.hold(key, copy, now());
			const store = new Response(copy.body.slice(0), { status: 200, headers: copy.headers });
			const put = caches.default.put(key, store).catch((err: unknown) => {
				c.var.logger.warn("edge cache: store failed", { route: c.req.routePath, error: String(err) });
			});
			// The refresh is done once the new copy is stored; a shopper's miss need not wait for it.
			if (isRefresh) await put;
			else ctx.waitUntil(put);
		}
	});
};

/**
 * After the route ran (a miss, or the cache is off): Cache-Control and ETag on a 2xx, a 304 when
 * the browser already has it, and the copy to store when `storedAt` is given and it may be stored.
 */
async function finishMiss(
	c: Context<AppEnv>,
	options: EdgeCacheOptions,
	storedAt: number | null,
): Promise<StoredCopy | null> {
	c.header("Server-Timing", cacheServerTiming("miss"), { append: true });
	if (!c.res.ok) return null;
	// A route that said private or no-store (or set a cookie) keeps its word to browsers too.
	const isPublic = mayStore(c.res);
	const body = await c.res.clone().arrayBuffer();
	const etag = c.res.headers.get("etag") ?? (await etagOf(body));
	c.header("ETag", etag);
	if (isPublic) c.header("Cache-Control", options.cacheControl);
	const copy =
		isPublic && storedAt !== null
			? { body, headers: storedHeaders(c.res.headers, etag, storedAt, options) }
			: null;
	if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
		replaceResponse(c, new Response(null, { status: 304, headers: notModifiedHeaders(c.res.headers) }));
	}
	return copy;
}

function serveStored(c: Context<AppEnv>, stored: StoredCopy, freshness: Freshness, cacheControl: string) {
	c.set("servedFromCache", true);
	const headers = servedHeaders(stored.headers, cacheControl, freshness.ageSeconds);
	headers.set("Server-Timing", cacheServerTiming(freshness.state === "fresh" ? "hit" : "stale"));
	const etag = headers.get("etag");
	if (etag && ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
		// The stored ETag answers: the body is not hashed again.
		return c.body(null, { status: 304, headers: notModifiedHeaders(headers) });
	}
	// A copy of the bytes: the held one serves the next request too.
	return c.body(stored.body.slice(0), { status: 200, headers });
}

/** The Cache API's entry for `key`, read once and held in the isolate for the next requests. */
async function lookUp(c: Context<AppEnv>, key: string, now: number): Promise<StoredCopy | undefined> {
	try {
		const res = await caches.default.match(key);
		if (!res) return undefined;
		const copy = { body: await res.arrayBuffer(), headers: new Headers(res.headers) };
		hotCopies.hold(key, copy, now);
		return copy;
	} catch (err) {
		// A cache that cannot answer is a miss, not an error page.
		c.var.logger.warn("edge cache: lookup failed", { route: c.req.routePath, error: String(err) });
		return undefined;
	}
}

function refreshInBackground(
	c: Context<AppEnv>,
	ctx: ExecutionCtx,
	key: string,
	refresh: (request: Request) => Promise<Response>,
) {
	if (refreshing.has(key)) return;
	refreshing.add(key);
	const route = c.req.routePath;
	const { logger } = c.var;
	const run = async () => {
		try {
			// A failed refresh stores nothing: the stale copy stays until its SWR window ends.
			const res = await refresh(new Request(key, { headers: { [REFRESH_HEADER]: "1" } }));
			await res.body?.cancel();
			if (!res.ok) logger.warn("edge cache: refresh failed", { route, status: res.status });
		} catch (err) {
			logger.warn("edge cache: refresh failed", { route, error: String(err) });
		} finally {
			refreshing.delete(key);
		}
	};
	ctx.waitUntil(run());
}

/** Replaces the response outright: hono's setter would copy the old response's headers onto it. */
function replaceResponse(c: Context<AppEnv>, res: Response) {
	c.res = undefined;
	c.res = res;
}
