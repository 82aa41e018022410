// The key-encryption keys (KEKs) from the PII_KEYRING secret:
// {"current":"k1","keys":{"k1":"<base64 32 bytes>"}}. Parsed strictly, imported once per
// isolate, non-extractable, usable only to wrap and unwrap data keys.
import * as z from "zod/mini";
import { fromBase64 } from "../../shared/base64url";
import { VaultError } from "./vault-error";

/** Key ids appear inside ciphertext headers, so they may not contain the "." separator. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

const KeyIdSchema = z.string().check(z.regex(KEY_ID_PATTERN));
const RawKeySchema = z.string().check(
	z.length(44),
	z.refine((text) => fromBase64(text)?.length === 32, "must be 32 bytes in standard base64"),
);

export const KeyringSchema = z
	.strictObject({
		current: KeyIdSchema,
		keys: z
			.record(KeyIdSchema, RawKeySchema)
			.check(z.refine((keys) => Object.keys(keys).length <= 16, "at most 16 keys")),
	})
	.check(z.refine((ring) => Object.hasOwn(ring.keys, ring.current), "current must name one of keys"));

export type Keyring = {
	readonly currentId: string;
	readonly ids: readonly string[];
	/** The KEK with that id, or a VaultError when the keyring does not hold it (yet or any more). */
	kek(id: string): CryptoKey;
};

export function parseKeyring(json: string, name = "PII_KEYRING"): z.infer<typeof KeyringSchema> {
	let value: unknown;
	try {
		value = JSON.parse(json);
	} catch {
		throw new VaultError(`${name} is not JSON`);
	}
	const parsed = KeyringSchema.safeParse(value);
	if (!parsed.success) {
		// Paths only: zod messages here never echo the input, but a path is all an operator needs.
		const where = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
		throw new VaultError(`${name} is not a valid keyring (${where})`);
	}
	return parsed.data;
}

async function buildKeyring(json: string, name: string): Promise<Keyring> {
	const spec = parseKeyring(json, name);
	const entries = await Promise.all(
		Object.entries(spec.keys).map(async ([id, base64]) => {
			const raw = fromBase64(base64) as Uint8Array<ArrayBuffer>;
			const key = await crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, [
				"wrapKey",
				"unwrapKey",
			]);
			return [id, key] as const;
		}),
	);
	const keks = new Map(entries);
	return {
		currentId: spec.current,
		ids: [...keks.keys()],
		kek(id) {
			const key = keks.get(id);
			if (!key) throw new VaultError(`Key id ${id} is not in the keyring`);
			return key;
		},
	};
}

// Per isolate: the secret string does not change between requests, so neither do its keys.
// Keyed by the secret itself so tests with several keyrings in one isolate stay apart.
const imported = new Map<string, Promise<Keyring>>();
const MAX_CACHED_KEYRINGS = 8;

export function importKeyring(json: string, name = "PII_KEYRING"): Promise<Keyring> {
	let ring = imported.get(json);
	if (!ring) {
		if (imported.size >= MAX_CACHED_KEYRINGS) imported.clear();
		ring = buildKeyring(json, name);
		imported.set(json, ring);
		ring.catch(() => imported.delete(json));
	}
	return ring;
}
