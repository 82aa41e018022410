// Sealing and opening a subject's fields (DESIGN P2, §5). A subject (an order's consignee today;
// a customer account later) owns one data key; its fields are sealed under that key, bound to
// their table, row and field. Data keys are stored only wrapped: by a PII_KEYRING generation while
// active, by a PII_DORMANT_KEY generation while the subject sleeps. Both are keyrings, so both
// rotate and retire, which is what bounds how long a shredded key stays recoverable.
import { randomBytes, toBase64Url } from "../../shared/base64url";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./data-keys";
import { decryptField, encryptField } from "./field-cipher";
import { importKeyring } from "./keyring";
import { VaultError } from "./vault-error";

/** Data keys wrapped by a dormant generation record it as `dormant:<id>`. */
export const DORMANT_PREFIX = "dormant:";

export function isDormant(kekId: string): boolean {
	return kekId.startsWith(DORMANT_PREFIX);
}

/** A `subject_keys` row as the cipher needs it: the wrapped DEK and the id of the KEK that wrapped it. */
export type SubjectKeyRecord = { id: string; kekId: string; wrappedKey: string; createdAt: number };

/** An unwrapped subject key, held in memory for one call and never stored. */
export type Subject = { readonly id: string; readonly kekId: string; readonly dataKey: CryptoKey };

export type KeySecrets = { PII_KEYRING: string; PII_DORMANT_KEY?: string };

export function newSubjectId(): string {
	return toBase64Url(randomBytes(16));
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
	const dormantRing = () => {
		if (!secrets.PII_DORMANT_KEY) throw new VaultError("PII_DORMANT_KEY is not set");
		return importKeyring(secrets.PII_DORMANT_KEY, "PII_DORMANT_KEY");
	};

	async function kek(id: string): Promise<CryptoKey> {
		if (isDormant(id)) return (await dormantRing()).kek(id.slice(DORMANT_PREFIX.length));
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

		/** Every generation id both keyrings hold, as recorded in subject_keys. */
		async knownKekIds(): Promise<string[]> {
			const active = await importKeyring(secrets.PII_KEYRING);
			const dormant = await dormantRing();
			return [...active.ids, ...dormant.ids.map((id) => `${DORMANT_PREFIX}${id}`)];
		},

		async currentDormantKekId(): Promise<string> {
			return `${DORMANT_PREFIX}${(await dormantRing()).currentId}`;
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
			if (isDormant(record.kekId)) throw new VaultError("Subject is dormant");
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

		/** Re-wraps a subject key under the current dormant generation: opening it then needs re-activation. */
		async rewrapToDormant(record: SubjectKeyRecord): Promise<SubjectKeyRecord> {
			return rewrapTo(record, `${DORMANT_PREFIX}${(await dormantRing()).currentId}`);
		},
	};
}

export type SubjectCipher = ReturnType<typeof createSubjectCipher>;
