// The vault's half of a customer's rights (issue #9, P12): subjects owned by an account (a
// review's), the account export, and erasure by crypto-shredding, each audited before it acts.
import { describe, expect, it } from "vitest";
import type { OpenItem } from "../../../workers/shared/vault-contract";
import { accounts, loggedIn, newEmail, PASSWORD, recordingDb, signedUp } from "../account-fixtures";
import { auditHeadSeq, auditRows, vaultEnv } from "../helpers";

const REVIEW = { text: "Survived the dog and the washing machine", nickname: "Quillon" };

async function count(query: string, ...params: string[]): Promise<number> {
	const row = await vaultEnv.VAULT_DB.prepare(query)
		.bind(...params)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

/** A review sealed under a new subject owned by the session's account: its open items. */
async function ownedReview(shop: ReturnType<typeof accounts>, session: string) {
	const rowId = `rev_${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
	const sealed = await shop.vault.seal({
		subject: { new: true, owner: session },
		table: "reviews",
		rowId,
		fields: REVIEW,
	});
	if (!sealed.ok) throw new Error(`seal failed: ${sealed.error.message}`);
	const item = (field: keyof typeof REVIEW, table = "reviews"): OpenItem => ({
		subjectId: sealed.subjectId,
		table,
		rowId,
		field,
		ciphertext: sealed.sealed[field] as string,
	});
	return { ...sealed, rowId, item };
}

function openAs(shop: ReturnType<typeof accounts>, session: string, items: OpenItem[]) {
	return shop.vault.open({ actor: { kind: "shopper", token: session }, purpose: "self_service", items });
}

describe("subjects owned by an account", () => {
	it("seals a review under a new subject its author's session opens, and nobody else's", async () => {
		const shop = accounts();
		const author = await signedUp(shop);
		const other = await signedUp(shop);
		const review = await ownedReview(shop, author.token);
		expect(review.subjectId).not.toBe(author.account.subjectId);
		expect(review.receipt).toBeNull();
		const owner = await vaultEnv.VAULT_DB.prepare("select * from subject_owners where subject_id = ?")
			.bind(review.subjectId)
			.first<{ account_id: string; table_name: string }>();
		expect(owner).toMatchObject({ account_id: author.account.id, table_name: "reviews" });

		const opened = await openAs(shop, author.token, [review.item("text"), review.item("nickname")]);
		expect(opened).toEqual({ ok: true, values: [REVIEW.text, REVIEW.nickname] });
		// Another account's session: as if it did not exist.
		const stranger = await openAs(shop, other.token, [review.item("text")]);
		expect(stranger).toMatchObject({ ok: false, error: { code: "not_found" } });
		// The owned subject opens as the table it was sealed for only.
		const relabelled = await openAs(shop, author.token, [review.item("text", "customer_addresses")]);
		expect(relabelled.ok).toBe(false);
	});

	it("refuses an owner whose session is not alive, and stores no key for it", async () => {
		const shop = accounts();
		const keysBefore = await count("select count(*) as n from subject_keys");
		const refused = await shop.vault.seal({
			subject: { new: true, owner: "not.a.session" },
			table: "reviews",
			rowId: "rev_x",
			fields: REVIEW,
		});
		expect(refused).toMatchObject({ ok: false, error: { code: "unauthorized" } });
		expect(await count("select count(*) as n from subject_keys")).toBe(keysBefore);
	});
});

describe("exportAccount", () => {
	it("gives the account's email, dates, sessions (the asking one marked) and owned subjects, audited", async () => {
		const shop = accounts();
		const { token, account, email } = await signedUp(shop);
		const second = await loggedIn(shop, email);
		const review = await ownedReview(shop, token);
		const before = await auditHeadSeq();
		const result = await shop.vault.exportAccount({ session: second });
		if (!result.ok) throw new Error(result.error.message);
		expect(result.account).toMatchObject({
			accountId: account.id,
			email,
			status: "active",
			ownedSubjects: [{ subjectId: review.subjectId, table: "reviews" }],
		});
		expect(result.account.sessions).toHaveLength(2);
		expect(result.account.sessions.filter((s) => s.current)).toHaveLength(1);
		expect(result.account.sessions.at(-1)?.current).toBe(true);
		const entries = await auditRows(before);
		expect(entries.map((e) => [e.action, e.outcome])).toContainEqual(["account.export", "allowed"]);
		// The log names the shopper by a pseudonym, never by the account id or the email.
		expect(JSON.stringify(entries)).not.toContain(account.id);
		expect(JSON.stringify(entries)).not.toContain(email);
	});

	it("refuses a dead session", async () => {
		const shop = accounts();
		const { token } = await signedUp(shop);
		await shop.vault.logout({ session: token });
		expect(await shop.vault.exportAccount({ session: token })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
	});
});

describe("eraseAccount", () => {
	it("refuses a wrong password and changes nothing", async () => {
		const shop = accounts();
		const { token, account } = await signedUp(shop);
		const before = await auditHeadSeq();
		const refused = await shop.vault.eraseAccount({ session: token, password: "not the password at all" });
		expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect(await count("select count(*) as n from credentials where account_id = ?", account.id)).toBe(1);
		expect(await count("select count(*) as n from subject_keys where id = ?", account.subjectId)).toBe(1);
		expect(
			await count("select count(*) as n from shredded_subjects where subject_id = ?", account.subjectId),
		).toBe(0);
		expect((await shop.vault.session({ session: token })).ok).toBe(true);
		const entries = await auditRows(before);
		expect(entries.map((e) => [e.action, e.outcome, e.reason])).toContainEqual([
			"account.erase",
			"denied",
			"wrong_password",
		]);
	});

	it("destroys the account's key and rows after its audit entry; the review's key stays, unowned", async () => {
		const recording = recordingDb();
		const shop = accounts({ VAULT_DB: recording.db });
		const { token, account, email } = await signedUp(shop, newEmail("erased"));
		const other = await loggedIn(shop, email);
		const review = await ownedReview(shop, token);
		const before = await auditHeadSeq();
		recording.statements.length = 0;

		const result = await shop.vault.eraseAccount({ session: token, password: PASSWORD });
		expect(result).toEqual({
			ok: true,
			erased: { accountId: account.id, subjectId: account.subjectId, ownedSubjects: [review.subjectId] },
		});
		// Log before destroying: the entry's insert precedes the key's delete.
		const auditAt = recording.statements.findIndex((q) => /insert into "audit_log"/i.test(q));
		const shredAt = recording.statements.findIndex((q) => /delete from "subject_keys"/i.test(q));
		expect(auditAt).toBeGreaterThanOrEqual(0);
		expect(shredAt).toBeGreaterThan(auditAt);
		const entries = await auditRows(before);
		expect(entries.map((e) => [e.action, e.outcome])).toContainEqual(["account.erase", "allowed"]);

		expect(await count("select count(*) as n from subject_keys where id = ?", account.subjectId)).toBe(0);
		const shredded = await vaultEnv.VAULT_DB.prepare(
			"select reason from shredded_subjects where subject_id = ?",
		)
			.bind(account.subjectId)
			.first<{ reason: string }>();
		expect(shredded?.reason).toBe("erasure");
		for (const table of ["credentials", "sessions", "email_tokens", "subject_owners"]) {
			expect(await count(`select count(*) as n from ${table} where account_id = ?`, account.id), table).toBe(
				0,
			);
		}
		// The review outlives its author: its key is kept, no longer anyone's.
		expect(await count("select count(*) as n from subject_keys where id = ?", review.subjectId)).toBe(1);
		// Every session of the account is dead, not only the one that asked.
		expect((await shop.vault.session({ session: token })).ok).toBe(false);
		expect((await shop.vault.session({ session: other })).ok).toBe(false);
		expect((await shop.vault.login({ email, password: PASSWORD })).ok).toBe(false);
		// Asking again: the session is gone, nothing more happens.
		expect(await shop.vault.eraseAccount({ session: token, password: PASSWORD })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
	});
});
