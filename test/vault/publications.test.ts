// Published reviews in the vault (issue #8): publishing is an audited act of a staff member whose
// role may moderate reviews; afterwards, and only afterwards, the review's text and nickname open
// without an actor, and nothing else does.
import { describe, expect, it } from "vitest";
import type { OpenItem } from "../../workers/shared/vault-contract";
import { auditHeadSeq, auditRows, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

type ReviewField = "text" | "nickname";

/** A review sealed as the storefront seals one: a new subject, table reviews, row = review id. */
async function sealedReview(text = "Survived the washing machine and the dog.", nickname = "Mossy") {
	const rowId = `rev_${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
	const result = await rpc().seal({
		subject: { new: true },
		table: "reviews",
		rowId,
		fields: { text, nickname },
	});
	if (!result.ok) throw new Error(`seal failed: ${result.error.message}`);
	const item = (field: ReviewField): OpenItem => ({
		subjectId: result.subjectId,
		table: "reviews",
		rowId,
		field,
		ciphertext: result.sealed[field] as string,
	});
	return { rowId, subjectId: result.subjectId, text, nickname, item };
}

type Review = Awaited<ReturnType<typeof sealedReview>>;

type Staff = Awaited<ReturnType<typeof staffAs>>;

async function publish(review: Review, published: boolean, staff?: Staff) {
	const actor = staff ?? (await staffAs("support"));
	const result = await rpc().publish({
		actor: actor.actor,
		table: "reviews",
		rowId: review.rowId,
		subjectId: review.subjectId,
		published,
	});
	return { staff: actor, result };
}

async function publishedRows(rowId: string): Promise<number> {
	const row = await vaultEnv.VAULT_DB.prepare("select count(*) as n from publications where row_id = ?")
		.bind(rowId)
		.first<{ n: number }>();
	return row?.n ?? 0;
}

describe("VaultRpc.publish", () => {
	it("lets support publish a review, auditing it before the row is listed", async () => {
		const review = await sealedReview();
		const support = await staffAs("support");
		const before = await auditHeadSeq();
		const { staff, result } = await publish(review, true, support);
		expect(result).toEqual({ ok: true, published: true });
		expect(await publishedRows(review.rowId)).toBe(1);
		const entries = await auditRows(before);
		expect(entries.map((e) => [e.action, e.outcome, e.actor_id, e.actor_role])).toEqual([
			["publish", "allowed", staff.id, "support"],
		]);
		// The entry names a pseudonym and field names, never the subject id or the text.
		const raw = JSON.stringify(
			await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ?").bind(before).all(),
		);
		expect(raw).not.toContain(review.subjectId);
		expect(raw).not.toContain(review.text);
		expect(raw).toContain("reviews.text");

		// Publishing again is one row still; withdrawing removes it, audited as well.
		expect((await publish(review, true)).result.ok).toBe(true);
		expect(await publishedRows(review.rowId)).toBe(1);
		const mark = await auditHeadSeq();
		expect((await publish(review, false, support)).result).toEqual({ ok: true, published: false });
		expect(await publishedRows(review.rowId)).toBe(0);
		expect((await auditRows(mark)).map((e) => [e.action, e.outcome])).toEqual([
			["publish.withdraw", "allowed"],
		]);
	});

	it("refuses roles without reviews.moderate and shopper sessions, audited, publishing nothing", async () => {
		const review = await sealedReview();
		for (const role of ["fulfilment", "compliance", "admin"] as const) {
			const member = await staffAs(role);
			const before = await auditHeadSeq();
			const { staff, result } = await publish(review, true, member);
			expect(result.ok, role).toBe(false);
			if (!result.ok) expect(result.error.code).toBe("forbidden");
			expect((await auditRows(before)).map((e) => [e.outcome, e.actor_id, e.reason])).toEqual([
				["denied", staff.id, "operation_not_granted"],
			]);
		}
		const before = await auditHeadSeq();
		const shopper = await rpc().publish({
			actor: { kind: "shopper", token: "a.session.token" },
			table: "reviews",
			rowId: review.rowId,
			subjectId: review.subjectId,
			published: true,
		});
		expect(shopper.ok).toBe(false);
		if (!shopper.ok) expect(shopper.error.code).toBe("unauthorized");
		expect((await auditRows(before)).map((e) => [e.outcome, e.reason])).toEqual([["denied", "not_staff"]]);
		const forged = await rpc().publish({
			actor: { kind: "staff", token: "not.a.token" },
			table: "reviews",
			rowId: review.rowId,
			subjectId: review.subjectId,
			published: true,
		});
		expect(forged.ok).toBe(false);
		expect(await publishedRows(review.rowId)).toBe(0);
	});

	it("refuses a row published under another subject, and a subject that does not exist", async () => {
		const review = await sealedReview();
		const other = await sealedReview();
		await publish(review, true);
		const support = await staffAs("support");
		const swapped = await rpc().publish({
			actor: support.actor,
			table: "reviews",
			rowId: review.rowId,
			subjectId: other.subjectId,
			published: true,
		});
		expect(swapped.ok).toBe(false);
		if (!swapped.ok) expect(swapped.error.code).toBe("conflict");
		const withdrawOther = await rpc().publish({
			actor: support.actor,
			table: "reviews",
			rowId: review.rowId,
			subjectId: other.subjectId,
			published: false,
		});
		expect(withdrawOther.ok).toBe(false);
		expect(await publishedRows(review.rowId)).toBe(1);

		const ghost = await rpc().publish({
			actor: support.actor,
			table: "reviews",
			rowId: "rev_nosuchreview0000000000",
			subjectId: "AAAAAAAAAAAAAAAAAAAAAA",
			published: true,
		});
		expect(ghost.ok).toBe(false);
		if (!ghost.ok) expect(ghost.error.code).toBe("not_found");
		// Only reviews may be published at all: the contract refuses any other table.
		const contact = await sealedContact();
		const table = await rpc().publish({
			actor: support.actor,
			table: "order_contacts",
			rowId: contact.rowId,
			subjectId: contact.subjectId,
			published: true,
		});
		expect(table.ok).toBe(false);
		if (!table.ok) expect(table.error.code).toBe("bad_request");
	});
});

describe("VaultRpc.openPublished", () => {
	it("opens published texts and nicknames only, without writing an audit entry per read", async () => {
		const shown = await sealedReview("Soft, and the colour held.", "Hazel");
		const pending = await sealedReview("Not yet moderated.", "Pending Pat");
		await publish(shown, true);
		const before = await auditHeadSeq();
		const result = await rpc().openPublished({
			items: [shown.item("text"), shown.item("nickname"), pending.item("text"), pending.item("nickname")],
		});
		expect(result).toEqual({ ok: true, values: ["Soft, and the colour held.", "Hazel", null, null] });
		expect(await auditHeadSeq()).toBe(before);

		// Withdrawn: it no longer opens.
		await publish(shown, false);
		const after = await rpc().openPublished({ items: [shown.item("text")] });
		expect(after).toEqual({ ok: true, values: [null] });
	});

	it("opens an item only as the published row's own field, under its own subject", async () => {
		const published = await sealedReview("The published one.", "Ivo");
		const other = await sealedReview("Someone else's words.", "Other");
		await publish(published, true);
		const items: OpenItem[] = [
			// Another subject named for the published row: not what was published.
			{ ...other.item("text"), rowId: published.rowId },
			// Another row's ciphertext relabelled as the published row, with its subject: does not open.
			{ ...other.item("text"), rowId: published.rowId, subjectId: published.subjectId },
			// The published text relabelled as its nickname: bound to its field, does not open.
			{ ...published.item("text"), field: "nickname" },
			published.item("text"),
		];
		expect(await rpc().openPublished({ items })).toEqual({
			ok: true,
			values: [null, null, null, "The published one."],
		});
	});

	it("refuses, as a whole and audited, any table or field that is never published", async () => {
		const review = await sealedReview();
		await publish(review, true);
		const contact = await sealedContact();
		const cases: OpenItem[][] = [
			[contact.item("email")],
			[{ ...contact.item("name"), table: "reviews", rowId: review.rowId, subjectId: review.subjectId }].map(
				(item) => ({ ...item, field: "email" }),
			),
			[review.item("text"), { ...review.item("text"), table: "customers" }],
		];
		for (const items of cases) {
			const before = await auditHeadSeq();
			const result = await rpc().openPublished({ items });
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.error.code).toBe("forbidden");
			expect((await auditRows(before)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
				["open_published", "denied", "not_publishable"],
			]);
		}
	});

	it("is bounded: more than 100 items is a bad request", async () => {
		const review = await sealedReview();
		await publish(review, true);
		const result = await rpc().openPublished({
			items: Array.from({ length: 101 }, () => review.item("text")),
		});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.code).toBe("bad_request");
		const hundred = await rpc().openPublished({
			items: Array.from({ length: 100 }, () => review.item("text")),
		});
		expect(hundred.ok && hundred.values.every((v) => v === review.text)).toBe(true);
	});
});
