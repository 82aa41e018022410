// The audit chain's pure core (DESIGN P8): each entry's hash covers its canonical form, which
// includes its sequence number and the previous entry's hash. Verification walks the entries in
// order and checks them against the signed checkpoints, naming the first entry that is wrong.
import type { AuditVerifyReport, ChainProblem } from "../../shared/vault-contract";
import type { AuditRow } from "../db/schema";

export const GENESIS_HASH = "0".repeat(64);

export type AuditEntry = Omit<AuditRow, "hash">;

/** A fixed-order JSON array: unambiguous, and independent of object key order. */
export function canonicalEntry(e: AuditEntry): string {
	return JSON.stringify([
		e.seq,
		e.at,
		e.actorKind,
		e.actorId,
		e.actorRole,
		e.action,
		e.purpose,
		e.outcome,
		e.reason,
		e.subjects,
		e.fields,
		e.itemCount,
		e.requestId,
		e.prevHash,
	]);
}

export async function entryHash(e: AuditEntry): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalEntry(e)));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A checkpoint whose signature has been checked (or found wrong). */
export type CheckedCheckpoint = { seq: number; hash: string; signatureValid: boolean };

/**
 * Walks the chain page by page (entries in seq order) and compares it with the checkpoints.
 * Stops at the first problem: everything after a broken link is unverifiable anyway.
 */
export async function verifyChain(
	readPage: (afterSeq: number) => Promise<AuditRow[]>,
	checkpoints: readonly CheckedCheckpoint[],
): Promise<AuditVerifyReport> {
	const bySeq = new Map(checkpoints.map((c) => [c.seq, c]));
	let expected = 1;
	let prevHash = GENESIS_HASH;
	let head: AuditVerifyReport["head"] = null;
	const report = (seq: number, problem: ChainProblem, message: string): AuditVerifyReport => ({
		valid: false,
		entries: expected - 1,
		head,
		checkpoints: checkpoints.length,
		firstBad: { seq, problem, message },
	});

	const badSignature = [...checkpoints].sort((a, b) => a.seq - b.seq).find((c) => !c.signatureValid);
	if (badSignature) {
		return report(
			badSignature.seq,
			"checkpoint_signature",
			`The checkpoint at entry ${badSignature.seq} is not signed by the audit key`,
		);
	}

	for (let page = await readPage(0); page.length > 0; page = await readPage(expected - 1)) {
		for (const row of page) {
			if (row.seq !== expected) return report(expected, "missing", `Entry ${expected} is missing`);
			if (row.prevHash !== prevHash) {
				return report(
					row.seq,
					"unlinked",
					`Entry ${row.seq} does not follow entry ${row.seq - 1}: one of them was rewritten`,
				);
			}
			const { hash, ...entry } = row;
			if ((await entryHash(entry)) !== hash)
				return report(row.seq, "altered", `Entry ${row.seq} was altered`);
			const checkpoint = bySeq.get(row.seq);
			if (checkpoint && checkpoint.hash !== hash) {
				return report(
					row.seq,
					"checkpoint_mismatch",
					`Entry ${row.seq} differs from the signed checkpoint: the chain was rebuilt`,
				);
			}
			prevHash = hash;
			head = { seq: row.seq, hash };
			expected++;
		}
	}
	const beyond = checkpoints.filter((c) => c.seq >= expected).sort((a, b) => a.seq - b.seq)[0];
	if (beyond) {
		return report(
			expected,
			"truncated",
			`The chain ends at entry ${expected - 1}, but a checkpoint signs entry ${beyond.seq}`,
		);
	}
	return { valid: true, entries: expected - 1, head, checkpoints: checkpoints.length, firstBad: null };
}
