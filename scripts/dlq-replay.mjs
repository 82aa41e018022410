// `npm run dlq:replay [-- --env staging --dry-run --limit 500 --batch-size 100 --include-stale]`:
// after the fix for whatever sent analytics events to the dead-letter queue is deployed, moves
// them back to the main queue so the analytics consumer counts them. Idempotent: the consumer
// counts an event id once (see scripts/dlq-replay-core.ts, which holds the logic and its test).
//
// Runs against Cloudflare (there is no local equivalent: wrangler dev's queues have no HTTP API),
// through the Queues HTTP API, so the DLQ needs an HTTP pull consumer (once, README: Operating):
//   npx wrangler queues consumer http add loomwash-events-dlq --message-retries 100
// and these in the environment:
//   CLOUDFLARE_ACCOUNT_ID   the account
//   CLOUDFLARE_API_TOKEN    an API token with Queues Edit on it (pull and ack write to the DLQ)
//   DLQ_QUEUE_ID, EVENTS_QUEUE_ID (optional) the queue ids (`wrangler queues info <name>`);
//                           looked up by name when unset
// Queue names come from workers/analytics/wrangler.toml (its consumer's queue and
// dead_letter_queue), for the top level or the --env given.
import { parseArgs } from "node:util";
import { unstable_readConfig } from "wrangler";
import { replayDeadLetters } from "./dlq-replay-core.ts";

const API = "https://api.cloudflare.com/client/v4";

const OPTIONS = {
	env: { type: "string", default: "" },
	"dry-run": { type: "boolean", default: false },
	"batch-size": { type: "string", default: "100" },
	limit: { type: "string", default: "0" },
	"visibility-timeout": { type: "string", default: "300" },
	"include-stale": { type: "boolean", default: false },
	"max-age-hours": { type: "string" },
};

function fail(message) {
	console.error(`dlq:replay: ${message}`);
	process.exit(2);
}

const args = (() => {
	try {
		return parseArgs({ options: OPTIONS, strict: true }).values;
	} catch (err) {
		return fail(err instanceof Error ? err.message : String(err));
	}
})();

const config = unstable_readConfig({ config: "workers/analytics/wrangler.toml", env: args.env || undefined });
const consumer = config.queues.consumers?.[0];
if (!consumer?.dead_letter_queue)
	fail("workers/analytics/wrangler.toml names no consumer with a dead_letter_queue");
const from = consumer.dead_letter_queue;
const to = consumer.queue;
const number = (name, value, min, max) => {
	const n = Number(value);
	if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer from ${min} to ${max}`);
	return n;
};
const batchSize = number("batch-size", args["batch-size"], 1, 100);
const limit = number("limit", args.limit, 0, 10_000_000);
const visibilityTimeoutMs = number("visibility-timeout", args["visibility-timeout"], 1, 43_200) * 1000;
const maxAgeHours = number(
	"max-age-hours",
	args["max-age-hours"] ?? config.vars.PROCESSED_ID_TTL_HOURS ?? "72",
	1,
	24 * 365,
);

const accountId = process.env.CLOUDFLARE_ACCOUNT_ID;
const token = process.env.CLOUDFLARE_API_TOKEN;
if (!accountId || !token) fail("set CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN (Queues Edit)");

async function api(method, path, body) {
	const res = await fetch(`${API}/accounts/${accountId}${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json().catch(() => ({}));
	if (!res.ok || json.success === false) {
		const errors = (json.errors ?? []).map((e) => `${e.code}: ${e.message}`).join("; ");
		throw new Error(`${method} ${path}: ${res.status} ${errors}`.trim());
	}
	return json.result;
}

async function queueId(name, override) {
	if (override) return override;
	for (let page = 1; ; page++) {
		const queues = await api("GET", `/queues?page=${page}&per_page=100`);
		const found = queues?.find((q) => q.queue_name === name);
		if (found) return found.queue_id;
		if (!queues || queues.length < 100) throw new Error(`no queue named ${name} in this account`);
	}
}

try {
	const ids = {
		[from]: await queueId(from, process.env.DLQ_QUEUE_ID),
		[to]: await queueId(to, process.env.EVENTS_QUEUE_ID),
	};
	/** @type {import("./dlq-replay-core.ts").QueueClient} */
	const client = {
		async pull(queue, { batchSize, visibilityTimeoutMs }) {
			const result = await api("POST", `/queues/${ids[queue]}/messages/pull`, {
				batch_size: batchSize,
				visibility_timeout_ms: visibilityTimeoutMs,
			});
			return {
				messages: result?.messages ?? [],
				backlog: result?.metadata?.metrics?.backlog_count ?? result?.message_backlog_count,
			};
		},
		async send(queue, bodies) {
			await api("POST", `/queues/${ids[queue]}/messages/batch`, {
				messages: bodies.map((body) => ({ body, content_type: "json" })),
			});
		},
		async ack(queue, leaseIds) {
			await api("POST", `/queues/${ids[queue]}/messages/ack`, {
				acks: leaseIds.map((lease_id) => ({ lease_id })),
			});
		},
	};
	console.log(
		`${args["dry-run"] ? "dry run: " : ""}${from} → ${to}` +
			` (${args.env ? `env ${args.env}` : "production"}; events older than ${maxAgeHours} h ${
				args["include-stale"] ? "replayed too" : "left in the DLQ"
			})`,
	);
	const summary = await replayDeadLetters(client, {
		from,
		to,
		dryRun: args["dry-run"],
		batchSize,
		visibilityTimeoutMs,
		limit,
		maxAgeHours,
		includeStale: args["include-stale"],
		now: () => Date.now(),
		log: (line) => console.log(line),
	});
	for (const line of summary.leftBehind) console.log(`left in ${from}: ${line}`);
	console.log(
		args["dry-run"]
			? `dry run: nothing sent or acked; ${summary.replayed} would be replayed, ${summary.duplicates} duplicates would be acked, ` +
					`${summary.stale + summary.invalid} left; pulled messages reappear in ${from} after ${visibilityTimeoutMs / 1000} s`
			: `done: ${summary.replayed} replayed in ${summary.sends} sends, ${summary.duplicates} duplicates acked, ` +
					`${summary.stale} stale and ${summary.invalid} invalid left in ${from}`,
	);
} catch (err) {
	fail(err instanceof Error ? err.message : String(err));
}
