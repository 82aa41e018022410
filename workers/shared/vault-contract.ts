// The vault's RPC contract (DESIGN §1, issue #6): what the storefront may ask the vault worker,
// as zod schemas. The vault parses every argument with these (its caller is untrusted input);
// the storefront uses the inferred types. Expected outcomes (refusals included) come back as
// values, never as thrown errors, so a caller cannot mistake a denial for a transient failure.
// zod/mini (issue #11): the same core as classic zod, so the same inputs pass and fail with the
// same issue paths, but only what is used reaches the vault's bundle.
import * as z from "zod/mini";

/** Why staff open personal data: a closed list; the role matrix says who may use which. */
export const PURPOSES = ["support", "fulfilment", "compliance_review"] as const;
/** A shopper opening their own data with their own session: not a staff purpose. */
export const SELF_SERVICE = "self_service";
export type Purpose = (typeof PURPOSES)[number] | typeof SELF_SERVICE;

export const STAFF_ROLES = ["support", "fulfilment", "compliance", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a staff member may do besides opening personal data; checked by the vault. */
export const OPERATIONS = [
	"orders.list",
	"analytics.summary",
	"staff.manage",
	"keys.rotate",
	"audit.verify",
	"audit.review",
	// After the purchase (issue #8)
	"orders.fulfil",
	"returns.manage",
	"returns.receive",
	"refunds.issue",
	"consultations.answer",
	"reviews.moderate",
	// Privacy rights and the data lifecycle (issue #9)
	"retention.run",
	"disclosures.request",
	"disclosures.decide",
	"disclosures.run",
] as const;
export type Operation = (typeof OPERATIONS)[number];

// zod/mini takes checks as arguments of `.check()`, not as chained methods. These spell the few
// shapes below once, each with the checks in classic's order (`z.string().min().max()` and so on),
// so issues come out in the same order too.
const matching = (pattern: RegExp) => z.string().check(z.regex(pattern));
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
/** A safe integer, like classic's `z.number().int()`. */
const intBetween = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
const intFrom = (min: number) => z.number().check(z.int(), z.minimum(min));
const arrayOf = <T extends z.core.SomeType>(item: T, min: number, max: number) =>
	z.array(item).check(z.minLength(min), z.maxLength(max));

/** Table and field names: the AAD of a ciphertext, so no separator may hide inside them. */
const NameSchema = matching(/^[a-z][a-z0-9_]{0,39}$/);
/** 16 random bytes, base64url: what the vault hands out as a subject id. */
export const SubjectIdSchema = matching(/^[A-Za-z0-9_-]{22}$/);
const RowIdSchema = matching(/^[A-Za-z0-9_-]{1,64}$/);
const RequestIdSchema = z.optional(matching(/^[A-Za-z0-9-]{1,64}$/));
const TokenSchema = text(1, 8192);

/** Who asks. Staff: a Cloudflare Access JWT; shopper: a session the vault issued (accounts, #7). */
export const ActorSchema = z.discriminatedUnion("kind", [
	z.strictObject({ kind: z.literal("staff"), token: TokenSchema }),
	z.strictObject({ kind: z.literal("shopper"), token: TokenSchema }),
]);
export type ActorCredential = z.infer<typeof ActorSchema>;

/** Tables a shopper's own session may seal into, under the account's subject. */
export const ACCOUNT_TABLES = [
	"customers",
	"customer_addresses",
	"order_contacts",
	"returns",
	"consultations",
	"consultation_messages",
	"reviews",
] as const;

/**
 * Tables whose texts may be sealed under an existing subject named by id (`{ subjectId }`): a
 * guest's return or question about their order, and staff replies, go under the order's or the
 * thread's subject. Sealing reveals nothing, and a subject named here must exist.
 */
export const CASE_TABLES = ["returns", "consultations", "consultation_messages"] as const;

/** A customer-service case on an order: while one is open, support may open its contact. */
export const CASE_KINDS = ["return", "consultation"] as const;
export const OpenCaseSchema = z.strictObject({
	id: RowIdSchema,
	kind: z.enum(CASE_KINDS),
	orderId: RowIdSchema,
});
export type OpenCase = z.infer<typeof OpenCaseSchema>;

const SealFieldsSchema = z
	.record(NameSchema, z.string().check(z.maxLength(4096)))
	.check(z.refine((fields) => Object.keys(fields).length <= 16, { message: "at most 16 fields" }));

export const SealRequestSchema = z
	.strictObject({
		/**
		 * `{ new: true }` creates a subject (its data key): a guest order's consignee. `{ session }`
		 * seals under the subject of the account whose session it is: the session proves whose
		 * subject it is, so a caller cannot seal into (or read back from) anyone else's.
		 */
		subject: z.union([
			/**
			 * `owner`: the session of the account the new subject belongs to (a review's): the account
			 * can then open it (export) and erasure knows it is theirs.
			 */
			z.strictObject({ new: z.literal(true), owner: z.optional(text(1, 4096)) }),
			z.strictObject({ session: text(1, 4096) }),
			z.strictObject({ subjectId: SubjectIdSchema }),
		]),
		table: NameSchema,
		rowId: RowIdSchema,
		fields: SealFieldsSchema,
		/** Account fields the vault copies into this seal (session subjects only): the shopper's email. */
		fromAccount: z.optional(z.array(z.literal("email")).check(z.maxLength(1))),
		/** Fields to return a blind index of as well (only `email` today). */
		blindIndex: z.optional(z.array(z.literal("email")).check(z.maxLength(1))),
		/** Sealing a case's first text opens the case (issue #8): the vault records it. */
		openCase: z.optional(OpenCaseSchema),
		requestId: RequestIdSchema,
	})
	.check(
		z.refine((r) => !("subjectId" in r.subject) || (CASE_TABLES as readonly string[]).includes(r.table), {
			message: "an existing subject is only for case tables",
		}),
		z.refine((r) => Object.keys(r.fields).length + (r.fromAccount?.length ?? 0) >= 1, {
			message: "at least one field",
		}),
		z.refine((r) => !("new" in r.subject) || r.fromAccount === undefined, {
			message: "fromAccount needs a session subject",
		}),
	);
export type SealRequest = z.input<typeof SealRequestSchema>;

export const OpenItemSchema = z.strictObject({
	subjectId: SubjectIdSchema,
	table: NameSchema,
	rowId: RowIdSchema,
	field: NameSchema,
	ciphertext: text(1, 16_384),
});
export type OpenItem = z.infer<typeof OpenItemSchema>;

export const OpenRequestSchema = z.strictObject({
	actor: ActorSchema,
	purpose: z.enum([...PURPOSES, SELF_SERVICE]),
	items: arrayOf(OpenItemSchema, 1, 500),
	requestId: RequestIdSchema,
});
export type OpenRequest = z.input<typeof OpenRequestSchema>;

/** Reasons the storefront may shred for; erasure and retention arrive with their issues. */
export const ShredRequestSchema = z.strictObject({
	/** Each subject with the receipt `seal` returned for it. */
	subjects: arrayOf(
		z.strictObject({ id: SubjectIdSchema, receipt: matching(/^[A-Za-z0-9_-]{43}$/) }),
		1,
		100,
	),
	reason: z.enum(["checkout_aborted"]),
	requestId: RequestIdSchema,
});
export type ShredRequest = z.input<typeof ShredRequestSchema>;

export const BlindIndexRequestSchema = z.strictObject({
	kind: z.literal("email"),
	value: z.string().check(z.maxLength(254)),
});
export type BlindIndexRequest = z.input<typeof BlindIndexRequestSchema>;

export const RewrapRequestSchema = z.strictObject({
	actor: ActorSchema,
	subjectIds: arrayOf(SubjectIdSchema, 1, 100),
	to: z.enum(["dormant", "active"]),
	requestId: RequestIdSchema,
});
export type RewrapRequest = z.input<typeof RewrapRequestSchema>;

export const AuthorizeRequestSchema = z.strictObject({
	token: TokenSchema,
	operation: z.enum(OPERATIONS),
	requestId: RequestIdSchema,
});
export type AuthorizeRequest = z.input<typeof AuthorizeRequestSchema>;

const StaffActorRequest = { actor: ActorSchema, requestId: RequestIdSchema };

export const AddStaffRequestSchema = z.strictObject({
	...StaffActorRequest,
	email: z.email().check(z.maxLength(254)),
	role: z.enum(STAFF_ROLES),
});
export type AddStaffRequest = z.input<typeof AddStaffRequestSchema>;

export const StaffIdSchema = matching(/^stf_[A-Za-z0-9_-]{16}$/);

export const UpdateStaffRequestSchema = z
	.strictObject({
		...StaffActorRequest,
		staffId: StaffIdSchema,
		role: z.optional(z.enum(STAFF_ROLES)),
		status: z.optional(z.enum(["active", "disabled"])),
	})
	.check(
		z.refine((r) => r.role !== undefined || r.status !== undefined, {
			message: "role or status is required",
		}),
	);
export type UpdateStaffRequest = z.input<typeof UpdateStaffRequestSchema>;

export const ActorOnlyRequestSchema = z.strictObject(StaffActorRequest);
export type ActorOnlyRequest = z.input<typeof ActorOnlyRequestSchema>;

export const AuditReviewRequestSchema = z
	.strictObject({
		...StaffActorRequest,
		from: intFrom(0),
		to: intFrom(0),
		/** Distinct subjects per actor and purpose above which a row is flagged. */
		threshold: z.optional(intBetween(1, 100_000)),
	})
	.check(z.refine((r) => r.from < r.to, { message: "from must be before to" }));
export type AuditReviewRequest = z.input<typeof AuditReviewRequestSchema>;

export const RotateKeysRequestSchema = z.strictObject({
	...StaffActorRequest,
	batchSize: z.optional(intBetween(1, 500)),
	/** Report progress without re-wrapping anything. */
	dryRun: z.optional(z.boolean()),
});
export type RotateKeysRequest = z.input<typeof RotateKeysRequestSchema>;

// ---- Shopper accounts (issue #7) ----

export const EmailSchema = z.email().check(z.maxLength(254));
/** Lengths only here: the vault also refuses common passwords (accounts/password-policy.ts). */
export const PasswordSchema = text(10, 128);
/** A vault-issued session token (a compact JWS). */
export const SessionTokenSchema = text(1, 4096);
/** An emailed, single-use token: 32 random bytes, base64url. */
export const EmailTokenSchema = matching(/^[A-Za-z0-9_-]{43}$/);
/** A password given to prove who asks: only its length is checked before the hash comparison. */
const PasswordProofSchema = text(1, 128);

/**
 * The language and country a mail is written in (issue #13): for an account mail the shopper's
 * choice, else their country; for an order mail SendMailRequestSchema's. A country the shop sells
 * to (markets.ts), so the home link is that locale's. Absent: en-US (the vault's default).
 */
export const MailLocaleSchema = matching(/^(en|de|fr|es|ja)-(US|CA|GB|DE|FR|NL|BE|AT|IT|ES|IE|AU|NZ|JP)$/);

export const RegisterRequestSchema = z.strictObject({
	email: EmailSchema,
	password: PasswordSchema,
	/** Profile fields sealed under the new account's subject (table `customers`, row = account id). */
	profile: z.strictObject({ nickname: text(1, 60) }),
	/** The confirm or already-registered mail's language. */
	locale: z.optional(MailLocaleSchema),
	requestId: RequestIdSchema,
});
export type RegisterRequest = z.input<typeof RegisterRequestSchema>;

/**
 * Device tokens (OWASP "device cookies"): the vault hands one out at every successful sign-in; a
 * browser that shows one for the account is exempt from the account-wide login throttle, so a
 * distributed guesser cannot lock the owner out of their own account.
 */
export const DeviceTokenSchema = matching(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
const DeviceTokensSchema = z.optional(z.array(DeviceTokenSchema).check(z.maxLength(5)));

/**
 * Confirming a registration needs the password chosen at registration as well as the mailed link:
 * the link proves the mailbox, the password proves it is the same person, so nobody who registers
 * someone else's address (or mails them their own link) ends up holding their account.
 */
export const ConfirmRequestSchema = z.strictObject({
	token: EmailTokenSchema,
	password: PasswordProofSchema,
	devices: DeviceTokensSchema,
	requestId: RequestIdSchema,
});
export type ConfirmRequest = z.input<typeof ConfirmRequestSchema>;

export const LoginRequestSchema = z.strictObject({
	email: EmailSchema,
	password: PasswordProofSchema,
	devices: DeviceTokensSchema,
	requestId: RequestIdSchema,
});
export type LoginRequest = z.input<typeof LoginRequestSchema>;

export const SessionRequestSchema = z.strictObject({
	session: SessionTokenSchema,
	requestId: RequestIdSchema,
});
export type SessionRequest = z.input<typeof SessionRequestSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
	session: SessionTokenSchema,
	currentPassword: PasswordProofSchema,
	newPassword: PasswordSchema,
	requestId: RequestIdSchema,
});
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>;

export const ResetRequestSchema = z.strictObject({
	email: EmailSchema,
	/** The reset mail's language. */
	locale: z.optional(MailLocaleSchema),
	requestId: RequestIdSchema,
});
export type ResetRequest = z.input<typeof ResetRequestSchema>;

export const CompleteResetRequestSchema = z.strictObject({
	token: EmailTokenSchema,
	password: PasswordSchema,
	requestId: RequestIdSchema,
});
export type CompleteResetRequest = z.input<typeof CompleteResetRequestSchema>;

/** Who issues shopper sessions and for whom: the storefront verifies both with the public key. */
export const SESSION_ISSUER = "loomwash-vault";
export const SESSION_AUDIENCE = "loomwash-storefront";

/** A shopper account as the storefront may know it: ids only, never the email. */
export type AccountRef = { id: string; subjectId: string };
/** A session the vault issued: the token for the cookie and when it expires at the latest. */
export type IssuedSession = { token: string; expiresAt: number };
/** What a successful sign-in (login, confirm) answers: the account, its session, a device token. */
export type SignedIn = { account: AccountRef; session: IssuedSession; device: string };

// ---- After the purchase (issue #8) ----

/** A staff action ends a case (return refunded or rejected, consultation closed): audited. */
export const CloseCaseRequestSchema = z.strictObject({
	actor: ActorSchema,
	caseId: RowIdSchema,
	requestId: RequestIdSchema,
});
export type CloseCaseRequest = z.input<typeof CloseCaseRequestSchema>;

const OrderNumberSchema = matching(/^LW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
const CurrencySchema = matching(/^[A-Z]{3}$/);
const MinorSchema = intBetween(0, Number.MAX_SAFE_INTEGER);
const ShortTextSchema = text(1, 120);

/**
 * The order mails (issue #8): the vault alone opens the address, builds the message from these
 * non-personal facts (links on SHOP_ORIGIN) and sends it once per `dedupe` key.
 */
export const OrderMailSchema = z.discriminatedUnion("kind", [
	z.strictObject({
		kind: z.literal("order_confirmed"),
		orderNumber: OrderNumberSchema,
		currency: CurrencySchema,
		totalMinor: MinorSchema,
		shippingMinor: MinorSchema,
		shippingMethod: ShortTextSchema,
		lines: arrayOf(
			z.strictObject({
				name: ShortTextSchema,
				detail: ShortTextSchema,
				quantity: intBetween(1, 999),
				unitPriceMinor: MinorSchema,
			}),
			1,
			50,
		),
		// Issue #13; optional so a storefront of before still sends a valid confirmation.
		subtotalMinor: z.optional(MinorSchema),
		/** Tax inside the prices (VAT, GST): written after the total; else added, before it. */
		taxIncluded: z.optional(z.boolean()),
		taxLines: z.optional(
			arrayOf(
				z.strictObject({
					name: text(1, 40),
					/** Parts per 100,000: Québec's 9.975 % is 9975. */
					rateE5: intBetween(0, 100_000),
					amountMinor: MinorSchema,
				}),
				0,
				4,
			),
		),
	}),
	z.strictObject({ kind: z.literal("payment_failed"), orderNumber: OrderNumberSchema }),
	z.strictObject({
		kind: z.literal("payment_late"),
		orderNumber: OrderNumberSchema,
		/** reinstated: the order goes ahead; refunded: the money went back, the order stays cancelled. */
		outcome: z.enum(["reinstated", "refunded"]),
		currency: CurrencySchema,
		amountMinor: MinorSchema,
	}),
	z.strictObject({
		kind: z.literal("shipped"),
		orderNumber: OrderNumberSchema,
		carrier: ShortTextSchema,
		trackingNumber: matching(/^[A-Za-z0-9-]{4,40}$/),
	}),
	z.strictObject({
		kind: z.literal("return_update"),
		orderNumber: OrderNumberSchema,
		returnNumber: matching(/^RMA-[A-Z0-9]{4}-[A-Z0-9]{4}$/),
		status: z.enum(["requested", "approved", "received", "refunded", "rejected"]),
		currency: z.optional(CurrencySchema),
		amountMinor: z.optional(MinorSchema),
	}),
	z.strictObject({
		kind: z.literal("consultation_reply"),
		consultationId: RowIdSchema,
		orderNumber: z.optional(OrderNumberSchema),
		/** The staff reply, sealed (table consultation_messages, field body): quoted in the mail. */
		reply: OpenItemSchema,
	}),
]);
export type OrderMail = z.infer<typeof OrderMailSchema>;
export type OrderMailKind = OrderMail["kind"];

export const SendMailRequestSchema = z.strictObject({
	/**
	 * Where to: a sealed email (order_contacts.email or consultations.reply_email) the vault
	 * opens, or an account, whose stored address the vault uses.
	 */
	to: z.union([
		z.strictObject({ sealed: OpenItemSchema }),
		z.strictObject({ accountId: matching(/^acc_[A-Za-z0-9_-]{22}$/) }),
	]),
	mail: OrderMailSchema,
	/**
	 * The language and country to write in (issue #13): the order's language and destination.
	 * Absent: en-US, as before locales existed (the vault's default, not zod's: smaller bundle).
	 */
	locale: z.optional(MailLocaleSchema),
	/** Sent once per (scope, kind, event): the order id or thread id, and what happened. */
	dedupe: z.strictObject({ scope: RowIdSchema, event: matching(/^[A-Za-z0-9:_-]{1,80}$/) }),
	requestId: RequestIdSchema,
});
export type SendMailRequest = z.input<typeof SendMailRequestSchema>;

/** Staff publish (or withdraw) a sealed review: from then on its fields open for anyone. */
export const PublishRequestSchema = z.strictObject({
	actor: ActorSchema,
	table: z.literal("reviews"),
	rowId: RowIdSchema,
	subjectId: SubjectIdSchema,
	published: z.boolean(),
	requestId: RequestIdSchema,
});
export type PublishRequest = z.input<typeof PublishRequestSchema>;

/** Opens published fields only (review text and nickname), for the public product pages. */
export const OpenPublishedRequestSchema = z.strictObject({
	items: arrayOf(OpenItemSchema, 1, 100),
	requestId: RequestIdSchema,
});
export type OpenPublishedRequest = z.input<typeof OpenPublishedRequestSchema>;

// ---- Privacy rights and the data lifecycle (issue #9) ----

/** Everything the vault holds about an account, for its inquiry (GDPR Art. 15/20). */
export type AccountExport = {
	accountId: string;
	email: string;
	status: "pending" | "active";
	createdAt: number;
	passwordChangedAt: number;
	lastActiveAt: number;
	sessions: {
		createdAt: number;
		lastSeenAt: number;
		expiresAt: number;
		revokedAt: number | null;
		current: boolean;
	}[];
	/** Subjects of the account's other rows (its reviews), which the account's session may open. */
	ownedSubjects: { subjectId: string; table: string }[];
};

/** Erasure of an account (P12): the password again, so a stolen session alone cannot erase. */
export const EraseAccountRequestSchema = z.strictObject({
	session: SessionTokenSchema,
	password: PasswordProofSchema,
	requestId: RequestIdSchema,
});
export type EraseAccountRequest = z.input<typeof EraseAccountRequestSchema>;
/** What erasure destroyed: the storefront then removes or anonymises the rows of these. */
export type ErasedAccount = { accountId: string; subjectId: string; ownedSubjects: string[] };

/** Why the storefront may purge subjects' personal data (retention, P9; guest deletion, P12). */
export const PURGE_REASONS = ["order_retention", "guest_deletion", "orphaned_subject"] as const;

/**
 * Retention purges (P9): audited first, then each subject flagged `shred` loses its data key. An
 * account's subject is never shredded this way (only erasure and dormancy end an account).
 */
export const PurgeRequestSchema = z.strictObject({
	reason: z.enum(PURGE_REASONS),
	subjects: arrayOf(z.strictObject({ id: SubjectIdSchema, shred: z.boolean() }), 1, 90),
	/** `table.field` names of what the storefront removes with them. */
	fields: arrayOf(matching(/^[a-z][a-z0-9_]{0,39}\.[a-z][a-z0-9_]{0,39}$/), 1, 32),
	itemCount: intBetween(0, 100_000),
	requestId: RequestIdSchema,
});
export type PurgeRequest = z.input<typeof PurgeRequestSchema>;

/** Position in the list of destroyed keys: the storefront's sweep continues after it. */
export const ShredCursorSchema = z.strictObject({
	at: intFrom(0),
	subjectId: matching(/^[A-Za-z0-9_-]{1,64}$/),
});
export type ShredCursor = z.infer<typeof ShredCursorSchema>;
export const ShreddedSinceRequestSchema = z.strictObject({
	after: z.nullable(ShredCursorSchema),
	limit: intBetween(1, 500),
});
export type ShreddedSinceRequest = z.input<typeof ShreddedSinceRequestSchema>;
export type ShreddedSubject = { subjectId: string; shreddedAt: number };

/** One step of a retention run: how many rows were due, how many it handled, whether more remain. */
export type RetentionStep = { job: string; due: number; done: number; more: boolean };

/** The vault's share of a retention run (dormancy, notices, dormant erasure, key rotation, records). */
export const VaultRetentionRequestSchema = z.strictObject({
	actor: ActorSchema,
	dryRun: z.boolean(),
	batchSize: z.optional(intBetween(1, 500)),
	requestId: RequestIdSchema,
});
export type VaultRetentionRequest = z.input<typeof VaultRetentionRequestSchema>;

export const PRIVACY_REQUEST_KINDS = ["export", "correction", "deletion"] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

/**
 * A guest's privacy request (P12): the storefront matched order number and email; the vault mails
 * a single-use link to the order's sealed address. The storefront answers the same either way.
 */
export const PrivacyLinkRequestSchema = z.strictObject({
	kind: z.enum(PRIVACY_REQUEST_KINDS),
	orderId: RowIdSchema,
	orderNumber: OrderNumberSchema,
	/** The order's sealed email (order_contacts.email): the link goes there and only there. */
	to: OpenItemSchema,
	requestId: RequestIdSchema,
});
export type PrivacyLinkRequest = z.input<typeof PrivacyLinkRequestSchema>;

/** Reads a link's request without using it up (the storefront then gathers what it needs). */
export const InspectPrivacyLinkRequestSchema = z.strictObject({
	token: EmailTokenSchema,
	requestId: RequestIdSchema,
});
export type InspectPrivacyLinkRequest = z.input<typeof InspectPrivacyLinkRequestSchema>;
export type PrivacyLinkView = { kind: PrivacyRequestKind; orderId: string; subjectId: string };

/**
 * Completes a verified request, using the link up: export opens `items` (all under the request's
 * subject); deletion destroys the subject's key; correction only records the completion (the
 * storefront hands the text to support).
 */
export const CompletePrivacyRequestSchema = z.strictObject({
	token: EmailTokenSchema,
	items: z.optional(z.array(OpenItemSchema).check(z.maxLength(500))),
	requestId: RequestIdSchema,
});
export type CompletePrivacyRequest = z.input<typeof CompletePrivacyRequestSchema>;
export type CompletedPrivacyRequest = PrivacyLinkView & { values: string[] };

/** Lawful disclosure (P11). */
export const DISCLOSURE_BASES = ["legal_order", "fraud", "emergency_safety"] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];
/** What a disclosure may reach: an order's contact and the texts of its cases. */
export const DISCLOSURE_FIELDS = [
	"order_contacts.email",
	"order_contacts.name",
	"order_contacts.phone",
	"order_contacts.address",
	"returns.details",
	"consultation_messages.body",
] as const;
export const DisclosureIdSchema = matching(/^dsc_[A-Za-z0-9_-]{16}$/);

export const RequestDisclosureSchema = z.strictObject({
	...StaffActorRequest,
	basis: z.enum(DISCLOSURE_BASES),
	/** The authority's or the case's reference (court order number, incident id). */
	reference: matching(/^[A-Za-z0-9 ./:#_-]{3,120}$/),
	orderId: RowIdSchema,
	subjectId: SubjectIdSchema,
	scope: arrayOf(z.enum(DISCLOSURE_FIELDS), 1, DISCLOSURE_FIELDS.length),
});
export type RequestDisclosure = z.input<typeof RequestDisclosureSchema>;

export const DecideDisclosureSchema = z.strictObject({
	...StaffActorRequest,
	id: DisclosureIdSchema,
	approve: z.boolean(),
	reason: text(3, 500),
});
export type DecideDisclosure = z.input<typeof DecideDisclosureSchema>;

export const RunDisclosureSchema = z.strictObject({
	...StaffActorRequest,
	id: DisclosureIdSchema,
	items: arrayOf(OpenItemSchema, 1, 500),
});
export type RunDisclosure = z.input<typeof RunDisclosureSchema>;

export const ListDisclosuresSchema = z.strictObject({
	...StaffActorRequest,
	status: z.optional(z.enum(["requested", "approved", "rejected", "executed"])),
	/** One request only (the storefront reads its order and scope before gathering an export). */
	id: z.optional(DisclosureIdSchema),
});
export type ListDisclosures = z.input<typeof ListDisclosuresSchema>;

export type Disclosure = {
	id: string;
	basis: DisclosureBasis;
	reference: string;
	orderId: string;
	scope: string[];
	status: "requested" | "approved" | "rejected" | "executed";
	requestedBy: string;
	requestedAt: number;
	decidedBy: string | null;
	decidedAt: number | null;
	decisionReason: string | null;
	executedAt: number | null;
};

// ---- Results ----

export const VAULT_FAILURES = [
	"bad_request",
	"unauthorized",
	"forbidden",
	"not_found",
	"conflict",
	"rate_limited",
	"unavailable",
] as const;
export type VaultFailureCode = (typeof VAULT_FAILURES)[number];
export type VaultFailure = { ok: false; error: { code: VaultFailureCode; message: string } };
export type VaultResult<T> = ({ ok: true } & T) | VaultFailure;

export type StaffIdentity = { id: string; role: StaffRole };
export type StaffMember = StaffIdentity & {
	status: "active" | "disabled";
	/** False when the record was changed around the audited API: such a member cannot sign in. */
	intact: boolean;
	createdAt: number;
	updatedAt: number;
	createdBy: string;
};

export type ChainProblem =
	| "missing"
	| "altered"
	| "unlinked"
	| "checkpoint_mismatch"
	| "checkpoint_signature"
	| "truncated";

export type AuditVerifyReport = {
	valid: boolean;
	entries: number;
	head: { seq: number; hash: string } | null;
	checkpoints: number;
	firstBad: { seq: number; problem: ChainProblem; message: string } | null;
};

export type AuditReviewRow = {
	actorId: string;
	actorRole: string | null;
	purpose: string | null;
	accesses: number;
	denials: number;
	distinctSubjects: number;
	flagged: boolean;
};

export type RotationProgress = {
	currentKeyId: string;
	rewrapped: number;
	/** Keys still under an older generation that is in its keyring: what rotation has left to do. */
	remaining: number;
	/** Keys under a generation no longer in its keyring: unreadable, beyond any rotation. */
	orphaned: number;
	byKey: Record<string, number>;
	done: boolean;
};
