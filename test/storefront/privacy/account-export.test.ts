// GET /api/v1/me/data (issue #9, GDPR Art. 15/20): everything held about the customer, decrypted
// with their own session, checked against the personal-field registry: every exported field of
// every table the customer has rows in is in the export, and nothing marked not-exported leaks.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { exportedFields, personalFields } from "../../../workers/shared/personal-data/registry";
import type { AccountData } from "../../../workers/storefront/privacy/account-export-schema";
import { Shopper } from "../fixtures/commerce";
import {
	customerWithEverything,
	MARKERS,
	openWithAnyKey,
	primaryKeyOf,
	type Seeded,
} from "./account-rights-fixtures";

/**
 * Where one customer's rows are, for every table the registry exports fields of (`?1`: the
 * account id). A table that gains exported fields fails the first test until it is listed here,
 * and then the export must carry it.
 */
const CUSTOMER_ROWS: Record<string, { database: "commerce" | "vault"; sql: string }> = {
	customers: { database: "commerce", sql: "select * from customers where id = ?1" },
	customer_addresses: {
		database: "commerce",
		sql: "select * from customer_addresses where customer_id = ?1",
	},
	carts: { database: "commerce", sql: "select * from carts where customer_id = ?1" },
	cart_lines: {
		database: "commerce",
		sql: "select * from cart_lines where cart_id in (select id from carts where customer_id = ?1)",
	},
	orders: { database: "commerce", sql: "select * from orders where customer_id = ?1" },
	order_contacts: {
		database: "commerce",
		sql: "select * from order_contacts where order_id in (select id from orders where customer_id = ?1)",
	},
	returns: {
		database: "commerce",
		sql: "select * from returns where order_id in (select id from orders where customer_id = ?1)",
	},
	consultations: { database: "commerce", sql: "select * from consultations where customer_id = ?1" },
	consultation_messages: {
		database: "commerce",
		sql: "select * from consultation_messages where consultation_id in (select id from consultations where customer_id = ?1)",
	},
	reviews: { database: "commerce", sql: "select * from reviews where customer_id = ?1" },
	credentials: { database: "vault", sql: "select * from credentials where account_id = ?1" },
	sessions: { database: "vault", sql: "select * from sessions where account_id = ?1" },
};

type Row = Record<string, unknown>;

async function rowsOf(table: string, accountId: string): Promise<Row[]> {
	const where = CUSTOMER_ROWS[table];
	if (!where) throw new Error(`no query for ${table}`);
	const db = where.database === "vault" ? env.VAULT_DB : env.DB;
	return (await db.prepare(where.sql).bind(accountId).all<Row>()).results;
}

/** Every primitive leaf of the export, as text (booleans also as SQLite stores them). */
function leavesOf(value: unknown, into = new Set<string>()): Set<string> {
	if (value === null || value === undefined) return into;
	if (Array.isArray(value)) for (const item of value) leavesOf(item, into);
	else if (typeof value === "object") for (const item of Object.values(value)) leavesOf(item, into);
	else {
		into.add(String(value));
		if (typeof value === "boolean") into.add(value ? "1" : "0");
	}
	return into;
}

/** What the export must show for a stored value: opened if sealed, a time as ISO 8601. */
async function expectedValues(
	table: string,
	row: Row,
	column: string,
	sealedField?: string,
): Promise<string[]> {
	const stored = row[column];
	if (stored === null || stored === undefined) return [];
	if (sealedField) {
		const pk = await primaryKeyOf(
			table === "credentials" || table === "sessions" ? env.VAULT_DB : env.DB,
			table,
		);
		const opened = await openWithAnyKey({
			table,
			rowId: String(row[pk]),
			field: sealedField,
			ciphertext: String(stored),
		});
		expect(opened, `${table}.${column} opens with the keyring`).not.toBeNull();
		try {
			const parsed: unknown = JSON.parse(opened as string);
			if (parsed && typeof parsed === "object") return [...leavesOf(parsed)];
		} catch {
			// Not JSON: the text itself.
		}
		return [opened as string];
	}
	// Times are milliseconds since the epoch in the tables and ISO 8601 in the export.
	if (typeof stored === "number" && stored > 1e11) return [new Date(stored).toISOString()];
	return [String(stored)];
}

async function download(seeded: Seeded): Promise<{ res: Response; data: AccountData }> {
	const res = await seeded.shopper.fetch("/api/v1/me/data");
	expect(res.status).toBe(200);
	return { res, data: (await res.json()) as AccountData };
}

describe("GET /api/v1/me/data", () => {
	it("lists where every table with exported fields keeps a customer's rows", () => {
		const tables = new Set(exportedFields().map((field) => field.table));
		expect([...tables].filter((table) => !(table in CUSTOMER_ROWS))).toEqual([]);
	});

	it("export completeness against the registry: every exported field's value, nothing held back leaks", async () => {
		const seeded = await customerWithEverything();
		const auditBefore = await env.VAULT_DB.prepare("select coalesce(max(seq), 0) as n from audit_log").first<{
			n: number;
		}>();
		const { res, data } = await download(seeded);
		expect(res.headers.get("content-disposition")).toMatch(
			/^attachment; filename="loomwash-data-\d{4}-\d{2}-\d{2}\.json"$/,
		);
		expect(res.headers.get("cache-control")).toBe("no-store");
		const text = JSON.stringify(data);
		const leaves = leavesOf(data);

		// Every planted marker, and the account's email, found where it belongs.
		for (const [field, marker] of Object.entries(MARKERS)) expect(text.includes(marker), field).toBe(true);
		expect(data.account).toMatchObject({ id: seeded.accountId, email: seeded.email, status: "active" });
		expect(data.profile?.nickname).toBe(MARKERS.nickname);
		expect(data.addresses.map((a) => a.name).sort()).toEqual([MARKERS.address1Name, MARKERS.address2Name]);
		const order = data.orders.find((o) => o.number === seeded.number);
		expect(order?.contact).toMatchObject({ email: seeded.email, name: MARKERS.contactName });
		expect(order?.returns[0]?.details).toBe(MARKERS.returnDetails);
		expect(order?.consultations[0]?.messages.map((m) => [m.author, m.body])).toEqual([
			["shopper", MARKERS.orderQuestion],
			["staff", MARKERS.staffReply],
		]);
		expect(data.consultations.map((c) => c.messages[0]?.body)).toEqual([MARKERS.preSalesQuestion]);
		expect(data.reviews).toMatchObject([{ rating: 4, text: MARKERS.reviewText, nickname: MARKERS.nickname }]);
		expect(data.sessions.filter((s) => s.current)).toHaveLength(1);

		// Against the registry: every exported field of every table the customer has rows in.
		const checked: string[] = [];
		for (const table of Object.keys(CUSTOMER_ROWS)) {
			const rows = await rowsOf(table, seeded.accountId);
			expect(rows.length, `${table} rows of the customer`).toBeGreaterThan(0);
			const database = CUSTOMER_ROWS[table]?.database;
			for (const field of exportedFields(database).filter((f) => f.table === table)) {
				for (const row of rows) {
					for (const value of await expectedValues(table, row, field.column, field.sealedField)) {
						expect(leaves.has(value), `${table}.${field.column} = ${value}`).toBe(true);
					}
				}
				checked.push(`${table}.${field.column}`);
			}
			// What the registry leaves out of an inquiry stays out (hashes, blind indexes, key names).
			for (const field of personalFields(database).filter((f) => f.table === table && f.notExported)) {
				for (const row of rows) {
					const stored = row[field.column];
					if (typeof stored !== "string" || stored.length < 6) continue;
					expect(text.includes(stored), `${table}.${field.column} is not exported`).toBe(false);
				}
			}
		}
		expect(checked).toEqual(
			expect.arrayContaining([
				"credentials.email_ct",
				"order_contacts.address_ct",
				"consultation_messages.body_ct",
				"reviews.text_ct",
				"cart_lines.quantity",
			]),
		);

		// Each opening was the shopper's own, audited by the vault before it answered.
		const entries = await env.VAULT_DB.prepare(
			"select action, purpose, outcome, fields from audit_log where seq > ? order by seq",
		)
			.bind(auditBefore?.n ?? 0)
			.all<{ action: string; purpose: string | null; outcome: string; fields: string }>();
		expect(entries.results.map((e) => [e.action, e.outcome])).toContainEqual(["account.export", "allowed"]);
		const opens = entries.results.filter((e) => e.action === "open");
		expect(opens.length).toBeGreaterThan(0);
		for (const entry of opens) expect([entry.purpose, entry.outcome]).toEqual(["self_service", "allowed"]);
		expect(opens.some((e) => e.fields.includes("reviews.text"))).toBe(true);
	});

	it("needs a live session", async () => {
		const res = await new Shopper().fetch("/api/v1/me/data");
		expect(res.status).toBe(401);
	});
});
