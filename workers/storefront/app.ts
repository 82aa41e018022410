import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import { requireAccount } from "./accounts/current-account";
import { sameOriginMutations } from "./accounts/same-origin";
import { registerAnalyticsRoutes } from "./analytics/routes";
import { AppError, handleError, handleNotFound } from "./errors";
import { executionContextOf } from "./execution-context";
import { d1Session } from "./middleware/d1-session";
import { requestLogger } from "./middleware/request-logger";
import { shopperLocale } from "./middleware/shop-locale";
import { shopSecureHeaders } from "./middleware/shop-secure-headers";
import { createRouter } from "./openapi";
import { accountLinkPages } from "./routes/account-link-pages";
import { accountPages } from "./routes/account-pages";
import { afterSalesPages } from "./routes/after-sales-pages";
import { authRoutes } from "./routes/auth";
import { cartRoutes } from "./routes/cart";
import { catalogRoutes } from "./routes/catalog";
import { checkoutRoutes } from "./routes/checkout";
import { consultationRoutes } from "./routes/consultations";
import { localeRoutes } from "./routes/locale";
import { meRoutes } from "./routes/me";
import { mePrivacyRoutes } from "./routes/me-privacy";
import { orderRoutes } from "./routes/orders";
import { pageRoutes } from "./routes/pages";
import { createPaymentPageRoutes } from "./routes/payment-pages";
import { paymentWebhookRoutes } from "./routes/payment-webhook";
import { privacyRoutes } from "./routes/privacy";
import { privacyPages } from "./routes/privacy-pages";
import { privacyRequestPages } from "./routes/privacy-request-pages";
import { privacyRequestRoutes } from "./routes/privacy-requests";
import { returnRoutes } from "./routes/returns";
import { reviewRoutes } from "./routes/reviews";
import { shopPageRoutes } from "./routes/shop-pages";
import { registerStaffRoutes } from "./routes/staff";
import { staffPages } from "./routes/staff-pages";

const MAX_BODY_BYTES = 32 * 1024;

export function createApp() {
	const app = createRouter();

	// Always our own id: a client-chosen X-Request-Id would otherwise ride into every log line.
	app.use(requestId({ generator: () => crypto.randomUUID(), headerName: "" }));
	app.use(async (c, next) => {
		c.header("X-Request-Id", c.var.requestId);
		await next();
	});
	app.use(requestLogger());
	app.use(shopSecureHeaders());
	app.use(csrf());
	app.use(
		bodyLimit({
			maxSize: MAX_BODY_BYTES,
			onError: () => {
				throw new AppError("payload_too_large", `Request body exceeds ${MAX_BODY_BYTES} bytes`);
			},
		}),
	);
	app.use(d1Session());
	app.use(shopperLocale());

	app.get("/healthz", (c) => c.json({ ok: true }));
	app.route("/api/v1", catalogRoutes);
	app.route("/", pageRoutes);
	app.route("/", shopPageRoutes);
	app.route("/", localeRoutes);

	app.route("/api/v1", cartRoutes);
	app.route("/api/v1", checkoutRoutes);
	app.route("/api/v1", orderRoutes);
	app.route("/api/v1", paymentWebhookRoutes);
	app.route("/", privacyRoutes);
	// The local payment stand-in delivers its webhook to this same app, in-process.
	app.route(
		"/",
		createPaymentPageRoutes(async (request, c) => app.fetch(request, c.env, executionContextOf(c))),
	);
	registerAnalyticsRoutes(app);

	// Accounts: a session cookie authenticates these, so no other site may make them change anything.
	app.openAPIRegistry.registerComponent("securitySchemes", "ShopperSession", {
		type: "apiKey",
		in: "cookie",
		name: "__Host-lw_session",
	});
	app.use("/api/v1/auth/*", sameOriginMutations);
	app.use("/api/v1/me", sameOriginMutations, requireAccount);
	app.use("/api/v1/me/*", sameOriginMutations, requireAccount);
	app.route("/", authRoutes);
	app.route("/", meRoutes);
	app.route("/", mePrivacyRoutes);
	app.route("/", returnRoutes);
	app.route("/", consultationRoutes);
	app.route("/", reviewRoutes);
	app.route("/", accountLinkPages);
	app.route("/", privacyRequestRoutes);
	app.route("/", privacyRequestPages);
	app.route("/", privacyPages);
	app.route("/", accountPages);
	app.route("/", afterSalesPages);

	// The staff API, behind Access: staff auth applied once, every operation decided by the vault.
	registerStaffRoutes(app);
	app.route("/", staffPages);

	app.doc31("/api/v1/openapi.json", {
		openapi: "3.1.0",
		info: {
			title: "Loomwash storefront API",
			version: "1.0.0",
			description:
				"Washable rugs at the edge. Errors share one shape: {error: {code, message, requestId, issues?}}.",
		},
	});

	app.notFound(handleNotFound);
	app.onError(handleError);
	return app;
}
