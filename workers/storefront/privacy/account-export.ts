// A customer's inquiry (issue #9, GDPR Art. 15/20, P12): every personal datum held about the
// account, decrypted through the vault with the shopper's own session (purpose self_service, so
// each opening is the shopper's, audited by the vault). The vault gives its half (email, status,
// sessions, the subjects the account owns); the commerce rows are read here, their sealed fields
// opened in calls of at most 500 items, and the whole assembled by a pure function.
import type { AccountExport, OpenItem } from "../../shared/vault-contract";
import type { AccountDeps } from "../accounts/account-deps";
import { buildOrderSummary } from "../orders/order-view";
import { fromVault } from "../vault-client";
import type { AccountData } from "./account-export-schema";
import { type AccountRows, readAccountRows } from "./account-rows";
import { CURRENT_POLICY_VERSION } from "./policy-version";

/** The vault's bound on items per opening. */
const OPEN_CHUNK = 500;

/** Where an opened value goes back: table, row and field, as the vault binds them. */
function slot(table: string, rowId: string, field: string): string {
	return `${table}\u0000${rowId}\u0000${field}`;
}

/**
 * The sealed fields to open: only under the account's own subject or a subject it owns, in the
 * table it owns it for. Anything else (a review written before reviews had owners) stays closed,
 * so one such row cannot make the vault refuse the whole export.
 */
export function itemsToOpen(
	rows: AccountRows,
	account: Pick<AccountExport, "ownedSubjects">,
	subjectId: string,
) {
	const owned = new Set(account.ownedSubjects.map((s) => `${s.subjectId}\u0000${s.table}`));
	const mayOpen = (subject: string, table: string) =>
		subject === subjectId || owned.has(`${subject}\u0000${table}`);
	const items: OpenItem[] = [];
	const add = (subject: string, table: string, rowId: string, field: string, ciphertext: string | null) => {
		if (ciphertext !== null && mayOpen(subject, table))
			items.push({ subjectId: subject, table, rowId, field, ciphertext });
	};
	if (rows.customer)
		add(rows.customer.subjectId, "customers", rows.customer.id, "nickname", rows.customer.nicknameCt);
	for (const row of rows.addresses) {
		add(subjectId, "customer_addresses", row.id, "name", row.nameCt);
		add(subjectId, "customer_addresses", row.id, "phone", row.phoneCt);
		add(subjectId, "customer_addresses", row.id, "address", row.addressCt);
	}
	for (const row of rows.contacts) {
		add(row.subjectId, "order_contacts", row.orderId, "email", row.emailCt);
		add(row.subjectId, "order_contacts", row.orderId, "name", row.nameCt);
		add(row.subjectId, "order_contacts", row.orderId, "phone", row.phoneCt);
		add(row.subjectId, "order_contacts", row.orderId, "address", row.addressCt);
	}
	const orderSubject = new Map(rows.orders.map((order) => [order.id, order.subjectId]));
	for (const row of rows.returns) {
		add(orderSubject.get(row.orderId) ?? "", "returns", row.id, "details", row.detailsCt);
	}
	const threadSubject = new Map(rows.consultations.map((thread) => [thread.id, thread.subjectId]));
	for (const row of rows.consultations)
		add(row.subjectId, "consultations", row.id, "reply_email", row.replyEmailCt);
	for (const row of rows.messages) {
		add(threadSubject.get(row.consultationId) ?? "", "consultation_messages", row.id, "body", row.bodyCt);
	}
	for (const { review } of rows.reviews) {
		add(review.subjectId, "reviews", review.id, "text", review.textCt);
		add(review.subjectId, "reviews", review.id, "nickname", review.nicknameCt);
	}
	return items;
}

export type Opened = ReadonlyMap<string, string>;

function iso(ms: number): string;
function iso(ms: number | null): string | null;
function iso(ms: number | null): string | null {
	return ms === null ? null : new Date(ms).toISOString();
}

function parsedAddress(value: string | null): unknown {
	if (value === null) return null;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** The export itself, from the rows, the vault's half and the opened values: no I/O. */
export function assembleExport(
	rows: AccountRows,
	account: AccountExport,
	opened: Opened,
	now: number,
): AccountData {
	const value = (table: string, rowId: string, field: string) =>
		opened.get(slot(table, rowId, field)) ?? null;
	const thread = (row: AccountRows["consultations"][number]) => ({
		id: row.id,
		kind: row.kind,
		status: row.status,
		orderNumber: rows.orders.find((order) => order.id === row.orderId)?.number ?? null,
		replyEmail: value("consultations", row.id, "reply_email"),
		createdAt: iso(row.createdAt),
		closedAt: iso(row.closedAt),
		messages: rows.messages
			.filter((message) => message.consultationId === row.id)
			.map((message) => ({
				author: message.author,
				body: value("consultation_messages", message.id, "body"),
				createdAt: iso(message.createdAt),
			})),
	});
	const consent = (granted: boolean, policyVersion: string, at: number) => ({
		granted,
		policyVersion,
		at: iso(at),
	});
	const customer = rows.customer;
	return {
		generatedAt: iso(now),
		policyVersion: CURRENT_POLICY_VERSION,
		account: {
			id: account.accountId,
			email: account.email,
			status: account.status,
			createdAt: iso(account.createdAt),
			// 0: not recorded yet (an account older than the activity column).
			lastActiveAt: account.lastActiveAt > 0 ? iso(account.lastActiveAt) : null,
			passwordChangedAt: iso(account.passwordChangedAt),
		},
		profile: customer && {
			nickname: value("customers", customer.id, "nickname"),
			createdAt: iso(customer.createdAt),
			confirmedAt: iso(customer.confirmedAt),
			policyNoticeVersion: customer.policyNoticeVersion,
		},
		consents: customer && {
			analytics: consent(customer.analyticsConsent, customer.analyticsPolicyVersion, customer.analyticsAt),
			marketing: consent(customer.marketingConsent, customer.marketingPolicyVersion, customer.marketingAt),
		},
		addresses: rows.addresses.map((row) => ({
			id: row.id,
			name: value("customer_addresses", row.id, "name"),
			phone: value("customer_addresses", row.id, "phone"),
			address: parsedAddress(value("customer_addresses", row.id, "address")),
			createdAt: iso(row.createdAt),
			updatedAt: iso(row.updatedAt),
		})),
		carts: rows.carts.map((cart) => ({
			status: cart.status,
			createdAt: iso(cart.createdAt),
			updatedAt: iso(cart.updatedAt),
			lines: rows.cartLines
				.filter((line) => line.cartId === cart.id)
				.map((line) => ({
					variantId: line.variantId,
					sku: line.sku,
					productName: line.productName,
					quantity: line.quantity,
				})),
		})),
		orders: rows.orders.map((order) => {
			const contact = rows.contacts.find((row) => row.orderId === order.id);
			const { lines, ...summary } = buildOrderSummary(
				order,
				rows.orderLines.filter((line) => line.orderId === order.id),
			);
			return {
				id: order.id,
				...summary,
				refundedMinor: order.refundedMinor,
				shipCountry: order.shipCountry,
				paidAt: iso(order.paidAt),
				shippedAt: iso(order.shippedAt),
				deliveredAt: iso(order.deliveredAt),
				carrier: order.carrier,
				trackingNumber: order.trackingNumber,
				personalDataPurgedAt: iso(order.personalDataPurgedAt),
				// The export's schema has no derived line total: it lists what is stored.
				lines: lines.map(({ lineTotalMinor, ...line }) => line),
				contact: contact
					? {
							email: value("order_contacts", order.id, "email"),
							name: value("order_contacts", order.id, "name"),
							phone: value("order_contacts", order.id, "phone"),
							address: parsedAddress(value("order_contacts", order.id, "address")),
						}
					: null,
				returns: rows.returns
					.filter((row) => row.orderId === order.id)
					.map((row) => ({
						number: row.number,
						status: row.status,
						reason: row.reason,
						details: value("returns", row.id, "details"),
						createdAt: iso(row.createdAt),
						closedAt: iso(row.closedAt),
					})),
				consultations: rows.consultations.filter((row) => row.orderId === order.id).map(thread),
			};
		}),
		consultations: rows.consultations.filter((row) => row.orderId === null).map(thread),
		reviews: rows.reviews.map(({ review, product }) => ({
			id: review.id,
			product,
			rating: review.rating,
			text: value("reviews", review.id, "text"),
			nickname: value("reviews", review.id, "nickname"),
			status: review.status,
			createdAt: iso(review.createdAt),
		})),
		sessions: account.sessions.map((session) => ({
			createdAt: iso(session.createdAt),
			lastSeenAt: iso(session.lastSeenAt),
			expiresAt: iso(session.expiresAt),
			revokedAt: iso(session.revokedAt),
			current: session.current,
		})),
	};
}

/** Opens the items with the shopper's session, at most OPEN_CHUNK per vault call. */
async function openAll(deps: AccountDeps, items: readonly OpenItem[]): Promise<Opened> {
	const opened = new Map<string, string>();
	for (let i = 0; i < items.length; i += OPEN_CHUNK) {
		const chunk = items.slice(i, i + OPEN_CHUNK);
		const { values } = await fromVault(
			deps.vault.open({
				actor: { kind: "shopper", token: deps.session },
				purpose: "self_service",
				items: chunk,
				requestId: deps.requestId,
			}),
			deps.logger,
		);
		chunk.forEach((item, j) => {
			const value = values[j];
			if (value !== undefined) opened.set(slot(item.table, item.rowId, item.field), value);
		});
	}
	return opened;
}

export async function exportAccountData(deps: AccountDeps): Promise<AccountData> {
	const { account } = await fromVault(
		deps.vault.exportAccount({ session: deps.session, requestId: deps.requestId }),
		deps.logger,
	);
	const rows = await readAccountRows(deps.db, deps.account.id);
	const opened = await openAll(deps, itemsToOpen(rows, account, deps.account.subjectId));
	return assembleExport(rows, account, opened, deps.now);
}

/** `loomwash-data-2026-11-01.json`: the day the export was made. */
export function exportFileName(now: number): string {
	return `loomwash-data-${new Date(now).toISOString().slice(0, 10)}.json`;
}
