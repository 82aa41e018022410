// An account's own data key and email, for the vault's internal use (sealing under the account's
// subject, copying its email into a seal, the shopper's own email). Callers audit what they reveal.
import { constantTimeEqual } from "../../shared/constant-time";
import type { VaultFailure } from "../../shared/vault-contract";
import { blindIndex } from "../crypto/blind-index";
import { isDormant, type Subject } from "../crypto/subject-cipher";
import type { CredentialsRow } from "../db/schema";
import type { VaultDeps } from "../deps";
import { getSubjectKeys } from "../keys/subject-keys";
import { DORMANT, NOT_YOURS } from "./answers";
import { PASSWORD_IS_EMAIL, passwordProblem } from "./password-policy";

/** The account subject's unwrapped key, or why it cannot be had (shredded, or dormant). */
export async function openAccountSubject(
	deps: VaultDeps,
	subjectId: string,
): Promise<Subject | VaultFailure> {
	const row = (await getSubjectKeys(deps.db, [subjectId])).get(subjectId);
	if (!row) return NOT_YOURS;
	if (isDormant(row.kekId)) return DORMANT;
	return deps.cipher.openSubject(row);
}

export function isFailure<T extends object>(value: T | VaultFailure): value is VaultFailure {
	return "ok" in value && value.ok === false;
}

/** The account's email, sealed in `credentials` (AAD: credentials, account id, email). */
export async function openAccountEmail(
	deps: VaultDeps,
	account: Pick<CredentialsRow, "accountId" | "emailCt">,
	subject: Subject,
): Promise<string> {
	const { email } = await deps.cipher.openFields(subject, "credentials", account.accountId, {
		email: account.emailCt,
	});
	return email;
}

/**
 * The policy's verdict on a new password of an existing account. Whether it is the account's
 * email is asked of the blind index, so no email is decrypted to compare.
 */
export async function newPasswordProblem(
	deps: VaultDeps,
	password: string,
	account: Pick<CredentialsRow, "emailBidx">,
): Promise<string | null> {
	const problem = passwordProblem(password);
	if (problem) return problem;
	const asEmail = await blindIndex(deps.env.BLIND_INDEX_KEY, "email", password);
	return (await constantTimeEqual(asEmail, account.emailBidx)) ? PASSWORD_IS_EMAIL : null;
}
