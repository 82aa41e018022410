// Everything analytics adds to the storefront app, mounted with one call from app.ts.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { consentRoutes } from "../routes/consent";
import { eventRoutes } from "../routes/events";
import { recommendationRoutes } from "../routes/recommendations";
import { WIDGET_SCRIPT, WIDGET_SCRIPT_PATH } from "./widget-script";

export function registerAnalyticsRoutes(app: OpenAPIHono<AppEnv>): void {
	app.route("/", eventRoutes);
	app.route("/", consentRoutes);
	app.route("/", recommendationRoutes);
	app.get(WIDGET_SCRIPT_PATH, (c) => {
		c.header("Content-Type", "text/javascript; charset=utf-8");
		c.header("Cache-Control", "public, max-age=3600");
		return c.body(WIDGET_SCRIPT);
	});
}
