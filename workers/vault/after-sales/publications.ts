// Published reviews (issue #8): built by the helper that owns this file.
import type { z } from "zod";
import type {
	OpenPublishedRequestSchema,
	PublishRequestSchema,
	VaultResult,
} from "../../shared/vault-contract";
import { failure, type VaultDeps } from "../deps";

export async function publish(
	_deps: VaultDeps,
	_req: z.output<typeof PublishRequestSchema>,
): Promise<VaultResult<{ published: boolean }>> {
	return failure("unavailable", "Publications are not built yet");
}

export async function openPublished(
	_deps: VaultDeps,
	_req: z.output<typeof OpenPublishedRequestSchema>,
): Promise<VaultResult<{ values: (string | null)[] }>> {
	return failure("unavailable", "Publications are not built yet");
}
