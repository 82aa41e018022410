// The privacy invariant (DESIGN P4): after a run whose requests carry known IPs, user agents,
// session cookies, emails and account ids, none of them (in any common encoding) is in any table
// of the analytics database, nor in any message the storefront put on the queue.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emitEvent } from "../../../workers/storefront/analytics/emit";
import { d1Session } from "../../../workers/storefront/middleware/d1-session";
import { requestLogger } from "../../../workers/storefront/middleware/request-logger";
import { createRouter } from "../../../workers/storefront/openapi";
import { analyticsCount, BASE, eventually, fetchWith, recordingQueue, seedCategory } from "./helpers";

const MARKERS = {
	ip: "203.0.113.77",
	forwardedIp: "198.51.100.78",
	userAgentToken: "MarkerBrowser/7.7.7-zq9",
	session: "sessmarker-5f1c2a",
	email: "jane.marker.q7@example.com",
	account: "acct-marker-8841",
};

const USER_AGENT = `Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 ${MARKERS.userAgentToken}`;

function encodings(marker: string): string[] {
	const bytes = new TextEncoder().encode(marker);
	const base64 = btoa(String.fromCharCode(...bytes));
	return [
		marker,
		marker.toLowerCase(),
		encodeURIComponent(marker),
		base64,
		base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, ""),
		Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""),
	];
}

function leaks(haystack: string): string[] {
	const lower = haystack.toLowerCase();
	return Object.values(MARKERS).flatMap((marker) =>
		encodings(marker).filter((form) => lower.includes(form.toLowerCase())),
	);
}

const identifyingHeaders = {
	"CF-Connecting-IP": MARKERS.ip,
	"X-Forwarded-For": `${MARKERS.forwardedIp}, ${MARKERS.ip}`,
	"X-Real-IP": MARKERS.ip,
	"User-Agent": USER_AGENT,
	Cookie: `lw_session=${MARKERS.session}; account=${MARKERS.account}; email=${MARKERS.email}`,
	Referer: `https://loomwash.test/orders/LW-1?email=${MARKERS.email}&account=${MARKERS.account}`,
	"Content-Type": "application/json",
};

function beaconBodies(productId: number, other: number): unknown[] {
	return [
		// Accepted: identifiers only in free-form string fields, which become route templates.
		{
			events: [
				{
					type: "page",
					path: `/p/${MARKERS.email}?account=${MARKERS.account}&sid=${MARKERS.session}`,
				},
				{ type: "page", path: `/${MARKERS.account}/${MARKERS.ip}` },
				{ type: "view", productId: other },
				{ type: "view", productId },
			],
		},
		// Rejected: identifiers in unknown fields and wrong types.
		{ events: [{ type: "view", productId, email: MARKERS.email, ip: MARKERS.ip }] },
		{ events: [{ type: "view", productId: MARKERS.account }], sessionId: MARKERS.session },
		{ events: [{ type: "page", path: "/", userAgent: USER_AGENT }], accountId: MARKERS.account },
	];
}

/** A route that emits server-side events the way cart and checkout routes will. */
function serverEmitter() {
	const app = createRouter();
	app.use(requestLogger());
	app.use(d1Session());
	app.post("/cart/:productId", async (c) => {
		const productId = Number(c.req.param("productId"));
		await emitEvent(c, { type: "cart_add", productId });
		await emitEvent(c, { type: "purchase", productIds: [productId, productId + 1] });
		return c.json({ ok: true });
	});
	return app;
}

async function dumpAnalyticsDatabase(): Promise<string> {
	const { results: tables } = await env.ANALYTICS_DB.prepare(
		"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
	).all<{ name: string; sql: string }>();
	const parts: string[] = [];
	for (const table of tables) {
		const { results } = await env.ANALYTICS_DB.prepare(`SELECT * FROM "${table.name}"`).all();
		parts.push(table.sql, JSON.stringify(results));
	}
	return parts.join("\n");
}

describe("privacy invariant", () => {
	it("keeps every identifier out of the queue messages", async () => {
		const { ids } = await seedCategory(3);
		const [productId, other] = ids as [number, number];
		const { queue, sent } = recordingQueue();
		for (const body of beaconBodies(productId, other)) {
			await fetchWith({ EVENTS: queue }, "/api/v1/events", {
				method: "POST",
				headers: identifyingHeaders,
				body: JSON.stringify(body),
			});
		}
		expect(sent).toHaveLength(4);
		expect(leaks(JSON.stringify(sent))).toStrictEqual([]);
	});

	it("keeps every identifier out of every table of the analytics database", async () => {
		const { ids } = await seedCategory(3);
		const [productId, other] = ids as [number, number];
		const statuses: number[] = [];
		for (const body of beaconBodies(productId, other)) {
			const res = await fetchWith({}, "/api/v1/events", {
				method: "POST",
				headers: identifyingHeaders,
				body: JSON.stringify(body),
			});
			statuses.push(res.status);
		}
		expect(statuses).toStrictEqual([202, 400, 400, 400]);
		const res = await serverEmitter().request(
			`${BASE}/cart/${productId}`,
			{ method: "POST", headers: identifyingHeaders },
			env,
			// Real execution context: the emitted sends must go to the real queue.
			(await import("cloudflare:test")).createExecutionContext(),
		);
		expect(res.status).toBe(200);

		await eventually(
			async () =>
				(await analyticsCount(
					"SELECT SUM(views) AS n FROM product_hourly WHERE product_id = ?",
					productId,
				)) === 1 &&
				(await analyticsCount(
					"SELECT SUM(cart_adds) AS n FROM product_hourly WHERE product_id = ?",
					productId,
				)) === 1 &&
				(await analyticsCount(
					"SELECT SUM(purchases) AS n FROM product_hourly WHERE product_id = ?",
					productId,
				)) === 1,
			"the run to reach the aggregates",
		);
		const dump = await dumpAnalyticsDatabase();
		expect(dump).toContain("/p/:slug");
		expect(dump).toContain("desktop");
		expect(leaks(dump)).toStrictEqual([]);
	});
});
