// The role matrix (DESIGN P7): which personal fields each staff role may open, for which purpose,
// under which condition, and which other operations it may perform. Data, in this one file;
// anything not granted here is denied. `npm run docs:roles` renders it into docs/roles.md.
import type { Operation, Purpose, StaffRole } from "../../shared/vault-contract";

export type OpenGrant = {
	purpose: Purpose;
	table: string;
	fields: readonly string[];
	/** Condition: at most this many distinct subjects in one request (bulk opening is its own grant). */
	maxSubjects: number;
	/**
	 * Condition: `open_case` — only rows of an order with an open return or consultation (the vault's
	 * own record of cases, opened when a case's text is sealed and closed by the staff action that
	 * ends it).
	 */
	condition?: "open_case";
};

export type RolePolicy = {
	summary: string;
	open: readonly OpenGrant[];
	operations: readonly Operation[];
};

export const ROLE_MATRIX: Readonly<Record<StaffRole, RolePolicy>> = {
	support: {
		summary: "Customer service: answers a shopper about one order at a time.",
		open: [
			{
				purpose: "support",
				table: "order_contacts",
				fields: ["email", "name", "phone"],
				maxSubjects: 1,
				condition: "open_case",
			},
			{ purpose: "support", table: "returns", fields: ["details"], maxSubjects: 1 },
			{ purpose: "support", table: "consultation_messages", fields: ["body"], maxSubjects: 1 },
			// Moderation reads a pending review before publishing it.
			{ purpose: "support", table: "reviews", fields: ["text", "nickname"], maxSubjects: 1 },
		],
		operations: [
			"orders.list",
			"returns.manage",
			"refunds.issue",
			"consultations.answer",
			"reviews.moderate",
			"disclosures.request",
		],
	},
	fulfilment: {
		summary: "Warehouse and shipping: consignee details of the parcels it ships, never the email.",
		open: [
			{
				purpose: "fulfilment",
				table: "order_contacts",
				fields: ["name", "phone", "address"],
				maxSubjects: 200,
			},
		],
		operations: ["orders.list", "orders.fulfil", "returns.receive"],
	},
	compliance: {
		summary: "Privacy and legal: reviews accesses, verifies the audit chain, examines one record.",
		open: [
			{
				purpose: "compliance_review",
				table: "order_contacts",
				fields: ["email", "name", "phone", "address"],
				maxSubjects: 1,
			},
			{ purpose: "compliance_review", table: "returns", fields: ["details"], maxSubjects: 1 },
			{ purpose: "compliance_review", table: "consultation_messages", fields: ["body"], maxSubjects: 1 },
			{ purpose: "compliance_review", table: "reviews", fields: ["text", "nickname"], maxSubjects: 1 },
		],
		operations: [
			"orders.list",
			"analytics.summary",
			"audit.verify",
			"audit.review",
			// Lawful disclosure (P11): the officer who decides may not be the one who asked.
			"disclosures.request",
			"disclosures.decide",
			"disclosures.run",
		],
	},
	admin: {
		// Running the shop's people and keys does not need anyone's personal data.
		summary: "Operators: manage staff and keys; opens no personal data.",
		open: [],
		operations: [
			"orders.list",
			"analytics.summary",
			"staff.manage",
			"keys.rotate",
			"audit.verify",
			"retention.run",
		],
	},
};
