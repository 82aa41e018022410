// The console's navigation. The vault decides every page and action (the routes ask it, deny by
// default); this table only decides which links a role is shown, so nobody is offered a page
// that would refuse them. It mirrors the role matrix's operations, and
// test/storefront/pages/staff-pages.test.ts fails when the two drift apart.
import type { Operation, StaffRole } from "../../../shared/vault-contract";

export const STAFF_NAV_OPERATIONS: Readonly<Record<StaffRole, readonly Operation[]>> = {
	support: [
		"orders.list",
		"returns.manage",
		"refunds.issue",
		"consultations.answer",
		"reviews.moderate",
		"disclosures.request",
	],
	fulfilment: ["orders.list", "orders.fulfil", "returns.receive"],
	compliance: [
		"orders.list",
		"analytics.summary",
		"audit.verify",
		"audit.review",
		"disclosures.request",
		"disclosures.decide",
		"disclosures.run",
	],
	admin: ["orders.list", "analytics.summary", "staff.manage", "keys.rotate", "audit.verify", "retention.run"],
};

export type StaffSection = { href: string; label: string; operation: Operation; summary: string };

/** The sections built so far, each with the operation its page needs. */
export const STAFF_SECTIONS: readonly StaffSection[] = [
	{
		href: "/staff/orders",
		label: "Orders",
		operation: "orders.list",
		summary:
			"Orders by status; packing, shipping and the manifest; an order's contact, on purpose and logged.",
	},
	{
		href: "/staff/returns",
		label: "Returns",
		operation: "orders.list",
		summary:
			"Returns by status; approving, rejecting, receiving and refunding; a description, on purpose and logged.",
	},
	{
		href: "/staff/consultations",
		label: "Consultations",
		operation: "consultations.answer",
		summary:
			"Shoppers' questions, open ones first; the messages opened when asked and logged; answering, closing.",
	},
	{
		href: "/staff/reviews",
		label: "Reviews",
		operation: "reviews.moderate",
		summary: "Reviews waiting for moderation; reading a text is logged; publishing or rejecting it.",
	},
	{
		href: "/staff/disclosures",
		label: "Disclosures",
		operation: "disclosures.request",
		summary: "Lawful disclosure requests: asking, a second officer's decision, the one logged export.",
	},
	{
		href: "/staff/audit/review",
		label: "Access review",
		operation: "audit.review",
		summary: "Who opened personal data, for which purpose, how many people; unusual volumes flagged.",
	},
	{
		href: "/staff/audit/verify",
		label: "Audit chain",
		operation: "audit.verify",
		summary: "Recompute the audit log's hash chain and check it against the signed checkpoints.",
	},
	{
		href: "/staff/analytics",
		label: "Analytics",
		operation: "analytics.summary",
		summary: "Top products, the funnel, devices and the daily trend, from noisy aggregates only.",
	},
	{
		href: "/staff/members",
		label: "Staff and roles",
		operation: "staff.manage",
		summary: "Add staff members, change their role, deactivate them.",
	},
	{
		href: "/staff/retention",
		label: "Retention",
		operation: "retention.run",
		summary: "Run a batch of the retention jobs by hand, or a dry run of what is due.",
	},
	{
		href: "/staff/keys",
		label: "Key rotation",
		operation: "keys.rotate",
		summary: "Re-wrap the data keys under the keyring's current key, a batch at a time.",
	},
];

export function mayUse(role: StaffRole, operation: Operation): boolean {
	return STAFF_NAV_OPERATIONS[role].includes(operation);
}

export function sectionsFor(role: StaffRole): StaffSection[] {
	return STAFF_SECTIONS.filter((s) => mayUse(role, s.operation));
}
