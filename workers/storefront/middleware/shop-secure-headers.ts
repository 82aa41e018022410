import { secureHeaders } from "hono/secure-headers";

/** The shop's security headers: hono's defaults (HSTS, nosniff, no referrer…) and its CSP. */
export const shopSecureHeaders = () =>
	secureHeaders({
		contentSecurityPolicy: {
			defaultSrc: ["'self'"],
			scriptSrc: ["'self'"],
			styleSrc: ["'self'", "'unsafe-inline'"],
			imgSrc: ["'self'", "data:"],
			formAction: ["'self'", "https://checkout.stripe.com"],
			frameAncestors: ["'none'"],
			// No <base> may re-point relative links and form actions; no plugins.
			baseUri: ["'none'"],
			objectSrc: ["'none'"],
		},
	});
