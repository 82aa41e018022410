// The staff API's one registry: every staff route with the operation the vault must allow for
// it. app.ts applies staffAuth once with this table; a staff path that is not here is a 404.
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ACCESS_HEADER, type StaffRoute, staffAuth } from "../middleware/staff-auth";
import { staffAnalyticsRoutes } from "./staff-analytics";
import { staffAuditRoutes } from "./staff-audit";
import { staffConsultationRoutes } from "./staff-consultations";
import { staffDisclosureRoutes } from "./staff-disclosures";
import { staffFulfilmentRoutes } from "./staff-fulfilment";
import { staffMemberRoutes } from "./staff-members";
import { staffOrderRoutes } from "./staff-orders";
import { staffRetentionRoutes } from "./staff-retention";
import { staffReturnRoutes } from "./staff-returns";
import { staffReviewRoutes } from "./staff-reviews";

export const STAFF_ROUTES: readonly StaffRoute[] = [
	["GET", "/api/v1/staff/orders", "orders.list"],
	// Opening the contact is decided again by the vault, for the purpose and fields asked.
	["GET", "/api/v1/staff/orders/{number}/contact", "orders.list"],
	// Fulfilment (issue #8): the warehouse's steps and the manifest, whose consignee details the vault
	// opens again for the purpose fulfilment and audits per export.
	["GET", "/api/v1/staff/orders/manifest", "orders.fulfil"],
	["POST", "/api/v1/staff/orders/{number}/pack", "orders.fulfil"],
	["POST", "/api/v1/staff/orders/{number}/ship", "orders.fulfil"],
	["POST", "/api/v1/staff/orders/{number}/deliver", "orders.fulfil"],
	["GET", "/api/v1/staff/members", "staff.manage"],
	["POST", "/api/v1/staff/members", "staff.manage"],
	["PATCH", "/api/v1/staff/members/{id}", "staff.manage"],
	["GET", "/api/v1/staff/audit/verify", "audit.verify"],
	["GET", "/api/v1/staff/audit/review", "audit.review"],
	["POST", "/api/v1/staff/keys/rotate", "keys.rotate"],
	// Retention (issue #9): one batch of every job, and the vault's steps under the admin's name.
	["POST", "/api/v1/staff/retention/run", "retention.run"],
	["GET", "/api/v1/staff/analytics/summary", "analytics.summary"],
	// Returns (issue #8): any role lists them (no personal data); reading the description is decided
	// again by the vault (purpose support); receiving is the warehouse's, the rest customer service's.
	["GET", "/api/v1/staff/returns", "orders.list"],
	["GET", "/api/v1/staff/returns/{number}", "returns.manage"],
	["POST", "/api/v1/staff/returns/{number}/approve", "returns.manage"],
	["POST", "/api/v1/staff/returns/{number}/reject", "returns.manage"],
	["POST", "/api/v1/staff/returns/{number}/receive", "returns.receive"],
	["POST", "/api/v1/staff/returns/{number}/refund", "refunds.issue"],
	// Reviews (issue #8): reading a text is decided again by the vault (purpose support), publishing too.
	["GET", "/api/v1/staff/reviews", "reviews.moderate"],
	["GET", "/api/v1/staff/reviews/{id}", "reviews.moderate"],
	["POST", "/api/v1/staff/reviews/{id}/publish", "reviews.moderate"],
	["POST", "/api/v1/staff/reviews/{id}/reject", "reviews.moderate"],
	// Consultations (issue #8): customer service; the messages are opened by the vault again
	// (purpose support), and closing a thread closes the vault's case on its order.
	["GET", "/api/v1/staff/consultations", "consultations.answer"],
	["GET", "/api/v1/staff/consultations/{id}", "consultations.answer"],
	["POST", "/api/v1/staff/consultations/{id}/messages", "consultations.answer"],
	["POST", "/api/v1/staff/consultations/{id}/close", "consultations.answer"],
	// Lawful disclosure (issue #9, P11): asked by support or compliance, decided by another compliance
	// officer, run once; the vault checks each step again. Askers and officers both see the list.
	["POST", "/api/v1/staff/disclosures", "disclosures.request"],
	["GET", "/api/v1/staff/disclosures", "disclosures.request"],
	["POST", "/api/v1/staff/disclosures/{id}/decision", "disclosures.decide"],
	["POST", "/api/v1/staff/disclosures/{id}/export", "disclosures.run"],
];

export function registerStaffRoutes(app: OpenAPIHono<AppEnv>): void {
	app.openAPIRegistry.registerComponent("securitySchemes", "CloudflareAccess", {
		type: "apiKey",
		in: "header",
		name: ACCESS_HEADER,
	});
	app.use("/api/v1/staff/*", staffAuth(STAFF_ROUTES));
	app.route("/", staffFulfilmentRoutes);
	app.route("/", staffOrderRoutes);
	app.route("/", staffMemberRoutes);
	app.route("/", staffAuditRoutes);
	app.route("/", staffRetentionRoutes);
	app.route("/", staffAnalyticsRoutes);
	app.route("/", staffReturnRoutes);
	app.route("/", staffReviewRoutes);
	app.route("/", staffConsultationRoutes);
	app.route("/", staffDisclosureRoutes);
}
