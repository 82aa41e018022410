// The staff API's one registry: every staff route with the operation the vault must allow for
// it. app.ts applies staffAuth once with this table; a staff path that is not here is a 404.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ACCESS_HEADER, type StaffRoute, staffAuth } from "../middleware/staff-auth";
import { staffAnalyticsRoutes } from "./staff-analytics";
import { staffAuditRoutes } from "./staff-audit";
import { staffMemberRoutes } from "./staff-members";
import { staffOrderRoutes } from "./staff-orders";

export const STAFF_ROUTES: readonly StaffRoute[] = [
	["GET", "/api/v1/staff/orders", "orders.list"],
	// Opening the contact is decided again by the vault, for the purpose and fields asked.
	["GET", "/api/v1/staff/orders/{number}/contact", "orders.list"],
	["GET", "/api/v1/staff/members", "staff.manage"],
	["POST", "/api/v1/staff/members", "staff.manage"],
	["PATCH", "/api/v1/staff/members/{id}", "staff.manage"],
	["GET", "/api/v1/staff/audit/verify", "audit.verify"],
	["GET", "/api/v1/staff/audit/review", "audit.review"],
	["POST", "/api/v1/staff/keys/rotate", "keys.rotate"],
	["GET", "/api/v1/staff/analytics/summary", "analytics.summary"],
];

export function registerStaffRoutes(app: OpenAPIHono<AppEnv>): void {
	app.openAPIRegistry.registerComponent("securitySchemes", "CloudflareAccess", {
		type: "apiKey",
		in: "header",
		name: ACCESS_HEADER,
	});
	app.use("/api/v1/staff/*", staffAuth(STAFF_ROUTES));
	app.route("/", staffOrderRoutes);
	app.route("/", staffMemberRoutes);
	app.route("/", staffAuditRoutes);
	app.route("/", staffAnalyticsRoutes);
}
