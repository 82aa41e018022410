// Issue #12, finding 2: one client's weight in the counts is bounded per day on the server, so a
// client that drops its cookies (and paces itself under the per-minute limit) cannot inflate the
// aggregates beyond it; other clients are not affected.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_EVENTS_PER_REQUEST } from "../../../analytics/limits";
import { chargeBudget, DAILY_EVENT_BUDGET } from "../../../workers/storefront/analytics/event-budget";
import { testClientIp, testDb } from "../fixtures/commerce";
import { BROWSER_UA, fetchWith, recordingQueue } from "./helpers";

function views(from: number) {
	return JSON.stringify({
		events: Array.from({ length: MAX_EVENTS_PER_REQUEST }, (_, i) => ({ type: "view", productId: from + i })),
	});
}

describe("a client's daily event budget", () => {
	it("stops counting a cookie-less client at the budget; another client still counts", async () => {
		const { queue, sent } = recordingQueue();
		const greedy = testClientIp();
		const post = (ip: string, body: string) =>
			fetchWith(
				{ EVENTS: queue, EVENTS_RATE_LIMITER: { limit: async () => ({ success: true }) } },
				"/api/v1/events",
				{
					method: "POST",
					headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA, "CF-Connecting-IP": ip },
					body,
				},
			);
		const requests = Math.ceil(DAILY_EVENT_BUDGET / MAX_EVENTS_PER_REQUEST) + 3;
		for (let i = 0; i < requests; i++) expect((await post(greedy, views(i * 100 + 1))).status).toBe(202);
		expect(sent.length).toBeLessThanOrEqual(DAILY_EVENT_BUDGET);
		expect(sent.length).toBeGreaterThan(DAILY_EVENT_BUDGET - MAX_EVENTS_PER_REQUEST);
		const before = sent.length;
		expect((await post(greedy, views(90_001))).status).toBe(202);
		expect(sent.length).toBe(before);
		expect((await post(testClientIp(), views(95_001))).status).toBe(202);
		expect(sent.length).toBe(before + MAX_EVENTS_PER_REQUEST);
		// Nothing but a pseudonym of the client is kept for it, never its address.
		const stored = JSON.stringify(await env.DB.prepare("select * from event_budgets").all());
		expect(stored).not.toContain(greedy);
	});

	it("charges concurrent requests of one client atomically", async () => {
		const key = `test-${crypto.randomUUID()}`;
		const day = Math.floor(Date.now() / 86_400_000);
		const results = await Promise.all(Array.from({ length: 60 }, () => chargeBudget(testDb(), key, day, 10)));
		expect(results.filter(Boolean).length).toBe(DAILY_EVENT_BUDGET / 10);
		expect(await chargeBudget(testDb(), key, day, 1)).toBe(false);
	});
});
