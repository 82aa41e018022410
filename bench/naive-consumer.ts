// The baseline the benchmark compares against: the obvious consumer that writes each event as it
// comes, one statement and one D1 round trip at a time. Same parsing, stripping, bounds and
// idempotency as the real one, so both produce the same aggregates.
import { dayOfHour } from "../analytics/dimensions";
import { parseEnvelope } from "../analytics/event-schema";
import { anchorPairs, setPairs } from "../analytics/reduce";
import { stripEvent } from "../analytics/strip";

export async function naiveConsume(batch: MessageBatch<unknown>, d1: D1Database, maxPairsPerEvent: number) {
	const bump = (column: string, productId: number, hour: number) =>
		d1
			.prepare(
				`INSERT INTO product_hourly (product_id, hour, ${column}) VALUES (?, ?, 1)
				ON CONFLICT (product_id, hour) DO UPDATE SET ${column} = ${column} + 1`,
			)
			.bind(productId, hour)
			.run();
	const pair = (table: string, [a, b]: [number, number], day: number) =>
		d1
			.prepare(
				`INSERT INTO ${table} (day, product_a, product_b, count) VALUES (?, ?, ?, 1)
				ON CONFLICT (product_a, product_b, day) DO UPDATE SET count = count + 1`,
			)
			.bind(day, a, b)
			.run();

	for (const message of batch.messages) {
		const parsed = parseEnvelope(message.body);
		const event = parsed.ok ? stripEvent(parsed.envelope) : null;
		if (!parsed.ok || !event) {
			message.ack();
			continue;
		}
		const seen = await d1
			.prepare("SELECT 1 FROM processed_events WHERE id = ?")
			.bind(parsed.envelope.id)
			.first();
		if (seen) {
			message.ack();
			continue;
		}
		await d1.prepare("INSERT INTO processed_events (id) VALUES (?)").bind(parsed.envelope.id).run();
		const day = dayOfHour(event.hour);
		switch (event.type) {
			case "page":
				await d1
					.prepare(
						`INSERT INTO page_views_hourly (path_template, device_class, country, hour, count) VALUES (?, ?, ?, ?, 1)
						ON CONFLICT (path_template, device_class, country, hour) DO UPDATE SET count = count + 1`,
					)
					.bind(event.path, event.device, event.country, event.hour)
					.run();
				break;
			case "view":
				await bump("views", event.productId, event.hour);
				for (const p of anchorPairs(event.productId, event.recent, maxPairsPerEvent)) {
					await pair("co_views_daily", p, day);
				}
				break;
			case "cart_add":
				await bump("cart_adds", event.productId, event.hour);
				break;
			case "cart_remove":
				await bump("cart_removes", event.productId, event.hour);
				break;
			case "purchase":
				for (const productId of new Set(event.productIds)) await bump("purchases", productId, event.hour);
				for (const p of setPairs(event.productIds, maxPairsPerEvent))
					await pair("co_purchases_daily", p, day);
				break;
		}
		message.ack();
	}
}
