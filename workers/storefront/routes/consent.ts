// GET/POST /api/v1/consent: the shopper's analytics consent, kept in their own cookie (P6).
import { createRoute, z } from "@hono/zod-openapi";
import { analyticsConsent, browserAnalyticsConsent, setAnalyticsConsent } from "../analytics/consent";
import { createRouter, errorResponses } from "../openapi";

const ConsentSchema = z
	.object({
		analytics: z.boolean().openapi({ description: "Whether anonymous aggregate analytics may be collected" }),
		reason: z
			.enum(["granted", "default", "withdrawn", "global_privacy_control", "do_not_track"])
			.openapi({ description: "What decided it; browser signals (GPC, DNT) win over the cookie" }),
	})
	.openapi("AnalyticsConsent");

const ConsentUpdateSchema = z.object({ analytics: z.boolean() }).strict().openapi("AnalyticsConsentUpdate");

const getConsent = createRoute({
	method: "get",
	path: "/api/v1/consent",
	tags: ["privacy"],
	summary: "Current analytics consent",
	responses: { 200: { description: "Consent", content: { "application/json": { schema: ConsentSchema } } } },
});

const postConsent = createRoute({
	method: "post",
	path: "/api/v1/consent",
	tags: ["privacy"],
	summary: "Give or withdraw analytics consent",
	description: "Withdrawal takes effect from the next request and also forgets the recent-views cookie.",
	request: { body: { required: true, content: { "application/json": { schema: ConsentUpdateSchema } } } },
	responses: {
		200: { description: "Consent recorded", content: { "application/json": { schema: ConsentSchema } } },
		...errorResponses(400),
	},
});

export const consentRoutes = createRouter();

consentRoutes.openapi(getConsent, async (c) => {
	const consent = await analyticsConsent(c);
	return c.json({ analytics: consent.allowed, reason: consent.reason }, 200);
});

consentRoutes.openapi(postConsent, (c) => {
	const { analytics } = c.req.valid("json");
	setAnalyticsConsent(c, analytics);
	// Browser signals still win over a freshly granted cookie.
	const signal = browserAnalyticsConsent(c);
	const blocked = signal.reason === "global_privacy_control" || signal.reason === "do_not_track";
	return c.json(
		blocked
			? { analytics: false, reason: signal.reason }
			: { analytics, reason: analytics ? "granted" : "withdrawn" },
		200,
	);
});
