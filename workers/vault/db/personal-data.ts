// The personal-field registry of the vault's database (issue #9, P12): every column of every table
// in ./schema.ts. Read through workers/shared/personal-data/registry.ts.
import {
	annotate,
	nonPersonal,
	type PersonalTraits,
	personal,
	sealed,
} from "../../shared/personal-data/annotate";
import * as t from "./schema";

const TIMESTAMP = nonPersonal("when the row changed; personal only through the row's owner, named elsewhere");

const account = {
	subjects: ["customers"],
	purpose: "account",
	basis: "contract",
	retention: "account_lifetime",
	sharedWith: [],
} as const satisfies Omit<PersonalTraits, "category" | "safeguard">;

const staffData = {
	subjects: ["staff"],
	purpose: "security",
	basis: "legitimate_interest",
	retention: "staff_access",
	sharedWith: [],
	notExported: "staff data: not part of a shopper's inquiry",
} as const satisfies Omit<PersonalTraits, "category" | "safeguard">;

const auditTrail = {
	subjects: ["customers", "guests", "staff"],
	purpose: "accountability",
	basis: "legitimate_interest",
	retention: "audit",
	sharedWith: [],
	notExported: "pseudonyms in the accountability record, kept whatever the subject asks",
} as const satisfies Omit<PersonalTraits, "category" | "safeguard">;

const accountActivity = personal({ ...account, category: "account_activity", safeguard: "plain" });
const accountIdentifier = personal({ ...account, category: "identifier", safeguard: "pseudonym" });
const subjectReference = personal({
	...account,
	subjects: ["customers", "guests"],
	retention: "order_personal_data",
	category: "identifier",
	safeguard: "pseudonym",
	notExported: "names a data key; meaningless outside the vault",
});

export const VAULT_PERSONAL_DATA = [
	annotate("vault", t.subjectKeys, "Wrapped data keys, one per subject", {
		id: subjectReference,
		kekId: nonPersonal("which key-encryption key wraps it"),
		wrappedKey: nonPersonal("key material, not data about anyone; destroying it erases the subject"),
		createdAt: TIMESTAMP,
		rewrappedAt: TIMESTAMP,
	}),
	annotate("vault", t.staff, "Staff members and their roles", {
		id: personal({ ...staffData, category: "identifier", safeguard: "pseudonym" }),
		emailBidx: personal({ ...staffData, category: "contact", safeguard: "blind_index" }),
		role: personal({ ...staffData, category: "account_activity", safeguard: "plain" }),
		status: personal({ ...staffData, category: "account_activity", safeguard: "plain" }),
		createdAt: TIMESTAMP,
		updatedAt: TIMESTAMP,
		createdBy: personal({ ...staffData, category: "identifier", safeguard: "pseudonym" }),
		auditSeq: nonPersonal("an audit sequence number"),
		mac: nonPersonal("an integrity tag"),
	}),
	annotate("vault", t.auditLog, "The audit log: who opened what, when and why", {
		seq: nonPersonal("a sequence number"),
		at: TIMESTAMP,
		actorKind: nonPersonal("staff, shopper or system"),
		actorId: personal({ ...auditTrail, category: "identifier", safeguard: "pseudonym" }),
		actorRole: nonPersonal("a role"),
		action: nonPersonal("an operation name"),
		purpose: nonPersonal("a purpose code"),
		outcome: nonPersonal("a code"),
		reason: nonPersonal("a code"),
		subjects: personal({ ...auditTrail, category: "identifier", safeguard: "pseudonym" }),
		fields: nonPersonal("field names, never values"),
		itemCount: nonPersonal("a count"),
		requestId: nonPersonal("a random request id"),
		prevHash: nonPersonal("the chain"),
		hash: nonPersonal("the chain"),
	}),
	annotate("vault", t.credentials, "Shopper accounts: sign-in", {
		accountId: accountIdentifier,
		subjectId: {
			...accountIdentifier,
			notExported: "names the account's data key; meaningless outside the vault",
		},
		emailBidx: personal({
			...account,
			category: "contact",
			safeguard: "blind_index",
			notExported: "derived from the email, which is exported",
		}),
		emailCt: sealed("email", { ...account, category: "contact", sharedWith: ["mail"] }),
		passwordHash: personal({
			...account,
			category: "credentials",
			safeguard: "hash",
			notExported: "a secret's hash: exporting it would only help someone guess the password",
		}),
		status: accountActivity,
		createdAt: accountActivity,
		updatedAt: TIMESTAMP,
		passwordChangedAt: accountActivity,
		lastActiveAt: accountActivity,
		dormantAt: accountActivity,
		erasureNoticeAt: accountActivity,
	}),
	annotate("vault", t.sessions, "Shopper sessions", {
		id: personal({
			...account,
			retention: "session",
			category: "identifier",
			safeguard: "pseudonym",
			notExported: "a live session's id is a bearer secret",
		}),
		accountId: { ...accountIdentifier, retention: "session" },
		createdAt: { ...accountActivity, retention: "session" },
		lastSeenAt: { ...accountActivity, retention: "session" },
		expiresAt: { ...accountActivity, retention: "session" },
		revokedAt: { ...accountActivity, retention: "session" },
	}),
	annotate("vault", t.emailTokens, "Emailed single-use links (confirm, reset)", {
		tokenHash: personal({
			...account,
			retention: "email_token",
			category: "credentials",
			safeguard: "hash",
			notExported: "a secret's hash",
		}),
		accountId: {
			...accountIdentifier,
			retention: "email_token",
			notExported: "bookkeeping of emailed links",
		},
		purpose: nonPersonal("a code"),
		createdAt: TIMESTAMP,
		expiresAt: TIMESTAMP,
		usedAt: TIMESTAMP,
	}),
	annotate("vault", t.supportCases, "Open customer-service cases (support's access condition)", {
		id: nonPersonal("the storefront's return or consultation id"),
		kind: nonPersonal("a code"),
		orderId: nonPersonal("the storefront's order row id"),
		openedAt: TIMESTAMP,
		closedAt: TIMESTAMP,
	}),
	annotate("vault", t.orderMail, "Order mails already sent (dedupe)", {
		orderId: nonPersonal("the storefront's order or thread row id"),
		kind: nonPersonal("a mail kind"),
		eventKey: nonPersonal("an event code"),
		sentAt: TIMESTAMP,
	}),
	annotate("vault", t.publications, "Reviews staff published", {
		subjectId: { ...subjectReference, purpose: "reviews", retention: "review" },
		tableName: nonPersonal("a table name"),
		rowId: nonPersonal("the storefront's review id"),
		publishedAt: TIMESTAMP,
	}),
	annotate("vault", t.subjectOwners, "Subjects that belong to an account (its reviews)", {
		subjectId: { ...subjectReference, retention: "account_lifetime" },
		accountId: { ...accountIdentifier, notExported: "the account's own id, exported with the account" },
		tableName: nonPersonal("a table name"),
		createdAt: TIMESTAMP,
	}),
	annotate("vault", t.shreddedSubjects, "Data keys destroyed, for the storefront's sweep", {
		subjectId: nonPersonal("the id of a key that no longer exists"),
		reason: nonPersonal("a code"),
		shreddedAt: TIMESTAMP,
	}),
	annotate("vault", t.privacyRequests, "Guests' privacy requests, verified by a mailed link", {
		tokenHash: personal({
			...account,
			subjects: ["guests"],
			purpose: "privacy_rights",
			basis: "legal_obligation",
			retention: "privacy_request",
			category: "credentials",
			safeguard: "hash",
			notExported: "a secret's hash",
		}),
		kind: nonPersonal("a code"),
		orderId: nonPersonal("the storefront's order row id"),
		subjectId: { ...subjectReference, retention: "privacy_request" },
		status: nonPersonal("a code"),
		createdAt: TIMESTAMP,
		expiresAt: TIMESTAMP,
		usedAt: TIMESTAMP,
	}),
	annotate("vault", t.disclosures, "Lawful disclosure requests and decisions", {
		id: nonPersonal("a random id"),
		basis: nonPersonal("a code"),
		reference: nonPersonal("the authority's reference"),
		subjectId: {
			...subjectReference,
			purpose: "privacy_rights",
			basis: "legal_obligation",
			retention: "disclosure",
			sharedWith: ["authorities"],
		},
		orderId: nonPersonal("the storefront's order row id"),
		scope: nonPersonal("field names, never values"),
		status: nonPersonal("a code"),
		requestedBy: personal({
			...staffData,
			retention: "disclosure",
			category: "identifier",
			safeguard: "pseudonym",
		}),
		requestedAt: TIMESTAMP,
		decidedBy: personal({
			...staffData,
			retention: "disclosure",
			category: "identifier",
			safeguard: "pseudonym",
		}),
		decidedAt: TIMESTAMP,
		decisionReason: nonPersonal("the compliance officer's reason"),
		executedAt: TIMESTAMP,
	}),
];
