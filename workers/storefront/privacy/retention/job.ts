// What every storefront retention job is given and answers: the run's clock and batch, and one
// step of the contract's shape (how many rows were due, how many it handled, whether more remain).
import type { Logger } from "../../../shared/logger";
import type { ActorCredential, RetentionStep } from "../../../shared/vault-contract";
import type { Db } from "../../env";
import type { VaultClient } from "../../vault-client";

export type RetentionDeps = {
	db: Db;
	vault: VaultClient;
	logger: Logger;
	requestId?: string;
	/** A staff member running it by hand: the vault's part then runs too, under their name. */
	actor?: ActorCredential;
};

export type RetentionRun = {
	now: number;
	/** Counts what is due and changes nothing (no purge, no delete, no cursor). */
	dryRun: boolean;
	/** At most this many rows per job and run: a long backlog takes several runs. */
	batchSize: number;
};

/** A dry run's step: what a run of this batch size would handle, and whether it would leave more. */
export function dueStep(job: string, due: number, batchSize: number): RetentionStep {
	return { job, due, done: 0, more: due > batchSize };
}

export function doneStep(job: string, due: number, done: number): RetentionStep {
	return { job, due, done, more: due > done };
}
