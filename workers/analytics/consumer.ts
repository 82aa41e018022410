// The queue consumer (DESIGN §4.3): parse strictly → strip → reduce in memory → persist once →
// ack per message. A malformed message is acked and counted by reason, so it never blocks or
// replays its batch; a D1 failure retries the countable messages with exponential backoff.
import { parseEnvelope, type RejectReason } from "../../analytics/event-schema";
import { stripEvent } from "../../analytics/strip";
import { countedHour } from "../../analytics/windows";
import type { Logger } from "../shared/logger";
import type { AnalyticsDb } from "./db/client";
import { type CountableEvent, persistEvents } from "./persist";

const MAX_RETRY_DELAY_SECONDS = 15 * 60;

export function retryDelaySeconds(attempts: number): number {
	return Math.min(2 ** Math.max(1, attempts), MAX_RETRY_DELAY_SECONDS);
}

export type ConsumeOptions = { maxPairsPerEvent: number; nowMs: number; logger: Logger };

export async function consumeBatch(
	batch: MessageBatch<unknown>,
	db: AnalyticsDb,
	options: ConsumeOptions,
): Promise<void> {
	const countable: (CountableEvent & { message: Message<unknown> })[] = [];
	const rejected: RejectReason[] = [];
	for (const message of batch.messages) {
		const parsed = parseEnvelope(message.body);
		const event = parsed.ok ? stripEvent(parsed.envelope) : null;
		if (parsed.ok && event) {
			// A closed day never changes again (see analytics/windows.ts): late events count today.
			const hour = countedHour(event.hour, options.nowMs);
			countable.push({ eventId: parsed.envelope.id, event: { ...event, hour }, message });
		} else {
			rejected.push(parsed.ok ? "invalid_fields" : parsed.reason);
			message.ack();
		}
	}
	try {
		const result = await persistEvents(db, countable, rejected, options);
		for (const { message } of countable) message.ack();
		options.logger.info("analytics batch", {
			messages: batch.messages.length,
			counted: result.counted,
			duplicates: result.duplicates,
			rejected: rejected.length,
		});
	} catch (err) {
		options.logger.warn("analytics batch failed, retrying", {
			messages: countable.length,
			err,
		});
		for (const { message } of countable) message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
	}
}
