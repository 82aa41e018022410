// `npm run dlq:replay` (scripts/dlq-replay.mjs) over an in-memory queue service with leases, as
// Cloudflare's HTTP pull API has them: every event comes back once, however often the replay runs
// or is interrupted; a dry run changes nothing; what the consumer could count twice stays put.
import { describe, expect, it } from "vitest";
import {
	chunkForSend,
	classifyBatch,
	type PulledMessage,
	type QueueClient,
	type ReplayOptions,
	replayDeadLetters,
} from "../../scripts/dlq-replay-core";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 30, 12);
const DLQ = "loomwash-events-dlq";
const EVENTS = "loomwash-events";

let seq = 0;
function envelope(overrides: Record<string, unknown> = {}) {
	seq++;
	return {
		v: 1,
		id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
		at: NOW - HOUR,
		device: "desktop",
		country: "DE",
		type: "view",
		productId: 7,
		recent: [],
		...overrides,
	};
}

type Stored = { id: string; body: string; attempts: number; visibleAt: number; lease?: string };

/** Queues with leases: a pulled message is invisible until acked or its lease ends. */
function fakeQueues() {
	let clock = 0;
	let leases = 0;
	const queues = new Map<string, Stored[]>([
		[DLQ, []],
		[EVENTS, []],
	]);
	const calls = { sends: [] as unknown[][], acks: 0, failAckOnce: false };
	const q = (name: string) => {
		const found = queues.get(name);
		if (!found) throw new Error(`no queue ${name}`);
		return found;
	};
	const client: QueueClient = {
		async pull(queue, { batchSize, visibilityTimeoutMs }) {
			const visible = q(queue)
				.filter((m) => m.visibleAt <= clock)
				.slice(0, batchSize);
			const messages: PulledMessage[] = visible.map((m) => {
				m.lease = `lease-${++leases}`;
				m.attempts++;
				m.visibleAt = clock + visibilityTimeoutMs;
				return { id: m.id, body: m.body, lease_id: m.lease, attempts: m.attempts, timestamp_ms: NOW };
			});
			return { messages, backlog: q(queue).length };
		},
		async send(queue, bodies) {
			expect(bodies.length).toBeLessThanOrEqual(100);
			calls.sends.push([...bodies]);
			for (const body of bodies) {
				q(queue).push({ id: `m${++leases}`, body: JSON.stringify(body), attempts: 0, visibleAt: 0 });
			}
		},
		async ack(queue, leaseIds) {
			if (calls.failAckOnce) {
				calls.failAckOnce = false;
				throw new Error("network error");
			}
			calls.acks += leaseIds.length;
			const acked = new Set(leaseIds);
			queues.set(
				queue,
				q(queue).filter((m) => !(m.lease && acked.has(m.lease))),
			);
		},
	};
	return {
		client,
		calls,
		put: (queue: string, bodies: unknown[]) => {
			for (const body of bodies) {
				q(queue).push({
					id: `m${++leases}`,
					body: typeof body === "string" ? body : JSON.stringify(body),
					attempts: 0,
					visibleAt: clock,
				});
			}
		},
		bodies: (queue: string) => q(queue).map((m) => JSON.parse(m.body) as { id: string }),
		size: (queue: string) => q(queue).length,
		/** Lets every lease run out. */
		later: () => {
			clock += 24 * HOUR;
		},
	};
}

const options = (overrides: Partial<ReplayOptions> = {}): ReplayOptions => ({
	from: DLQ,
	to: EVENTS,
	dryRun: false,
	batchSize: 100,
	visibilityTimeoutMs: 300_000,
	limit: 0,
	maxAgeHours: 72,
	includeStale: false,
	now: () => NOW,
	log: () => {},
	...overrides,
});

describe("replayDeadLetters", () => {
	it("moves every event back to the main queue unchanged, in sends of at most 100, and empties the DLQ", async () => {
		const queues = fakeQueues();
		const events = Array.from({ length: 250 }, () => envelope());
		queues.put(DLQ, events);
		const lines: string[] = [];
		const summary = await replayDeadLetters(queues.client, options({ log: (l) => lines.push(l) }));
		expect(summary).toMatchObject({ pulled: 250, replayed: 250, duplicates: 0, stale: 0, invalid: 0 });
		expect(queues.size(DLQ)).toBe(0);
		expect(queues.bodies(EVENTS)).toEqual(events);
		expect(queues.calls.sends.every((s) => s.length <= 100)).toBe(true);
		expect(lines).toHaveLength(3);
		expect(lines[2]).toMatch(/^batch 3: pulled 50; replayed 250 so far/);
	});

	it("sends an event the DLQ holds twice only once, and acks both copies", async () => {
		const queues = fakeQueues();
		const event = envelope();
		queues.put(DLQ, [event, envelope(), event]);
		const summary = await replayDeadLetters(queues.client, options({ batchSize: 2 }));
		expect(summary).toMatchObject({ replayed: 2, duplicates: 1 });
		expect(queues.bodies(EVENTS).map((e) => e.id)).toHaveLength(2);
		expect(queues.size(DLQ)).toBe(0);
	});

	it("is safe to run again after an interruption between send and ack: the consumer counts each id once", async () => {
		const queues = fakeQueues();
		const events = Array.from({ length: 30 }, () => envelope());
		queues.put(DLQ, events);
		queues.calls.failAckOnce = true;
		await expect(replayDeadLetters(queues.client, options({ batchSize: 10 }))).rejects.toThrow(
			"network error",
		);
		expect(queues.size(DLQ)).toBe(30);
		queues.later();
		await replayDeadLetters(queues.client, options({ batchSize: 10 }));
		expect(queues.size(DLQ)).toBe(0);
		// The first batch went out twice; the consumer de-duplicates by event id.
		const sent = queues.bodies(EVENTS).map((e) => e.id);
		expect(sent).toHaveLength(40);
		expect(new Set(sent)).toEqual(new Set(events.map((e) => e.id)));
		// And a second full run finds nothing to do.
		queues.later();
		expect(await replayDeadLetters(queues.client, options())).toMatchObject({ pulled: 0, replayed: 0 });
	});

	it("in a dry run sends and acks nothing, reports the plan, and leaves every message to reappear", async () => {
		const queues = fakeQueues();
		const event = envelope();
		queues.put(DLQ, [event, event, envelope({ at: NOW - 100 * HOUR }), "not json", envelope()]);
		const summary = await replayDeadLetters(queues.client, options({ dryRun: true, batchSize: 2 }));
		expect(summary).toMatchObject({ pulled: 5, replayed: 2, duplicates: 1, stale: 1, invalid: 1, sends: 0 });
		expect(queues.calls.sends).toEqual([]);
		expect(queues.calls.acks).toBe(0);
		queues.later();
		expect(queues.size(DLQ)).toBe(5);
		expect((await replayDeadLetters(queues.client, options())).replayed).toBe(2);
	});

	it("leaves events older than the consumer's de-duplication window, and messages that are no event, in the DLQ", async () => {
		const queues = fakeQueues();
		const stale = envelope({ at: NOW - 73 * HOUR });
		queues.put(DLQ, [stale, envelope(), { hello: "world" }]);
		const summary = await replayDeadLetters(queues.client, options());
		expect(summary).toMatchObject({ replayed: 1, stale: 1, invalid: 1 });
		expect(summary.leftBehind.join("\n")).toMatch(/stale \(event .*, 73 h old\)[\s\S]*no event id/);
		queues.later();
		expect(queues.size(DLQ)).toBe(2);
		const forced = await replayDeadLetters(queues.client, options({ includeStale: true }));
		expect(forced).toMatchObject({ replayed: 1, invalid: 1 });
		expect(queues.bodies(EVENTS).map((e) => e.id)).toContain(stale.id);
	});

	it("stops after --limit messages", async () => {
		const queues = fakeQueues();
		queues.put(
			DLQ,
			Array.from({ length: 50 }, () => envelope()),
		);
		const summary = await replayDeadLetters(queues.client, options({ limit: 15, batchSize: 10 }));
		expect(summary).toMatchObject({ pulled: 15, replayed: 15 });
		expect(queues.size(DLQ)).toBe(35);
	});
});

describe("classifyBatch", () => {
	it("keeps the replayed ids across batches", () => {
		const replayed = new Set<string>();
		const event = envelope();
		const message = (id: string): PulledMessage => ({ id, body: JSON.stringify(event), lease_id: `l-${id}` });
		const opts = { nowMs: NOW, maxAgeHours: 72, includeStale: false };
		expect(classifyBatch([message("a")], replayed, opts).map((d) => d.kind)).toEqual(["replay"]);
		expect(classifyBatch([message("b")], replayed, opts).map((d) => d.kind)).toEqual(["duplicate"]);
	});
});

describe("chunkForSend", () => {
	it("keeps each send within 100 messages and 256 KB", () => {
		expect(chunkForSend(Array.from({ length: 250 }, (_, i) => i)).map((c) => c.length)).toEqual([
			100, 100, 50,
		]);
		const big = "x".repeat(100 * 1024);
		expect(chunkForSend([big, big, big]).map((c) => c.length)).toEqual([2, 1]);
		expect(chunkForSend([])).toEqual([]);
	});
});
