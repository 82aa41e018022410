// The versioned policy (P13, issue #9 item 6): the text in force served with its history, the
// record of processing served as JSON, the constant every consent records agreeing with the
// database, a customer whose consent predates the policy told once, and a withdrawal recorded
// under the version in force and stopping collection from the next request.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordOfProcessing } from "../../../workers/shared/personal-data/record";
import * as schema from "../../../workers/storefront/db/schema";
import { PUBLIC_CACHE_CONTROL } from "../../../workers/storefront/middleware/public-cache";
import {
	listPolicyVersions,
	readPublishedPolicy,
	selectCurrentPolicy,
} from "../../../workers/storefront/privacy/policy";
import { takePolicyNotice } from "../../../workers/storefront/privacy/policy-notice";
import { CURRENT_POLICY_VERSION } from "../../../workers/storefront/privacy/policy-version";
import { BROWSER_UA } from "../analytics/helpers";
import { registeredCustomer } from "../fixtures/accounts";
import { Shopper, testDb } from "../fixtures/commerce";

type PolicyBody = {
	current: {
		version: string;
		effectiveAt: string;
		summary: string;
		clauses: { id: string; title: string; text: string; mechanism: string }[];
	};
	history: { version: string; effectiveAt: string; summary: string }[];
};
type Notice = { version: string; effectiveAt: string; summary: string } | null;
type MeBody = { email: string; nickname: string; policyNotice: Notice };

const FAR_FUTURE = Date.UTC(2099, 0, 1);

async function customerRow(id: string): Promise<schema.Customer> {
	const row = await testDb().query.customers.findFirst({ where: eq(schema.customers.id, id) });
	if (!row) throw new Error("no profile");
	return row;
}

/** Rewrites a customer's consents as given under an older policy, as if before this one. */
async function consentedUnder(id: string, version: string): Promise<void> {
	await testDb()
		.update(schema.customers)
		.set({ analyticsPolicyVersion: version, marketingPolicyVersion: version, policyNoticeVersion: null })
		.where(eq(schema.customers.id, id));
}

describe("GET /api/v1/privacy/policy", () => {
	it("serves the version in force, clause by clause with its mechanism, and its history", async () => {
		const res = await new Shopper().fetch("/api/v1/privacy/policy");
		expect(res.status).toBe(200);
		const body = (await res.json()) as PolicyBody;
		expect(body.current).toMatchObject({ version: "2026-11-01", effectiveAt: "2026-11-01T00:00:00.000Z" });
		expect(body.current.summary.length).toBeGreaterThan(20);
		// The seed policy's six sections, each restated in at least one clause.
		const sections = new Set(body.current.clauses.map((clause) => clause.id.split(".")[0]));
		expect([...sections].sort()).toEqual(["1", "2", "3", "4", "5", "6"]);
		const ids = body.current.clauses.map((clause) => clause.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const clause of body.current.clauses) {
			expect(clause.title.length, clause.id).toBeGreaterThan(3);
			expect(clause.text.length, clause.id).toBeGreaterThan(40);
			expect(clause.mechanism.length, clause.id).toBeGreaterThan(20);
		}
		expect(body.history).toEqual([
			{ version: "2026-11-01", effectiveAt: "2026-11-01T00:00:00.000Z", summary: body.current.summary },
		]);
	});

	it("is publicly cacheable and answers 304 to its ETag", async () => {
		const shopper = new Shopper();
		const res = await shopper.fetch("/api/v1/privacy/policy");
		expect(res.headers.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
		const etag = res.headers.get("ETag");
		expect(etag).toBeTruthy();
		const again = await shopper.fetch("/api/v1/privacy/policy", { headers: { "If-None-Match": etag ?? "" } });
		expect(again.status).toBe(304);
	});

	it("keeps CURRENT_POLICY_VERSION, which every consent records, the version the database has in force", async () => {
		const current = selectCurrentPolicy(await listPolicyVersions(testDb()), Date.now());
		expect(current?.version).toBe(CURRENT_POLICY_VERSION);
	});
});

describe("a newer policy version", () => {
	it("is listed at once but applies, and is announced, only from its effective date", async () => {
		await testDb()
			.insert(schema.policyVersions)
			.values({
				version: "2099-01-01",
				effectiveAt: FAR_FUTURE,
				summary: "A later policy",
				clauses: JSON.stringify([{ id: "1.1", title: "Later", text: "Later text", mechanism: "Later" }]),
				publishedAt: Date.now(),
			});
		try {
			const today = await readPublishedPolicy(testDb(), Date.now());
			expect(today?.current.version).toBe(CURRENT_POLICY_VERSION);
			expect(today?.history.map((entry) => entry.version)).toEqual(["2099-01-01", "2026-11-01"]);
			const later = await readPublishedPolicy(testDb(), FAR_FUTURE);
			expect(later?.current).toMatchObject({ version: "2099-01-01", summary: "A later policy" });

			// A customer who consented under the current policy hears of the newer one once, when it applies.
			const { accountId } = await registeredCustomer();
			expect(await takePolicyNotice(testDb(), await customerRow(accountId), Date.now())).toBeNull();
			const row = await customerRow(accountId);
			const told = await Promise.all([
				takePolicyNotice(testDb(), row, FAR_FUTURE),
				takePolicyNotice(testDb(), row, FAR_FUTURE),
			]);
			// Two answers racing on the same stale row: only one of them tells.
			expect(told.filter((notice) => notice !== null)).toEqual([
				{ version: "2099-01-01", effectiveAt: "2099-01-01T00:00:00.000Z", summary: "A later policy" },
			]);
			expect((await customerRow(accountId)).policyNoticeVersion).toBe("2099-01-01");
			expect(await takePolicyNotice(testDb(), await customerRow(accountId), FAR_FUTURE)).toBeNull();
		} finally {
			await testDb().delete(schema.policyVersions).where(eq(schema.policyVersions.version, "2099-01-01"));
		}
	});
});

describe("GET /api/v1/me: the policy notice (P13)", () => {
	it("tells a customer whose consent predates the current policy once, then not again", async () => {
		const { shopper, accountId } = await registeredCustomer();
		await consentedUnder(accountId, "2026-05-01");

		const first = await shopper.fetch("/api/v1/me");
		expect(first.status).toBe(200);
		const told = (await first.json()) as MeBody;
		expect(told.policyNotice).toMatchObject({
			version: CURRENT_POLICY_VERSION,
			effectiveAt: "2026-11-01T00:00:00.000Z",
		});
		expect(told.policyNotice?.summary.length).toBeGreaterThan(20);
		expect((await customerRow(accountId)).policyNoticeVersion).toBe(CURRENT_POLICY_VERSION);

		const second = (await (await shopper.fetch("/api/v1/me")).json()) as MeBody;
		expect(second.policyNotice).toBeNull();
		// The consents themselves still say which version they were given under.
		expect((await customerRow(accountId)).analyticsPolicyVersion).toBe("2026-05-01");
	});

	it("tells nothing to a customer who registered under the current policy", async () => {
		const { shopper, accountId } = await registeredCustomer();
		const me = (await (await shopper.fetch("/api/v1/me")).json()) as MeBody;
		expect(me.policyNotice).toBeNull();
		// Registering records the policy agreed to as the one the customer was told about.
		expect((await customerRow(accountId)).policyNoticeVersion).toBe(CURRENT_POLICY_VERSION);
	});

	it("answers 401 without a session", async () => {
		const res = await new Shopper().fetch("/api/v1/me");
		expect(res.status).toBe(401);
	});
});

describe("consent withdrawal (P6, P13)", () => {
	it("records the policy version in force and the time, and stops collection from the next request", async () => {
		const { shopper, accountId } = await registeredCustomer();
		await consentedUnder(accountId, "2026-05-01");
		const before = await customerRow(accountId);
		const beacon = () =>
			shopper.fetch("/api/v1/events", {
				method: "POST",
				headers: { "content-type": "application/json", "user-agent": BROWSER_UA },
				body: JSON.stringify({ events: [{ type: "page", path: "/products/blue-rug" }] }),
			});
		expect(((await (await beacon()).json()) as { collecting: boolean }).collecting).toBe(true);

		const startedAt = Date.now();
		const res = await shopper.json("/api/v1/me/consents", "PUT", { analytics: false });
		expect(res.status).toBe(200);
		expect(((await (await beacon()).json()) as { collecting: boolean }).collecting).toBe(false);

		const after = await customerRow(accountId);
		const inForce = selectCurrentPolicy(await listPolicyVersions(testDb()), Date.now());
		expect(after.analyticsConsent).toBe(false);
		expect(after.analyticsPolicyVersion).toBe(inForce?.version);
		expect(after.analyticsAt).toBeGreaterThanOrEqual(startedAt);
		// The choice not made keeps the version and time it was given under.
		expect(after.marketingPolicyVersion).toBe("2026-05-01");
		expect(after.marketingAt).toBe(before.marketingAt);
	});
});

describe("GET /api/v1/privacy/record", () => {
	it("serves the record of processing generated from the registry, publicly cacheable", async () => {
		const res = await new Shopper().fetch("/api/v1/privacy/record");
		expect(res.status).toBe(200);
		expect(res.headers.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
		const body = (await res.json()) as ReturnType<typeof recordOfProcessing>;
		expect(body).toEqual(recordOfProcessing());
		expect(body.recipients.map((recipient) => recipient.id)).toEqual([
			"logistics",
			"payment",
			"mail",
			"public",
			"authorities",
		]);
	});
});
