// What every vault operation is a function of: the database, the worker's env (secrets, limiters,
// the mail binding), the cipher over its keyrings, the logger, one `now` for the whole request,
// and `defer` for work the answer must not wait on (mail), kept alive by the RPC's waitUntil.
import type { Logger } from "../shared/logger";
import type { VaultFailure, VaultFailureCode } from "../shared/vault-contract";
import type { SubjectCipher } from "./crypto/subject-cipher";
import type { VaultDb } from "./db/client";

export type VaultDeps = {
	db: VaultDb;
	env: VaultEnv;
	cipher: SubjectCipher;
	logger: Logger;
	now: number;
	defer(task: Promise<unknown>): void;
};

export function failure(code: VaultFailureCode, message: string): VaultFailure {
	return { ok: false, error: { code, message } };
}
