// Drives a realistic stream of shopper sessions through the local pipeline (`npm start` must be
// running): page and view beacons through POST /api/v1/events, cart adds through the cart API when
// the storefront has one (the server emits cart events itself). Afterwards the widget and the staff
// summary have data to show, and `npm run analytics:scan` can check the raw local state.
//
//   npm run analytics:simulate -- [--base http://localhost:8787] [--sessions 300] [--seed 7]
//
// Every request carries known identifiers (IPs, a user-agent token, session cookies, an email and
// an account id in a URL) that must never reach the analytics state; they are written to
// .wrangler/simulate-markers.json for the scanner.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { mulberry32 } from "../workers/storefront/catalog/seed-data.ts";

const { values: args } = parseArgs({
	options: {
		base: { type: "string", default: "http://localhost:8787" },
		sessions: { type: "string", default: "300" },
		seed: { type: "string", default: "7" },
		concurrency: { type: "string", default: "6" },
	},
});
const BASE = args.base;
const SESSIONS = Number(args.sessions);

export const MARKERS = {
	ipPrefix: "198.51.100.",
	userAgentToken: "LoomwashSim/1.0-mk7",
	sessionPrefix: "lwsess-sim-",
	email: "shopper.sim.mk7@example.com",
	account: "acct-sim-mk7",
	// Checkout details: they go to the commerce database, encrypted, and must appear nowhere in plaintext.
	consigneeName: "Simona Markerova",
	phone: "+1 202 555 0147",
	street: "77 Simulation Way",
};

const random = mulberry32(Number(args.seed));
const pick = (items) => items[Math.floor(random() * items.length)];
const chance = (p) => random() < p;

function loadCatalog() {
	const out = execFileSync(
		"npx",
		[
			"wrangler",
			"d1",
			"execute",
			"loomwash",
			"--local",
			"--json",
			"--command",
			"SELECT p.id AS id, p.slug AS slug, p.category_id AS categoryId, (SELECT MIN(v.id) FROM variants v WHERE v.product_id = p.id AND v.stock > 0) AS variantId FROM products p ORDER BY p.category_id, p.id",
		],
		{ encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
	);
	const products = JSON.parse(out)[0]?.results ?? [];
	const byCategory = new Map();
	for (const p of products) byCategory.set(p.categoryId, [...(byCategory.get(p.categoryId) ?? []), p]);
	return { products, categories: [...byCategory.values()] };
}

const DEVICES = [
	[0.55, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"],
	[0.1, "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"],
	[0.25, "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15"],
	[0.1, "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15"],
];
function userAgent() {
	let r = random();
	for (const [p, ua] of DEVICES) {
		r -= p;
		if (r < 0) return `${ua} ${MARKERS.userAgentToken}`;
	}
	return `${DEVICES[0][1]} ${MARKERS.userAgentToken}`;
}

class Session {
	constructor(n) {
		this.cookies = new Map([["lw_session", `${MARKERS.sessionPrefix}${n}`]]);
		this.headers = {
			Origin: BASE,
			"User-Agent": userAgent(),
			"CF-Connecting-IP": `${MARKERS.ipPrefix}${(n % 250) + 1}`,
			"X-Forwarded-For": `${MARKERS.ipPrefix}${(n % 250) + 1}`,
			Referer: `${BASE}/account?email=${MARKERS.email}&account=${MARKERS.account}`,
		};
		if (chance(0.04)) this.headers["Sec-GPC"] = "1";
		if (chance(0.03)) this.cookies.set("__Host-lw_consent", "withdrawn");
	}
	async fetch(path, init = {}) {
		for (let attempt = 0; attempt < 5; attempt++) {
			const res = await fetch(`${BASE}${path}`, {
				...init,
				headers: {
					...this.headers,
					Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
					...(init.headers ?? {}),
				},
			});
			for (const line of res.headers.getSetCookie()) {
				const [pair] = line.split(";");
				const i = pair.indexOf("=");
				const name = pair.slice(0, i);
				const value = pair.slice(i + 1);
				if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
				else this.cookies.set(name, value);
			}
			if (res.status !== 429) return res;
			await new Promise((resolve) => setTimeout(resolve, 2000 * (attempt + 1)));
		}
		throw new Error(`rate limited on ${path}`);
	}
	beacon(events) {
		return this.fetch("/api/v1/events", {
			method: "POST",
			headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ events }),
		});
	}
}

const stats = {
	sessions: 0,
	beacons: 0,
	accepted: 0,
	ignored: 0,
	cartAdds: 0,
	orders: 0,
	cartUnavailable: false,
};

async function runSession(n, catalog) {
	const s = new Session(n);
	const category = chance(0.7) ? catalog.categories[0] : pick(catalog.categories);
	const pages = [{ type: "page", path: "/" }];
	// Shoppers drift along a category: neighbours get viewed together, which is what co-views learn.
	let index = Math.floor(random() * category.length);
	const viewed = [];
	const views = 2 + Math.floor(random() * 5);
	for (let i = 0; i < views; i++) {
		const product = chance(0.85) ? category[index] : pick(catalog.products);
		viewed.push(product);
		const events = [
			...pages.splice(0),
			{ type: "page", path: `/p/${product.slug}?utm=mail&email=${MARKERS.email}` },
		];
		events.push({ type: "view", productId: product.id });
		const res = await s.beacon(events);
		stats.beacons += 1;
		if (res.ok) {
			const body = await res.json();
			stats.accepted += body.accepted;
			stats.ignored += body.ignored;
		}
		index = Math.max(0, Math.min(category.length - 1, index + (chance(0.5) ? 1 : -1)));
	}
	if (!stats.cartUnavailable && chance(0.3)) {
		const created = await s.fetch("/api/v1/cart", { method: "POST" });
		if (created.status === 404 || created.status === 405) stats.cartUnavailable = true;
		else if (created.ok) {
			// The last one or two products viewed go into the cart; some carts are bought.
			const picks = [...new Set(viewed.slice(chance(0.5) ? -2 : -1))].filter((p) => p.variantId);
			for (const pick of picks) {
				const added = await s.fetch("/api/v1/cart/items", {
					method: "POST",
					headers: { "Content-Type": "application/json" },
					body: JSON.stringify({ variantId: pick.variantId, quantity: 1 }),
				});
				if (added.ok) stats.cartAdds += 1;
			}
			if (picks.length > 0 && chance(0.6)) await checkOutAndPay(s);
		}
	}
	stats.sessions += 1;
}

async function checkOutAndPay(s) {
	const placed = await s.fetch("/api/v1/checkout", {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({
			email: MARKERS.email,
			name: MARKERS.consigneeName,
			phone: MARKERS.phone,
			address: { line1: MARKERS.street, city: "Portland", region: "OR", postalCode: "97201", country: "US" },
			shippingMethod: chance(0.8) ? "standard" : "express",
		}),
	});
	if (placed.status !== 201) return;
	const { paymentUrl } = await placed.json();
	// The hosted payment page: most shoppers pay, a few decline.
	const paid = await s.fetch(new URL(paymentUrl).pathname, {
		method: "POST",
		headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
		body: `decision=${chance(0.9) ? "pay" : "decline"}`,
		redirect: "manual",
	});
	if (paid.status === 303) stats.orders += 1;
}

const catalog = loadCatalog();
if (catalog.products.length < 2) {
	console.error(
		"The local catalog is empty: seed it first (npm run setup:local), then start the dev server (npm start).",
	);
	process.exit(1);
}
try {
	await fetch(`${BASE}/healthz`);
} catch {
	console.error(`No storefront at ${BASE}: run \`npm start\` in another terminal first.`);
	process.exit(1);
}
mkdirSync(new URL("../.wrangler/", import.meta.url), { recursive: true });
writeFileSync(
	new URL("../.wrangler/simulate-markers.json", import.meta.url),
	JSON.stringify(MARKERS, null, 2),
);

const queue = Array.from({ length: SESSIONS }, (_, n) => n);
await Promise.all(
	Array.from({ length: Number(args.concurrency) }, async () => {
		while (queue.length > 0) await runSession(queue.shift(), catalog);
	}),
);
console.log(
	`${stats.sessions} sessions, ${stats.beacons} beacons: ${stats.accepted} events accepted, ${stats.ignored} dropped (consent / GPC)`,
);
console.log(
	stats.cartUnavailable
		? "No cart API on this storefront yet: cart and purchase events are emitted server-side once it exists."
		: `${stats.cartAdds} cart adds through the cart API, ${stats.orders} orders checked out and paid or declined`,
);
console.log("The queue delivers within a few seconds. Then try:");
console.log(`  curl '${BASE}/api/v1/recommendations?product=${catalog.categories[0][0].id}&limit=4'`);
console.log(
	`  curl -H "Cf-Access-Jwt-Assertion: $(node scripts/staff-dev-key.mjs --token)" '${BASE}/api/v1/staff/analytics/summary'`,
);
console.log("  npm run analytics:scan   # no simulated identifier in the raw local state");
