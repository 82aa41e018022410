// Sealing and opening a subject's fields (DESIGN P2, §5). A subject (an order's consignee today;
// a customer account later) owns one data key; its fields are sealed under that key, bound to
// their table, row and field. Data keys are stored only wrapped: by a keyring KEK while active,
// by the dormant key (PII_DORMANT_KEY) while the subject sleeps.
import { fromBase64, randomBytes, toBase64Url } from "../../shared/base64url";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./data-keys";
import { decryptField, encryptField } from "./field-cipher";
import { importKeyring } from "./keyring";
import { VaultError } from "./vault-error";

/** The pseudo key id of data keys wrapped by the dormant key. */
export const DORMANT_KEK_ID = "dormant";

/** A `subject_keys` row as the cipher needs it: the wrapped DEK and the id of the KEK that wrapped it. */
export type SubjectKeyRecord = { id: string; kekId: string; wrappedKey: string; createdAt: number };

/** An unwrapped subject key, held in memory for one call and never stored. */
export type Subject = { readonly id: string; readonly kekId: string; readonly dataKey: CryptoKey };

export type KeySecrets = { PII_KEYRING: string; PII_DORMANT_KEY?: string };

export function newSubjectId(): string {
	return toBase64Url(randomBytes(16));
}

const dormantKeys = new Map<string, Promise<CryptoKey>>();

function importDormantKey(base64: string | undefined): Promise<CryptoKey> {
	const raw = base64 ? fromBase64(base64) : null;
	if (!base64 || !raw || raw.length !== 32) throw new VaultError("PII_DORMANT_KEY is not 32 bytes of base64");
	let key = dormantKeys.get(base64);
	if (!key) {
		key = crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["wrapKey", "unwrapKey"]);
		dormantKeys.set(base64, key);
	}
	return key;
}

async function mapFields<F extends string>(
	fields: Record<F, string>,
	transform: (field: F, value: string) => Promise<string>,
): Promise<Record<F, string>> {
	const entries = await Promise.all(
		(Object.entries(fields) as [F, string][]).map(async ([field, value]) => [
			field,
			await transform(field, value),
		]),
	);
	return Object.fromEntries(entries) as Record<F, string>;
}

export function createSubjectCipher(secrets: KeySecrets) {
	async function kek(id: string): Promise<CryptoKey> {
		if (id === DORMANT_KEK_ID) return importDormantKey(secrets.PII_DORMANT_KEY);
		return (await importKeyring(secrets.PII_KEYRING)).kek(id);
	}

	async function rewrapTo(record: SubjectKeyRecord, targetId: string): Promise<SubjectKeyRecord> {
		const dataKey = await unwrapDataKey(record.wrappedKey, await kek(record.kekId), record.id, true);
		const wrappedKey = await wrapDataKey(dataKey, await kek(targetId), record.id);
		return { ...record, kekId: targetId, wrappedKey };
	}

	return {
		async currentKekId(): Promise<string> {
			return (await importKeyring(secrets.PII_KEYRING)).currentId;
		},

		/** A new subject: the handle to seal with, and the `subject_keys` row to store. */
		async createSubject(now: number): Promise<{ subject: Subject; record: SubjectKeyRecord }> {
			const ring = await importKeyring(secrets.PII_KEYRING);
			const id = newSubjectId();
			const dataKey = await generateDataKey();
			const wrappedKey = await wrapDataKey(dataKey, ring.kek(ring.currentId), id);
			return {
				subject: { id, kekId: ring.currentId, dataKey },
				record: { id, kekId: ring.currentId, wrappedKey, createdAt: now },
			};
		},

		/** Unwraps a stored subject key; a dormant one must be re-activated first. */
		async openSubject(record: Pick<SubjectKeyRecord, "id" | "kekId" | "wrappedKey">): Promise<Subject> {
			if (record.kekId === DORMANT_KEK_ID) throw new VaultError("Subject is dormant");
			const dataKey = await unwrapDataKey(record.wrappedKey, await kek(record.kekId), record.id);
			return { id: record.id, kekId: record.kekId, dataKey };
		},

		sealFields<F extends string>(subject: Subject, table: string, rowId: string, fields: Record<F, string>) {
			return mapFields(fields, (field, value) =>
				encryptField(subject.dataKey, subject.kekId, { table, rowId, field }, value),
			);
		},

		openFields<F extends string>(subject: Subject, table: string, rowId: string, sealed: Record<F, string>) {
			return mapFields(sealed, (field, value) =>
				decryptField(subject.dataKey, { table, rowId, field }, value),
			);
		},

		/** Re-wraps a subject key under the current KEK (rotation, re-activation); fields stay as they are. */
		async rewrapToCurrent(record: SubjectKeyRecord): Promise<SubjectKeyRecord> {
			return rewrapTo(record, (await importKeyring(secrets.PII_KEYRING)).currentId);
		},

		/** Re-wraps a subject key under the dormant key: opening it then needs re-activation. */
		rewrapToDormant(record: SubjectKeyRecord): Promise<SubjectKeyRecord> {
			return rewrapTo(record, DORMANT_KEK_ID);
		},
	};
}

export type SubjectCipher = ReturnType<typeof createSubjectCipher>;
