// Every operation in the published OpenAPI document, hit with hostile input: nothing may
// answer 5xx, and every 4xx must carry the shared error shape.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const base = "https://loomwash.test";

type Operation = { method: string; path: string; hasBody: boolean; queryNames: string[] };
type OpenApiDoc = {
	paths: Record<
		string,
		Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>
	>;
};

const HOSTILE_STRINGS = [
	"",
	"' OR 1=1 --",
	"../../../etc/passwd",
	"%00%ff",
	"😀🧶".repeat(200),
	"x".repeat(5000),
	"-1",
	"1e309",
	"NaN",
	"<script>alert(1)</script>",
	"null",
	"[]",
	"{}",
];

const HOSTILE_BODIES: { contentType: string | null; body: string }[] = [
	{ contentType: "application/json", body: "{" },
	{ contentType: "application/json", body: "[]" },
	{ contentType: "application/json", body: "null" },
	{ contentType: "application/json", body: '"string"' },
	{ contentType: "application/json", body: "123" },
	{
		contentType: "application/json",
		body: JSON.stringify({ __proto__: { polluted: true }, constructor: 1 }),
	},
	{ contentType: "application/json", body: `${"[".repeat(2000)}${"]".repeat(2000)}` },
	{ contentType: "application/json", body: JSON.stringify({ a: "x".repeat(40_000) }) },
	{
		contentType: "application/json",
		body: JSON.stringify({ quantity: -5, variantId: "1; DROP TABLE products" }),
	},
	{ contentType: "application/json", body: JSON.stringify({ email: 42, name: ["a"], address: "nope" }) },
	{ contentType: "text/plain", body: "hello" },
	{ contentType: "application/x-www-form-urlencoded", body: "a=1&b=2" },
	{ contentType: null, body: '{"a":1}' },
];

async function listOperations(): Promise<Operation[]> {
	const res = await exports.default.fetch(`${base}/api/v1/openapi.json`);
	const doc = (await res.json()) as OpenApiDoc;
	return Object.entries(doc.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, op]) => ({
			method: method.toUpperCase(),
			path,
			hasBody: op.requestBody !== undefined,
			queryNames: (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
		})),
	);
}

function fillPath(path: string, value: string) {
	return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

async function expectNoServerError(label: string, res: Response) {
	const text = await res.text();
	expect(res.status, `${label} -> ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
	if (res.status >= 400 && res.headers.get("content-type")?.includes("application/json")) {
		const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
		expect(typeof body.error?.code, `${label} error shape`).toBe("string");
		expect(typeof body.error?.message, `${label} error shape`).toBe("string");
	}
}

// Every operation in turn, over a hundred of them with the pages: minutes on a loaded machine.
const WALK_TIMEOUT_MS = 240_000;

describe("every OpenAPI operation under hostile input", () => {
	it("publishes at least one operation to probe", async () => {
		expect((await listOperations()).length).toBeGreaterThan(0);
	});

	it(
		"never answers 5xx to hostile path and query values",
		async () => {
			for (const op of await listOperations()) {
				for (const value of HOSTILE_STRINGS) {
					const url = new URL(fillPath(op.path, value), base);
					for (const name of op.queryNames) url.searchParams.set(name, value);
					url.searchParams.set("unexpected", value);
					const res = await exports.default.fetch(url, {
						method: op.method,
						headers: { "content-type": "application/json", origin: base },
						body: op.hasBody ? "{}" : undefined,
					});
					await expectNoServerError(`${op.method} ${url.pathname}`, res);
				}
			}
		},
		WALK_TIMEOUT_MS,
	);

	it(
		"never answers 5xx to hostile bodies, content types and cookies",
		async () => {
			for (const op of (await listOperations()).filter((o) => o.method !== "GET")) {
				for (const { contentType, body } of HOSTILE_BODIES) {
					const headers: Record<string, string> = {
						origin: base,
						cookie: "lw_cart=forged.value; __Host-lw_bm=not-a-bookmark; __Host-lw_consent=%ff",
					};
					if (contentType) headers["content-type"] = contentType;
					const res = await exports.default.fetch(new URL(fillPath(op.path, "1"), base), {
						method: op.method,
						headers,
						body,
					});
					await expectNoServerError(`${op.method} ${op.path} [${contentType}] ${body.slice(0, 40)}`, res);
				}
			}
		},
		WALK_TIMEOUT_MS,
	);
});
