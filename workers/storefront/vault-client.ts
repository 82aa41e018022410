// The storefront's side of the vault (DESIGN §1): the VAULT service binding, with its answers
// turned into values or the shared errors. The storefront never sees a key; refusals arrive as
// values and become 401/403/404/409, a vault that cannot be reached becomes a 503.

import type { Logger } from "../shared/logger";
import type { VaultFailureCode, VaultResult } from "../shared/vault-contract";
import { AppError, type ErrorCode } from "./errors";

export type VaultClient = Env["VAULT"];

const codeFor: Record<VaultFailureCode, ErrorCode> = {
	bad_request: "bad_request",
	unauthorized: "unauthorized",
	forbidden: "forbidden",
	not_found: "not_found",
	conflict: "conflict",
	rate_limited: "rate_limited",
	unavailable: "vault_unavailable",
};

/**
 * Awaits a vault call: its success value, or the matching AppError. Generic over the RPC stub's
 * own promise type, whose awaited value is the method's result union.
 */
export async function fromVault<R>(call: R, logger?: Logger): Promise<Extract<Awaited<R>, { ok: true }>> {
	let result: Awaited<R>;
	try {
		result = await call;
	} catch (err) {
		logger?.error("vault call failed", { err });
		throw new AppError("vault_unavailable", "Personal data is unavailable right now; please try again");
	}
	const settled = result as VaultResult<object>;
	if (!settled.ok) throw new AppError(codeFor[settled.error.code], settled.error.message);
	return result as Extract<Awaited<R>, { ok: true }>;
}
