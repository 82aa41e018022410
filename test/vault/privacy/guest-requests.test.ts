// Guests' privacy requests in the vault (issue #9, P12): the single-use link goes only to the
// order's own sealed address, never for an account's subject; the link completes export (opening
// only what is under the request's subject), deletion (the key destroyed) or correction, once;
// every step audited, an expired or used link refused.
import { describe, expect, it } from "vitest";
import type { OpenItem, PrivacyRequestKind } from "../../../workers/shared/vault-contract";
import { hashEmailToken } from "../../../workers/vault/accounts/email-tokens";
import { blindIndex } from "../../../workers/vault/crypto/blind-index";
import { createSubjectCipher } from "../../../workers/vault/crypto/subject-cipher";
import { vaultDb } from "../../../workers/vault/db/client";
import { getSubjectKeys } from "../../../workers/vault/keys/subject-keys";
import { guestRequestMail } from "../../../workers/vault/privacy/guest-request-mail";
import { type Accounts, accounts, newEmail, type SentMail, signedUp } from "../account-fixtures";
import { auditHeadSeq, CONTACT, sealedContact, vaultEnv } from "../helpers";

type AuditEntry = {
	actor_kind: string;
	actor_id: string;
	action: string;
	outcome: string;
	reason: string | null;
	subjects: string;
	fields: string;
	item_count: number;
};

const ORDER_NUMBER = "LW-Q7RT-2MXA-9KPB";
const PERSONAL = [CONTACT.name, CONTACT.phone, "Vaultkeeper", "Exeter-Zq", "EX1 1AA"];

async function guestOrder() {
	const email = newEmail("guest");
	const contact = await sealedContact({ ...CONTACT, email });
	return { email, contact, orderId: contact.rowId, subjectId: contact.subjectId };
}
type GuestOrder = Awaited<ReturnType<typeof guestOrder>>;

function linkRequest(
	order: GuestOrder,
	kind: PrivacyRequestKind,
	to: OpenItem = order.contact.item("email"),
) {
	return { kind, orderId: order.orderId, orderNumber: ORDER_NUMBER, to };
}

function tokenOf(mail: SentMail | undefined): string {
	const match = mail?.text.match(/^http:\/\/localhost:8787\/privacy\/requests\/([A-Za-z0-9_-]{43})$/m);
	if (!match?.[1]) throw new Error(`no privacy link in ${mail?.subject ?? "(no mail)"}`);
	return match[1];
}

/** Asks for a link and reads it from the mailbox. */
async function mailedLink(shop: Accounts, order: GuestOrder, kind: PrivacyRequestKind): Promise<string> {
	expect(await shop.vault.requestPrivacyLink(linkRequest(order, kind))).toEqual({ ok: true, accepted: true });
	await shop.settle();
	return tokenOf(shop.to(order.email).at(-1));
}

async function auditSince(seq: number): Promise<AuditEntry[]> {
	const { results } = await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ? order by seq")
		.bind(seq)
		.all<AuditEntry>();
	return results;
}

async function requestRows(orderId: string) {
	const { results } = await vaultEnv.VAULT_DB.prepare(
		"select * from privacy_requests where order_id = ? order by created_at",
	)
		.bind(orderId)
		.all<{ token_hash: string; kind: string; status: string; subject_id: string; used_at: number | null }>();
	return results;
}

/** Seals a text under an existing subject, as a guest's return or question is sealed. */
async function sealUnder(subjectId: string, table: string, field: string, value: string): Promise<OpenItem> {
	const cipher = createSubjectCipher(vaultEnv);
	const row = (await getSubjectKeys(vaultDb(vaultEnv.VAULT_DB), [subjectId])).get(subjectId);
	if (!row) throw new Error("no such subject");
	const rowId = crypto.randomUUID();
	const sealed = await cipher.sealFields(await cipher.openSubject(row), table, rowId, { [field]: value });
	return { subjectId, table, rowId, field, ciphertext: sealed[field] as string };
}

describe("requestPrivacyLink", () => {
	it("mails one single-use link to the order's address, naming the order and the kind and nothing personal", async () => {
		const shop = accounts();
		const order = await guestOrder();
		const before = await auditHeadSeq();
		const token = await mailedLink(shop, order, "export");

		expect(shop.sent.filter((mail) => mail.to === order.email)).toHaveLength(1);
		const mail = shop.to(order.email)[0];
		expect(mail?.subject).toBe(`Your Loomwash privacy request for order ${ORDER_NUMBER}`);
		expect(mail?.text).toBe(
			guestRequestMail("http://localhost:8787", { kind: "export", orderNumber: ORDER_NUMBER, token }).text,
		);
		expect(mail?.text).toContain("a copy of the personal data");
		for (const value of [...PERSONAL, order.email]) expect(mail?.text).not.toContain(value);

		// Only the token's hash is kept.
		const [row] = await requestRows(order.orderId);
		expect(row).toMatchObject({ kind: "export", status: "pending", subject_id: order.subjectId });
		expect(row?.token_hash).toBe(await hashEmailToken(token));
		expect(JSON.stringify(await requestRows(order.orderId))).not.toContain(token);

		const [entry, ...more] = await auditSince(before);
		expect(more).toHaveLength(0);
		expect(entry).toMatchObject({
			actor_kind: "storefront",
			action: "privacy_request.link",
			outcome: "allowed",
			reason: "export",
			fields: JSON.stringify(["order_contacts.email"]),
		});
		const pseudonym = await blindIndex(vaultEnv.BLIND_INDEX_KEY, "audit_subject", order.subjectId);
		expect(entry?.subjects).toBe(JSON.stringify([pseudonym]));
		expect(entry?.subjects).not.toContain(order.subjectId);
	});

	it("sends no second link of a kind while the first one is fresh; another kind is its own", async () => {
		const shop = accounts();
		const order = await guestOrder();
		await mailedLink(shop, order, "deletion");
		expect(await shop.vault.requestPrivacyLink(linkRequest(order, "deletion"))).toEqual({
			ok: true,
			accepted: true,
		});
		await shop.settle();
		expect(shop.to(order.email)).toHaveLength(1);
		await mailedLink(shop, order, "correction");
		expect(shop.to(order.email)).toHaveLength(2);
		expect((await requestRows(order.orderId)).map((row) => row.kind)).toEqual(["deletion", "correction"]);
	});

	it("refuses, audited and without mail, an account's subject and any field but the order's email", async () => {
		const shop = accounts();
		const shopper = await signedUp(shop);
		const orderId = crypto.randomUUID();
		const sealed = await shop.vault.seal({
			subject: { session: shopper.token },
			table: "order_contacts",
			rowId: orderId,
			fields: { email: shopper.email },
		});
		if (!sealed.ok) throw new Error(sealed.error.message);
		const accountItem: OpenItem = {
			subjectId: sealed.subjectId,
			table: "order_contacts",
			rowId: orderId,
			field: "email",
			ciphertext: sealed.sealed.email as string,
		};
		const mailsBefore = shop.sent.length;
		const before = await auditHeadSeq();
		expect(
			await shop.vault.requestPrivacyLink({
				kind: "export",
				orderId,
				orderNumber: ORDER_NUMBER,
				to: accountItem,
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });

		const order = await guestOrder();
		const phone = linkRequest(order, "export", order.contact.item("phone"));
		expect(await shop.vault.requestPrivacyLink(phone)).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		const otherRow = { ...linkRequest(order, "export"), orderId: crypto.randomUUID() };
		expect(await shop.vault.requestPrivacyLink(otherRow)).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		await shop.settle();
		expect(shop.sent.length).toBe(mailsBefore);
		expect(await requestRows(orderId)).toHaveLength(0);
		expect(await requestRows(order.orderId)).toHaveLength(0);
		const entries = await auditSince(before);
		expect(entries.map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["privacy_request.link", "denied", "export:account_subject"],
			["privacy_request.link", "denied", "export:not_the_order_email"],
			["privacy_request.link", "denied", "export:not_the_order_email"],
		]);
	});
});

describe("completePrivacyRequest", () => {
	it("export: opens the order's items once, audited first; a second use and a foreign item are refused", async () => {
		const shop = accounts();
		const order = await guestOrder();
		const token = await mailedLink(shop, order, "export");
		expect(await shop.vault.inspectPrivacyLink({ token })).toEqual({
			ok: true,
			request: { kind: "export", orderId: order.orderId, subjectId: order.subjectId },
		});
		const details = await sealUnder(order.subjectId, "returns", "details", "The fringe came apart.");
		const stranger = await guestOrder();
		const items = [order.contact.item("email"), order.contact.item("name"), details];

		// Someone else's item, or a field no export holds: refused, and the link still works.
		const before = await auditHeadSeq();
		expect(
			await shop.vault.completePrivacyRequest({ token, items: [...items, stranger.contact.item("phone")] }),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		const replyEmail = await sealUnder(order.subjectId, "consultations", "reply_email", "x@example.org");
		expect(await shop.vault.completePrivacyRequest({ token, items: [replyEmail] })).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		expect((await requestRows(order.orderId))[0]?.status).toBe("pending");

		const done = await shop.vault.completePrivacyRequest({ token, items });
		expect(done).toEqual({
			ok: true,
			request: {
				kind: "export",
				orderId: order.orderId,
				subjectId: order.subjectId,
				values: [order.email, CONTACT.name, "The fringe came apart."],
			},
		});
		const entries = await auditSince(before);
		expect(entries.map((e) => [e.action, e.outcome, e.reason])).toEqual([
			["privacy_request.export", "denied", "other_subject"],
			["privacy_request.export", "denied", "not_exportable"],
			["privacy_request.export", "allowed", null],
		]);
		expect(entries[2]).toMatchObject({
			actor_kind: "shopper",
			actor_id: "guest_link",
			item_count: 3,
			fields: JSON.stringify(["order_contacts.email", "order_contacts.name", "returns.details"]),
		});

		expect(await shop.vault.completePrivacyRequest({ token, items })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
		expect(await shop.vault.inspectPrivacyLink({ token })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
		expect((await requestRows(order.orderId))[0]).toMatchObject({ status: "completed" });
	});

	it("deletion: audited, then the subject's key is destroyed and recorded; the order's other links stop", async () => {
		const shop = accounts();
		const order = await guestOrder();
		const exportToken = await mailedLink(shop, order, "export");
		const token = await mailedLink(shop, order, "deletion");
		expect(
			await shop.vault.completePrivacyRequest({ token, items: [order.contact.item("email")] }),
		).toMatchObject({ ok: false, error: { code: "bad_request" } });
		const before = await auditHeadSeq();
		expect(await shop.vault.completePrivacyRequest({ token })).toEqual({
			ok: true,
			request: { kind: "deletion", orderId: order.orderId, subjectId: order.subjectId, values: [] },
		});
		const [entry] = await auditSince(before);
		expect(entry).toMatchObject({
			action: "privacy_request.deletion",
			outcome: "allowed",
			reason: "guest_deletion",
		});

		expect((await getSubjectKeys(vaultDb(vaultEnv.VAULT_DB), [order.subjectId])).size).toBe(0);
		const shredded = await vaultEnv.VAULT_DB.prepare(
			"select reason from shredded_subjects where subject_id = ?",
		)
			.bind(order.subjectId)
			.first<{ reason: string }>();
		expect(shredded?.reason).toBe("guest_deletion");
		// Nothing under the subject opens any more, whoever asks.
		expect(await shop.vault.requestPrivacyLink(linkRequest(order, "correction"))).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
		expect(await shop.vault.inspectPrivacyLink({ token: exportToken })).toMatchObject({ ok: false });
		expect(await shop.vault.completePrivacyRequest({ token })).toMatchObject({
			ok: false,
			error: { code: "not_found" },
		});
	});

	it("correction: recorded and used up, nothing opened", async () => {
		const shop = accounts();
		const order = await guestOrder();
		const token = await mailedLink(shop, order, "correction");
		const before = await auditHeadSeq();
		expect(await shop.vault.completePrivacyRequest({ token })).toEqual({
			ok: true,
			request: { kind: "correction", orderId: order.orderId, subjectId: order.subjectId, values: [] },
		});
		expect((await auditSince(before)).map((e) => [e.action, e.outcome, e.item_count])).toEqual([
			["privacy_request.correction", "allowed", 0],
		]);
		expect((await getSubjectKeys(vaultDb(vaultEnv.VAULT_DB), [order.subjectId])).size).toBe(1);
		expect(await shop.vault.completePrivacyRequest({ token })).toMatchObject({ ok: false });
	});

	it("an expired link, an unknown one and a malformed one are refused alike, and nothing happens", async () => {
		const shop = accounts();
		const order = await guestOrder();
		const token = await mailedLink(shop, order, "deletion");
		await vaultEnv.VAULT_DB.prepare("update privacy_requests set expires_at = ? where token_hash = ?")
			.bind(Date.now() - 1, await hashEmailToken(token))
			.run();
		const unknown = "A".repeat(43);
		for (const t of [token, unknown]) {
			expect(await shop.vault.inspectPrivacyLink({ token: t })).toEqual({
				ok: false,
				error: { code: "not_found", message: "This link is no longer valid" },
			});
			expect(await shop.vault.completePrivacyRequest({ token: t })).toEqual({
				ok: false,
				error: { code: "not_found", message: "This link is no longer valid" },
			});
		}
		expect(await shop.vault.completePrivacyRequest({ token: "short" })).toMatchObject({
			ok: false,
			error: { code: "bad_request" },
		});
		expect((await getSubjectKeys(vaultDb(vaultEnv.VAULT_DB), [order.subjectId])).size).toBe(1);
	});
});
