// What the e2e tests share: the shop under test (started by global-setup.ts), a browser suite
// that launches chromium once per file, and read-only access to the raw analytics database.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { afterAll, beforeAll, describe, inject, test } from "vitest";
import { encodingsOf } from "../pii-scan.ts";
import { launchChromium, MISSING_CHROMIUM } from "./chromium.ts";
import type { CookieJar } from "./http-client.ts";

export const BASE_URL = inject("e2eBaseUrl");

const group = () => Math.floor(Math.random() * 0x10000).toString(16);
/**
 * This test file's client address, sent as Cloudflare would (`CF-Connecting-IP`). The shop limits
 * sign-ins, carts and checkouts per client network, and every e2e file shares one shop: without
 * it, all of them would be one client and the later files would meet the earlier ones' limits.
 * The limits themselves are tested in the storefront project.
 */
export const CLIENT_ADDRESS = `2001:db8:${group()}:${group()}::1`;
export const CLIENT_HEADER = { "cf-connecting-ip": CLIENT_ADDRESS } as const;

/** Bounded waits for everything a page does; far above what a passing run needs. */
const ACTION_TIMEOUT_MS = 15_000;

/**
 * A describe block whose tests get a browser. Without chromium it fails in CI (which must install
 * it) and is skipped elsewhere, so a fresh developer machine still runs everything else.
 */
export function describeInBrowser(name: string, body: (newContext: NewContext) => void): void {
	if (!inject("e2eChromium")) {
		if (process.env.CI) {
			test(name, () => {
				throw new Error(`${MISSING_CHROMIUM} CI must install it before \`npm test\` (see .ci/run).`);
			});
		} else {
			describe.skip(name, () => body(() => Promise.reject(new Error(MISSING_CHROMIUM))));
		}
		return;
	}
	describe(name, () => {
		let browser: Browser | undefined;
		const contexts: BrowserContext[] = [];
		beforeAll(async () => {
			browser = await launchChromium();
		});
		afterAll(async () => {
			await Promise.allSettled(contexts.map((c) => c.close()));
			await browser?.close();
		});
		body(async (options = {}) => {
			if (!browser) throw new Error("chromium did not start");
			const context = await browser.newContext({
				baseURL: BASE_URL,
				...options,
				extraHTTPHeaders: { ...CLIENT_HEADER, ...options.extraHTTPHeaders },
			});
			context.setDefaultTimeout(ACTION_TIMEOUT_MS);
			context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
			contexts.push(context);
			return context;
		});
	});
}

export type NewContext = (options?: BrowserContextOptions) => Promise<BrowserContext>;

/** Polls check until it returns a value (not undefined), or fails after timeoutMs. */
export async function eventually<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

export type CatalogProduct = { id: number; slug: string; name: string; category: { slug: string } };

export async function getJson<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
	const res = await fetch(`${BASE_URL}${path}`, {
		...init,
		headers: { ...CLIENT_HEADER, ...init?.headers },
		signal: AbortSignal.timeout(10_000),
	});
	return { status: res.status, body: (await res.json()) as T };
}

/** The in-stock products of one category, via the public API. */
export async function productsIn(category: string): Promise<CatalogProduct[]> {
	const { body } = await getJson<{ items: (CatalogProduct & { inStock: boolean })[] }>(
		`/api/v1/products?category=${encodeURIComponent(category)}&limit=20`,
	);
	return body.items.filter((p) => p.inStock);
}

export async function categorySlugs(): Promise<string[]> {
	const { body } = await getJson<{ categories: { slug: string }[] }>("/api/v1/categories");
	return body.categories.map((c) => c.slug);
}

/** The SQLite file of one of the run's local D1 databases, told apart by a table only it has. */
export function d1File(table: string): string {
	const dir = join(inject("e2eStateDir"), "v3/d1/miniflare-D1DatabaseObject");
	for (const file of readdirSync(dir).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")) {
		const db = new DatabaseSync(join(dir, file), { readOnly: true });
		try {
			if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table))
				return join(dir, file);
		} finally {
			db.close();
		}
	}
	throw new Error(`no local D1 database with a ${table} table under ${dir}`);
}

/** The analytics counters of one product, read straight from the local D1 file. */
export function productCounts(productId: number): { views: number; cartAdds: number } {
	const db = new DatabaseSync(d1File("product_hourly"), { readOnly: true });
	try {
		const row = db
			.prepare(
				"SELECT COALESCE(SUM(views), 0) AS views, COALESCE(SUM(cart_adds), 0) AS cartAdds FROM product_hourly WHERE product_id = ?",
			)
			.get(productId) as { views: number; cartAdds: number };
		return { views: Number(row.views), cartAdds: Number(row.cartAdds) };
	} finally {
		db.close();
	}
}

/** Which markers (in any of their forms) occur in any raw byte of the local state or the log. */
export function markersInRawState(markers: string[]): string[] {
	const files: string[] = [inject("e2eLogFile")];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else files.push(path);
		}
	};
	walk(inject("e2eStateDir"));
	const found = new Set<string>();
	for (const file of files) {
		const text = readFileSync(file).toString("latin1");
		for (const marker of markers) {
			if (encodingsOf(marker).some((form) => text.includes(Buffer.from(form, "utf8").toString("latin1")))) {
				found.add(marker);
			}
		}
	}
	return [...found];
}

/** Hands an API client's cookies (its session) to a browser, as signing in there would. */
export async function signInBrowser(context: BrowserContext, jar: CookieJar): Promise<void> {
	const { hostname } = new URL(BASE_URL);
	await context.addCookies(
		jar.entries().map(([name, value]) => ({
			name,
			value,
			domain: hostname,
			path: "/",
			secure: true,
			httpOnly: true,
			sameSite: "Lax" as const,
		})),
	);
}
