// What every retention step is given (retention-steps.ts runs them): the deps, who the run's audit
// entries name, whether it only counts, its batch size and periods; and how a step reports.
import type { RetentionStep } from "../../shared/vault-contract";
import { audited } from "../audit/audited";
import type { AuditEvent } from "../audit/log";
import type { VaultDeps } from "../deps";
import type { RetentionConfig } from "./retention-config";

/** Who the run's entries name: the cron as system/"retention", or the admin who started it. */
export type RetentionActor = {
	actorKind: "system" | "staff";
	actorId: string;
	actorRole?: string | null;
	requestId?: string;
};

export const SYSTEM_RETENTION = { actorKind: "system", actorId: "retention" } as const;

export type StepContext = {
	deps: VaultDeps;
	actor: RetentionActor;
	dryRun: boolean;
	batchSize: number;
	config: RetentionConfig;
};

export class AuditUnavailable extends Error {
	constructor(action: string) {
		super(`audit log unavailable (${action}): nothing changed`);
	}
}

/** Appends a step's entry under the run's actor; throws (the step stops, changing nothing) if it cannot. */
export async function auditStep(
	ctx: StepContext,
	event: Omit<AuditEvent, "actorKind" | "actorId" | "actorRole" | "requestId" | "outcome">,
): Promise<void> {
	if (!(await audited(ctx.deps, { ...ctx.actor, outcome: "allowed", ...event }))) {
		throw new AuditUnavailable(event.action);
	}
}

export function report(job: string, due: number, done: number): RetentionStep {
	return { job, due, done, more: due > done };
}
