// The words of the personal-field registry (issue #9, DESIGN P12): what kinds of data, about whom,
// why, on which legal basis, for how long, shared with whom, and how each is protected. Every
// annotation beside a schema uses these keys; the record of processing prints their texts.

export const DATA_CATEGORIES = {
	contact: "Contact details: email address and phone number",
	identity: "Name and nickname",
	address: "Postal delivery address",
	support_text: "What a person writes to customer service: return descriptions, messages",
	review_text: "Review texts",
	credentials: "Sign-in secrets: password hashes, emailed link hashes",
	account_activity: "Account status, sign-ins and session times",
	preferences: "Consent choices and the policy version they were given under",
	purchases: "What a person bought or put in a cart, when, for how much, and its delivery",
	identifier: "Pseudonymous identifiers: account, subject, staff and session ids, blind indexes",
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;

export const DATA_SUBJECTS = {
	customers: "Shoppers with an account",
	guests: "Shoppers who bought or asked without an account",
	staff: "The shop's staff members",
} as const;
export type DataSubject = keyof typeof DATA_SUBJECTS;

export const PROCESSING_PURPOSES = {
	orders: "Taking, delivering and charging for orders",
	after_sales: "Returns, refunds and customer service",
	account: "Running a customer's account: sign-in, profile, address book, order history",
	reviews: "Showing verified-purchase reviews",
	consent: "Recording consent choices and the policy they were given under",
	security: "Preventing abuse and fraud; controlling staff access",
	accountability: "Proving who opened which personal data, when and why (the audit log)",
	privacy_rights: "Answering privacy requests and lawful disclosure requests",
} as const;
export type ProcessingPurpose = keyof typeof PROCESSING_PURPOSES;

export const LEGAL_BASES = {
	contract: "Contract (GDPR Art. 6(1)(b)): needed to deliver what was bought or asked for",
	consent: "Consent (GDPR Art. 6(1)(a)): given, and withdrawable, by the person",
	legitimate_interest: "Legitimate interest (GDPR Art. 6(1)(f)): security and accountability",
	legal_obligation: "Legal obligation (GDPR Art. 6(1)(c)): answering rights and lawful orders",
} as const;
export type LegalBasis = keyof typeof LEGAL_BASES;

export const RECIPIENTS = {
	logistics: "The carrier: consignee name, address and phone in the shipping manifest",
	payment: "The payment provider: amount, currency and order number (never a name or address)",
	mail: "The mail service: the recipient address of order, account and privacy mails",
	public: "Everyone: a review's text and nickname, once staff publish it",
	authorities: "An authority, only through an approved lawful disclosure (P11)",
} as const;
export type Recipient = keyof typeof RECIPIENTS;

/** How long a kind of datum is kept, and which job (if any) ends it. */
export type RetentionRule = { period: string; job: string | null };

export const RETENTION_RULES = {
	order_personal_data: {
		period:
			"Until the order's 60-day return window has closed, no return or refund is open and no conversation with support has been active in 30 days (an order that was never paid: 30 days after cancellation); then purged, the order keeping only archival fields",
		job: "orders",
	},
	account_lifetime: {
		period:
			"While the account exists; after 24 months without a sign-in its data keys are re-wrapped under the dormant key, and 12 months later, 30 days after an emailed notice, it is erased",
		job: "dormant_accounts",
	},
	cart: { period: "30 days after the cart was last changed", job: "carts" },
	session: { period: "Until the session expires or is revoked, then 1 day", job: "vault_sessions" },
	email_token: { period: "Until used or expired, then 1 day", job: "vault_sessions" },
	privacy_request: { period: "Until used, or 24 hours; the record then 30 days", job: "privacy_requests" },
	review: {
		period: "While published; anonymised (no name, no account) when its author's account is erased",
		job: null,
	},
	payment_event: { period: "90 days after it was received", job: "payment_events" },
	local_payment_session: { period: "7 days after it was opened", job: "local_payment_sessions" },
	checkout_hold: { period: "Until its order is paid or cancelled", job: "checkout_holds" },
	shred_record: {
		period: "30 days after the key was destroyed (the storefront's sweep has run)",
		job: "shred_records",
	},
	staff_access: {
		period: "While the staff member has access; disabled records kept for the audit",
		job: null,
	},
	audit: {
		period: "Kept: the accountability record holds pseudonyms and field names, never values",
		job: null,
	},
	disclosure: {
		period: "Kept with the audit log: the record of what was disclosed to whom, and why",
		job: null,
	},
} as const satisfies Record<string, RetentionRule>;
export type RetentionRuleId = keyof typeof RETENTION_RULES;

/** How a column's value is protected at rest. */
export const SAFEGUARDS = {
	sealed:
		"Encrypted (AES-256-GCM, bound to its table, row and field) under the person's own data key, which only the vault holds; destroying the key erases it",
	blind_index: "A keyed HMAC-SHA256 under a vault-only key: matchable, not reversible",
	hash: "A hash (PBKDF2 with a pepper for passwords, SHA-256 for random tokens)",
	pseudonym: "A random or keyed identifier that names no one by itself",
	plain: "Stored as is; personal only through the row it belongs to",
} as const;
export type Safeguard = keyof typeof SAFEGUARDS;
