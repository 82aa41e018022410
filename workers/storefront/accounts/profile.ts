// The customer's profile and privacy choices. The nickname is sealed like every personal field
// and opens only with the shopper's own session; the email is the vault's (credentials), opened
// there. Consents carry the policy version and time they were given or withdrawn under (P13).
import { getCustomer, updateCustomer } from "../db/customers";
import type { Customer } from "../db/schema";
import { AppError } from "../errors";
import { takePolicyNotice } from "../privacy/policy-notice";
import { CURRENT_POLICY_VERSION } from "../privacy/policy-version";
import { fromVault } from "../vault-client";
import { type AccountDeps, openOwn, sealOwn } from "./account-deps";

export type ConsentRecord = { given: boolean; policyVersion: string; at: string };
export type Consents = { analytics: ConsentRecord; marketing: ConsentRecord };
export type ConsentChoices = { analytics: boolean; marketing: boolean };

export function consentsOf(row: Customer): Consents {
	return {
		analytics: {
			given: row.analyticsConsent,
			policyVersion: row.analyticsPolicyVersion,
			at: new Date(row.analyticsAt).toISOString(),
		},
		marketing: {
			given: row.marketingConsent,
			policyVersion: row.marketingPolicyVersion,
			at: new Date(row.marketingAt).toISOString(),
		},
	};
}

/** The consent columns for choices made now, under the policy in force. */
export function consentColumns(choices: ConsentChoices, now: number) {
	return {
		analyticsConsent: choices.analytics,
		analyticsPolicyVersion: CURRENT_POLICY_VERSION,
		analyticsAt: now,
		marketingConsent: choices.marketing,
		marketingPolicyVersion: CURRENT_POLICY_VERSION,
		marketingAt: now,
	};
}

/** Only the columns of the choices made: an untouched consent keeps its version and time. */
function changedConsentColumns(choices: Partial<ConsentChoices>, now: number) {
	const all = consentColumns(
		{ analytics: choices.analytics ?? false, marketing: choices.marketing ?? false },
		now,
	);
	return {
		...(choices.analytics === undefined
			? {}
			: {
					analyticsConsent: all.analyticsConsent,
					analyticsPolicyVersion: all.analyticsPolicyVersion,
					analyticsAt: all.analyticsAt,
				}),
		...(choices.marketing === undefined
			? {}
			: {
					marketingConsent: all.marketingConsent,
					marketingPolicyVersion: all.marketingPolicyVersion,
					marketingAt: all.marketingAt,
				}),
	};
}

/** The account's profile row; an account the vault knows but without one is a broken state (404). */
export async function requireCustomer(deps: AccountDeps): Promise<Customer> {
	const row = await getCustomer(deps.db, deps.account.id);
	if (!row) throw new AppError("not_found", "No profile for this account");
	return row;
}

export async function openNickname(deps: AccountDeps, row: Customer): Promise<string> {
	const [nickname] = await openOwn(deps, [
		{ table: "customers", rowId: row.id, field: "nickname", ciphertext: row.nicknameCt },
	]);
	return nickname as string;
}

export async function readProfile(deps: AccountDeps) {
	const row = await requireCustomer(deps);
	const [nickname, { email }] = await Promise.all([
		openNickname(deps, row),
		fromVault(deps.vault.accountEmail({ session: deps.session, requestId: deps.requestId }), deps.logger),
	]);
	return { email, nickname, consents: consentsOf(row), createdAt: new Date(row.createdAt).toISOString() };
}

/** GET /api/v1/me: the profile, telling once of a policy newer than the customer has seen (P13). */
export async function readProfileWithNotice(deps: AccountDeps) {
	const profile = await readProfile(deps);
	// Only once the answer is sure to go out: a notice recorded with a failed answer is never seen.
	const policyNotice = await takePolicyNotice(deps.db, await requireCustomer(deps), deps.now);
	return { ...profile, policyNotice };
}

export async function changeNickname(deps: AccountDeps, nickname: string) {
	await requireCustomer(deps);
	const sealed = await sealOwn(deps, "customers", deps.account.id, { nickname });
	await updateCustomer(deps.db, deps.account.id, { nicknameCt: sealed.nickname, updatedAt: deps.now });
	return readProfile(deps);
}

export async function changeConsents(deps: AccountDeps, choices: Partial<ConsentChoices>): Promise<Consents> {
	await requireCustomer(deps);
	const row = await updateCustomer(deps.db, deps.account.id, {
		...changedConsentColumns(choices, deps.now),
		updatedAt: deps.now,
	});
	if (!row) throw new AppError("not_found", "No profile for this account");
	return consentsOf(row);
}
