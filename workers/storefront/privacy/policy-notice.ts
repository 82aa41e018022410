// P13: "a shopper whose consent predates the current version is told once". The profile answer
// (GET /api/v1/me) carries the notice; recording it is one conditional UPDATE, so of two requests
// racing only the one whose update matched tells, and every later answer is quiet.
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { type Customer, customers } from "../db/schema";
import type { Db } from "../env";
import { isOlderPolicy, type PolicySummary, readCurrentPolicy } from "./policy";

/**
 * The newest version this customer is known to have seen: the one they were last told about, or
 * the one their latest consent was given under (registering or choosing shows the policy in force).
 */
export function lastSeenPolicyVersion(
	customer: Pick<Customer, "policyNoticeVersion" | "analyticsPolicyVersion" | "marketingPolicyVersion">,
): string {
	let newest = customer.analyticsPolicyVersion;
	for (const version of [customer.marketingPolicyVersion, customer.policyNoticeVersion]) {
		if (version !== null && isOlderPolicy(newest, version)) newest = version;
	}
	return newest;
}

/** Whether the customer is to be told about `current`: only when all they saw predates it. */
export function policyNoticeDue(
	customer: Pick<Customer, "policyNoticeVersion" | "analyticsPolicyVersion" | "marketingPolicyVersion">,
	current: PolicySummary,
): boolean {
	return isOlderPolicy(lastSeenPolicyVersion(customer), current.version);
}

/** The notice for this answer, recorded as given; null when there is nothing new to tell. */
export async function takePolicyNotice(
	db: Db,
	customer: Customer,
	now: number,
): Promise<PolicySummary | null> {
	const current = await readCurrentPolicy(db, now);
	if (!current || !policyNoticeDue(customer, current)) return null;
	const claimed = await db
		.update(customers)
		.set({ policyNoticeVersion: current.version })
		.where(
			and(
				eq(customers.id, customer.id),
				or(isNull(customers.policyNoticeVersion), lt(customers.policyNoticeVersion, current.version)),
			),
		)
		.returning({ id: customers.id });
	return claimed.length > 0 ? current : null;
}
