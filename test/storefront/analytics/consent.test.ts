// Consent first (DESIGN P6): with Sec-GPC: 1, DNT: 1 or withdrawn consent, the queue receives nothing.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emitEvent } from "../../../workers/storefront/analytics/emit";
import { d1Session } from "../../../workers/storefront/middleware/d1-session";
import { requestLogger } from "../../../workers/storefront/middleware/request-logger";
import { createRouter } from "../../../workers/storefront/openapi";
import { BASE, BROWSER_UA, fetchWith, recordingQueue } from "./helpers";

const events = [
	{ type: "page", path: "/products/blue-rug" },
	{ type: "view", productId: 42 },
];

function beacon(queue: Queue, headers: Record<string, string>) {
	return fetchWith({ EVENTS: queue }, "/api/v1/events", {
		method: "POST",
		headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA, ...headers },
		body: JSON.stringify({ events }),
	});
}

async function serverEmit(queue: Queue, headers: Record<string, string>) {
	const app = createRouter();
	app.use(requestLogger());
	app.use(d1Session());
	app.post("/cart", async (c) => c.json({ sent: await emitEvent(c, { type: "cart_add", productId: 42 }) }));
	const ctx = createExecutionContext();
	const res = await app.request(
		`${BASE}/cart`,
		{ method: "POST", headers: { "User-Agent": BROWSER_UA, ...headers } },
		{ ...env, EVENTS: queue },
		ctx,
	);
	await waitOnExecutionContext(ctx);
	return (await res.json()) as { sent: boolean };
}

describe("analytics consent", () => {
	it("sends events when nothing says no (control)", async () => {
		const { queue, sent } = recordingQueue();
		const res = await beacon(queue, {});
		expect(res.status).toBe(202);
		expect(await res.json()).toStrictEqual({ accepted: 2, ignored: 0, collecting: true });
		expect(sent).toHaveLength(2);
		expect((await serverEmit(queue, {})).sent).toBe(true);
		expect(sent).toHaveLength(3);
	});

	for (const [name, headers] of [
		["Sec-GPC: 1", { "Sec-GPC": "1" }],
		["DNT: 1", { DNT: "1" }],
		["a withdrawn consent cookie", { Cookie: "__Host-lw_consent=withdrawn" }],
		["an unreadable consent cookie", { Cookie: "__Host-lw_consent=maybe" }],
		["GPC even with consent granted", { "Sec-GPC": "1", Cookie: "__Host-lw_consent=granted" }],
	] as const) {
		it(`sends nothing with ${name}`, async () => {
			const { queue, sent } = recordingQueue();
			const res = await beacon(queue, headers);
			expect(res.status).toBe(202);
			expect(await res.json()).toStrictEqual({ accepted: 0, ignored: 2, collecting: false });
			expect(res.headers.getSetCookie().some((c) => c.startsWith("__Host-lw_recent="))).toBe(false);
			expect((await serverEmit(queue, headers)).sent).toBe(false);
			expect(sent).toStrictEqual([]);
		});
	}

	it("stops collection from the request after a withdrawal, and forgets recent views", async () => {
		const withdraw = await fetchWith({}, "/api/v1/consent", {
			method: "POST",
			headers: { "Content-Type": "application/json", Cookie: "__Host-lw_recent=1.2.3" },
			body: JSON.stringify({ analytics: false }),
		});
		expect(withdraw.status).toBe(200);
		expect(await withdraw.json()).toStrictEqual({ analytics: false, reason: "withdrawn" });
		const cookies = withdraw.headers.getSetCookie();
		expect(cookies.some((c) => c.startsWith("__Host-lw_consent=withdrawn") && /HttpOnly/i.test(c))).toBe(
			true,
		);
		expect(cookies.some((c) => c.startsWith("__Host-lw_recent=;") && /Max-Age=0/i.test(c))).toBe(true);
		expect(cookies.some((c) => c.startsWith("__Host-lw_paired=;") && /Max-Age=0/i.test(c))).toBe(true);

		const { queue, sent } = recordingQueue();
		await beacon(queue, { Cookie: "__Host-lw_consent=withdrawn; __Host-lw_recent=1.2.3" });
		expect(sent).toStrictEqual([]);

		const grant = await fetchWith({}, "/api/v1/consent", {
			method: "POST",
			headers: { "Content-Type": "application/json", "Sec-GPC": "1" },
			body: JSON.stringify({ analytics: true }),
		});
		// GPC wins over a fresh grant.
		expect(await grant.json()).toStrictEqual({ analytics: false, reason: "global_privacy_control" });
	});

	it("reports the current consent", async () => {
		const res = await fetchWith({}, "/api/v1/consent", { headers: { DNT: "1" } });
		expect(await res.json()).toStrictEqual({ analytics: false, reason: "do_not_track" });
		const fresh = await fetchWith({}, "/api/v1/consent");
		expect(await fresh.json()).toStrictEqual({ analytics: true, reason: "default" });
	});

	it("rejects a malformed consent update", async () => {
		for (const body of ['{"analytics":"yes"}', '{"analytics":true,"email":"a@b.c"}', "[]", "{"]) {
			const res = await fetchWith({}, "/api/v1/consent", {
				method: "POST",
				headers: { "Content-Type": "application/json" },
				body,
			});
			expect(res.status).toBe(400);
		}
	});
});
