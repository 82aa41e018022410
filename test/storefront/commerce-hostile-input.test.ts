// What a black-box fuzzer would send to every commerce operation: none of it may produce a 500,
// and every failure must come back in the shared error shape.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE, CART_COOKIE, createVariant, Shopper } from "./fixtures/commerce";

const OPERATIONS: [string, string][] = [
	["POST", "/api/v1/cart"],
	["GET", "/api/v1/cart"],
	["POST", "/api/v1/cart/items"],
	["PATCH", "/api/v1/cart/items/{id}"],
	["DELETE", "/api/v1/cart/items/{id}"],
	["POST", "/api/v1/checkout"],
	["POST", "/api/v1/orders/lookup"],
	["POST", "/api/v1/payments/webhook"],
	["GET", "/pay/local/{id}"],
	["POST", "/pay/local/{id}"],
	["GET", "/orders/{id}/thanks"],
	["GET", "/orders/{id}/cancelled"],
];

const PATH_PARAMS = [
	"1",
	"0",
	"-1",
	"1.5",
	"99999999999999999999",
	"abc",
	"%00",
	"%E0%A4%A",
	"💥",
	"..%2F..",
	"LW-0000-0000-0000",
	"A".repeat(22),
	"x".repeat(600),
];

let deep: unknown = "leaf";
for (let i = 0; i < 200; i++) deep = { a: deep };

const BODIES: [string | undefined, string][] = [
	[undefined, ""],
	[undefined, "variantId=1&quantity=1"],
	["text/plain", "hello"],
	["application/x-www-form-urlencoded", "decision=pay&decision=decline&x=%ZZ"],
	["multipart/form-data; boundary=zz", "--zz\r\nbroken"],
	["application/json", ""],
	["application/json", "{"],
	["application/json", "null"],
	["application/json", "[]"],
	["application/json", '[{"variantId":1,"quantity":1}]'],
	["application/json", '"string"'],
	["application/json", "12345678901234567890"],
	["application/json", JSON.stringify(deep)],
	["application/json", JSON.stringify({ variantId: -1, quantity: 1e308 })],
	["application/json", JSON.stringify({ variantId: 1.5, quantity: "1" })],
	[
		"application/json",
		JSON.stringify({ variantId: 1, quantity: 1, __proto__: { admin: true }, constructor: 1 }),
	],
	["application/json", JSON.stringify({ email: "a@b.co", orderNumber: "\u0000\uFFFF\uD800" })],
	["application/json", JSON.stringify({ email: "x".repeat(20_000) })],
	["application/json", `{"a":"${"x".repeat(40_000)}"}`],
	["application/json; charset=utf-16", '{"quantity":1}'],
];

function isErrorShape(body: unknown): boolean {
	const error = (body as { error?: { code?: unknown; message?: unknown; requestId?: unknown } }).error;
	return (
		typeof error?.code === "string" &&
		typeof error.message === "string" &&
		typeof error.requestId === "string"
	);
}

async function check(label: string, res: Response) {
	expect(res.status, label).toBeLessThan(500);
	if (res.status >= 400) {
		const text = await res.text();
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		expect(isErrorShape(body), `${label}: ${text.slice(0, 200)}`).toBe(true);
	} else {
		await res.arrayBuffer();
	}
}

describe("hostile input to commerce operations", () => {
	it("never answers 500, and fails in the shared shape", async () => {
		const variant = await createVariant({ stock: 3 });
		const shopper = new Shopper();
		await shopper.createCart();
		await shopper.addItem(variant.variantId, 1);
		const cookies = [
			shopper.cookies.get(CART_COOKIE) ?? "",
			"x",
			`${"A".repeat(22)}.${"B".repeat(43)}=`,
			"%E0%A4%A",
			"a.b.c.d",
		];

		for (const [method, template] of OPERATIONS) {
			for (const param of template.includes("{id}") ? PATH_PARAMS : ["-"]) {
				const path = template.replace("{id}", param);
				for (const [contentType, body] of method === "GET" ? [[undefined, ""] as const] : BODIES) {
					const headers: Record<string, string> = { origin: BASE };
					if (contentType) headers["content-type"] = contentType;
					const res = await exports.default.fetch(`${BASE}${path}`, {
						method,
						headers,
						body: method === "GET" ? undefined : body,
					});
					await check(`${method} ${path} ${contentType} ${body.slice(0, 40)}`, res);
				}
			}
			for (const cookie of cookies) {
				const path = template.replace("{id}", String(variant.variantId));
				const res = await exports.default.fetch(`${BASE}${path}`, {
					method,
					headers: { origin: BASE, cookie: `${CART_COOKIE}=${cookie}`, "content-type": "application/json" },
					body: method === "GET" ? undefined : "{}",
				});
				await check(`${method} ${path} cookie ${cookie.slice(0, 20)}`, res);
			}
		}
	}, 120_000);

	it("documents every commerce operation in the OpenAPI document", async () => {
		const res = await exports.default.fetch(`${BASE}/api/v1/openapi.json`);
		const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
		for (const [method, template] of OPERATIONS) {
			const path = template.replace(
				"{id}",
				template.includes("orders/") ? "{number}" : template.includes("pay/") ? "{sessionId}" : "{variantId}",
			);
			expect(doc.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
		}
	});
});
