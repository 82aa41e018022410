import { describe, expect, it } from "vitest";
import {
	analyticsEnv,
	deliver,
	dumpAggregates,
	envelope,
	flakyDatabase,
	freshProductIds,
	messagesOf,
	meteredDatabase,
	pairCount,
	productRow,
} from "./helpers";

describe("analytics queue consumer", () => {
	it("reduces a batch to counts and acks every message", async () => {
		const [a, b, c] = freshProductIds(3) as [number, number, number];
		const messages = messagesOf([
			envelope({ type: "view", productId: a, recent: [] }),
			envelope({ type: "view", productId: b, recent: [a] }),
			envelope({ type: "view", productId: c, recent: [b, a] }),
			envelope({ type: "cart_add", productId: c }),
			envelope({ type: "cart_remove", productId: c }),
			envelope({ type: "purchase", productIds: [a, c] }),
			envelope({ type: "page", path: "/p/:slug" }),
		]);
		const result = await deliver(messages);
		expect(result.explicitAcks.sort()).toStrictEqual(messages.map((m) => m.id).sort());
		expect(result.retryMessages).toStrictEqual([]);
		expect(await productRow(c)).toStrictEqual({ views: 1, cartAdds: 1, cartRemoves: 1, purchases: 1 });
		expect(await productRow(a)).toMatchObject({ views: 1, purchases: 1 });
		expect(await pairCount("co_views_daily", a, b)).toBe(1);
		expect(await pairCount("co_views_daily", c, a)).toBe(1);
		expect(await pairCount("co_purchases_daily", a, c)).toBe(1);
	});

	it("leaves every count unchanged when the same batch is delivered again", async () => {
		const [a, b] = freshProductIds(2) as [number, number];
		const messages = messagesOf([
			envelope({ type: "view", productId: a, recent: [b] }),
			envelope({ type: "purchase", productIds: [a, b] }),
			envelope({ type: "page", path: "/cart" }),
		]);
		await deliver(messages);
		const before = await dumpAggregates();
		const again = await deliver(
			messagesOf(
				messages.map((m) => m.body),
				2,
			),
		);
		expect(again.explicitAcks).toHaveLength(3);
		expect(await dumpAggregates()).toBe(before);
		expect(await productRow(a)).toMatchObject({ views: 1, purchases: 1 });
	});

	it("counts only the new events of a batch that mixes redelivered and new ones", async () => {
		const [a] = freshProductIds(1) as [number];
		const first = envelope({ type: "view", productId: a, recent: [] });
		await deliver(messagesOf([first]));
		await deliver(messagesOf([first, envelope({ type: "view", productId: a, recent: [] }), first]));
		expect(await productRow(a)).toMatchObject({ views: 2 });
	});

	it("acks a poison message, counts it by reason and counts the rest exactly once", async () => {
		const [a, b] = freshProductIds(2) as [number, number];
		const poison = [
			{ ...envelope({ type: "view", productId: a, recent: [] }), ip: "203.0.113.9" },
			{ ...envelope({ type: "view", productId: a, recent: [] }), productId: "1; DROP TABLE x" },
			"not json at all",
			{ ...envelope({ type: "page", path: "/" }), type: "login" },
		];
		const good = [
			envelope({ type: "view", productId: a, recent: [] }),
			envelope({ type: "cart_add", productId: b }),
		];
		const messages = messagesOf([poison[0], ...good, ...poison.slice(1)]);
		const result = await deliver(messages);
		expect(result.explicitAcks.sort()).toStrictEqual(messages.map((m) => m.id).sort());
		expect(await productRow(a)).toMatchObject({ views: 1 });
		expect(await productRow(b)).toMatchObject({ cartAdds: 1 });
		const { results } = await analyticsEnv.ANALYTICS_DB.prepare(
			"SELECT reason, SUM(count) AS count FROM rejected_events GROUP BY reason ORDER BY reason",
		).all<{ reason: string; count: number }>();
		expect(results).toStrictEqual(
			expect.arrayContaining([
				{ reason: "invalid_fields", count: 2 },
				{ reason: "not_an_object", count: 1 },
				{ reason: "unknown_type", count: 1 },
			]),
		);
	});

	it("retries with backoff when D1 fails, then counts once", async () => {
		const [a] = freshProductIds(1) as [number];
		const bodies = [
			envelope({ type: "view", productId: a, recent: [] }),
			envelope({ type: "cart_add", productId: a }),
		];
		const failing = { ...analyticsEnv, ANALYTICS_DB: flakyDatabase(analyticsEnv.ANALYTICS_DB, 1) };
		const failed = await deliver(messagesOf(bodies, 3), failing);
		expect(failed.explicitAcks).toStrictEqual([]);
		expect(failed.retryMessages).toHaveLength(2);
		// 2 ** attempts seconds.
		expect(failed.retryDelays).toStrictEqual([8, 8]);
		expect(await productRow(a)).toBeNull();

		const retried = await deliver(messagesOf(bodies, 4), failing);
		expect(retried.explicitAcks).toHaveLength(2);
		await deliver(messagesOf(bodies, 5));
		expect(await productRow(a)).toStrictEqual({ views: 1, cartAdds: 1, cartRemoves: 0, purchases: 0 });
	});

	it("writes a full batch in one round trip with few statements, each under 100 parameters", async () => {
		const ids = freshProductIds(60);
		const bodies = Array.from({ length: 100 }, (_, i) =>
			envelope({
				type: "view",
				productId: ids[i % 60] as number,
				recent: [ids[(i + 1) % 60] as number, ids[(i + 2) % 60] as number],
			}),
		);
		const { database, meter } = meteredDatabase(analyticsEnv.ANALYTICS_DB);
		const result = await deliver(messagesOf(bodies), { ...analyticsEnv, ANALYTICS_DB: database });
		expect(result.explicitAcks).toHaveLength(100);
		expect(meter.roundTrips).toBe(1);
		expect(meter.maxParameters).toBeLessThanOrEqual(100);
		// 100 ids (2) + 60 product rows (4) + 120 pair rows (5): far fewer than one per event.
		expect(meter.statements).toBeLessThanOrEqual(12);
		expect(await productRow(ids[0] as number)).toMatchObject({ views: 2 });
	});
});
