import { describe, expect, it } from "vitest";
import { unwrapDataKey } from "../../workers/vault/crypto/data-keys";
import { parseFieldCiphertext } from "../../workers/vault/crypto/field-cipher";
import { importKeyring, parseKeyring } from "../../workers/vault/crypto/keyring";
import { createSubjectCipher } from "../../workers/vault/crypto/subject-cipher";
import { VaultError } from "../../workers/vault/crypto/vault-error";

const key = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
const keyring = (current: string, keys: Record<string, string>) => JSON.stringify({ current, keys });

describe("keyring", () => {
	it("parses a well-formed keyring", () => {
		const k1 = key();
		expect(parseKeyring(keyring("k1", { k1 }))).toEqual({ current: "k1", keys: { k1 } });
	});

	it.each([
		["not JSON", "{"],
		["current missing from keys", keyring("k2", { k1: key() })],
		["short key", keyring("k1", { k1: btoa("too short") })],
		["non-base64 key", keyring("k1", { k1: "!".repeat(44) })],
		["dot in key id", keyring("k.1", { "k.1": key() })],
		["unknown field", JSON.stringify({ current: "k1", keys: { k1: key() }, extra: true })],
		["array", "[]"],
	])("refuses %s without echoing key material", (_label, json) => {
		let error: unknown;
		try {
			parseKeyring(json);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(VaultError);
		const secret = /"k1":"([^"]+)"/.exec(json)?.[1];
		if (secret) expect((error as Error).message).not.toContain(secret);
	});

	it("refuses key ids it does not hold", async () => {
		const ring = await importKeyring(keyring("k1", { k1: key() }));
		expect(() => ring.kek("k9")).toThrow(VaultError);
	});
});

describe("vault", () => {
	const fields = {
		email: "ada@example.com",
		name: "Ada Lovelace 山田 🧶",
		address: '{"line1":"1 Market St"}',
	};

	it("round-trips fields sealed under a subject key", async () => {
		const vault = createSubjectCipher({ PII_KEYRING: keyring("k1", { k1: key() }) });
		const { subject, record } = await vault.createSubject(1_700_000_000_000);
		expect(record).toMatchObject({ id: subject.id, kekId: "k1", createdAt: 1_700_000_000_000 });
		const sealed = await vault.sealFields(subject, "order_contacts", "order-1", fields);
		for (const [field, value] of Object.entries(sealed)) {
			expect(value).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
			expect(value).not.toContain(fields[field as keyof typeof fields]);
			expect(parseFieldCiphertext(value).kekId).toBe("k1");
		}
		const reopened = await vault.openSubject(record);
		expect(await vault.openFields(reopened, "order_contacts", "order-1", sealed)).toEqual(fields);
	});

	it("binds ciphertexts to table, row and field", async () => {
		const vault = createSubjectCipher({ PII_KEYRING: keyring("k1", { k1: key() }) });
		const { subject } = await vault.createSubject(0);
		const { email } = await vault.sealFields(subject, "order_contacts", "order-1", { email: fields.email });
		await expect(vault.openFields(subject, "order_contacts", "order-2", { email })).rejects.toThrow(
			VaultError,
		);
		await expect(vault.openFields(subject, "order_contacts", "order-1", { name: email })).rejects.toThrow(
			VaultError,
		);
		await expect(vault.openFields(subject, "addresses", "order-1", { email })).rejects.toThrow(VaultError);
		// Editing the key id in the header breaks authentication too.
		const relabelled = email.replace("v1.k1.", "v1.k2.");
		await expect(
			vault.openFields(subject, "order_contacts", "order-1", { email: relabelled }),
		).rejects.toThrow(VaultError);
		for (const broken of ["", "v1", "v2.k1.AAAA.AAAA", `${email}.extra`, email.slice(0, -4)]) {
			await expect(vault.openFields(subject, "order_contacts", "order-1", { email: broken })).rejects.toThrow(
				VaultError,
			);
		}
	});

	it("binds a wrapped data key to its subject", async () => {
		const k1 = key();
		const vault = createSubjectCipher({ PII_KEYRING: keyring("k1", { k1 }) });
		const a = await vault.createSubject(0);
		const b = await vault.createSubject(0);
		await expect(vault.openSubject({ ...b.record, wrappedKey: a.record.wrappedKey })).rejects.toThrow(
			VaultError,
		);
		const ring = await importKeyring(keyring("k1", { k1 }));
		await expect(unwrapDataKey(a.record.wrappedKey, ring.kek("k1"), b.record.id)).rejects.toThrow(VaultError);
	});

	it("cannot open subjects under a different keyring", async () => {
		const sealer = createSubjectCipher({ PII_KEYRING: keyring("k1", { k1: key() }) });
		const { record } = await sealer.createSubject(0);
		await expect(
			createSubjectCipher({ PII_KEYRING: keyring("k1", { k1: key() }) }).openSubject(record),
		).rejects.toThrow(VaultError);
		await expect(
			createSubjectCipher({ PII_KEYRING: keyring("k2", { k2: key() }) }).openSubject(record),
		).rejects.toThrow(VaultError);
	});

	it("re-wraps a subject key under the new current KEK; old fields still open", async () => {
		const k1 = key();
		const k2 = key();
		const before = createSubjectCipher({ PII_KEYRING: keyring("k1", { k1 }) });
		const { subject, record } = await before.createSubject(0);
		const sealed = await before.sealFields(subject, "order_contacts", "o", fields);

		const during = createSubjectCipher({ PII_KEYRING: keyring("k2", { k1, k2 }) });
		const rewrapped = await during.rewrapToCurrent(record);
		expect(rewrapped.kekId).toBe("k2");
		expect(rewrapped.wrappedKey).not.toBe(record.wrappedKey);

		// Once every subject is re-wrapped, k1 can leave the keyring.
		const after = createSubjectCipher({ PII_KEYRING: keyring("k2", { k2 }) });
		const reopened = await after.openSubject(rewrapped);
		expect(await after.openFields(reopened, "order_contacts", "o", sealed)).toEqual(fields);
		await expect(after.openSubject(record)).rejects.toThrow(VaultError);
	});
});
