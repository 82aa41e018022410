// The vault facade (DESIGN P2, §5): the only way personal data is written to or read from D1.
// A subject (an order's consignee today; a customer account later) owns one data key; its
// fields are sealed under that key, bound to their table, row and field.
import { randomBytes, toBase64Url } from "./base64url";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "./data-keys";
import { decryptField, encryptField } from "./field-cipher";
import { importKeyring } from "./keyring";

/** A `subject_keys` row: the wrapped DEK and the id of the KEK that wrapped it. */
export type SubjectKeyRecord = { id: string; kekId: string; wrappedKey: string; createdAt: number };

/** An unwrapped subject key, held in memory for one request and never stored. */
export type Subject = { readonly id: string; readonly kekId: string; readonly dataKey: CryptoKey };

export type Vault = {
	/** A new subject: the handle to seal with, and the `subject_keys` row to insert with the data. */
	createSubject(now: number): Promise<{ subject: Subject; record: SubjectKeyRecord }>;
	/** Unwraps a stored subject key; throws VaultError if no KEK in the keyring opens it. */
	openSubject(record: Pick<SubjectKeyRecord, "id" | "kekId" | "wrappedKey">): Promise<Subject>;
	sealFields<F extends string>(
		subject: Subject,
		table: string,
		rowId: string,
		fields: Record<F, string>,
	): Promise<Record<F, string>>;
	openFields<F extends string>(
		subject: Subject,
		table: string,
		rowId: string,
		sealed: Record<F, string>,
	): Promise<Record<F, string>>;
	/** Re-wraps a subject key under the current KEK (rotation); field ciphertexts stay as they are. */
	rewrapSubjectKey(record: SubjectKeyRecord): Promise<SubjectKeyRecord>;
};

export function newSubjectId(): string {
	return toBase64Url(randomBytes(16));
}

export function createVault(env: { PII_KEYRING: string }): Vault {
	const keyring = () => importKeyring(env.PII_KEYRING);

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

	return {
		async createSubject(now) {
			const ring = await keyring();
			const id = newSubjectId();
			const dataKey = await generateDataKey();
			const wrappedKey = await wrapDataKey(dataKey, ring.kek(ring.currentId), id);
			return {
				subject: { id, kekId: ring.currentId, dataKey },
				record: { id, kekId: ring.currentId, wrappedKey, createdAt: now },
			};
		},

		async openSubject(record) {
			const ring = await keyring();
			const dataKey = await unwrapDataKey(record.wrappedKey, ring.kek(record.kekId), record.id);
			return { id: record.id, kekId: record.kekId, dataKey };
		},

		sealFields(subject, table, rowId, fields) {
			return mapFields(fields, (field, value) =>
				encryptField(subject.dataKey, subject.kekId, { table, rowId, field }, value),
			);
		},

		openFields(subject, table, rowId, sealed) {
			return mapFields(sealed, (field, value) =>
				decryptField(subject.dataKey, { table, rowId, field }, value),
			);
		},

		async rewrapSubjectKey(record) {
			const ring = await keyring();
			const dataKey = await unwrapDataKey(record.wrappedKey, ring.kek(record.kekId), record.id, true);
			const wrappedKey = await wrapDataKey(dataKey, ring.kek(ring.currentId), record.id);
			return { ...record, kekId: ring.currentId, wrappedKey };
		},
	};
}
