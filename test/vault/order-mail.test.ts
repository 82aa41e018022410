// The order mails (issue #8): each kind sent once per event, to the address of the order (or
// thread, or account) it is about, holding nothing about the person, audited before the address
// leaves the vault; any other sealed field refused as a recipient.
import { describe, expect, it } from "vitest";
import type { OpenItem, OrderMail, SendMailRequest } from "../../workers/shared/vault-contract";
import { MAIL_WORDS } from "../../workers/vault/after-sales/mail-words";
import { orderMailText } from "../../workers/vault/after-sales/order-mail-text";
import { blindIndex } from "../../workers/vault/crypto/blind-index";
import { createSubjectCipher } from "../../workers/vault/crypto/subject-cipher";
import { vaultDb } from "../../workers/vault/db/client";
import { getSubjectKeys } from "../../workers/vault/keys/subject-keys";
import { accounts, newEmail, signedUp } from "./account-fixtures";
import { auditHeadSeq, CONTACT, rpc, sealedContact, vaultEnv } from "./helpers";

type AuditEntry = {
	seq: number;
	actor_kind: string;
	action: string;
	outcome: string;
	reason: string | null;
	subjects: string;
	fields: string;
};

const ORDER = "LW-7K2M-9QXA-4TPB";
const PERSONAL = [CONTACT.name, CONTACT.phone, "Vaultkeeper", "Exeter-Zq", "EX1 1AA"];

const MAILS: Record<OrderMail["kind"], Exclude<OrderMail, { kind: "consultation_reply" }> | null> = {
	order_confirmed: {
		kind: "order_confirmed",
		orderNumber: ORDER,
		currency: "EUR",
		totalMinor: 123_450,
		shippingMinor: 1_500,
		shippingMethod: "Standard",
		lines: [
			{ name: "Aster Flatweave", detail: "5′ × 7′, Heather grey", quantity: 2, unitPriceMinor: 60_975 },
		],
	},
	payment_failed: { kind: "payment_failed", orderNumber: ORDER },
	payment_late: {
		kind: "payment_late",
		orderNumber: ORDER,
		outcome: "refunded",
		currency: "USD",
		amountMinor: 19_900,
	},
	shipped: { kind: "shipped", orderNumber: ORDER, carrier: "DHL Express", trackingNumber: "JD0146-0001" },
	return_update: {
		kind: "return_update",
		orderNumber: ORDER,
		returnNumber: "RMA-4QX2-TT9B",
		status: "refunded",
		currency: "GBP",
		amountMinor: 8_000,
	},
	// Needs a sealed reply: its own tests below.
	consultation_reply: null,
};

async function contactFor(email = newEmail("order")) {
	return { ...(await sealedContact({ ...CONTACT, email })), email };
}

function toContact(contact: Awaited<ReturnType<typeof contactFor>>) {
	return { sealed: contact.item("email") };
}

function dedupe(scope: string, event = "1") {
	return { scope, event };
}

async function auditSince(seq: number): Promise<AuditEntry[]> {
	const { results } = await vaultEnv.VAULT_DB.prepare("select * from audit_log where seq > ? order by seq")
		.bind(seq)
		.all<AuditEntry>();
	return results;
}

async function mailRows(scope: string) {
	const { results } = await vaultEnv.VAULT_DB.prepare("select * from order_mail where order_id = ?")
		.bind(scope)
		.all();
	return results;
}

/** Seals `fields` in the vault under an existing subject, as a case's later texts are sealed. */
async function sealUnder(subjectId: string, table: string, rowId: string, fields: Record<string, string>) {
	const cipher = createSubjectCipher(vaultEnv);
	const row = (await getSubjectKeys(vaultDb(vaultEnv.VAULT_DB), [subjectId])).get(subjectId);
	if (!row) throw new Error("no such subject");
	const subject = await cipher.openSubject(row);
	return cipher.sealFields(subject, table, rowId, fields);
}

/** A staff reply in the thread of `subjectId`, as the sealed item a consultation_reply quotes. */
async function sealedReply(subjectId: string, body: string): Promise<OpenItem> {
	const rowId = crypto.randomUUID();
	const { body: ciphertext } = await sealUnder(subjectId, "consultation_messages", rowId, { body });
	return {
		subjectId,
		table: "consultation_messages",
		rowId,
		field: "body",
		ciphertext: ciphertext as string,
	};
}

describe("sendMail: each kind once per event, to the right address", () => {
	for (const [kind, mail] of Object.entries(MAILS)) {
		if (!mail) continue;
		it(`sends ${kind} once per event, to the order's address, with no name, phone or address`, async () => {
			const shop = accounts();
			const mine = await contactFor();
			const other = await contactFor();
			const request: SendMailRequest = { to: toContact(mine), mail, dedupe: dedupe(mine.rowId, `${kind}:1`) };

			expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: true });
			expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: false });
			await shop.settle();

			const [sent, ...more] = shop.sent;
			expect(more).toHaveLength(0);
			expect(sent).toMatchObject({ from: "no-reply@loomwash.example", to: mine.email });
			expect(shop.to(other.email)).toHaveLength(0);
			expect(`${sent?.subject}\n${sent?.text}`).toContain(ORDER);
			for (const value of PERSONAL) expect(`${sent?.subject}\n${sent?.text}`).not.toContain(value);
			expect(await mailRows(mine.rowId)).toEqual([expect.objectContaining({ kind, event_key: `${kind}:1` })]);

			// Another event of the same kind is another mail.
			expect(await shop.vault.sendMail({ ...request, dedupe: dedupe(mine.rowId, `${kind}:2`) })).toEqual({
				ok: true,
				sent: true,
			});
			await shop.settle();
			expect(shop.sent).toHaveLength(2);
		});
	}

	it("mails the address of the order named, not another order's", async () => {
		const shop = accounts();
		const first = await contactFor(newEmail("first"));
		const second = await contactFor(newEmail("second"));
		const mail = MAILS.shipped as OrderMail;
		await shop.vault.sendMail({ to: toContact(second), mail, dedupe: dedupe(second.rowId) });
		await shop.settle();
		expect(shop.sent.map((m) => m.to)).toEqual([second.email]);
		expect(shop.to(first.email)).toHaveLength(0);
		expect(await mailRows(first.rowId)).toHaveLength(0);
	});

	it("writes the facts out: money in the order's currency, the tracking number, links on SHOP_ORIGIN", async () => {
		const shop = accounts();
		const contact = await contactFor();
		for (const mail of [MAILS.order_confirmed, MAILS.shipped] as OrderMail[]) {
			await shop.vault.sendMail({ to: toContact(contact), mail, dedupe: dedupe(contact.rowId) });
		}
		await shop.settle();
		const [confirmed, shipped] = shop.sent;
		expect(confirmed?.subject).toBe(`Your Loomwash order ${ORDER} is confirmed`);
		expect(confirmed?.text).toContain("2 × Aster Flatweave (5′ × 7′, Heather grey): €1,219.50");
		expect(confirmed?.text).toContain("Shipping (Standard): €15.00");
		expect(confirmed?.text).toContain("Total: €1,234.50");
		expect(confirmed?.text).toContain("http://localhost:8787/orders/lookup");
		expect(shipped?.text).toContain("Carrier: DHL Express\nTracking number: JD0146-0001");
	});

	it("formats a zero-decimal currency and keeps stored text on one line", () => {
		const text = orderMailText("https://shop.loomwash.example", {
			kind: "order_confirmed",
			orderNumber: ORDER,
			currency: "JPY",
			totalMinor: 25_000,
			shippingMinor: 0,
			shippingMethod: "Free",
			lines: [
				{
					name: "Rug\r\nVisit https://evil.example now",
					detail: "2′ × 3′",
					quantity: 1,
					unitPriceMinor: 25_000,
				},
			],
		});
		expect(text.text).toContain("Total: ¥25,000");
		expect(text.text).toContain("1 × Rug Visit https://evil.example now (2′ × 3′): ¥25,000");
		expect(text.text.split("\n").some((line) => line.startsWith("Visit"))).toBe(false);
	});
});

describe("sendMail: the audit entry", () => {
	it("is appended before sending, names the subject by pseudonym and the field, never the address", async () => {
		const shop = accounts();
		const contact = await contactFor();
		const before = await auditHeadSeq();
		await shop.vault.sendMail({
			to: toContact(contact),
			mail: MAILS.shipped as OrderMail,
			dedupe: dedupe(contact.rowId),
		});
		await shop.vault.sendMail({
			to: toContact(contact),
			mail: MAILS.shipped as OrderMail,
			dedupe: dedupe(contact.rowId),
		});
		const entries = (await auditSince(before)).filter((e) => e.action === "mail.order");
		const pseudonym = await blindIndex(vaultEnv.BLIND_INDEX_KEY, "audit_subject", contact.subjectId);
		// One per mail sent, none for the duplicate.
		expect(entries).toEqual([
			expect.objectContaining({
				actor_kind: "storefront",
				outcome: "allowed",
				reason: "shipped",
				subjects: JSON.stringify([pseudonym]),
				fields: JSON.stringify(["order_contacts.email"]),
			}),
		]);
		expect(JSON.stringify(entries)).not.toContain(contact.email);
		expect(JSON.stringify(entries)).not.toContain(contact.subjectId);
	});

	it("sends nothing, and forgets the event, when the audit log cannot be written", async () => {
		const real = vaultEnv.VAULT_DB;
		const failingAudit = new Proxy(real, {
			get(target, prop) {
				if (prop === "prepare") {
					return (query: string) => {
						if (/insert into "audit_log"/i.test(query)) throw new Error("audit log down");
						return target.prepare(query);
					};
				}
				const value = Reflect.get(target, prop, target);
				return typeof value === "function" ? value.bind(target) : value;
			},
		});
		const broken = accounts({ VAULT_DB: failingAudit });
		const contact = await contactFor();
		const request: SendMailRequest = {
			to: toContact(contact),
			mail: MAILS.shipped as OrderMail,
			dedupe: dedupe(contact.rowId),
		};
		expect(await broken.vault.sendMail(request)).toMatchObject({ ok: false, error: { code: "unavailable" } });
		await broken.settle();
		expect(broken.sent).toHaveLength(0);
		expect(await mailRows(contact.rowId)).toHaveLength(0);

		// The retry, with the log back, sends it.
		const shop = accounts();
		expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: true });
		await shop.settle();
		expect(shop.sent).toHaveLength(1);
	});
});

describe("sendMail: refused recipients", () => {
	async function refused(request: SendMailRequest, code: string) {
		const shop = accounts();
		const scope = request.dedupe.scope;
		expect(await shop.vault.sendMail(request)).toMatchObject({ ok: false, error: { code } });
		await shop.settle();
		expect(shop.sent).toHaveLength(0);
		expect(await mailRows(scope)).toHaveLength(0);
	}

	it("refuses another field of the order's contact (name, phone) as the address", async () => {
		const contact = await contactFor();
		for (const field of ["name", "phone"] as const) {
			await refused(
				{
					to: { sealed: contact.item(field) },
					mail: MAILS.shipped as OrderMail,
					dedupe: dedupe(contact.rowId),
				},
				"forbidden",
			);
		}
	});

	it("refuses a sealed email of another table, and a consultation's reply address for order news", async () => {
		const contact = await contactFor();
		const email = contact.item("email");
		await refused(
			{
				to: { sealed: { ...email, table: "customers" } },
				mail: MAILS.shipped as OrderMail,
				dedupe: dedupe(contact.rowId),
			},
			"forbidden",
		);
		await refused(
			{
				to: { sealed: { ...email, table: "consultations", field: "reply_email" } },
				mail: MAILS.order_confirmed as OrderMail,
				dedupe: dedupe(contact.rowId),
			},
			"forbidden",
		);
	});

	it("refuses an email relabelled as another order's row, a shredded subject and an unknown account", async () => {
		const contact = await contactFor();
		const other = await contactFor();
		await refused(
			{
				to: { sealed: { ...contact.item("email"), rowId: other.rowId } },
				mail: MAILS.shipped as OrderMail,
				dedupe: dedupe(other.rowId),
			},
			"bad_request",
		);
		const shredded = await contactFor();
		expect(
			await rpc().shred({
				subjects: [{ id: shredded.subjectId, receipt: shredded.receipt }],
				reason: "checkout_aborted",
			}),
		).toMatchObject({ ok: true, shredded: 1 });
		await refused(
			{ to: toContact(shredded), mail: MAILS.shipped as OrderMail, dedupe: dedupe(shredded.rowId) },
			"not_found",
		);
		await refused(
			{
				to: { accountId: "acc_AAAAAAAAAAAAAAAAAAAAAA" },
				mail: MAILS.shipped as OrderMail,
				dedupe: dedupe("nobody"),
			},
			"not_found",
		);
	});

	it("audits a refusal, and refuses a malformed request outright", async () => {
		const contact = await contactFor();
		const before = await auditHeadSeq();
		await refused(
			{
				to: { sealed: contact.item("phone") },
				mail: MAILS.shipped as OrderMail,
				dedupe: dedupe(contact.rowId),
			},
			"forbidden",
		);
		expect((await auditSince(before)).filter((e) => e.action === "mail.order")).toEqual([
			expect.objectContaining({ outcome: "denied", reason: "shipped:not_a_recipient" }),
		]);
		await refused(
			{
				to: toContact(contact),
				mail: { ...(MAILS.shipped as OrderMail), orderNumber: "LW-<script>" } as OrderMail,
				dedupe: dedupe(contact.rowId),
			},
			"bad_request",
		);
	});
});

describe("sendMail: in the order's language (issue #13)", () => {
	const SHOP = "http://localhost:8787";
	/** ICU picks U+00A0 or U+202F inside amounts and percentages; the words around them are the test. */
	const spaced = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, " ");

	async function sentIn(locale: string | undefined, mail: OrderMail) {
		const shop = accounts();
		const contact = await contactFor();
		const request: SendMailRequest = {
			to: toContact(contact),
			mail,
			dedupe: dedupe(contact.rowId),
			...(locale ? { locale } : {}),
		};
		expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: true });
		await shop.settle();
		expect(shop.sent).toHaveLength(1);
		return shop.sent[0];
	}

	it("confirms a French order in French, in euros as France writes them, the TVA after the total", async () => {
		const sent = await sentIn("fr-FR", {
			kind: "order_confirmed",
			orderNumber: ORDER,
			currency: "EUR",
			subtotalMinor: 149_000,
			shippingMinor: 990,
			shippingMethod: "Standard",
			totalMinor: 149_990,
			taxIncluded: true,
			taxLines: [{ name: "TVA", rateE5: 20_000, amountMinor: 24_998 }],
			lines: [
				{ name: "Aster Flatweave", detail: "160 × 230 cm · Sable", quantity: 1, unitPriceMinor: 14_900 },
				{ name: "Birch Runner", detail: "76 × 244 cm · Gris chiné", quantity: 2, unitPriceMinor: 67_050 },
			],
		});
		expect(sent?.subject).toBe(`Votre commande Loomwash ${ORDER} est confirmée`);
		expect(spaced(sent?.text)).toBe(
			[
				"Merci pour votre commande : nous avons bien reçu votre paiement.",
				"",
				`Commande ${ORDER}`,
				"  1 × Aster Flatweave (160 × 230 cm · Sable) : 149,00 €",
				"  2 × Birch Runner (76 × 244 cm · Gris chiné) : 1 341,00 €",
				"  Sous-total : 1 490,00 €",
				"  Livraison (Standard) : 9,90 €",
				"  Total : 1 499,90 €",
				"  dont TVA 20 % : 249,98 €",
				"",
				"Nous vous écrirons de nouveau dès l’expédition du colis.",
				`Suivez votre commande sur ${SHOP}/orders/lookup avec son numéro et cette adresse e-mail.`,
				"",
				"Le service client Loomwash",
			].join("\n"),
		);
	});

	it("confirms a Japanese order in Japanese, in whole yen", async () => {
		const sent = await sentIn("ja-JP", {
			kind: "order_confirmed",
			orderNumber: ORDER,
			currency: "JPY",
			subtotalMinor: 43_800,
			shippingMinor: 0,
			shippingMethod: "通常配送",
			totalMinor: 43_800,
			taxIncluded: true,
			taxLines: [{ name: "消費税", rateE5: 10_000, amountMinor: 3_982 }],
			lines: [
				{ name: "Aster Flatweave", detail: "160 × 230 cm · サンド", quantity: 2, unitPriceMinor: 21_900 },
			],
		});
		expect(sent?.subject).toBe(`【Loomwash】ご注文確定のお知らせ（注文番号 ${ORDER}）`);
		const text = sent?.text ?? "";
		expect(text).toContain("このたびはご注文いただき、誠にありがとうございます。");
		expect(text).toContain("  Aster Flatweave（160 × 230 cm · サンド）× 2：￥43,800\n");
		expect(text).toContain("  送料（通常配送）：￥0\n");
		// The consumption tax is inside the total, so it follows it.
		expect(text).toContain("  合計：￥43,800\n  （うち消費税 10%：￥3,982）\n");
		expect(text).toMatch(/Loomwash カスタマーサービス$/);
		// Yen have no minor digits: never a decimal point after an amount.
		expect(text).not.toMatch(/￥[\d,]+\./);
	});

	it("adds US sales tax as a line before the total", async () => {
		const sent = await sentIn("en-US", {
			kind: "order_confirmed",
			orderNumber: ORDER,
			currency: "USD",
			subtotalMinor: 12_900,
			shippingMinor: 600,
			shippingMethod: "Standard",
			totalMinor: 14_479,
			taxIncluded: false,
			taxLines: [{ name: "Sales tax", rateE5: 7_250, amountMinor: 979 }],
			lines: [{ name: "Aster Flatweave", detail: "5′ × 7′ · Sand", quantity: 1, unitPriceMinor: 12_900 }],
		});
		expect(sent?.subject).toBe(`Your Loomwash order ${ORDER} is confirmed`);
		expect(sent?.text).toContain(
			[
				`Order ${ORDER}`,
				"  1 × Aster Flatweave (5′ × 7′ · Sand): $129.00",
				"  Subtotal: $129.00",
				"  Shipping (Standard): $6.00",
				"  Sales tax 7.25%: $9.79",
				"  Total: $144.79",
				"",
			].join("\n"),
		);
	});

	it("writes every kind in each language, nothing left unfilled, links on SHOP_ORIGIN in the shopper's language", () => {
		const mails = [
			...(Object.values(MAILS).filter(Boolean) as OrderMail[]),
			{ ...(MAILS.payment_late as OrderMail), outcome: "reinstated" } as OrderMail,
			...(["requested", "approved", "received", "rejected"] as const).map(
				(status) => ({ ...(MAILS.return_update as OrderMail), status }) as OrderMail,
			),
			{ kind: "consultation_reply", consultationId: "t1", reply: {} } as unknown as OrderMail,
		];
		for (const [language, country] of [
			["en", "GB"],
			["de", "DE"],
			["fr", "BE"],
			["es", "ES"],
			["ja", "JP"],
		] as const) {
			const locale = `${language}-${country}`;
			for (const mail of mails) {
				const { subject, text } = orderMailText(SHOP, mail, { reply: "Thanks.", locale });
				const label = `${locale} ${mail.kind}`;
				expect(`${subject}\n${text}`, label).not.toMatch(/[{}]/);
				expect(subject, label).not.toContain("\n");
				if (mail.kind !== "consultation_reply") expect(`${subject}\n${text}`, label).toContain(ORDER);
				expect(text, label).toMatch(new RegExp(`\\n${MAIL_WORDS[language].signOff}$`));
				for (const url of text.match(/https?:\/\/\S+/g) ?? [])
					expect(url, label).toMatch(/^http:\/\/localhost:8787\//);
			}
		}
		expect(orderMailText(SHOP, MAILS.payment_failed as OrderMail, { locale: "de-AT" }).text).toContain(
			`Sie können jederzeit erneut bestellen: ${SHOP}/de-at\n`,
		);
		const refunded = orderMailText(SHOP, MAILS.return_update as OrderMail, { locale: "es-ES" });
		expect(refunded.subject).toBe(`Devolución RMA-4QX2-TT9B del pedido de Loomwash ${ORDER}: reembolsada`);
		expect(spaced(refunded.text)).toContain("Importe: 80,00 GBP");
	});

	it("keeps the English of before for a request without a locale", async () => {
		const sent = await sentIn(undefined, MAILS.payment_failed as OrderMail);
		expect(sent?.text).toBe(
			[
				`The payment for order ${ORDER} did not go through, so the order has been cancelled.`,
				"Nothing was charged.",
				"",
				`You are welcome to order again at ${SHOP}/`,
				"",
				"Loomwash customer service",
			].join("\n"),
		);
	});

	it("refuses a locale the contract does not know, and sends nothing", async () => {
		const contact = await contactFor();
		for (const locale of ["xx-YY", "en-us", "en-US\n", "EN-US", "en", "en-US-x-evil", "pt-BR", "", 42]) {
			const shop = accounts();
			const request = {
				to: toContact(contact),
				mail: MAILS.shipped,
				dedupe: dedupe(contact.rowId),
				locale,
			} as unknown as SendMailRequest;
			expect(await shop.vault.sendMail(request), JSON.stringify(locale)).toMatchObject({
				ok: false,
				error: { code: "bad_request" },
			});
			await shop.settle();
			expect(shop.sent).toHaveLength(0);
		}
		expect(await mailRows(contact.rowId)).toHaveLength(0);
	});

	it("refuses hostile tax lines: too many, a long name, a rate over 100 %, a fraction of a cent", async () => {
		const contact = await contactFor();
		const confirmed = MAILS.order_confirmed as Extract<OrderMail, { kind: "order_confirmed" }>;
		const tax = { name: "VAT", rateE5: 20_000, amountMinor: 100 };
		for (const taxLines of [
			Array.from({ length: 5 }, () => tax),
			[{ ...tax, name: "V".repeat(41) }],
			[{ ...tax, name: "" }],
			[{ ...tax, rateE5: 100_001 }],
			[{ ...tax, rateE5: 7.5 }],
			[{ ...tax, amountMinor: 0.5 }],
			[{ ...tax, amountMinor: -1 }],
			[{ ...tax, extra: "x" }],
		]) {
			const shop = accounts();
			const request = {
				to: toContact(contact),
				mail: { ...confirmed, taxIncluded: true, taxLines },
				dedupe: dedupe(contact.rowId),
			} as unknown as SendMailRequest;
			expect(await shop.vault.sendMail(request), JSON.stringify(taxLines)).toMatchObject({
				ok: false,
				error: { code: "bad_request" },
			});
		}
		expect(await mailRows(contact.rowId)).toHaveLength(0);
	});

	it("keeps a tax name on one line", () => {
		const { text } = orderMailText(SHOP, {
			...(MAILS.order_confirmed as Extract<OrderMail, { kind: "order_confirmed" }>),
			taxIncluded: true,
			taxLines: [{ name: "VAT\nVisit evil.example", rateE5: 20_000, amountMinor: 100 }],
		});
		expect(text).toContain("  incl. VAT Visit evil.example 20%: €1.00\n");
	});
});

describe("sendMail: consultation replies", () => {
	it("quotes the staff reply to the thread's reply address, once", async () => {
		const shop = accounts();
		const email = newEmail("asker");
		const threadId = crypto.randomUUID();
		const thread = await rpc().seal({
			subject: { new: true },
			table: "consultations",
			rowId: threadId,
			fields: { reply_email: email },
		});
		if (!thread.ok) throw new Error(thread.error.message);
		const reply = await sealedReply(thread.subjectId, "Yes, the 5x7 is machine washable.\nUse a cold cycle.");
		const request: SendMailRequest = {
			to: {
				sealed: {
					subjectId: thread.subjectId,
					table: "consultations",
					rowId: threadId,
					field: "reply_email",
					ciphertext: thread.sealed.reply_email as string,
				},
			},
			mail: { kind: "consultation_reply", consultationId: threadId, reply },
			dedupe: dedupe(threadId, `reply:${reply.rowId}`),
		};
		expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: true });
		expect(await shop.vault.sendMail(request)).toEqual({ ok: true, sent: false });
		await shop.settle();
		expect(shop.to(email)).toHaveLength(1);
		expect(shop.sent).toHaveLength(1);
		expect(shop.sent[0]?.text).toContain("> Yes, the 5x7 is machine washable.\n> Use a cold cycle.");
	});

	it("quotes a reply to an order's contact about that order, and refuses a reply from another thread", async () => {
		const shop = accounts();
		const contact = await contactFor();
		const mine = await sealedReply(contact.subjectId, "Your rug leaves on Monday.");
		const mail = (reply: OpenItem): OrderMail => ({
			kind: "consultation_reply",
			consultationId: "c1",
			orderNumber: ORDER,
			reply,
		});
		expect(
			await shop.vault.sendMail({
				to: toContact(contact),
				mail: mail(mine),
				dedupe: dedupe(contact.rowId, "r1"),
			}),
		).toEqual({ ok: true, sent: true });

		const stranger = await contactFor();
		const theirs = await sealedReply(stranger.subjectId, "Someone else's thread");
		expect(
			await shop.vault.sendMail({
				to: toContact(contact),
				mail: mail(theirs),
				dedupe: dedupe(contact.rowId, "r2"),
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		// Another sealed field of the same subject is not a reply to quote.
		expect(
			await shop.vault.sendMail({
				to: toContact(contact),
				mail: mail(contact.item("phone")),
				dedupe: dedupe(contact.rowId, "r3"),
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		await shop.settle();
		expect(shop.sent).toHaveLength(1);
		expect(shop.sent[0]?.subject).toBe(`Loomwash customer service replied about order ${ORDER}`);
		expect(shop.sent[0]?.text).toContain("> Your rug leaves on Monday.");
		expect(shop.sent[0]?.text).not.toContain("Someone else");
		for (const value of PERSONAL) expect(shop.sent[0]?.text).not.toContain(value);
	});
});

describe("sendMail: an account's address", () => {
	it("mails the account's stored address, and quotes replies from the account's own threads only", async () => {
		const shop = accounts();
		const shopper = await signedUp(shop);
		const mailsBefore = shop.sent.length;
		const to = { accountId: shopper.account.id };
		expect(
			await shop.vault.sendMail({ to, mail: MAILS.shipped as OrderMail, dedupe: dedupe("order-of-account") }),
		).toEqual({ ok: true, sent: true });
		const reply = await sealedReply(shopper.account.subjectId, "Thanks for asking.");
		expect(
			await shop.vault.sendMail({
				to,
				mail: { kind: "consultation_reply", consultationId: "t1", reply },
				dedupe: dedupe("t1", "m1"),
			}),
		).toEqual({ ok: true, sent: true });
		const stranger = await contactFor();
		expect(
			await shop.vault.sendMail({
				to,
				mail: {
					kind: "consultation_reply",
					consultationId: "t2",
					reply: await sealedReply(stranger.subjectId, "x"),
				},
				dedupe: dedupe("t2", "m1"),
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		await shop.settle();
		const sent = shop.sent.slice(mailsBefore);
		expect(sent.map((m) => [m.to, m.subject])).toEqual([
			[shopper.email, `Your Loomwash order ${ORDER} has shipped`],
			[shopper.email, "Loomwash customer service replied to your question"],
		]);
	});
});
