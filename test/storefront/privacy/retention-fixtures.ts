// Fixtures for the retention tests: the runner called directly on a controllable clock, rows
// aged by writing their timestamps, and probes of the vault (its keys, shred list and audit log).
import { env } from "cloudflare:workers";
import type { Logger } from "../../../workers/shared/logger";
import type { RetentionStep } from "../../../workers/shared/vault-contract";
import { runRetention } from "../../../workers/storefront/privacy/retention/runner";
import { blindIndex } from "../../../workers/vault/crypto/blind-index";
import { testDb } from "../fixtures/commerce";

export const DAY = 24 * 60 * 60_000;
export const HOUR = 60 * 60_000;

const silent: Logger = { info() {}, warn() {}, error() {} };

/** One run of the storefront's jobs at `now` (no actor: the cron's run). */
export function runAt(now: number, options: { batchSize?: number; dryRun?: boolean } = {}) {
	return runRetention(
		{ db: testDb(), vault: env.VAULT, logger: silent },
		{ now, dryRun: options.dryRun ?? false, batchSize: options.batchSize ?? 500 },
	);
}

export function stepOf(steps: RetentionStep[], job: string): RetentionStep {
	const step = steps.find((s) => s.job === job);
	if (!step) throw new Error(`no step ${job} in ${JSON.stringify(steps)}`);
	return step;
}

/** Runs at `now` until no storefront job has more, as `npm run retention` does. */
export async function drainAt(now: number): Promise<void> {
	for (let round = 0; round < 20; round++) {
		if (!(await runAt(now)).some((s) => s.more)) return;
	}
	throw new Error("retention did not finish in 20 rounds");
}

export type OrderState = {
	number: string;
	status: string;
	customer_id: string | null;
	subject_id: string;
	total_minor: number;
	subtotal_minor: number;
	ship_country: string | null;
	personal_data_purged_at: number | null;
};

export async function orderRow(orderId: string): Promise<OrderState> {
	const row = await env.DB.prepare(
		`select number, status, customer_id, subject_id, total_minor, subtotal_minor, ship_country,
			personal_data_purged_at from orders where id = ?`,
	)
		.bind(orderId)
		.first<OrderState>();
	if (!row) throw new Error(`no order ${orderId}`);
	return row;
}

export async function hasContact(orderId: string): Promise<boolean> {
	return (
		(await env.DB.prepare("select 1 as n from order_contacts where order_id = ?").bind(orderId).first()) !==
		null
	);
}

export async function count(sql: string, ...params: unknown[]): Promise<number> {
	return (
		(
			await env.DB.prepare(`select count(*) as n from ${sql}`)
				.bind(...params)
				.first<{ n: number }>()
		)?.n ?? 0
	);
}

export async function hasSubjectKey(subjectId: string): Promise<boolean> {
	return (
		(await env.VAULT_DB.prepare("select 1 as n from subject_keys where id = ?").bind(subjectId).first()) !==
		null
	);
}

export async function wasShredded(subjectId: string): Promise<boolean> {
	return (
		(await env.VAULT_DB.prepare("select 1 as n from shredded_subjects where subject_id = ?")
			.bind(subjectId)
			.first()) !== null
	);
}

export type AuditEntry = {
	action: string;
	outcome: string;
	reason: string | null;
	actor_kind: string;
	fields: string;
	item_count: number;
};

/** The vault's audit entries naming the subject (by its pseudonym, as the log does). */
export async function auditOf(subjectId: string, action = "retention.purge"): Promise<AuditEntry[]> {
	const { BLIND_INDEX_KEY } = JSON.parse(env.TEST_VAULT_SECRETS) as { BLIND_INDEX_KEY: string };
	const pseudonym = await blindIndex(BLIND_INDEX_KEY, "audit_subject", subjectId);
	const { results } = await env.VAULT_DB.prepare(
		`select action, outcome, reason, actor_kind, fields, item_count from audit_log
			where action = ? and subjects like ? order by seq`,
	)
		.bind(action, `%${pseudonym}%`)
		.all<AuditEntry>();
	return results;
}

/** A cancelled order `daysAgo` days before `now`, with what it captured and refunded. */
export async function cancel(
	orderId: string,
	cancelledAt: number,
	money: { paidMinor?: number; refundedMinor?: number } = {},
): Promise<void> {
	await env.DB.prepare(
		"update orders set status = 'cancelled', paid_minor = ?, refunded_minor = ?, updated_at = ? where id = ?",
	)
		.bind(money.paidMinor ?? 0, money.refundedMinor ?? 0, cancelledAt, orderId)
		.run();
}

/** A return on the order in the given status, with a (stand-in) sealed description. */
export async function addReturn(orderId: string, status: "requested" | "approved" | "received" | "refunded") {
	const id = crypto.randomUUID();
	await env.DB.prepare(
		`insert into returns (id, number, order_id, status, reason, details_ct, requested_by, created_at, updated_at)
			values (?, ?, ?, ?, 'damaged', 'v1.sealed-details', 'guest', ?, ?)`,
	)
		.bind(
			id,
			`RMA-${id.slice(0, 4)}-${id.slice(4, 8)}`.toUpperCase(),
			orderId,
			status,
			Date.now(),
			Date.now(),
		)
		.run();
	return id;
}

export async function addRefund(orderId: string, status: "pending" | "succeeded") {
	const id = crypto.randomUUID();
	await env.DB.prepare(
		`insert into refunds (id, order_id, amount_minor, currency, reason, idempotency_key, status, created_at, updated_at)
			values (?, ?, 100, 'USD', 'goodwill', ?, ?, ?, ?)`,
	)
		.bind(id, orderId, `test:${id}`, status, Date.now(), Date.now())
		.run();
}

/** An after-sales thread on the order, with one (stand-in) sealed message. */
export async function addConsultation(
	orderId: string,
	subjectId: string,
	{ status = "closed", updatedAt = Date.now() }: { status?: "open" | "closed"; updatedAt?: number } = {},
) {
	const id = crypto.randomUUID();
	await env.DB.batch([
		env.DB.prepare(
			`insert into consultations (id, kind, status, order_id, subject_id, created_at, updated_at)
				values (?, 'after_sales', ?, ?, ?, ?, ?)`,
		).bind(id, status, orderId, subjectId, updatedAt, updatedAt),
		env.DB.prepare(
			`insert into consultation_messages (id, consultation_id, author, body_ct, created_at)
				values (?, ?, 'shopper', 'v1.sealed-body', ?)`,
		).bind(crypto.randomUUID(), id, Date.now()),
	]);
	return id;
}
