// Support cases (issue #8): built by the helper that owns this file.
import type { z } from "zod";
import type { CloseCaseRequestSchema, VaultResult } from "../../shared/vault-contract";
import { failure, type VaultDeps } from "../deps";

export async function closeCase(
	_deps: VaultDeps,
	_req: z.output<typeof CloseCaseRequestSchema>,
): Promise<VaultResult<{ closed: boolean }>> {
	return failure("unavailable", "Support cases are not built yet");
}
