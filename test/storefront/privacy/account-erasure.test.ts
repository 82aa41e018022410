// DELETE /api/v1/me (issue #9, GDPR Art. 17): erasure by crypto-shredding, then rows removed or
// anonymised. Afterwards no ciphertext of the customer opens even with the vault's full keyring,
// no marker is in any database or log in any encoding, no row is orphaned, the review remains
// nameless, and the session is dead. A wrong password changes nothing.
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { sealedFields } from "../../../workers/shared/personal-data/registry";
import { dumpAllTables, encodingsOf } from "../../pii-scan";
import { PASSWORD } from "../fixtures/accounts";
import { Shopper } from "../fixtures/commerce";
import {
	customerWithEverything,
	MARKERS,
	openWithAnyKey,
	orderRow,
	primaryKeyOf,
	type SealedValue,
	type Seeded,
	sessionCookieOf,
	subjectKeyRows,
} from "./account-rights-fixtures";

type Row = Record<string, unknown>;

/** Every sealed value of every table, as stored now (both databases that hold ciphertext). */
async function allSealedValues(): Promise<(SealedValue & { key: string })[]> {
	const values: (SealedValue & { key: string })[] = [];
	for (const field of sealedFields()) {
		if (field.database === "analytics") continue;
		const db = field.database === "vault" ? env.VAULT_DB : env.DB;
		const pk = await primaryKeyOf(db, field.table);
		const rows = await db
			.prepare(
				`select "${pk}" as row_id, "${field.column}" as ct from "${field.table}" where "${field.column}" is not null`,
			)
			.all<{ row_id: string; ct: string }>();
		for (const row of rows.results) {
			values.push({
				table: field.table,
				rowId: String(row.row_id),
				field: field.sealedField,
				ciphertext: row.ct,
				key: `${field.table}.${field.column}`,
			});
		}
	}
	return values;
}

/** The customer's sealed values: the ones that open to their data with the keyring, before erasure. */
async function customersSealedValues(seeded: Seeded) {
	const mine: (SealedValue & { key: string; plain: string })[] = [];
	const keys = (await subjectKeyRows()).filter((row) => row.id === seeded.subjectId);
	const review = await env.DB.prepare("select subject_id from reviews where id = ?")
		.bind(seeded.reviewId)
		.first<{ subject_id: string }>();
	const reviewKeys = (await subjectKeyRows()).filter((row) => row.id === review?.subject_id);
	for (const value of await allSealedValues()) {
		const plain = (await openWithAnyKey(value, keys)) ?? (await openWithAnyKey(value, reviewKeys));
		if (plain !== null) mine.push({ ...value, plain });
	}
	return mine;
}

function erase(shopper: Shopper, password: string): Promise<Response> {
	return shopper.json("/api/v1/me", "DELETE", { password });
}

async function count(db: D1Database, query: string, ...params: string[]): Promise<number> {
	return (
		(
			await db
				.prepare(query)
				.bind(...params)
				.first<{ n: number }>()
		)?.n ?? 0
	);
}

describe("DELETE /api/v1/me", () => {
	it("refuses a wrong password, or no password, and changes nothing", async () => {
		const seeded = await customerWithEverything();
		const before = await dumpAllTables(env.DB);
		const keysBefore = await count(env.VAULT_DB, "select count(*) as n from subject_keys");
		const wrong = await erase(seeded.shopper, "not the password at all");
		expect(wrong.status).toBe(403);
		const missing = await seeded.shopper.json("/api/v1/me", "DELETE", {});
		expect(missing.status).toBe(400);
		// A stolen session alone (no body) cannot erase either.
		const bare = await seeded.shopper.fetch("/api/v1/me", { method: "DELETE" });
		expect(bare.status).toBeGreaterThanOrEqual(400);
		expect(bare.status).toBeLessThan(500);
		expect(await dumpAllTables(env.DB)).toBe(before);
		expect(await count(env.VAULT_DB, "select count(*) as n from subject_keys")).toBe(keysBefore);
		expect((await seeded.shopper.fetch("/api/v1/me")).status).toBe(200);
	});

	it("leaves nothing decryptable, nothing in the raw state, nothing orphaned; the review stays, nameless", async () => {
		const seeded = await customerWithEverything();
		const bystander = await customerWithEverything();
		const mine = await customersSealedValues(seeded);
		// Everything sealed of theirs was found: the markers, the email (account and order contact).
		const plains = mine.map((value) => value.plain).join("\n");
		for (const [field, marker] of Object.entries(MARKERS)) expect(plains.includes(marker), field).toBe(true);
		expect(mine.filter((value) => value.plain === seeded.email).map((value) => value.key)).toEqual(
			expect.arrayContaining(["credentials.email_ct", "order_contacts.email_ct"]),
		);
		const cookie = sessionCookieOf(seeded.shopper);
		const order = await orderRow(seeded.number);

		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
			}),
		);
		const res = await erase(seeded.shopper, PASSWORD);
		for (const spy of spies) spy.mockRestore();
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ erased: true });
		expect(
			res.headers.getSetCookie().some((c) => /^__Host-lw_session=;/.test(c) && /Max-Age=0/i.test(c)),
		).toBe(true);

		// (e) The session is dead, whoever still holds the cookie.
		const stolen = new Shopper();
		const [name = "", value = ""] = cookie.split("=");
		stolen.cookies.set(name, value);
		expect((await stolen.fetch("/api/v1/me")).status).toBe(401);
		stolen.cookies.set(name, value);
		expect((await stolen.fetch("/api/v1/me/data")).status).toBe(401);

		// (a) Not one of their ciphertexts (as stored before) opens under any key the vault still
		// holds, unwrapped with the full keyring; but the review's text, which outlives them.
		const keys = await subjectKeyRows();
		expect(keys.some((row) => row.id === seeded.subjectId)).toBe(false);
		// The review's nickname shares the review's key, which erasure keeps for the text: the
		// nickname's ciphertext is deleted instead (checked with the raw state below), not shredded.
		const shreddable = mine.filter((value) => !value.key.startsWith("reviews."));
		expect(shreddable.length).toBeGreaterThan(10);
		for (const value of shreddable) {
			expect(await openWithAnyKey(value, keys), `${value.key} of ${value.rowId}`).toBeNull();
		}
		const reviewText = mine.find((value) => value.key === "reviews.text_ct");
		expect(reviewText && (await openWithAnyKey(reviewText, keys))).toBe(MARKERS.reviewText);
		// (b) Nothing of theirs in any database or in the logs, in any encoding.
		const dump = [
			await dumpAllTables(env.DB),
			await dumpAllTables(env.VAULT_DB),
			await dumpAllTables(env.ANALYTICS_DB),
			logged.join("\n"),
		].join("\n");
		// (The subject id itself stays where it names a key that no longer exists: shredded_subjects,
		// and the archival order row.)
		for (const marker of [seeded.email, seeded.accountId]) {
			for (const encoded of encodingsOf(marker)) expect(dump.includes(encoded), encoded).toBe(false);
		}
		for (const [field, marker] of Object.entries(MARKERS)) {
			for (const encoded of encodingsOf(marker))
				expect(dump.includes(encoded), `${field}: ${encoded}`).toBe(false);
		}
		// No ciphertext of theirs is stored any more but the review's text.
		for (const value of mine) {
			if (value.key !== "reviews.text_ct") expect(dump.includes(value.ciphertext), value.key).toBe(false);
		}

		// (c) No row names the account or its subject (orders keep only archival fields).
		const { accountId, subjectId, orderId } = seeded;
		const orphans: [string, string, ...string[]][] = [
			[
				"customers",
				"select count(*) as n from customers where id = ? or subject_id = ?",
				accountId,
				subjectId,
			],
			["customer_addresses", "select count(*) as n from customer_addresses where customer_id = ?", accountId],
			["carts", "select count(*) as n from carts where customer_id = ?", accountId],
			[
				"consultations",
				"select count(*) as n from consultations where customer_id = ? or subject_id = ? or order_id = ?",
				accountId,
				subjectId,
				orderId,
			],
			[
				"order_contacts",
				"select count(*) as n from order_contacts where subject_id = ? or order_id = ?",
				subjectId,
				orderId,
			],
			["reviews", "select count(*) as n from reviews where customer_id = ?", accountId],
			["orders", "select count(*) as n from orders where customer_id = ?", accountId],
		];
		for (const [table, query, ...params] of orphans)
			expect(await count(env.DB, query, ...params), table).toBe(0);
		for (const table of ["credentials", "sessions", "email_tokens", "subject_owners"]) {
			expect(
				await count(
					env.VAULT_DB,
					`select count(*) as n from ${table} where account_id = ?`,
					seeded.accountId,
				),
			).toBe(0);
		}
		const kept = await orderRow(seeded.number);
		expect(kept).toMatchObject({
			id: order.id,
			status: order.status,
			total_minor: order.total_minor,
			subtotal_minor: order.subtotal_minor,
			created_at: order.created_at,
			ship_country: "GB",
			customer_id: null,
		});
		expect(kept.personal_data_purged_at).toEqual(expect.any(Number));
		expect(await count(env.DB, "select count(*) as n from order_lines where order_id = ?", order.id)).toBe(1);
		const returns = await env.DB.prepare("select details_ct from returns where order_id = ?")
			.bind(order.id)
			.all<{ details_ct: string | null }>();
		expect(returns.results).toEqual([{ details_ct: null }]);

		// (d) The review remains, with its rating and text, without author or nickname.
		const review = await env.DB.prepare("select * from reviews where id = ?")
			.bind(seeded.reviewId)
			.first<Row>();
		expect(review).toMatchObject({ rating: 4, customer_id: null, nickname_ct: null });
		expect(review?.text_ct).toEqual(expect.stringMatching(/^v1\./));

		// The vault recorded the erasure before destroying anything, and the sweep can follow it.
		const shredded = await env.VAULT_DB.prepare("select reason from shredded_subjects where subject_id = ?")
			.bind(seeded.subjectId)
			.first<{ reason: string }>();
		expect(shredded?.reason).toBe("erasure");
		const erasures = await env.VAULT_DB.prepare(
			"select count(*) as n from audit_log where action = 'account.erase' and outcome = 'allowed'",
		).first<{ n: number }>();
		expect(erasures?.n).toBe(1);

		// Nobody else was touched.
		const theirs = await bystander.shopper.fetch("/api/v1/me/data");
		expect(theirs.status).toBe(200);
		const data = (await theirs.json()) as { orders: { contact: { name: string } | null }[] };
		expect(data.orders[0]?.contact?.name).toBe(MARKERS.contactName);
	});
});
