// Key rotation over a populated vault, interrupted and resumed, with every ciphertext readable
// before, during and after, and the old key removable at the end; dormancy and back; shredding.
import { describe, expect, it } from "vitest";
import { recordCase } from "./case-fixtures";
import { CONTACT, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const k1 = () => (JSON.parse(vaultEnv.PII_KEYRING) as { keys: { k1: string } }).keys.k1;

async function opensAll(contacts: Awaited<ReturnType<typeof sealedContact>>[], keyring: string) {
	const compliance = await staffAs("compliance");
	for (const contact of contacts) {
		const result = await rpc({ PII_KEYRING: keyring }).open({
			actor: compliance.actor,
			purpose: "compliance_review",
			items: [contact.item("phone")],
		});
		if (!result.ok) return false;
		expect(result.values).toEqual([CONTACT.phone]);
	}
	return true;
}

describe("key rotation", () => {
	it("re-wraps every data key in resumable batches; everything opens throughout; the old key can go", async () => {
		const contacts = await Promise.all(
			Array.from({ length: 23 }, () => sealedContact({ phone: CONTACT.phone })),
		);
		const k2 = key();
		const during = JSON.stringify({ current: "k2", keys: { k1: k1(), k2 } });
		const after = JSON.stringify({ current: "k2", keys: { k2 } });
		const admin = await staffAs("admin");

		const dry = await rpc({ PII_KEYRING: during }).rotateKeys({ actor: admin.actor, dryRun: true });
		expect(dry.ok && dry.progress.rewrapped).toBe(0);
		const total = dry.ok ? dry.progress.remaining : 0;
		expect(total).toBeGreaterThanOrEqual(23);

		const first = await rpc({ PII_KEYRING: during }).rotateKeys({ actor: admin.actor, batchSize: 10 });
		expect(first).toMatchObject({
			ok: true,
			progress: { rewrapped: 10, remaining: total - 10, done: false },
		});
		// Interrupted halfway: both generations are in use, and every subject still opens.
		expect(await opensAll(contacts, during)).toBe(true);
		expect(await opensAll(contacts, after)).toBe(false);

		let progress = first.ok ? first.progress : null;
		while (progress && !progress.done) {
			const next = await rpc({ PII_KEYRING: during }).rotateKeys({ actor: admin.actor, batchSize: 10 });
			progress = next.ok ? next.progress : null;
		}
		expect(progress).toMatchObject({ remaining: 0, orphaned: 0, done: true, currentKeyId: "k2" });
		expect(progress?.byKey.k1).toBeUndefined();
		expect(await opensAll(contacts, after)).toBe(true);

		// And back to k1 (the keyring the rest of this file runs with), in one go.
		const back = JSON.stringify({ current: "k1", keys: { k1: k1(), k2 } });
		const returned = await rpc({ PII_KEYRING: back }).rotateKeys({ actor: admin.actor, batchSize: 500 });
		expect(returned).toMatchObject({ ok: true, progress: { done: true, currentKeyId: "k1" } });
	});

	it("reports keys of a retired generation as orphaned and rotates everything else past them", async () => {
		const admin = await staffAs("admin");
		const contacts = await Promise.all(
			Array.from({ length: 3 }, () => sealedContact({ phone: CONTACT.phone })),
		);
		// One key left under a generation that has since left the keyring (k0, "retired").
		const [orphan] = contacts;
		await vaultEnv.VAULT_DB.prepare("update subject_keys set kek_id = 'k0' where id = ?")
			.bind(orphan?.subjectId)
			.run();
		const k2 = key();
		const next = JSON.stringify({ current: "k2", keys: { k1: k1(), k2 } });
		const result = await rpc({ PII_KEYRING: next }).rotateKeys({ actor: admin.actor, batchSize: 500 });
		expect(result).toMatchObject({ ok: true, progress: { remaining: 0, orphaned: 1, done: true } });
		expect(await opensAll(contacts.slice(1), JSON.stringify({ current: "k2", keys: { k2 } }))).toBe(true);
		// Back to k1 for the rest of this file; the orphan is removed as any unreadable key would be.
		await rpc({ PII_KEYRING: JSON.stringify({ current: "k1", keys: { k1: k1(), k2 } }) }).rotateKeys({
			actor: admin.actor,
			batchSize: 500,
		});
		await vaultEnv.VAULT_DB.prepare("delete from subject_keys where kek_id = 'k0'").run();
	});

	it("only admins rotate", async () => {
		const support = await staffAs("support");
		expect(await rpc().rotateKeys({ actor: support.actor })).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
	});

	it("puts a subject to sleep under the dormant keyring and wakes it; dormant keys rotate too", async () => {
		const contact = await sealedContact();
		// Support opens a contact only while a case on the order is open.
		await recordCase(contact);
		const admin = await staffAs("admin");
		const support = await staffAs("support");
		const open = () =>
			rpc().open({ actor: support.actor, purpose: "support", items: [contact.item("email")] });
		const kekOf = async () =>
			(
				await vaultEnv.VAULT_DB.prepare("select kek_id from subject_keys where id = ?")
					.bind(contact.subjectId)
					.first<{ kek_id: string }>()
			)?.kek_id;
		const sleep = await rpc().rewrap({ actor: admin.actor, subjectIds: [contact.subjectId], to: "dormant" });
		expect(sleep).toEqual({ ok: true, rewrapped: 1 });
		expect(await kekOf()).toBe("dormant:d1");
		expect(await open()).toMatchObject({ ok: false, error: { code: "conflict" } });

		// A new dormant generation: rotation moves sleeping keys too, so the old one can retire.
		const d1 = (JSON.parse(vaultEnv.PII_DORMANT_KEY) as { keys: { d1: string } }).keys.d1;
		const d2 = key();
		const rotated = await rpc({
			PII_DORMANT_KEY: JSON.stringify({ current: "d2", keys: { d1, d2 } }),
		}).rotateKeys({
			actor: admin.actor,
			batchSize: 500,
		});
		expect(rotated.ok).toBe(true);
		expect(await kekOf()).toBe("dormant:d2");
		const onlyD2 = JSON.stringify({ current: "d2", keys: { d2 } });
		// Without the dormant generation that wraps it, a sleeping subject cannot be woken.
		const refused = await rpc().rewrap({ actor: admin.actor, subjectIds: [contact.subjectId], to: "active" });
		expect(refused.ok).toBe(false);
		const woken = await rpc({ PII_DORMANT_KEY: onlyD2 }).rewrap({
			actor: admin.actor,
			subjectIds: [contact.subjectId],
			to: "active",
		});
		expect(woken).toEqual({ ok: true, rewrapped: 1 });
		expect(await open()).toMatchObject({ ok: true, values: [CONTACT.email] });
	});
});

describe("shredding", () => {
	it("destroys a fresh subject's key for an aborted checkout, after which nothing opens", async () => {
		const contact = await sealedContact();
		const other = await sealedContact();
		// Another subject's receipt does not shred this one.
		expect(
			await rpc().shred({
				subjects: [{ id: contact.subjectId, receipt: other.receipt }],
				reason: "checkout_aborted",
			}),
		).toMatchObject({ ok: false, error: { code: "forbidden" } });
		expect(
			await rpc().shred({
				subjects: [{ id: contact.subjectId, receipt: contact.receipt }],
				reason: "checkout_aborted",
			}),
		).toEqual({ ok: true, shredded: 1 });
		const compliance = await staffAs("compliance");
		const result = await rpc().open({
			actor: compliance.actor,
			purpose: "compliance_review",
			items: [contact.item("email")],
		});
		expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
	});

	it("refuses to shred an older subject under the checkout reason", async () => {
		const contact = await sealedContact();
		await vaultEnv.VAULT_DB.prepare("update subject_keys set created_at = created_at - 7200000 where id = ?")
			.bind(contact.subjectId)
			.run();
		expect(
			await rpc().shred({
				subjects: [{ id: contact.subjectId, receipt: contact.receipt }],
				reason: "checkout_aborted",
			}),
		).toMatchObject({
			ok: false,
			error: { code: "forbidden" },
		});
		const still = await vaultEnv.VAULT_DB.prepare("select count(*) as n from subject_keys where id = ?")
			.bind(contact.subjectId)
			.first();
		expect(still).toEqual({ n: 1 });
	});
});
