import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { registerAnalyticsRoutes } from "./analytics/routes";
import { AppError, handleError, handleNotFound } from "./errors";
import { d1Session } from "./middleware/d1-session";
import { requestLogger } from "./middleware/request-logger";
import { createRouter } from "./openapi";

const MAX_BODY_BYTES = 32 * 1024;

export function createApp() {
	const app = createRouter();

	app.use(requestId({ limitLength: 64 }));
	app.use(requestLogger());
	app.use(
		secureHeaders({
			contentSecurityPolicy: {
				defaultSrc: ["'self'"],
				scriptSrc: ["'self'"],
				styleSrc: ["'self'", "'unsafe-inline'"],
				imgSrc: ["'self'", "data:"],
				formAction: ["'self'", "https://checkout.stripe.com"],
				frameAncestors: ["'none'"],
			},
		}),
	);
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

	app.get("/healthz", (c) => c.json({ ok: true }));
	registerAnalyticsRoutes(app);

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
