// No full table scans (issue #11): every distinct statement the storefront runs for a
// representative set of requests is captured on its way to D1 and explained with
// EXPLAIN QUERY PLAN on the same database. A plain `SCAN <table>` of a table that grows with
// traffic or with the catalog fails the test; index scans and searches pass.
import { env } from "cloudflare:workers";
import { getTableName, isTable } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../workers/storefront/db/schema";
import {
	asStaff,
	customerWithDeliveredOrder,
	deliveredGuestOrder,
	guestRequest,
	guestReturnBody,
	returnBody,
} from "./after-sales/returns-fixtures";
import { publishReview, verifiedBuyer, writtenReview } from "./after-sales/review-fixtures";
import { login } from "./fixtures/accounts";
import { seedCatalog } from "./fixtures/catalog";
import { placeOrder } from "./fixtures/checkout-flow";
import { checkoutBody, createVariant, Shopper } from "./fixtures/commerce";

const ALL_TABLES: string[] = Object.values(schema)
	.filter((value) => isTable(value))
	.map((table) => getTableName(table));

/**
 * Tables that grow with the catalog or with traffic (workers/storefront/db/schema.ts): a
 * request must reach their rows through an index.
 */
const GROWING_TABLES = [
	"products",
	"variants",
	"variant_prices",
	"product_prices",
	"carts",
	"cart_lines",
	"orders",
	"order_lines",
	"order_contacts",
	"checkout_holds",
	"customers",
	"customer_addresses",
	"event_budgets",
	"payment_events",
	"local_payment_sessions",
	"refunds",
	"returns",
	"return_lines",
	"consultations",
	"consultation_messages",
	"reviews",
];

/**
 * Allowed to scan, the schema's small fixed tables: `categories`, a handful of rows staff create
 * by hand (the navigation lists every one on every page, so reading them all is the plan),
 * `policy_versions` (one row per published privacy policy) and `job_cursors` (one row per cron
 * job). A temporary b-tree for ORDER BY / GROUP BY / DISTINCT is allowed too: it sorts a result
 * already bounded by an indexed search or a LIMIT, and shows as "USE TEMP B-TREE", never as SCAN.
 */
const SMALL_FIXED_TABLES = ["categories", "policy_versions", "job_cursors"];

/**
 * Statements that read a whole table on purpose. The sitemap lists every product's address
 * (capped at the protocol's 50,000 a file) and is public and cached like any catalog page.
 */
const WHOLE_TABLE_READS = [/^select "slug" from "products" order by "products"\."id" asc limit \?$/];

const FULL_SCAN = /^SCAN (\w+)(?: AS \w+)?$/;

type Captured = { sql: string; params: unknown[] };

/** Records every statement prepared on a D1 session (the storefront's per-request reads). */
function captureSessionStatements(): { statements: Map<string, Captured>; restore: () => void } {
	const statements = new Map<string, Captured>();
	const sessionPrototype = Object.getPrototypeOf(env.DB.withSession("first-unconstrained")) as {
		prepare(query: string): D1PreparedStatement;
	};
	const prepare = sessionPrototype.prepare;
	sessionPrototype.prepare = function (this: unknown, query: string) {
		const statement = prepare.call(this, query);
		const bind = statement.bind.bind(statement);
		statement.bind = (...params: unknown[]) => {
			if (!statements.has(query)) statements.set(query, { sql: query, params });
			return bind(...params);
		};
		return statement;
	};
	return {
		statements,
		restore: () => {
			sessionPrototype.prepare = prepare;
		},
	};
}

type PlanRow = { id: number; parent: number; detail: string };

async function queryPlan({ sql, params }: Captured): Promise<string[]> {
	const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
		.bind(...params)
		.all<PlanRow>();
	return results.map((row) => row.detail);
}

/** The table a plan line scans in full, resolving an alias (`variants w`), or null. */
function scannedTable(detail: string, sql: string): string | null {
	const name = FULL_SCAN.exec(detail)?.[1];
	if (!name) return null;
	if (ALL_TABLES.includes(name)) return name;
	const aliased = new RegExp(`"?(\\w+)"?\\s+(?:as\\s+)?"?${name}"?(?:\\s|$)`, "i").exec(sql);
	return aliased?.[1] ?? name;
}

const capture = captureSessionStatements();
afterAll(() => capture.restore());

/** Asserts the request answered as expected (a failed request would capture nothing useful). */
async function expectStatus(res: Promise<Response>, status: number, what: string) {
	const response = await res;
	expect(response.status, what).toBe(status);
	await response.arrayBuffer();
}

const get = (path: string) => new Shopper().fetch(path);

beforeAll(async () => {
	await seedCatalog(env.DB);
});

describe("query plans", () => {
	it("sees a full scan where there is one", async () => {
		const unindexed = { sql: "select id from orders where ship_country = ?", params: ["DE"] };
		const scanned = (await queryPlan(unindexed)).map((detail) => scannedTable(detail, unindexed.sql));
		expect(scanned).toContain("orders");
		const aliased = { sql: "select w.id from variants w where w.stock = ?", params: [3] };
		expect((await queryPlan(aliased)).map((detail) => scannedTable(detail, aliased.sql))).toContain(
			"variants",
		);
	});

	it("knows every table of the schema as growing or small and fixed", () => {
		expect([...GROWING_TABLES, ...SMALL_FIXED_TABLES].sort()).toEqual([...ALL_TABLES].sort());
	});

	it("captures the statements of the shop's requests", async () => {
		// Catalog: each filter and each sort, a second page, the detail and the pages.
		const filters = [
			"",
			"category=living-room",
			"color=sage",
			"size=5x7",
			"washable=true",
			"stainResistant=true",
			"petFriendly=true",
			"minPrice=1000&maxPrice=20000",
			"q=wool+runner",
		];
		for (const filter of filters)
			await expectStatus(get(`/api/v1/products?${filter}`), 200, `products?${filter}`);
		for (const sort of ["popular", "newest", "price_asc", "price_desc"]) {
			const first = await get(`/api/v1/products?sort=${sort}&limit=5`);
			const { nextCursor } = (await first.json()) as { nextCursor: string };
			await expectStatus(get(`/api/v1/products?sort=${sort}&limit=5&cursor=${nextCursor}`), 200, sort);
		}
		await expectStatus(get("/api/v1/categories"), 200, "categories");
		const rug = await createVariant({ stock: 9 });
		const slug = `rug-${rug.productId}`;
		await expectStatus(get(`/api/v1/products/${slug}`), 200, "detail");
		await expectStatus(get("/"), 200, "home");
		await expectStatus(get(`/p/${slug}`), 200, "product page");
		await expectStatus(get("/c/living-room?color=sage&sort=price_asc"), 200, "category page");
		await expectStatus(get("/search?q=rug"), 200, "search");
		await expectStatus(get("/sitemap.xml"), 200, "sitemap");
		// The same in other markets: each price list read through its (currency, price, id) index.
		await expectStatus(get(`/fr-fr/p/${slug}`), 200, "product page in euros");
		await expectStatus(get("/ja-jp/c/living-room?sort=price_asc&minPrice=5000"), 200, "category in yen");
		await expectStatus(get("/de-de/search?q=rug&sort=price_desc"), 200, "search in euros");
		await expectStatus(
			get("/api/v1/products?market=uk&sort=price_asc&maxPrice=20000"),
			200,
			"listing in pounds",
		);
		await expectStatus(get(`/api/v1/products/${slug}?market=jp`), 200, "detail in yen");

		// Cart and checkout, then the guest's order lookup.
		const shopper = new Shopper();
		await expectStatus(shopper.createCart(), 201, "cart");
		await expectStatus(shopper.addItem(rug.variantId, 1), 200, "add");
		await expectStatus(shopper.addItem(rug.variantId, 1), 200, "merge");
		const other = await createVariant();
		await expectStatus(shopper.addItem(other.variantId, 1), 200, "add other");
		await expectStatus(
			shopper.json(`/api/v1/cart/items/${rug.variantId}`, "PATCH", { quantity: 3 }),
			200,
			"update",
		);
		await expectStatus(
			shopper.fetch(`/api/v1/cart/items/${other.variantId}`, { method: "DELETE" }),
			200,
			"remove",
		);
		await expectStatus(shopper.fetch("/api/v1/cart"), 200, "read cart");
		await expectStatus(shopper.json("/api/v1/cart/market", "PUT", { market: "eu" }), 200, "cart to euros");
		await expectStatus(shopper.json("/api/v1/cart/market", "PUT", { market: "us" }), 200, "cart to dollars");
		await expectStatus(shopper.json("/api/v1/checkout", "POST", checkoutBody()), 201, "checkout");
		const abroad = new Shopper();
		await expectStatus(abroad.createCart(), 201, "cart abroad");
		await expectStatus(abroad.addItem(other.variantId, 1), 200, "add abroad");
		await expectStatus(
			abroad.json("/api/v1/cart/market", "PUT", { market: "eu" }),
			200,
			"cart abroad to euros",
		);
		const paris = { line1: "1 rue de Rivoli", city: "Paris", postalCode: "75001", country: "FR" };
		await expectStatus(
			abroad.json("/api/v1/checkout", "POST", checkoutBody({ address: paris })),
			201,
			"checkout in euros",
		);
		const { checkout } = await placeOrder();
		await expectStatus(
			new Shopper().json("/api/v1/orders/lookup", "POST", {
				orderNumber: checkout.order.number,
				email: checkoutBody().email,
			}),
			200,
			"lookup",
		);

		// Accounts: sign-in, order history and an order, a return of their own.
		const customer = await customerWithDeliveredOrder();
		await expectStatus(login(new Shopper(), customer.email, customer.password), 200, "login");
		await expectStatus(customer.shopper.fetch("/api/v1/me/orders"), 200, "order history");
		await expectStatus(customer.shopper.fetch(`/api/v1/me/orders/${customer.order.number}`), 200, "order");
		await expectStatus(
			customer.shopper.json(
				`/api/v1/me/orders/${customer.order.number}/returns`,
				"POST",
				returnBody(customer.order),
			),
			201,
			"own return",
		);
		await expectStatus(customer.shopper.fetch("/api/v1/me/returns"), 200, "own returns");

		// A guest's return.
		const delivered = await deliveredGuestOrder();
		await expectStatus(guestRequest(guestReturnBody(delivered)), 201, "guest return");

		// Reviews: written, published by staff, shown on the product.
		const { product, customer: buyer } = await verifiedBuyer();
		const review = await writtenReview(buyer.shopper, product, 5, "Survived three washes and a dog.");
		await expectStatus(publishReview(review.id), 200, "publish");
		await expectStatus(get(`/api/v1/products/rug-${product.productId}`), 200, "reviews on a product");
		await expectStatus(get(`/p/rug-${product.productId}`), 200, "reviews on a page");

		// Staff lists.
		await expectStatus(asStaff("fulfilment", "/api/v1/staff/orders?limit=20"), 200, "staff orders");
		await expectStatus(asStaff("fulfilment", "/api/v1/staff/returns?status=requested"), 200, "staff returns");
		await expectStatus(asStaff("support", "/api/v1/staff/reviews?status=pending"), 200, "staff reviews");
		await expectStatus(asStaff("support", "/api/v1/staff/consultations"), 200, "staff consultations");

		expect(capture.statements.size).toBeGreaterThan(30);
	});

	it("reaches every growing table through an index", async () => {
		const scans: string[] = [];
		for (const statement of capture.statements.values()) {
			if (WHOLE_TABLE_READS.some((read) => read.test(statement.sql))) continue;
			for (const detail of await queryPlan(statement)) {
				const table = scannedTable(detail, statement.sql);
				if (table && !SMALL_FIXED_TABLES.includes(table)) scans.push(`${detail} in: ${statement.sql}`);
			}
		}
		expect(scans).toEqual([]);
	});
});
