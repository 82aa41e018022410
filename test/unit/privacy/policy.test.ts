// The pure halves of the versioned policy (P13): which version is in force at a time, and who is
// still to be told about it.
import { describe, expect, it } from "vitest";
import { isOlderPolicy, selectCurrentPolicy } from "../../../workers/storefront/privacy/policy";
import { lastSeenPolicyVersion, policyNoticeDue } from "../../../workers/storefront/privacy/policy-notice";

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const versions = [
	{ version: "2027-03-01", effectiveAt: day("2027-03-01") },
	{ version: "2026-11-01", effectiveAt: day("2026-11-01") },
	{ version: "2027-01-15", effectiveAt: day("2027-01-15") },
];

describe("selectCurrentPolicy", () => {
	it("takes the newest version whose effective date has come", () => {
		expect(selectCurrentPolicy(versions, day("2027-02-01"))?.version).toBe("2027-01-15");
		expect(selectCurrentPolicy(versions, day("2027-03-01"))?.version).toBe("2027-03-01");
		expect(selectCurrentPolicy(versions, day("2027-03-01") - 1)?.version).toBe("2027-01-15");
	});

	it("keeps an announced version out until its date", () => {
		expect(selectCurrentPolicy(versions, day("2026-12-31"))?.version).toBe("2026-11-01");
	});

	it("shows the first version before any is in force, and nothing without versions", () => {
		expect(selectCurrentPolicy(versions, day("2026-01-01"))?.version).toBe("2026-11-01");
		expect(selectCurrentPolicy([], day("2027-01-01"))).toBeNull();
	});
});

describe("the policy notice", () => {
	const current = { version: "2027-01-15", effectiveAt: "2027-01-15T00:00:00.000Z", summary: "New" };
	const customer = (analytics: string, marketing: string, notice: string | null) => ({
		analyticsPolicyVersion: analytics,
		marketingPolicyVersion: marketing,
		policyNoticeVersion: notice,
	});

	it("orders versions as dates", () => {
		expect(isOlderPolicy("2026-11-01", "2027-01-15")).toBe(true);
		expect(isOlderPolicy("2027-01-15", "2027-01-15")).toBe(false);
		expect(isOlderPolicy("2027-02-01", "2027-01-15")).toBe(false);
	});

	it("is due when every consent and the last notice predate the current version", () => {
		expect(policyNoticeDue(customer("2026-11-01", "2026-11-01", null), current)).toBe(true);
		expect(policyNoticeDue(customer("2026-11-01", "2026-11-01", "2026-11-01"), current)).toBe(true);
	});

	it("is not due once told, nor when a consent was given under the current version", () => {
		expect(policyNoticeDue(customer("2026-11-01", "2026-11-01", "2027-01-15"), current)).toBe(false);
		expect(policyNoticeDue(customer("2026-11-01", "2027-01-15", null), current)).toBe(false);
		expect(lastSeenPolicyVersion(customer("2027-01-15", "2026-11-01", "2026-12-01"))).toBe("2027-01-15");
	});
});
