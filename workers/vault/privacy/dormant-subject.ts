// An account's data key opened for the vault's own mail to the account (the erasure notice, a
// reset link), dormant or not, never to answer anyone: the cipher's `openSubject` refuses dormant
// keys by design (nothing dormant opens for staff or a session), so this goes to the dormant
// keyring itself. Waking the account stays the sign-in's to do.
import { unwrapDataKey } from "../crypto/data-keys";
import { importKeyring } from "../crypto/keyring";
import { DORMANT_PREFIX, isDormant, type Subject } from "../crypto/subject-cipher";
import type { VaultDeps } from "../deps";
import { getSubjectKeys } from "../keys/subject-keys";

/** The account subject's key, or null when it was destroyed. */
export async function accountSubjectForMail(deps: VaultDeps, subjectId: string): Promise<Subject | null> {
	const row = (await getSubjectKeys(deps.db, [subjectId])).get(subjectId);
	if (!row) return null;
	if (!isDormant(row.kekId)) return deps.cipher.openSubject(row);
	const ring = await importKeyring(deps.env.PII_DORMANT_KEY, "PII_DORMANT_KEY");
	const dataKey = await unwrapDataKey(
		row.wrappedKey,
		ring.kek(row.kekId.slice(DORMANT_PREFIX.length)),
		row.id,
	);
	return { id: row.id, kekId: row.kekId, dataKey };
}
