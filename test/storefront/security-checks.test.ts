// Issue #12, security checks: secure headers and CSP on every kind of response, CORS closed by
// default, every cookie the shop sets __Host- prefixed, Secure, HttpOnly and SameSite=Lax, and a
// rate limit on every endpoint a loop could abuse (sign-in, checkout, events, order lookups).
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BROWSER_UA } from "./analytics/helpers";
import { login, registeredCustomer } from "./fixtures/accounts";
import { placeOrder } from "./fixtures/checkout-flow";
import { BASE, checkoutBody, createVariant, Shopper } from "./fixtures/commerce";

type OpenApiDoc = { paths: Record<string, Record<string, unknown>> };

function expectSecureHeaders(res: Response, what: string) {
	const csp = res.headers.get("content-security-policy") ?? "";
	for (const directive of [
		"default-src 'self'",
		"base-uri 'none'",
		"object-src 'none'",
		"frame-ancestors 'none'",
	]) {
		expect(csp, `${what}: ${directive}`).toContain(directive);
	}
	expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
	expect(res.headers.get("strict-transport-security"), what).toMatch(/max-age=\d+/);
	expect(res.headers.get("referrer-policy"), what).toBe("no-referrer");
	expect(res.headers.get("access-control-allow-origin"), what).toBeNull();
}

describe("headers on every response", () => {
	it("secure headers and a CSP on every documented GET, on errors and on pages", async () => {
		const doc = (await (await exports.default.fetch(`${BASE}/api/v1/openapi.json`)).json()) as OpenApiDoc;
		const paths = Object.entries(doc.paths)
			.filter(([, methods]) => "get" in methods)
			.map(([path]) => path.replace(/\{[^}]+\}/g, "x"));
		expect(paths.length).toBeGreaterThan(10);
		for (const path of [...paths, "/", "/cart", "/no-such-page", "/api/v1/no-such-route"]) {
			expectSecureHeaders(await exports.default.fetch(`${BASE}${path}`), `GET ${path}`);
		}
		const refused = await exports.default.fetch(`${BASE}/api/v1/cart/items`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: "{",
		});
		expect(refused.status).toBe(400);
		expectSecureHeaders(refused, "a refused POST");
	});

	it("keeps CORS closed: no other origin may read or preflight anything", async () => {
		for (const path of ["/api/v1/products", "/api/v1/me", "/api/v1/auth/login", "/api/v1/checkout"]) {
			const preflight = await exports.default.fetch(`${BASE}${path}`, {
				method: "OPTIONS",
				headers: {
					origin: "https://evil.example",
					"access-control-request-method": "POST",
					"access-control-request-headers": "content-type",
				},
			});
			expect(preflight.headers.get("access-control-allow-origin"), path).toBeNull();
			expect(preflight.headers.get("access-control-allow-credentials"), path).toBeNull();
			const read = await exports.default.fetch(`${BASE}${path}`, {
				headers: { origin: "https://evil.example" },
			});
			expect(read.headers.get("access-control-allow-origin"), path).toBeNull();
		}
	});
});

describe("cookies", () => {
	it("every cookie the shop sets is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
		const setCookies: string[] = [];
		const record = (res: Response) => {
			setCookies.push(...res.headers.getSetCookie());
			return res;
		};
		const { shopper, email } = await registeredCustomer();
		const variant = await createVariant({ stock: 3 });
		record(await login(shopper, email));
		record(await shopper.createCart());
		record(await shopper.addItem(variant.variantId, 1));
		record(
			await shopper.fetch("/api/v1/events", {
				method: "POST",
				headers: { "content-type": "application/json", "user-agent": BROWSER_UA },
				body: JSON.stringify({
					events: [
						{ type: "view", productId: variant.productId },
						{ type: "view", productId: variant.productId + 1 },
					],
				}),
			}),
		);
		record(await shopper.json("/api/v1/consent", "POST", { analytics: false }));
		const placed = await placeOrder();
		record(await placed.shopper.fetch(`/orders/${placed.checkout.order.number}/thanks`));
		record(await shopper.json("/api/v1/auth/logout", "POST"));
		const names = new Set(setCookies.map((c) => c.split("=")[0]));
		for (const name of ["session", "device", "cart", "recent", "paired", "consent", "bm"]) {
			expect(
				[...names].some((n) => n === `__Host-lw_${name}`),
				name,
			).toBe(true);
		}
		for (const cookie of setCookies) {
			expect(cookie, cookie).toMatch(/^__Host-lw_[a-z]+=/);
			expect(cookie, cookie).toMatch(/;\s*Secure/i);
			expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
			expect(cookie, cookie).toMatch(/;\s*SameSite=Lax/i);
			expect(cookie, cookie).toMatch(/;\s*Path=\//i);
			expect(cookie, cookie).not.toMatch(/;\s*Domain=/i);
		}
	});
});

describe("rate limits on what a loop could abuse", () => {
	async function firstRefusal(send: () => Promise<Response>, max: number): Promise<number | null> {
		for (let i = 1; i <= max; i++) {
			const res = await send();
			if (res.status === 429) {
				expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
				return i;
			}
		}
		return null;
	}

	it("sign-in, checkout, events and order lookups each meet a 429 from one client", async () => {
		const client = new Shopper();
		expect(
			await firstRefusal(() => login(client, "nobody.at.all@example.org", "wrong password here"), 30),
		).not.toBeNull();
		expect(
			await firstRefusal(() => client.json("/api/v1/auth/reset", "POST", { email: "x.y@example.org" }), 30),
		).not.toBeNull();
		const buyer = new Shopper();
		const variant = await createVariant({ stock: 100 });
		expect(
			await firstRefusal(async () => {
				await buyer.createCart();
				await buyer.addItem(variant.variantId, 1);
				return buyer.json("/api/v1/checkout", "POST", checkoutBody());
			}, 30),
		).not.toBeNull();
		const beacon = new Shopper();
		expect(
			await firstRefusal(
				() =>
					beacon.fetch("/api/v1/events", {
						method: "POST",
						headers: { "content-type": "application/json", "user-agent": BROWSER_UA },
						body: JSON.stringify({ events: [{ type: "page", path: "/" }] }),
					}),
				300,
			),
		).not.toBeNull();
		const looker = new Shopper();
		expect(
			await firstRefusal(
				() =>
					looker.json("/api/v1/orders/lookup", "POST", {
						orderNumber: `LW-${crypto.randomUUID().slice(0, 4)}`,
						email: "a@b.co",
					}),
				40,
			),
		).not.toBeNull();
	}, 120_000);
});
