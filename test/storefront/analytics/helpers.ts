// Fixtures and probes for the storefront's analytics tests.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { serializeSigned } from "hono/utils/cookie";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { createApp } from "../../../workers/storefront/app";
import { registerStaff, signAccessToken, type TokenClaims } from "../../staff-tokens";
import { testClientIp } from "../fixtures/commerce";

export const BASE = "https://loomwash.test";
export const BROWSER_UA =
	"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";

let nextId = 5000;
const uid = () => nextId++;

/** A category with in-stock products and, optionally, some out of stock. */
export async function seedCategory(
	inStock: number,
	outOfStock = 0,
): Promise<{ categoryId: number; ids: number[] }> {
	const categoryId = uid();
	const statements = [
		env.DB.prepare("INSERT INTO categories (id, slug, name, description) VALUES (?, ?, ?, ?)").bind(
			categoryId,
			`cat-${categoryId}`,
			`Category ${categoryId}`,
			"Washable rugs",
		),
	];
	const ids: number[] = [];
	for (let i = 0; i < inStock + outOfStock; i++) {
		const id = uid();
		ids.push(id);
		statements.push(
			env.DB.prepare(
				`INSERT INTO products (id, slug, name, description, category_id, material, pile_height_mm,
					wash_temperature_c, machine_washable, stain_resistant, non_slip_backing, pet_friendly, care_text,
					currency, min_price_minor, popularity, created_at)
				VALUES (?, ?, ?, 'A rug', ?, 'cotton', 5, 30, 1, 1, 1, 1, 'Wash cold', 'USD', 9900, 0, 0)`,
			).bind(id, `rug-${id}`, `Rug ${id}`, categoryId),
			env.DB.prepare(
				"INSERT INTO variants (id, product_id, sku, size, color, price_minor, currency, stock) VALUES (?, ?, ?, '120x180', 'blue', 9900, 'USD', ?)",
			).bind(id, id, `SKU-${id}`, i < inStock ? 10 : 0),
		);
	}
	await env.DB.batch(statements);
	return { categoryId, ids };
}

export type Shopper = { cookies: Map<string, string>; headers: Record<string, string> };

export function newShopper(headers: Record<string, string> = {}): Shopper {
	return {
		cookies: new Map(),
		headers: { "User-Agent": BROWSER_UA, "CF-Connecting-IP": testClientIp(), ...headers },
	};
}

function cookieHeader(shopper: Shopper): Record<string, string> {
	if (shopper.cookies.size === 0) return {};
	return { Cookie: [...shopper.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
}

function remember(shopper: Shopper, res: Response) {
	for (const line of res.headers.getSetCookie()) {
		const [pair] = line.split(";");
		const [name, ...value] = (pair ?? "").split("=");
		if (!name) continue;
		if (/max-age=0/i.test(line) || value.join("=") === "") shopper.cookies.delete(name.trim());
		else shopper.cookies.set(name.trim(), value.join("="));
	}
}

/** A request through the real worker (real queue, real service binding), keeping cookies. */
export async function shopperFetch(
	shopper: Shopper,
	path: string,
	init: RequestInit = {},
): Promise<Response> {
	const res = await exports.default.fetch(`${BASE}${path}`, {
		...init,
		headers: { ...shopper.headers, ...cookieHeader(shopper), ...(init.headers as Record<string, string>) },
	});
	remember(shopper, res);
	return res;
}

export function postEvents(shopper: Shopper, events: unknown[], headers: Record<string, string> = {}) {
	return shopperFetch(shopper, "/api/v1/events", {
		method: "POST",
		headers: { "Content-Type": "application/json", ...headers },
		body: JSON.stringify({ events }),
	});
}

/** A queue that records what would be sent, to prove what is (not) enqueued. */
export function recordingQueue() {
	const sent: unknown[] = [];
	const queue = {
		send: async (body: unknown) => {
			sent.push(body);
		},
		sendBatch: async (messages: Iterable<{ body: unknown }>) => {
			for (const m of messages) sent.push(m.body);
		},
		metrics: async () => ({ backlogCount: 0, backlogBytes: 0 }),
	};
	return { queue: queue as unknown as Queue, sent };
}

/** Runs a request through a fresh app with some bindings replaced, waiting for waitUntil work. */
export async function fetchWith(
	overrides: Partial<Env>,
	path: string,
	init: RequestInit = {},
): Promise<Response> {
	const ctx = createExecutionContext();
	const res = await createApp().request(`${BASE}${path}`, init, { ...env, ...overrides }, ctx);
	await waitOnExecutionContext(ctx);
	return res;
}

/** Polls until `probe` returns true; queue delivery is asynchronous. */
export async function eventually(probe: () => Promise<boolean>, what: string, attempts = 200): Promise<void> {
	for (let i = 0; i < attempts; i++) {
		if (await probe()) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error(`timed out waiting for ${what}`);
}

export async function analyticsCount(sql: string, ...params: unknown[]): Promise<number> {
	const row = await env.ANALYTICS_DB.prepare(sql)
		.bind(...params)
		.first<{ n: number | null }>();
	return row?.n ?? 0;
}

/** A token of a freshly registered staff member (admin unless told), or with the claims given. */
export async function staffToken(
	claims: TokenClaims & { role?: StaffRole } = {},
	privateJwk: string = env.TEST_ACCESS_PRIVATE_JWK,
): Promise<string> {
	const { role, ...rest } = claims;
	const email = rest.email ?? (await staffMember(role ?? "admin")).email;
	return signAccessToken(privateJwk, { ...rest, email });
}

/** Registers a staff member in the vault's database (as `npm run staff:add` would). */
export function staffMember(role: StaffRole, status: "active" | "disabled" = "active") {
	const { BLIND_INDEX_KEY } = JSON.parse(env.TEST_VAULT_SECRETS) as { BLIND_INDEX_KEY: string };
	return registerStaff(env.VAULT_DB, BLIND_INDEX_KEY, role, status);
}

/** `__Host-<name>=<value>` signed with the storefront's SESSION_KEY, as the app sets its context cookies. */
export async function signedCookie(name: string, value: string): Promise<string> {
	const serialized = await serializeSigned(`__Host-${name}`, value, env.SESSION_KEY, {
		secure: true,
		path: "/",
	});
	return serialized.split(";")[0] as string;
}
