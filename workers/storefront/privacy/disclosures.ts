// Lawful disclosure, the storefront's share (issue #9, DESIGN P11): it knows orders by number and
// holds the ciphertexts, the vault holds the request, the decision and the keys. Asking names an
// order (the vault records its id and subject); the export gathers the order's sealed items for the
// request's scope and hands them to the vault, which checks the approval, the subject and the
// scope, audits, and opens them once.
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Logger } from "../../shared/logger";
import type { DISCLOSURE_FIELDS, Disclosure, DisclosureBasis, OpenItem } from "../../shared/vault-contract";
import { normalizeOrderNumber, ORDER_NUMBER_PATTERN } from "../checkout/order-number";
import { consultationMessages, consultations, orderContacts, orders, returns } from "../db/schema";
import type { Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";

export type DisclosureDeps = {
	db: Db;
	vault: VaultClient;
	staffToken: string;
	requestId?: string;
	logger: Logger;
};

export type DisclosureView = Disclosure & { orderNumber: string | null };

type OrderRef = { id: string; number: string; subjectId: string; personalDataPurgedAt: number | null };

/** What the vault opens in one run (its contract's bound). */
const MAX_ITEMS = 500;
// Ids are bound one per parameter: well under D1's 100 bound parameters.
const IDS_PER_QUERY = 90;

const CONTACT_FIELDS = ["email", "name", "phone", "address"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];
const CONTACT_COLUMN = { email: "emailCt", name: "nameCt", phone: "phoneCt", address: "addressCt" } as const;

/** A return's text with what identifies it to the authority. */
export type DisclosedReturn = { returnNumber: string; createdAt: number; details: string };
/** A message with its thread, author and time. */
export type DisclosedMessage = { consultationId: string; author: string; createdAt: number; body: string };
export type DisclosedData = Partial<Record<`order_contacts.${ContactField}`, string>> & {
	"returns.details"?: DisclosedReturn[];
	"consultation_messages.body"?: DisclosedMessage[];
};

const NOTHING_LEFT = () =>
	new AppError("conflict", "Nothing left to disclose: this order's personal data is gone");

async function findOrder(db: Db, orderNumber: string): Promise<OrderRef | null> {
	const number = normalizeOrderNumber(orderNumber);
	if (!ORDER_NUMBER_PATTERN.test(number)) return null;
	const [row] = await db
		.select({
			id: orders.id,
			number: orders.number,
			subjectId: orders.subjectId,
			personalDataPurgedAt: orders.personalDataPurgedAt,
		})
		.from(orders)
		.where(eq(orders.number, number))
		.limit(1);
	return row ?? null;
}

async function orderNumbers(db: Db, orderIds: readonly string[]): Promise<Map<string, string>> {
	const ids = [...new Set(orderIds)];
	const numbers = new Map<string, string>();
	for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
		const rows = await db
			.select({ id: orders.id, number: orders.number })
			.from(orders)
			.where(inArray(orders.id, ids.slice(i, i + IDS_PER_QUERY)));
		for (const row of rows) numbers.set(row.id, row.number);
	}
	return numbers;
}

async function withOrderNumbers(db: Db, list: readonly Disclosure[]): Promise<DisclosureView[]> {
	const numbers = await orderNumbers(
		db,
		list.map((d) => d.orderId),
	);
	return list.map((d) => ({ ...d, orderNumber: numbers.get(d.orderId) ?? null }));
}

const staffActor = (deps: DisclosureDeps) => ({ kind: "staff", token: deps.staffToken }) as const;

export async function requestOrderDisclosure(
	deps: DisclosureDeps,
	input: {
		basis: DisclosureBasis;
		reference: string;
		orderNumber: string;
		scope: (typeof DISCLOSURE_FIELDS)[number][];
	},
): Promise<DisclosureView> {
	const order = await findOrder(deps.db, input.orderNumber);
	if (!order) throw new AppError("not_found", "No such order");
	// Retention or erasure got there first: an approval would have nothing to open.
	if (order.personalDataPurgedAt !== null) throw NOTHING_LEFT();
	const { disclosure } = await fromVault(
		deps.vault.requestDisclosure({
			actor: staffActor(deps),
			basis: input.basis,
			reference: input.reference,
			orderId: order.id,
			subjectId: order.subjectId,
			scope: input.scope,
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	return { ...disclosure, orderNumber: order.number };
}

/** Newest first; `id` narrows the list to that one request (the staff console's page of it). */
export async function listOrderDisclosures(
	deps: DisclosureDeps,
	status?: Disclosure["status"],
	id?: string,
): Promise<DisclosureView[]> {
	const { disclosures } = await fromVault(
		deps.vault.listDisclosures({ actor: staffActor(deps), status, id, requestId: deps.requestId }),
		deps.logger,
	);
	return withOrderNumbers(deps.db, disclosures);
}

export async function decideOrderDisclosure(
	deps: DisclosureDeps,
	id: string,
	decision: { approve: boolean; reason: string },
): Promise<DisclosureView> {
	const { disclosure } = await fromVault(
		deps.vault.decideDisclosure({ actor: staffActor(deps), id, ...decision, requestId: deps.requestId }),
		deps.logger,
	);
	const [view] = await withOrderNumbers(deps.db, [disclosure]);
	return view ?? { ...disclosure, orderNumber: null };
}

/** Where each gathered item's value goes in the answer. */
type Slot =
	| { key: `order_contacts.${ContactField}` }
	| { key: "returns.details"; meta: Omit<DisclosedReturn, "details"> }
	| { key: "consultation_messages.body"; meta: Omit<DisclosedMessage, "body"> };

type Gathered = { items: OpenItem[]; slots: Slot[] };

/**
 * The order's sealed items within `scope`, under the order's subject only: its contact, its
 * returns' texts, and the messages of its consultations held under the order's subject (a thread
 * sealed under an account's subject about this order would be the account's, not the order's).
 */
export async function gatherItems(
	db: Db,
	order: Pick<OrderRef, "id" | "subjectId">,
	scope: readonly string[],
) {
	const gathered: Gathered = { items: [], slots: [] };
	const add = (item: Omit<OpenItem, "subjectId">, slot: Slot) => {
		gathered.items.push({ ...item, subjectId: order.subjectId });
		gathered.slots.push(slot);
	};
	const contactFields = CONTACT_FIELDS.filter((field) => scope.includes(`order_contacts.${field}`));
	if (contactFields.length > 0) {
		const [contact] = await db
			.select()
			.from(orderContacts)
			.where(and(eq(orderContacts.orderId, order.id), eq(orderContacts.subjectId, order.subjectId)))
			.limit(1);
		for (const field of contact ? contactFields : []) {
			const ciphertext = contact?.[CONTACT_COLUMN[field]];
			if (ciphertext)
				add(
					{ table: "order_contacts", rowId: order.id, field, ciphertext },
					{ key: `order_contacts.${field}` },
				);
		}
	}
	if (scope.includes("returns.details")) {
		const rows = await db
			.select({
				id: returns.id,
				number: returns.number,
				createdAt: returns.createdAt,
				detailsCt: returns.detailsCt,
			})
			.from(returns)
			.where(and(eq(returns.orderId, order.id), isNotNull(returns.detailsCt)))
			.orderBy(asc(returns.createdAt), asc(returns.id))
			.limit(MAX_ITEMS + 1);
		for (const row of rows) {
			if (!row.detailsCt) continue;
			add(
				{ table: "returns", rowId: row.id, field: "details", ciphertext: row.detailsCt },
				{ key: "returns.details", meta: { returnNumber: row.number, createdAt: row.createdAt } },
			);
		}
	}
	if (scope.includes("consultation_messages.body")) {
		const rows = await db
			.select({
				id: consultationMessages.id,
				consultationId: consultationMessages.consultationId,
				author: consultationMessages.author,
				createdAt: consultationMessages.createdAt,
				bodyCt: consultationMessages.bodyCt,
			})
			.from(consultationMessages)
			.innerJoin(consultations, eq(consultations.id, consultationMessages.consultationId))
			.where(and(eq(consultations.orderId, order.id), eq(consultations.subjectId, order.subjectId)))
			.orderBy(asc(consultationMessages.createdAt), asc(consultationMessages.id))
			.limit(MAX_ITEMS + 1);
		for (const row of rows) {
			add(
				{ table: "consultation_messages", rowId: row.id, field: "body", ciphertext: row.bodyCt },
				{
					key: "consultation_messages.body",
					meta: { consultationId: row.consultationId, author: row.author, createdAt: row.createdAt },
				},
			);
		}
	}
	return gathered;
}

/** The opened values in the answer's shape: one value per contact field, lists for the texts. */
export function assembleData(scope: readonly string[], slots: readonly Slot[], values: readonly string[]) {
	const data: DisclosedData = {};
	if (scope.includes("returns.details")) data["returns.details"] = [];
	if (scope.includes("consultation_messages.body")) data["consultation_messages.body"] = [];
	slots.forEach((slot, i) => {
		const value = values[i] ?? "";
		if (slot.key === "returns.details") data["returns.details"]?.push({ ...slot.meta, details: value });
		else if (slot.key === "consultation_messages.body")
			data["consultation_messages.body"]?.push({ ...slot.meta, body: value });
		else data[slot.key] = value;
	});
	return data;
}

/** Runs an approved request: the order's items within its scope, opened once by the vault. */
export async function exportDisclosure(
	deps: DisclosureDeps,
	id: string,
): Promise<{ disclosure: DisclosureView; order: string; data: DisclosedData }> {
	const { disclosures } = await fromVault(
		deps.vault.listDisclosures({ actor: staffActor(deps), id, requestId: deps.requestId }),
		deps.logger,
	);
	const found = disclosures[0];
	if (!found) throw new AppError("not_found", "No such disclosure request");
	const [order] = await deps.db
		.select({
			id: orders.id,
			number: orders.number,
			subjectId: orders.subjectId,
			personalDataPurgedAt: orders.personalDataPurgedAt,
		})
		.from(orders)
		.where(eq(orders.id, found.orderId))
		.limit(1);
	if (!order || order.personalDataPurgedAt !== null) throw NOTHING_LEFT();
	const { items, slots } = await gatherItems(deps.db, order, found.scope);
	if (items.length === 0) throw NOTHING_LEFT();
	if (items.length > MAX_ITEMS)
		throw new AppError("conflict", "Too much to disclose in one run; narrow the scope of a new request");
	// The vault refuses anything but an approved request, its subject and its scope (audited).
	const { disclosure, values } = await fromVault(
		deps.vault.runDisclosure({ actor: staffActor(deps), id, items, requestId: deps.requestId }),
		deps.logger,
	);
	return {
		disclosure: { ...disclosure, orderNumber: order.number },
		order: order.number,
		data: assembleData(found.scope, slots, values),
	};
}
