// One manifest export (issue #8): a page of packed orders, their consignees opened through ONE
// vault `open` for the purpose `fulfilment`, which the vault decides for the staff member's role
// and audits as one entry naming every subject and field before it answers (log before reveal).
// That entry is the export's record: an export without it cannot happen.
import type { Logger } from "../../shared/logger";
import type { OpenItem } from "../../shared/vault-contract";
import {
	listContactsOfOrderIds,
	listLinesOfOrderIds,
	listPackedOrders,
	type PackedCursor,
} from "../db/fulfilment";
import type { OrderContactRow, OrderLineRow, OrderRow } from "../db/orders";
import type { Db } from "../env";
import { AppError } from "../errors";
import { fromVault, type VaultClient } from "../vault-client";
import { manifestConsignee, type Parcel, parcelContents, parseSealedAddress } from "./manifest";

/** The consignee fields logistics receive; never the email. */
const MANIFEST_FIELDS = ["name", "phone", "address"] as const;
type ManifestField = (typeof MANIFEST_FIELDS)[number];
const SEALED_COLUMN: Record<ManifestField, keyof OrderContactRow> = {
	name: "nameCt",
	phone: "phoneCt",
	address: "addressCt",
};

/**
 * Orders per export. The role matrix lets fulfilment open up to 200 subjects in one request, but
 * one vault `open` carries at most 500 items (the contract) and each parcel needs three: so 166,
 * and the rest in the next export (nextCursor), each its own audited open.
 */
export const MANIFEST_MAX_ORDERS = Math.floor(500 / MANIFEST_FIELDS.length);

export type ManifestDeps = {
	db: Db;
	vault: Pick<VaultClient, "open">;
	staffToken: string;
	requestId?: string;
	logger: Logger;
};

export type ManifestPage = { parcels: Parcel[]; nextCursor: string | null };

const CURSOR = /^(\d{1,15})\.([0-9a-f-]{36})$/;

export function parseManifestCursor(cursor: string | undefined): PackedCursor | undefined {
	const match = cursor ? CURSOR.exec(cursor) : null;
	return match ? { packedAt: Number(match[1]), id: match[2] as string } : undefined;
}

function cursorOf(order: OrderRow): string {
	return `${order.packedAt ?? 0}.${order.id}`;
}

function contactItems(order: OrderRow, contact: OrderContactRow): OpenItem[] {
	return MANIFEST_FIELDS.map((field) => ({
		subjectId: contact.subjectId,
		table: "order_contacts",
		rowId: order.id,
		field,
		ciphertext: contact[SEALED_COLUMN[field]] as string,
	}));
}

function groupLines(lines: readonly OrderLineRow[]): Map<string, OrderLineRow[]> {
	const byOrder = new Map<string, OrderLineRow[]>();
	for (const line of lines) byOrder.set(line.orderId, [...(byOrder.get(line.orderId) ?? []), line]);
	return byOrder;
}

export async function exportManifest(
	deps: ManifestDeps,
	options: { limit: number; after?: PackedCursor },
): Promise<ManifestPage> {
	const limit = Math.min(options.limit, MANIFEST_MAX_ORDERS);
	const rows = await listPackedOrders(deps.db, { after: options.after, limit: limit + 1 });
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	const nextCursor = rows.length > limit && last ? cursorOf(last) : null;
	// Nothing packed: nothing to open, so nothing revealed and nothing to audit.
	if (page.length === 0) return { parcels: [], nextCursor };

	const ids = page.map((order) => order.id);
	const [contacts, lines] = await Promise.all([
		listContactsOfOrderIds(deps.db, ids),
		listLinesOfOrderIds(deps.db, ids),
	]);
	const contactOf = new Map(contacts.map((contact) => [contact.orderId, contact]));
	const items = page.flatMap((order) => {
		const contact = contactOf.get(order.id);
		if (!contact) throw new AppError("invalid_state", `Order ${order.number} has no consignee to ship to`);
		return contactItems(order, contact);
	});
	const { values } = await fromVault(
		deps.vault.open({
			actor: { kind: "staff", token: deps.staffToken },
			purpose: "fulfilment",
			items,
			requestId: deps.requestId,
		}),
		deps.logger,
	);
	const linesOf = groupLines(lines);
	const parcels = page.map((order, i): Parcel => {
		const [name = "", phone = "", addressText = ""] = values.slice(
			i * MANIFEST_FIELDS.length,
			(i + 1) * MANIFEST_FIELDS.length,
		);
		const address = parseSealedAddress(addressText);
		if (!address)
			throw new AppError("invalid_state", `The stored address of order ${order.number} cannot be read`);
		return {
			orderNumber: order.number,
			consignee: manifestConsignee(name, phone, address),
			contents: parcelContents(linesOf.get(order.id) ?? []),
		};
	});
	return { parcels, nextCursor };
}
