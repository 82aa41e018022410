// A shopper's own data, through their own session (issue #7): sealing under their account's
// subject, opening what was sealed there, reading their own email. The session decides whose
// subject it is; the caller's labels never do. Every answer is audited first, as for staff, and
// each account has a pace (SHOPPER_OPEN_LIMITER, keyed by account: signing in again for a fresh
// session buys no more) so a stolen session cannot bulk-decrypt or grow the audit log without bound.
import {
	ACCOUNT_TABLES,
	type OpenCase,
	type OpenItem,
	type Purpose,
	SELF_SERVICE,
	type VaultFailure,
	type VaultResult,
} from "../../shared/vault-contract";
import { type Actor, authenticateAudited, type ShopperActor } from "../actors";
import { recordOpenCase } from "../after-sales/cases";
import { AUDIT_UNAVAILABLE, audited, refuse, shopperEvent, subjectPseudonyms } from "../audit/audited";
import { blindIndex } from "../crypto/blind-index";
import type { CredentialsRow } from "../db/schema";
import { failure, type VaultDeps } from "../deps";
import { ownsAll } from "../privacy/owned-subjects";
import { isFailure, openAccountEmail, openAccountSubject } from "./account-data";
import { LOGIN_REQUIRED, NOT_YOURS, SHOPPER_BUSY } from "./answers";
import { findCredentialsById } from "./credentials";

export type SealResult = VaultResult<{
	subjectId: string;
	sealed: Record<string, string>;
	blindIndexes: Record<string, string>;
	/** Proof of having created the subject, for shredding an aborted checkout's; null for an account's. */
	receipt: string | null;
}>;

export type AccountSealRequest = {
	session: string;
	table: string;
	rowId: string;
	fields: Record<string, string>;
	fromAccount?: "email"[];
	blindIndex?: "email"[];
	/** The text opens a support case on one of the shopper's orders (issue #8): recorded after sealing. */
	openCase?: OpenCase;
	requestId?: string;
};

const ACCOUNT_TABLE_SET: ReadonlySet<string> = new Set(ACCOUNT_TABLES);

/** Why a shopper may not open these items (a refusal to audit), or null when they may. */
export type Gate = { reason: string; answer: VaultFailure } | null;

function isShopper(actor: Actor): actor is ShopperActor {
	return actor.kind === "shopper";
}

/** An account's budget of self-service openings and sealings, shared by all its sessions. */
async function withinShopperPace(deps: VaultDeps, actor: ShopperActor): Promise<boolean> {
	return (await deps.env.SHOPPER_OPEN_LIMITER.limit({ key: actor.id })).success;
}

/**
 * What a shopper may open: for `self_service` only, within the account's pace, and only items of
 * their own subject in the account tables. Anything else is "not found", never "forbidden": the
 * answer must not confirm that another subject exists.
 */
export async function shopperMayOpen(
	deps: VaultDeps,
	actor: ShopperActor,
	purpose: Purpose,
	items: readonly OpenItem[],
): Promise<Gate> {
	if (purpose !== SELF_SERVICE) {
		return {
			reason: "purpose_not_granted",
			answer: failure("forbidden", "Shoppers open their own data only"),
		};
	}
	if (!(await withinShopperPace(deps, actor))) return { reason: "rate_limited", answer: SHOPPER_BUSY };
	if (!items.every((item) => ACCOUNT_TABLE_SET.has(item.table)))
		return { reason: "not_own_subject", answer: NOT_YOURS };
	// Subjects the account owns (its reviews', issue #9) are its own too, in the table they were for.
	const others = items.filter((item) => item.subjectId !== actor.subjectId);
	const own = others.length === 0 || (await ownsAll(deps.db, actor.id, others));
	return own ? null : { reason: "not_own_subject", answer: NOT_YOURS };
}

type SelfServiceEvent = Parameters<typeof authenticateAudited>[2];

/** The shopper's session as an audited actor, or the audited refusal. */
async function shopperFor(
	deps: VaultDeps,
	session: string,
	event: SelfServiceEvent,
): Promise<ShopperActor | VaultFailure> {
	const auth = await authenticateAudited(deps, { kind: "shopper", token: session }, event);
	if (!auth.ok) return auth;
	return isShopper(auth.actor) ? auth.actor : LOGIN_REQUIRED;
}

/**
 * The steps every self-service call starts with: the session's actor, the audit event naming it
 * and its subject, and the account's pace (refused and audited beyond it).
 */
export async function selfServiceCall(
	deps: VaultDeps,
	session: string,
	base: SelfServiceEvent & { requestId?: string },
) {
	const actor = await shopperFor(deps, session, base);
	if (isFailure(actor)) return actor;
	const event = {
		...base,
		...(await shopperEvent(deps, actor.id, base.requestId)),
		subjects: await subjectPseudonyms(deps, [actor.subjectId]),
	};
	if (!(await withinShopperPace(deps, actor))) {
		return refuse(deps, { ...event, outcome: "denied", reason: "rate_limited" }, SHOPPER_BUSY);
	}
	return { ok: true as const, actor, event };
}

type SelfServiceCall = Extract<Awaited<ReturnType<typeof selfServiceCall>>, { ok: true }>;

/**
 * The start of every shopper's sealing, whether under the account's subject or one it comes to
 * own: the self-service call audited as a seal of these fields, then the table, which must be one
 * of the account tables (refused and audited otherwise).
 */
export async function shopperSealGate(
	deps: VaultDeps,
	session: string,
	req: { table: string; names: readonly string[]; requestId?: string },
): Promise<SelfServiceCall | VaultFailure> {
	const call = await selfServiceCall(deps, session, {
		action: "seal",
		purpose: SELF_SERVICE,
		fields: req.names.map((field) => `${req.table}.${field}`),
		itemCount: req.names.length,
		requestId: req.requestId,
	});
	if (!call.ok || ACCOUNT_TABLE_SET.has(req.table)) return call;
	return refuse(
		deps,
		{ ...call.event, outcome: "denied", reason: "table_not_allowed" },
		failure("forbidden", "A shopper seals into their account's tables only"),
	);
}

/**
 * The session's account and its email, opened under the account's own key. A subject that cannot
 * be opened (shredded, dormant) is refused and audited under the call's event.
 */
export async function openOwnAccountEmail(
	deps: VaultDeps,
	call: Pick<SelfServiceCall, "actor" | "event">,
): Promise<VaultResult<{ account: CredentialsRow; email: string }>> {
	const account = await findCredentialsById(deps.db, call.actor.id);
	if (!account) return LOGIN_REQUIRED;
	const subject = await openAccountSubject(deps, call.actor.subjectId);
	if (isFailure(subject))
		return refuse(deps, { ...call.event, outcome: "failed", reason: "subject_unavailable" }, subject);
	return { ok: true, account, email: await openAccountEmail(deps, account, subject) };
}

/** Seals fields under the session's account subject; `fromAccount` copies the account's email in. */
export async function sealForAccount(deps: VaultDeps, req: AccountSealRequest): Promise<SealResult> {
	const fromAccount = req.fromAccount ?? [];
	const names = [...Object.keys(req.fields), ...fromAccount];
	if (fromAccount.some((field) => req.fields[field] !== undefined)) {
		return failure("bad_request", "The email comes from the account; do not send it as well");
	}
	for (const field of req.blindIndex ?? []) {
		if (!names.includes(field)) return failure("bad_request", `No ${field} field to index`);
	}
	const call = await shopperSealGate(deps, req.session, {
		table: req.table,
		names,
		requestId: req.requestId,
	});
	if (!call.ok) return call;
	const { actor, event } = call;
	const account = await findCredentialsById(deps.db, actor.id);
	if (!account) return LOGIN_REQUIRED;
	const subject = await openAccountSubject(deps, actor.subjectId);
	if (isFailure(subject))
		return refuse(deps, { ...event, outcome: "failed", reason: "subject_unavailable" }, subject);
	const fields = { ...req.fields };
	if (fromAccount.includes("email")) fields.email = await openAccountEmail(deps, account, subject);
	const sealed = await deps.cipher.sealFields(subject, req.table, req.rowId, fields);
	const blindIndexes: Record<string, string> = {};
	for (const field of req.blindIndex ?? []) {
		blindIndexes[field] = await blindIndex(deps.env.BLIND_INDEX_KEY, field, fields[field] as string);
	}
	const reason = req.openCase ? `case_opened:${req.openCase.kind}` : null;
	if (!(await audited(deps, { ...event, outcome: "allowed", reason }))) return AUDIT_UNAVAILABLE;
	if (req.openCase) await recordOpenCase(deps, req.openCase);
	// No receipt: an account's subject must never be shreddable through the checkout-abort path.
	return { ok: true, subjectId: actor.subjectId, sealed, blindIndexes, receipt: null };
}

/** The shopper's own email, for their account page: an audited self-service opening. */
export async function accountEmail(
	deps: VaultDeps,
	req: { session: string; requestId?: string },
): Promise<VaultResult<{ email: string }>> {
	const base = {
		action: "open",
		purpose: SELF_SERVICE,
		fields: ["credentials.email"],
		itemCount: 1,
		requestId: req.requestId,
	};
	const call = await selfServiceCall(deps, req.session, base);
	if (!call.ok) return call;
	const own = await openOwnAccountEmail(deps, call);
	if (!own.ok) return own;
	// Log before reveal, as for staff.
	if (!(await audited(deps, { ...call.event, outcome: "allowed" }))) return AUDIT_UNAVAILABLE;
	return { ok: true, email: own.email };
}
