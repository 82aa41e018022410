// Erasing a customer's account (issue #9, GDPR Art. 17, P12): crypto-shredding first, rows after.
// The vault checks the session and the password again, audits, then destroys the account's data
// key and its credentials, sessions and emailed tokens in one transaction; only then does the
// storefront remove or anonymise the commerce rows (eraseRowsStatements, one batch): orders keep
// their archival fields, reviews stay without author or nickname, the rest goes.
import { runBatch } from "../../shared/d1-batch";
import type { AccountDeps } from "../accounts/account-deps";
import { fromVault } from "../vault-client";
import { eraseRowsStatements } from "./erase-rows";

export async function eraseMyAccount(deps: AccountDeps, password: string): Promise<void> {
	const { erased } = await fromVault(
		deps.vault.eraseAccount({ session: deps.session, password, requestId: deps.requestId }),
		deps.logger,
	);
	try {
		await runBatch(
			deps.db,
			eraseRowsStatements(
				deps.db,
				{ subjectIds: [erased.subjectId], accountIds: [erased.accountId] },
				deps.now,
			),
		);
	} catch (err) {
		// The key is already gone, so nothing left here opens any more, and the erasure stands.
		// The retention sweep follows the vault's shredded_subjects, which lists this subject, and
		// runs the same statements for it: it finishes what this batch could not.
		deps.logger.error("account rows not erased yet; the retention sweep will", { err });
	}
}
