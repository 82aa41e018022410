// Order mails (issue #8): built by the helper that owns this file.
import type { z } from "zod";
import type { SendMailRequestSchema, VaultResult } from "../../shared/vault-contract";
import { failure, type VaultDeps } from "../deps";

export async function sendOrderMail(
	_deps: VaultDeps,
	_req: z.output<typeof SendMailRequestSchema>,
): Promise<VaultResult<{ sent: boolean }>> {
	return failure("unavailable", "Order mail is not built yet");
}
