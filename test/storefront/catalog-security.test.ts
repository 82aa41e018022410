import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { BOOKMARK_COOKIE } from "../../workers/storefront/middleware/d1-session";
import { seedCatalog } from "./fixtures/catalog";

const base = "https://loomwash.test";
const get = (path: string, init?: RequestInit) => exports.default.fetch(`${base}${path}`, init);

const HOSTILE = {
	id: 9001,
	slug: "hostile-markup-rug",
	name: `<script>alert("x")</script> Rug`,
	description: `A description with <img src=x onerror=alert(1)> and "quotes" & ampersands.`,
};

beforeAll(async () => {
	await seedCatalog(env.DB);
	// Text from the database is data, never markup: a stored name with HTML in it must render inert.
	await env.DB.prepare(
		`INSERT OR IGNORE INTO products (id, slug, name, description, category_id, material, pile_height_mm,
		 wash_temperature_c, machine_washable, stain_resistant, non_slip_backing, pet_friendly, care_text,
		 currency, min_price_minor, popularity, created_at)
		 VALUES (?, ?, ?, ?, 1, 'cotton', 5, 30, 1, 0, 0, 0, '<b>care</b>', 'USD', 1000, 0, 0)`,
	)
		.bind(HOSTILE.id, HOSTILE.slug, HOSTILE.name, HOSTILE.description)
		.run();
});

describe("rendering stored text", () => {
	it("escapes markup in product names, descriptions and care text", async () => {
		const res = await get(`/p/${HOSTILE.slug}`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).not.toContain("<script>alert");
		expect(html).not.toContain("<img src=x");
		expect(html).not.toContain("<b>care</b>");
		expect(html).toContain("&lt;script&gt;");
		expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
	});

	it("returns the same text unchanged (JSON-encoded) from the API", async () => {
		const body = (await (await get(`/api/v1/products/${HOSTILE.slug}`)).json()) as { name: string };
		expect(body.name).toBe(HOSTILE.name);
	});
});

describe("D1 session bookmark cookie on catalog reads", () => {
	it("reads with a valid bookmark and hands none back on a read", async () => {
		const session = env.DB.withSession("first-primary");
		await session.prepare("SELECT COUNT(*) FROM products").first();
		const bookmark = session.getBookmark();
		expect(bookmark).toMatch(/^[0-9a-f]+(-[0-9a-f]+)+$/);
		const res = await get("/api/v1/products?limit=3", {
			headers: { cookie: `__Host-${BOOKMARK_COOKIE}=${bookmark}` },
		});
		expect(res.status).toBe(200);
		expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(3);
		expect(res.headers.get("set-cookie")).toBeNull();
	});

	it.each([
		"garbage",
		"%%%",
		"x".repeat(4096),
		"00000000-zzzz",
		"' OR 1=1 --",
		"%F0%9F%A7%B6",
		"0-0-0-0-0-0-0-0-0-0-0",
	])("ignores the garbage bookmark %s instead of failing", async (value) => {
		for (const path of ["/api/v1/categories", "/c/runners", "/p/sable-diamond-area-rug"]) {
			const res = await get(path, { headers: { cookie: `__Host-${BOOKMARK_COOKIE}=${value}` } });
			expect(res.status, path).toBe(200);
		}
	});

	it("survives a malformed Cookie header", async () => {
		const res = await get("/api/v1/categories", {
			headers: { cookie: `;;=;__Host-${BOOKMARK_COOKIE}; =x; a=b=c` },
		});
		expect(res.status).toBe(200);
	});
});
