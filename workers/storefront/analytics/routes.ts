// Everything analytics adds to the storefront app, mounted with one call from app.ts.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { edgeCache } from "../middleware/edge-cache";
import { consentRoutes } from "../routes/consent";
import { eventRoutes } from "../routes/events";
import { recommendationRoutes } from "../routes/recommendations";
import { LEGACY_WIDGET_SCRIPT_PATH, WIDGET_SCRIPT, WIDGET_SCRIPT_PATH } from "./widget-script";

const ONE_YEAR_SECONDS = 31_536_000;
// The content at a versioned URL never changes, so the edge keeps it as long as browsers do.
const immutableScript = edgeCache({
	// The script reads no query: `?anything` must not make a year-long entry of its own.
	queryKeys: [],
	ttlSeconds: ONE_YEAR_SECONDS,
	swrSeconds: 0,
	cacheControl: `public, max-age=${ONE_YEAR_SECONDS}, immutable`,
});
// Pages cached before a deployment (at the edge or in a browser, minutes at most) still name the
// old script; they get the current one by a redirect that is itself cached only briefly.
const OLD_SCRIPT_URLS = [LEGACY_WIDGET_SCRIPT_PATH, "/assets/:file{widget\\.[0-9a-z]{1,16}\\.js}"];

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>): void {
	app.route("/", eventRoutes);
	app.route("/", consentRoutes);
	app.route("/", recommendationRoutes);
	app.get(WIDGET_SCRIPT_PATH, immutableScript, (c) => {
		c.header("Content-Type", "text/javascript; charset=utf-8");
		return c.body(WIDGET_SCRIPT);
	});
	for (const path of OLD_SCRIPT_URLS) {
		app.get(path, (c) => {
			c.header("Cache-Control", "public, max-age=300");
			return c.redirect(WIDGET_SCRIPT_PATH, 302);
		});
	}
}
