// The storefront's retention purge and the list of destroyed keys its sweep follows (P9, P8): an
// account's subject is never purged, every purge is audited before a key goes, and the list pages
// in a stable order from a cursor.
import { describe, expect, it } from "vitest";
import {
	type PURGE_REASONS,
	PurgeRequestSchema,
	type ShredCursor,
} from "../../../workers/shared/vault-contract";
import { subjectPseudonyms } from "../../../workers/vault/audit/audited";
import { purgeSubjects, shreddedSince } from "../../../workers/vault/privacy/retention";
import { accounts, signedUp } from "../account-fixtures";
import { auditHeadSeq, auditRows, rpc, sealedContact, vaultEnv } from "../helpers";
import { DAY, failingAuditDb, keyOf, one, ownSubject, retentionDeps } from "./retention-fixtures";

const FIELDS = ["order_contacts.email", "order_contacts.name", "order_contacts.address"];

function purgeOf(
	subjects: { id: string; shred: boolean }[],
	reason: (typeof PURGE_REASONS)[number] = "order_retention",
) {
	return { reason, subjects, fields: FIELDS, itemCount: subjects.length };
}

async function shredRecord(subjectId: string) {
	return one<{ reason: string; shredded_at: number }>(
		"select reason, shredded_at from shredded_subjects where subject_id = ?",
		subjectId,
	);
}

describe("purge", () => {
	it("shreds the flagged guest subjects after one audit entry naming only pseudonyms", async () => {
		const shredded = await sealedContact();
		const kept = await sealedContact();
		const head = await auditHeadSeq();
		const result = await rpc().purge({
			...purgeOf([
				{ id: shredded.subjectId, shred: true },
				{ id: kept.subjectId, shred: false },
			]),
			requestId: "req-purge-1",
		});
		expect(result).toEqual({ ok: true, shredded: [shredded.subjectId] });
		expect(await keyOf(shredded.subjectId)).toBeNull();
		expect(await keyOf(kept.subjectId)).toBe("k1");
		expect(await shredRecord(shredded.subjectId)).toMatchObject({ reason: "order_retention" });
		expect(await shredRecord(kept.subjectId)).toBeNull();

		const rows = await auditRows(head);
		expect(rows).toHaveLength(1);
		const entry = await one<Record<string, unknown>>("select * from audit_log where seq = ?", head + 1);
		expect(entry).toMatchObject({
			actor_kind: "system",
			actor_id: "retention",
			action: "retention.purge",
			outcome: "allowed",
			reason: "order_retention",
			subjects: JSON.stringify(
				(await subjectPseudonyms({ env: vaultEnv }, [shredded.subjectId, kept.subjectId])).sort(),
			),
			fields: JSON.stringify([...FIELDS].sort()),
			item_count: 2,
			request_id: "req-purge-1",
		});
		expect(JSON.stringify(entry)).not.toContain(shredded.subjectId);

		// What was sealed under it no longer opens.
		const { deps } = retentionDeps(Date.now());
		await expect(
			deps.cipher.openSubject({ id: shredded.subjectId, kekId: "k1", wrappedKey: "v1.x.y" }),
		).rejects.toThrow();
	});

	it("is idempotent: a retried purge finds the key gone, succeeds, and shreds nothing more", async () => {
		const contact = await sealedContact();
		const request = purgeOf([{ id: contact.subjectId, shred: true }], "guest_deletion");
		expect(await rpc().purge(request)).toEqual({ ok: true, shredded: [contact.subjectId] });
		const first = await shredRecord(contact.subjectId);
		expect(await rpc().purge(request)).toEqual({ ok: true, shredded: [] });
		expect(await shredRecord(contact.subjectId)).toEqual(first);
	});

	it("refuses, audited, and destroys nothing, when a subject to shred is an account's or owned by one", async () => {
		const shop = accounts();
		const { account } = await signedUp(shop);
		const review = await sealedContact();
		await ownSubject(account.id, review.subjectId);
		const guest = await sealedContact();

		for (const target of [account.subjectId, review.subjectId]) {
			const head = await auditHeadSeq();
			const refused = await rpc().purge(
				purgeOf([
					{ id: guest.subjectId, shred: true },
					{ id: target, shred: true },
				]),
			);
			expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
			expect(await auditRows(head)).toMatchObject([
				{ action: "retention.purge", outcome: "denied", reason: "order_retention:account_subject" },
			]);
			// Refused whole: not even the guest subject beside it went.
			expect(await keyOf(guest.subjectId)).toBe("k1");
			expect(await keyOf(target)).toBe("k1");
			expect(await shredRecord(guest.subjectId)).toBeNull();
		}

		// Naming an account's subject without shredding it (its rows purged elsewhere) is allowed.
		const allowed = await rpc().purge(
			purgeOf([
				{ id: account.subjectId, shred: false },
				{ id: guest.subjectId, shred: true },
			]),
		);
		expect(allowed).toEqual({ ok: true, shredded: [guest.subjectId] });
		expect(await keyOf(account.subjectId)).toBe("k1");
	});

	it("destroys no key when its audit entry cannot be written", async () => {
		const contact = await sealedContact();
		const head = await auditHeadSeq();
		const result = await rpc({ VAULT_DB: failingAuditDb() }).purge(
			purgeOf([{ id: contact.subjectId, shred: true }]),
		);
		expect(result).toMatchObject({ ok: false, error: { code: "unavailable" } });
		expect(await keyOf(contact.subjectId)).toBe("k1");
		expect(await shredRecord(contact.subjectId)).toBeNull();
		expect(await auditHeadSeq()).toBe(head);
	});

	it("takes only what the contract allows", async () => {
		const contact = await sealedContact();
		const bad = [
			{ ...purgeOf([{ id: contact.subjectId, shred: true }]), reason: "checkout_aborted" },
			{ ...purgeOf([{ id: contact.subjectId, shred: true }]), fields: ["order_contacts.email; drop"] },
			{ ...purgeOf([]) },
			{ ...purgeOf([{ id: contact.subjectId, shred: true }]), actor: { kind: "staff", token: "x" } },
		];
		for (const request of bad) {
			expect(PurgeRequestSchema.safeParse(request).success).toBe(false);
			expect(await rpc().purge(request)).toMatchObject({ ok: false, error: { code: "bad_request" } });
		}
		expect(await keyOf(contact.subjectId)).toBe("k1");
	});
});

describe("shreddedSince", () => {
	it("pages through destroyed keys in (shredded_at, subject_id) order, strictly after the cursor", async () => {
		// Later than anything the file's other tests shredded: the list is theirs too.
		const base = Date.now() + 10 * DAY;
		const subjects = await Promise.all([1, 2, 3, 4, 5].map(() => sealedContact()));
		// Two at the same instant (the order then goes by subject id), the others apart.
		const at = [base, base + 10, base + 10, base + 20, base + 30];
		for (const [i, contact] of subjects.entries()) {
			const { deps } = retentionDeps(at[i] as number);
			const purged = await purgeSubjects(deps, purgeOf([{ id: contact.subjectId, shred: true }]));
			expect(purged.ok).toBe(true);
		}
		const expected = subjects
			.map((contact, i) => ({ subjectId: contact.subjectId, shreddedAt: at[i] as number }))
			.sort((a, b) => a.shreddedAt - b.shreddedAt || (a.subjectId < b.subjectId ? -1 : 1));

		const { deps } = retentionDeps(Date.now());
		const seen: { subjectId: string; shreddedAt: number }[] = [];
		let cursor: ShredCursor | null = { at: base - 1, subjectId: "z" };
		for (let page = 0; page < 10; page++) {
			const result = await shreddedSince(deps, { after: cursor, limit: 2 });
			if (!result.ok) throw new Error(result.error.message);
			if (result.subjects.length === 0) {
				expect(result.next).toBeNull();
				break;
			}
			seen.push(...result.subjects);
			const last = result.subjects.at(-1);
			expect(result.next).toEqual({ at: last?.shreddedAt, subjectId: last?.subjectId });
			cursor = result.next;
		}
		expect(seen).toEqual(expected);

		// Through the RPC, validated: a cursor in the middle of the same-instant pair.
		const middle = expected[1];
		const rest = await rpc().shreddedSince({
			after: { at: middle?.shreddedAt ?? 0, subjectId: middle?.subjectId ?? "" },
			limit: 500,
		});
		expect(rest).toEqual({
			ok: true,
			subjects: expected.slice(2),
			next: { at: expected[4]?.shreddedAt, subjectId: expected[4]?.subjectId },
		});
		// From the start, the first page begins with something older than these.
		const first = await rpc().shreddedSince({ after: null, limit: 1 });
		expect(first.ok && (first.subjects[0]?.shreddedAt ?? 0) <= base).toBe(true);
		expect(await rpc().shreddedSince({ after: null, limit: 0 })).toMatchObject({
			ok: false,
			error: { code: "bad_request" },
		});
	});
});
