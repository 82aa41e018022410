// Property-based input (issue #12): for every operation in the published OpenAPI document,
// requests drawn from the operation's own schemas (the document is generated from the zod schemas
// the routes validate with), valid ones and ones with one thing wrong: a missing or unknown field,
// a wrong type, a value past a bound, huge strings and arrays, unicode edge cases, injection
// strings, malformed JSON, wrong content types and methods, oversize bodies, odd client headers,
// tampered cookies and JWTs; the browser's cart (none, empty, gone out of stock) is drawn too.
// Whatever arrives, the answer is a success or a 4xx in the shared error shape (pages may refuse
// with a page), never a 5xx; and a refused request changes no stored row of the commerce database
// (env.DB only: the vault's audit log rightly records refused staff tokens).
//
// Reproducing a failure: fast-check prints the seed, the path and the shrunk input (operation,
// plan, cart state). Put them in REPLAY to rerun exactly that case, and the input in REGRESSIONS
// once it is fixed. To look further, change BASE_SEED or raise NUM_RUNS locally.
import { env, exports } from "cloudflare:workers";
import fc from "fast-check";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { signWebhookPayload } from "../../workers/storefront/payments/webhook-signature";
import {
	type Browser,
	buildRequest,
	type RequestDeps,
	SESSION_COOKIE,
	STAFF_HEADER,
	truncate,
} from "../property/build-request";
import { changedTables, snapshotTables } from "../property/db-snapshot";
import { arbitraryOf, type JsonSchema, type SchemaContext } from "../property/json-schema-arbitrary";
import type { JwtKeys } from "../property/jwt-tamper";
import { isPage, listOperations, type OpenApiDocument, type Operation } from "../property/openapi-operations";
import { applyMutation, Computed, type Plan, planArbitrary } from "../property/request-plan";
import { staffMember, staffToken } from "./analytics/helpers";
import { registerBody, registeredCustomer, uniqueEmail } from "./fixtures/accounts";
import { placeOrder } from "./fixtures/checkout-flow";
import { BASE, createVariant, type FixtureVariant, Shopper, testClientIp } from "./fixtures/commerce";

/** Runs per operation: a few hundred requests in all, well under a minute on two cores. */
const NUM_RUNS = 20;
const BASE_SEED = 0x10_0a_12;
/**
 * Time for one operation's runs, shrinking included: at most TIME_LIMIT_MS, and an even share of
 * what is left of SUITE_BUDGET_MS. Past it the runs so far count, and a warning says so.
 */
const TIME_LIMIT_MS = 4_000;
const SUITE_BUDGET_MS = 40_000;
const ADDRESS = {
	line1: "1 Market St",
	city: "San Francisco",
	region: "CA",
	postalCode: "94103",
	country: "US",
};
const CONTACT = { name: "Ada Lovelace", phone: "+1 415 555 0100", address: ADDRESS };

/**
 * Inputs that once found a bug, run first on every run of their operation (fast-check examples),
 * so each finding keeps a test that fails without its fix.
 */
const REGRESSIONS: Record<string, [Plan, CartState][]> = {
	// Adding an unknown variant from the product page, without a cart, left a new empty cart.
	"POST /cart/items": [
		[
			{
				op: "POST /cart/items",
				input: { path: {}, query: {}, headers: {}, body: { variantId: "1", quantity: "1" } },
				mutation: { kind: "none" },
			},
			"no-cart",
		],
	],
	// A refused account checkout (an empty cart: 409) kept the address it was asked to save.
	"POST /api/v1/me/checkout": [
		[
			{
				op: "POST /api/v1/me/checkout",
				input: {
					path: {},
					query: {},
					headers: {},
					body: { shippingMethod: "standard", contact: CONTACT, saveAddress: true },
				},
				mutation: { kind: "none" },
			},
			"empty-cart",
		],
	],
};

/** `{ seed, path }` from a failure report, to replay exactly that case (then set it back to null). */
const REPLAY: { op: string; seed: number; path: string } | null = null;

// The document is read before the tests are collected: one test per operation.
const doc = (await (await exports.default.fetch(`${BASE}/api/v1/openapi.json`)).json()) as OpenApiDocument;
const operations = listOperations(doc);
const components: Record<string, JsonSchema> = doc.components?.schemas ?? {};

/** A seed per operation: one operation's change of generators leaves the others' inputs alone. */
function seedFor(opId: string): number {
	let h = BASE_SEED;
	for (const ch of opId) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
	return h | 0;
}

// ── The shop's state the inputs refer to (hints) and the browsers that send them ─────────────────

type World = {
	variant: FixtureVariant;
	order: { number: string; sessionId: string; totalMinor: number; currency: string; browser: Browser };
	/** A browser's cart (one line) for the operations that do not use it. */
	cart: Record<string, string>;
	customerSession: string;
	logoutSession: string;
	addressId: string;
	/** The one DELETE /api/v1/me/addresses/{addressId} may remove; the others keep theirs. */
	doomedAddressId: string;
	adminToken: string;
	otherStaffId: string;
	deps: RequestDeps;
};

let world: World;

async function privateEs256(): Promise<JWK> {
	const { privateKey } = await generateKeyPair("ES256", { extractable: true });
	return exportJWK(privateKey);
}

async function privateRs256(): Promise<JWK> {
	const { privateKey } = await generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
	return exportJWK(privateKey);
}

/** `value.signature` as hono's setSignedCookie writes it (HMAC-SHA256 under SESSION_KEY, base64). */
async function signCookieValue(value: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		"raw",
		new TextEncoder().encode(env.SESSION_KEY),
		{ name: "HMAC", hash: "SHA-256" },
		false,
		["sign"],
	);
	const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(value)));
	return `${value}.${btoa(String.fromCharCode(...mac))}`;
}

function publicHalf(jwk: JWK): string {
	const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...rest } = jwk;
	return JSON.stringify(rest);
}

async function buildWorld(): Promise<World> {
	const variant = await createVariant({ stock: 5_000 });
	const placed = await placeOrder({ stock: 50 });
	const customer = await registeredCustomer();
	const leaving = await registeredCustomer();
	const saveAddress = async () => {
		const saved = await customer.shopper.json("/api/v1/me/addresses", "POST", CONTACT);
		expect(saved.status).toBe(201);
		return ((await saved.json()) as { id: string }).id;
	};
	const sessionSigning = JSON.parse(
		(JSON.parse(env.TEST_VAULT_SECRETS) as { SESSION_SIGNING_KEY: string }).SESSION_SIGNING_KEY,
	) as JWK;
	const accessSigning = JSON.parse(env.TEST_ACCESS_PRIVATE_JWK) as JWK;
	const sessionKeys: JwtKeys = {
		publicJwk: env.SESSION_PUBLIC_KEY,
		privateJwk: sessionSigning,
		foreignJwk: await privateEs256(),
		alg: "ES256",
	};
	const staffKeys: JwtKeys = {
		publicJwk: publicHalf(accessSigning),
		privateJwk: accessSigning,
		foreignJwk: await privateRs256(),
		alg: "RS256",
	};
	const adminToken = await staffToken({ role: "admin" });
	const customerSession = customer.shopper.cookies.get(SESSION_COOKIE) ?? "";
	return {
		variant,
		cart: {},
		order: {
			number: placed.checkout.order.number,
			sessionId: placed.paymentPath.split("/").pop() ?? "",
			totalMinor: placed.checkout.order.totalMinor,
			currency: placed.checkout.order.currency,
			browser: { cookies: Object.fromEntries(placed.shopper.cookies), headers: {} },
		},
		customerSession,
		logoutSession: leaving.shopper.cookies.get(SESSION_COOKIE) ?? "",
		addressId: await saveAddress(),
		doomedAddressId: await saveAddress(),
		adminToken,
		otherStaffId: (await staffMember("support")).id,
		deps: {
			base: BASE,
			signCookieValue,
			session: {
				token: customerSession,
				keys: sessionKeys,
				// Half the hostile claims go in as the session id under the real account (past the
				// storefront's claim check, on to the vault), half under an unknown, well-formed account.
				claims: (claim) =>
					claim.length % 2 ? { sid: claim } : { sub: `acc_${"A".repeat(22)}`, sid: claim.slice(0, 22) },
			},
			staff: {
				token: adminToken,
				keys: staffKeys,
				claims: (claim) => ({ email: claim, sub: claim }),
			},
			compute: async (what, body) => {
				if (what !== "webhook-signature") throw new Error(`nothing computes ${what}`);
				return signWebhookPayload(env.PAYMENT_WEBHOOK_SECRET, body, Math.floor(Date.now() / 1000));
			},
		},
	};
}

/**
 * Values the shop's state makes interesting, mixed in with the schema's own draws: ids that exist,
 * and whole bodies that pass what zod checks beyond the document (postal code formats, the
 * password policy), so that valid input reaches the handlers' deeper paths.
 */
function schemaContext(w: World, op: Operation): SchemaContext {
	const bodies: Record<string, unknown> = {
		"$ref:DeliveryAddress": ADDRESS,
		"$ref:SavedAddressInput": CONTACT,
		"$ref:CheckoutRequest": { email: "ada@example.com", ...CONTACT, shippingMethod: "standard" },
		"$ref:CheckoutForm": {
			email: "ada@example.com",
			name: CONTACT.name,
			phone: CONTACT.phone,
			...ADDRESS,
			shippingMethod: "standard",
		},
		"$ref:RegisterRequest": registerBody(uniqueEmail("property")),
		"$ref:AddCartItemForm": { variantId: String(w.variant.variantId), quantity: "1" },
	};
	return {
		components,
		hint: (name, schema) => {
			if (name in bodies) return fc.constant(bodies[name]);
			const asSchema = (n: number) => fc.constant(schema.type === "string" ? String(n) : n);
			switch (name) {
				case "variantId":
					return asSchema(w.variant.variantId);
				case "product":
				case "productId":
					return asSchema(w.variant.productId);
				case "slug":
					return fc.constant(`rug-${w.variant.productId}`);
				case "number":
				case "orderNumber":
					return fc.constant(w.order.number);
				case "email":
					return fc.constant("ada@example.com");
				case "sessionId":
					return fc.constant(w.order.sessionId);
				case "addressId":
					return fc.constant(op.method === "DELETE" ? w.doomedAddressId : w.addressId);
				case "id":
					return schema.pattern?.startsWith("^stf_") ? fc.constant(w.otherStaffId) : undefined;
				case "Stripe-Signature":
					return fc.constant(new Computed("webhook-signature"));
				case "fields":
					return fc.constantFrom("email", "name,phone", "email,name,phone,address");
				default:
					return undefined;
			}
		},
	};
}

/** The webhook's document schema is any object; the local provider's events, drawn around the real order. */
function webhookEvent(w: World): fc.Arbitrary<unknown> {
	const types = fc.constantFrom("payment.succeeded", "payment.failed", "payment.expired");
	const id = fc.stringMatching(/^evt_[A-Za-z0-9_-]{22}$/);
	const real = {
		sessionId: w.order.sessionId,
		orderNumber: w.order.number,
		amountMinor: w.order.totalMinor,
		currency: w.order.currency,
	};
	return fc.oneof(
		// The real order's session, as the provider would report it...
		fc.record({ id, type: types, created: fc.nat(), data: fc.constant(real) }),
		// ...or with some of its fields changed.
		fc.record({
			id,
			type: types,
			created: fc.nat(),
			data: fc.record({
				sessionId: fc.oneof(fc.constant(real.sessionId), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/)),
				orderNumber: fc.oneof(fc.constant(real.orderNumber), fc.string({ maxLength: 64 })),
				amountMinor: fc.oneof(fc.constant(real.amountMinor), fc.nat()),
				currency: fc.oneof(fc.constant(real.currency), fc.stringMatching(/^[A-Z]{3}$/)),
			}),
		}),
	);
}

/**
 * The cart a browser holds, drawn like the rest of the input for the operations that use one:
 * one line in stock, an empty cart, a line that went out of stock after it was added, or none.
 */
const CART_STATES = ["cart", "empty-cart", "stale-cart", "no-cart"] as const;
type CartState = (typeof CART_STATES)[number];

async function cartCookies(state: CartState): Promise<Record<string, string>> {
	if (state === "no-cart") return {};
	const shopper = new Shopper();
	expect((await shopper.createCart()).status).toBe(201);
	if (state !== "empty-cart") {
		const variant = state === "stale-cart" ? await createVariant({ stock: 1 }) : world.variant;
		expect((await shopper.addItem(variant.variantId, 1)).status).toBe(200);
		if (state === "stale-cart") {
			await env.DB.prepare("update variants set stock = 0 where id = ?").bind(variant.variantId).run();
		}
	}
	return Object.fromEntries(shopper.cookies);
}

const usesCart = (op: Operation) => /cart|checkout/.test(op.path);
/** Checkouts consume their cart: those operations get a fresh one for every run. */
const consumesCart = (op: Operation) => op.path.endsWith("/checkout");

/** Who sends the operation's requests: staff with an admin token, shoppers with a cart (and a session). */
async function browserFor(op: Operation, cart: Record<string, string>): Promise<Browser> {
	if (op.path.startsWith("/api/v1/staff/")) {
		return { cookies: {}, headers: { [STAFF_HEADER]: world.adminToken } };
	}
	if (op.path.startsWith("/orders/")) return world.order.browser;
	const cookies = { ...cart };
	if (op.security.includes("ShopperSession")) {
		cookies[SESSION_COOKIE] =
			op.id === "POST /api/v1/auth/logout" ? world.logoutSession : world.customerSession;
	}
	return { cookies, headers: {} };
}

/** The browsers one operation's runs draw from, by cart state; fresh ones each run for checkouts. */
async function browsersFor(op: Operation): Promise<(state: CartState) => Promise<Browser>> {
	if (!usesCart(op)) {
		const browser = await browserFor(op, world.cart);
		return async () => browser;
	}
	if (consumesCart(op)) return async (state) => browserFor(op, await cartCookies(state));
	const prepared = new Map<CartState, Browser>();
	for (const state of CART_STATES) prepared.set(state, await browserFor(op, await cartCookies(state)));
	return async (state) => prepared.get(state) as Browser;
}

// ── The property ────────────────────────────────────────────────────────────────────────────────

/** Why a success is not one: JSON that does not parse, or a redirect off the site. */
function successProblem(res: Response, text: string): string | null {
	if (res.headers.get("content-type")?.startsWith("application/json")) {
		try {
			JSON.parse(text);
		} catch {
			return "a JSON success whose body is not JSON";
		}
	}
	const location = res.headers.get("Location");
	// The tests pay with the local stand-in, on this site: no answer may send a browser elsewhere.
	if (location !== null && new URL(location, BASE).origin !== BASE)
		return `a redirect off the site (${location})`;
	return null;
}

/** Why a refusal is not in the shared error shape, or null when it is. */
function refusalShapeProblem(op: Operation, res: Response, text: string): string | null {
	const type = res.headers.get("content-type") ?? "";
	// The HTML pages refuse with the page again (or a message page), for a browser to show.
	if (isPage(op) && type.startsWith("text/html"))
		return text.includes("<html") ? null : "an HTML refusal without a page";
	if (!type.startsWith("application/json")) return `a refusal of content type ${JSON.stringify(type)}`;
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return "a refusal whose body is not JSON";
	}
	const error = (body as { error?: Record<string, unknown> } | null)?.error;
	if (!error || Object.keys(body as object).length !== 1)
		return "a refusal without exactly one `error` member";
	const extra = Object.keys(error).filter((k) => !["code", "message", "requestId", "issues"].includes(k));
	if (extra.length) return `error members beyond the shared shape: ${extra.join(", ")}`;
	if (typeof error.code !== "string" || !/^[a-z_]+$/.test(error.code)) return "error.code is not a code";
	if (typeof error.message !== "string" || error.message === "") return "error.message is not a message";
	if (typeof error.requestId !== "string" || error.requestId !== res.headers.get("X-Request-Id")) {
		return "error.requestId is not the request's X-Request-Id";
	}
	const issues = error.issues;
	if (
		issues !== undefined &&
		!(
			Array.isArray(issues) &&
			issues.every(
				(i: { path?: unknown; message?: unknown }) => Array.isArray(i.path) && typeof i.message === "string",
			)
		)
	) {
		return "error.issues is not a list of {path, message}";
	}
	return null;
}

/** Status counts per operation, for the coverage check at the end. */
const outcomes = new Map<string, { validSuccess: number; valid: number; refused: number; total: number }>();

function record(op: Operation, plan: Plan, status: number) {
	const o = outcomes.get(op.id) ?? { validSuccess: 0, valid: 0, refused: 0, total: 0 };
	o.total += 1;
	if (status >= 400) o.refused += 1;
	if (plan.mutation.kind === "none") {
		o.valid += 1;
		if (status < 400) o.validSuccess += 1;
	}
	outcomes.set(op.id, o);
}

let suiteStarted = 0;
const pending = new Set(operations.map((op) => op.id));

function timeLimitFor(op: Operation): number {
	const share = (SUITE_BUDGET_MS - (Date.now() - suiteStarted)) / Math.max(pending.size, 1);
	pending.delete(op.id);
	return Math.round(Math.max(2_000, Math.min(TIME_LIMIT_MS, share)));
}

async function checkOperation(op: Operation) {
	const ctx = schemaContext(world, op);
	const browserIn = await browsersFor(op);
	const body =
		op.id === "POST /api/v1/payments/webhook" && op.body
			? fc.oneof(arbitraryOf(op.body.schema, ctx), webhookEvent(world))
			: undefined;
	const cartState = usesCart(op) ? fc.constantFrom(...CART_STATES) : fc.constant("cart" as const);
	// fast-check's time limit abandons a run still in flight; it must finish before the next
	// operation snapshots the tables, or its writes show up as that operation's.
	let inFlight: Promise<unknown> = Promise.resolve();
	const property = fc.asyncProperty(planArbitrary(op, ctx, body), cartState, (plan, cart) => {
		const run = runOnce(plan, cart);
		inFlight = run.catch(() => {});
		return run;
	});
	async function runOnce(plan: Plan, cart: (typeof CART_STATES)[number] | "cart") {
		const browser = await browserIn(cart);
		const mutated = applyMutation(op, plan, ctx);
		// A fresh client address each time: per-client limits answer 429 (a fine 4xx) but would
		// otherwise turn every later run of a busy operation into a rate-limit test.
		const { request, summary } = await buildRequest(op, mutated, browser, testClientIp(), world.deps);
		const before = await snapshotTables(env.DB);
		const res = await exports.default.fetch(request);
		const text = await res.text();
		record(op, plan, res.status);
		const where = `${op.id} answered ${res.status}\n  ${summary}\n  response: ${truncate(text, 500)}`;
		if (res.status >= 500) throw new Error(`a server error: ${where}`);
		// A HEAD answer has the GET answer's headers and no body to check.
		const bodyless = request.method === "HEAD";
		if (res.status < 400) {
			const problem = bodyless ? null : successProblem(res, text);
			if (problem) throw new Error(`${problem}: ${where}`);
			return;
		}
		const problem = bodyless ? null : refusalShapeProblem(op, res, text);
		if (problem) throw new Error(`${problem}: ${where}`);
		const changed = changedTables(before, await snapshotTables(env.DB));
		if (changed.length)
			throw new Error(`a refused request changed stored rows: ${where}\n  ${changed.join("\n  ")}`);
	}
	const replay = REPLAY?.op === op.id ? { seed: REPLAY.seed, path: REPLAY.path } : { seed: seedFor(op.id) };
	const timeLimit = timeLimitFor(op);
	const details = await fc.check(property, {
		...replay,
		numRuns: NUM_RUNS,
		examples: REGRESSIONS[op.id] ?? [],
		plugins: [fc.interruptAfterTimeLimit(timeLimit)],
	});
	await inFlight;
	// Cut off before its first run ended (a loaded machine): nothing was shown wrong; say so.
	const cutOffUnrun = details.interrupted && details.numRuns === 0 && details.counterexample === null;
	if (details.failed && !cutOffUnrun) {
		const report = await fc.asyncDefaultReportMessage(details);
		throw new Error(`${report}\nGot: ${String(details.errorInstance)}`);
	}
	if (details.interrupted || cutOffUnrun) {
		console.warn(`${op.id}: interrupted after ${details.numRuns} of ${NUM_RUNS} runs (${timeLimit} ms)`);
	}
}

describe("every OpenAPI operation under generated input", () => {
	beforeAll(async () => {
		world = await buildWorld();
		world.cart = await cartCookies("cart");
		suiteStarted = Date.now();
	}, 30_000);

	it("publishes the operations the suite walks", () => {
		expect(operations.length).toBeGreaterThan(40);
		expect(operations.every((op) => op.id.includes(" /"))).toBe(true);
	});

	for (const op of operations) {
		it(`${op.id}: a success or a 4xx in the shared shape, and a refusal changes no row`, async () => {
			await checkOperation(op);
		}, 30_000);
	}

	it("reaches the handlers: valid-per-schema input succeeds on many operations", () => {
		const succeeded = [...outcomes].filter(([, o]) => o.validSuccess > 0).map(([id]) => id);
		const table = [...outcomes].map(([id, o]) => `${id}: ${JSON.stringify(o)}`).join("\n");
		expect(succeeded, table).toContain("GET /api/v1/categories");
		expect(succeeded.length, table).toBeGreaterThan(operations.length / 3);
	});
});
