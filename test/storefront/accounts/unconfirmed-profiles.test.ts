// P9 for registrations never confirmed: the vault deletes such accounts (and their data keys)
// after 7 days; the storefront's cron then deletes their profile rows, and nothing else.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deleteUnconfirmedCustomers } from "../../../workers/storefront/db/customers";
import { accountIdOf, registerBody, registeredCustomer, uniqueEmail } from "../fixtures/accounts";
import { Shopper, testDb } from "../fixtures/commerce";

const DAY = 86_400_000;

async function profileExists(id: string): Promise<boolean> {
	return (await env.DB.prepare("select 1 as n from customers where id = ?").bind(id).first()) !== null;
}

describe("profiles of registrations never confirmed", () => {
	it("are deleted once stale; confirmed customers stay", async () => {
		const email = uniqueEmail("unconfirmed");
		expect((await new Shopper().json("/api/v1/auth/register", "POST", registerBody(email))).status).toBe(202);
		const pending = await accountIdOf(email);
		const confirmed = await registeredCustomer();
		expect(await profileExists(pending)).toBe(true);

		// Not yet stale: nothing goes.
		await deleteUnconfirmedCustomers(testDb(), Date.now() - DAY);
		expect(await profileExists(pending)).toBe(true);

		const deleted = await deleteUnconfirmedCustomers(testDb(), Date.now() + DAY);
		expect(deleted).toBeGreaterThanOrEqual(1);
		expect(await profileExists(pending)).toBe(false);
		expect(await profileExists(confirmed.accountId)).toBe(true);
		expect((await confirmed.shopper.fetch("/api/v1/me")).status).toBe(200);
	});
});
