// P2, P8, P14 in the vault itself: after sealing, opening, shredding and staff work, no test
// contact's email, name, phone or address is in any table of the vault's database, plain or
// encoded, nor in anything the vault logged.
import { describe, expect, it, vi } from "vitest";
import { dumpAllTables, encodingsOf } from "../pii-scan";
import { CONTACT, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

describe("the vault's raw state", () => {
	it("holds no personal data in any table or log line", async () => {
		const logged: string[] = [];
		const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
			vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
				logged.push(args.map(String).join(" "));
			}),
		);
		try {
			const contact = await sealedContact();
			const compliance = await staffAs("compliance");
			const items = (["email", "name", "phone", "address"] as const).map((f) => contact.item(f));
			expect((await rpc().open({ actor: compliance.actor, purpose: "compliance_review", items })).ok).toBe(
				true,
			);
			await rpc().open({ actor: compliance.actor, purpose: "support", items });
			await rpc().open({ actor: { kind: "staff", token: "x.y.z" }, purpose: "support", items });
			await rpc().blindIndex({ kind: "email", value: CONTACT.email });
			const admin = await staffAs("admin");
			await rpc().addStaff({ actor: admin.actor, email: CONTACT.email, role: "support" });
			// A failure path that logs: the audit append refused.
			await vaultEnv.VAULT_DB.prepare(
				"create trigger t before insert on audit_log begin select raise(abort, 'no'); end",
			).run();
			await rpc().open({ actor: compliance.actor, purpose: "compliance_review", items });
			await vaultEnv.VAULT_DB.prepare("drop trigger t").run();
			await rpc().shred({
				subjects: [{ id: contact.subjectId, receipt: contact.receipt }],
				reason: "checkout_aborted",
			});
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
		expect(logged.length).toBeGreaterThan(0);

		const haystack = `${await dumpAllTables(vaultEnv.VAULT_DB)}\n${logged.join("\n")}`;
		expect(haystack).toContain("order_contacts.email");
		const address = JSON.parse(CONTACT.address) as Record<string, string>;
		for (const marker of [
			CONTACT.email,
			CONTACT.name,
			CONTACT.phone,
			address.line1 ?? "",
			address.city ?? "",
		]) {
			for (const encoded of encodingsOf(marker)) expect(haystack.includes(encoded), encoded).toBe(false);
		}
	});
});
