// The pure part of `npm run dlq:replay` (scripts/dlq-replay.mjs): what to do with each message
// pulled from the dead-letter queue, how to batch the re-sends, and the pull → send → ack loop,
// over a QueueClient that the script implements with Cloudflare's Queues HTTP API and the unit
// test (test/unit/dlq-replay.test.ts) with an in-memory queue. No I/O of its own.
//
// Why replaying is safe: every event envelope carries a random id (workers/storefront/analytics/
// emit.ts) and the analytics consumer counts an id at most once (processed_events, see
// workers/analytics/persist.ts), so a message sent twice (a replay interrupted between send and
// ack, a DLQ holding one event twice, a replay run twice) counts once. The one limit: processed
// ids are kept PROCESSED_ID_TTL_HOURS (72), so an event older than that could, in the rare case
// it was counted before it failed, count again; such "stale" messages are left in the DLQ unless
// --include-stale says to replay them anyway.

/** A message as the HTTP pull API returns it (body: the JSON text for `json` messages). */
export type PulledMessage = {
	id: string;
	body: string;
	lease_id: string;
	attempts?: number;
	timestamp_ms?: number;
	metadata?: unknown;
};

/** What the consumer needs to de-duplicate: an event id and the time the event happened. */
export type EventEnvelope = { id: string; at: number; type: string } & Record<string, unknown>;

export type Decision =
	/** Re-send to the main queue, then ack here. */
	| { kind: "replay"; leaseId: string; messageId: string; envelope: EventEnvelope }
	/** The same event id was already replayed in this run: ack without sending it again. */
	| { kind: "duplicate"; leaseId: string; messageId: string; eventId: string }
	/** Older than the consumer's de-duplication window: left in the DLQ (see above). */
	| { kind: "stale"; leaseId: string; messageId: string; eventId: string; ageHours: number }
	/** Not an event envelope: left in the DLQ for someone to look at. */
	| { kind: "invalid"; leaseId: string; messageId: string; reason: string };

export type ClassifyOptions = {
	nowMs: number;
	/** The consumer's PROCESSED_ID_TTL_HOURS. */
	maxAgeHours: number;
	includeStale: boolean;
};

// Envelope ids are crypto.randomUUID(); the consumer itself parses strictly (analytics/event-schema.ts).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;

/** The envelope in a pulled message, or why there is none. */
export function decodeEnvelope(
	message: PulledMessage,
): { ok: true; envelope: EventEnvelope } | { ok: false; reason: string } {
	let body: unknown;
	try {
		body = JSON.parse(message.body);
	} catch {
		return { ok: false, reason: "body is not JSON (only json-content-type messages can be replayed)" };
	}
	if (typeof body !== "object" || body === null || Array.isArray(body))
		return { ok: false, reason: "not an object" };
	const { id, at, type } = body as Record<string, unknown>;
	if (typeof id !== "string" || !UUID.test(id)) return { ok: false, reason: "no event id" };
	if (typeof at !== "number" || !Number.isFinite(at)) return { ok: false, reason: "no event time" };
	if (typeof type !== "string") return { ok: false, reason: "no event type" };
	return { ok: true, envelope: body as EventEnvelope };
}

/**
 * Decides each message of one pulled batch. `replayed` holds the event ids already replayed in
 * this run (across batches) and is updated with the ones this batch replays.
 */
export function classifyBatch(
	messages: readonly PulledMessage[],
	replayed: Set<string>,
	options: ClassifyOptions,
): Decision[] {
	return messages.map((message): Decision => {
		const ids = { leaseId: message.lease_id, messageId: message.id };
		const decoded = decodeEnvelope(message);
		if (!decoded.ok) return { kind: "invalid", ...ids, reason: decoded.reason };
		const { envelope } = decoded;
		if (replayed.has(envelope.id)) return { kind: "duplicate", ...ids, eventId: envelope.id };
		const ageHours = (options.nowMs - envelope.at) / HOUR_MS;
		if (ageHours > options.maxAgeHours && !options.includeStale) {
			return { kind: "stale", ...ids, eventId: envelope.id, ageHours: Math.floor(ageHours) };
		}
		replayed.add(envelope.id);
		return { kind: "replay", ...ids, envelope };
	});
}

/** The Queues API's limits for one send: 100 messages, 256 KB. */
export const SEND_LIMITS = { maxMessages: 100, maxBytes: 256 * 1024 };

/** Splits bodies into sends within the limits (a body's size: its JSON, plus some slack). */
export function chunkForSend<T>(bodies: readonly T[], limits = SEND_LIMITS): T[][] {
	const chunks: T[][] = [];
	let current: T[] = [];
	let bytes = 0;
	for (const body of bodies) {
		const size = new TextEncoder().encode(JSON.stringify(body)).length + 64;
		if (current.length > 0 && (current.length >= limits.maxMessages || bytes + size > limits.maxBytes)) {
			chunks.push(current);
			current = [];
			bytes = 0;
		}
		current.push(body);
		bytes += size;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

/** What the replay needs from a queue service. */
export type QueueClient = {
	pull(
		queue: string,
		options: { batchSize: number; visibilityTimeoutMs: number },
	): Promise<{ messages: PulledMessage[]; backlog?: number }>;
	/** Sends `json` messages. */
	send(queue: string, bodies: readonly unknown[]): Promise<void>;
	ack(queue: string, leaseIds: readonly string[]): Promise<void>;
};

export type ReplayOptions = {
	/** The dead-letter queue and the queue its messages go back to. */
	from: string;
	to: string;
	dryRun: boolean;
	/** Messages per pull (the API allows 100). */
	batchSize: number;
	/** How long a pulled but unacked message (dry run, stale, invalid) stays out of sight. */
	visibilityTimeoutMs: number;
	/** Stop after pulling this many messages (0: no limit). */
	limit: number;
	maxAgeHours: number;
	includeStale: boolean;
	now: () => number;
	log: (line: string) => void;
};

export type ReplaySummary = {
	pulled: number;
	replayed: number;
	duplicates: number;
	stale: number;
	invalid: number;
	sends: number;
	/** A few reasons and ids of what was left in the DLQ, for the report. */
	leftBehind: string[];
};

/**
 * Pulls the DLQ batch by batch until it answers empty (messages left behind stay leased, so they
 * are not pulled again in this run); re-sends the replayable ones to the main queue, then acks
 * them. A dry run sends and acks nothing: every message returns to the DLQ when its lease ends.
 * Ack follows send, so a crash in between leaves messages to be replayed again, which the
 * consumer's de-duplication makes harmless.
 */
export async function replayDeadLetters(client: QueueClient, options: ReplayOptions): Promise<ReplaySummary> {
	const summary: ReplaySummary = {
		pulled: 0,
		replayed: 0,
		duplicates: 0,
		stale: 0,
		invalid: 0,
		sends: 0,
		leftBehind: [],
	};
	const replayed = new Set<string>();
	const verb = options.dryRun ? "would replay" : "replayed";
	for (let batch = 1; options.limit === 0 || summary.pulled < options.limit; batch++) {
		const batchSize =
			options.limit === 0 ? options.batchSize : Math.min(options.batchSize, options.limit - summary.pulled);
		const { messages, backlog } = await client.pull(options.from, {
			batchSize,
			visibilityTimeoutMs: options.visibilityTimeoutMs,
		});
		if (messages.length === 0) break;
		summary.pulled += messages.length;
		const decisions = classifyBatch(messages, replayed, {
			nowMs: options.now(),
			maxAgeHours: options.maxAgeHours,
			includeStale: options.includeStale,
		});
		const toSend = decisions.flatMap((d) => (d.kind === "replay" ? [d.envelope] : []));
		const toAck = decisions.flatMap((d) =>
			d.kind === "replay" || d.kind === "duplicate" ? [d.leaseId] : [],
		);
		if (!options.dryRun) {
			for (const chunk of chunkForSend(toSend)) {
				await client.send(options.to, chunk);
				summary.sends++;
			}
			if (toAck.length > 0) await client.ack(options.from, toAck);
		}
		for (const d of decisions) {
			if (d.kind === "replay") summary.replayed++;
			else if (d.kind === "duplicate") summary.duplicates++;
			else if (d.kind === "stale") {
				summary.stale++;
				if (summary.leftBehind.length < 20) {
					summary.leftBehind.push(`${d.messageId}: stale (event ${d.eventId}, ${d.ageHours} h old)`);
				}
			} else {
				summary.invalid++;
				if (summary.leftBehind.length < 20) summary.leftBehind.push(`${d.messageId}: ${d.reason}`);
			}
		}
		options.log(
			`batch ${batch}: pulled ${messages.length}; ${verb} ${summary.replayed} so far, ` +
				`${summary.duplicates} duplicates, ${summary.stale} stale, ${summary.invalid} invalid` +
				(backlog === undefined ? "" : `; about ${backlog} left in ${options.from}`),
		);
	}
	return summary;
}
