// One personal-data field as AES-256-GCM ciphertext, Tink style: a versioned header naming the
// key id travels with the ciphertext, `v1.<kekId>.<iv>.<ciphertext>` (base64url parts). The
// associated data binds it to its table, row and field, so a ciphertext copied to another row
// or column fails to decrypt instead of showing someone else's data.
import { fromBase64Url, randomBytes, toBase64Url, utf8 } from "../../shared/base64url";
import { KEY_ID_PATTERN } from "./keyring";
import { VaultError } from "./vault-error";

const FIELD_VERSION = "v1";
const IV_BYTES = 12;

export type FieldContext = { table: string; rowId: string; field: string };

export type FieldCiphertext = {
	version: string;
	kekId: string;
	iv: Uint8Array<ArrayBuffer>;
	data: Uint8Array<ArrayBuffer>;
};

function fieldAad(header: string, { table, rowId, field }: FieldContext) {
	for (const part of [table, rowId, field]) {
		if (part.length === 0 || part.includes("|")) throw new VaultError("Invalid field context");
	}
	return utf8(`${header}|${table}|${rowId}|${field}`);
}

/** Reads the header without decrypting: which KEK wrapped the data key when this was sealed. */
export function parseFieldCiphertext(text: string): FieldCiphertext {
	const [version, kekId, ivText, dataText, ...rest] = text.split(".");
	const iv = ivText === undefined ? null : fromBase64Url(ivText);
	const data = dataText === undefined ? null : fromBase64Url(dataText);
	if (
		version !== FIELD_VERSION ||
		kekId === undefined ||
		!KEY_ID_PATTERN.test(kekId) ||
		rest.length > 0 ||
		!iv ||
		iv.length !== IV_BYTES ||
		!data
	) {
		throw new VaultError("Malformed field ciphertext");
	}
	return { version, kekId, iv, data };
}

export async function encryptField(
	dataKey: CryptoKey,
	kekId: string,
	context: FieldContext,
	plaintext: string,
): Promise<string> {
	const header = `${FIELD_VERSION}.${kekId}`;
	const iv = randomBytes(IV_BYTES);
	const data = await crypto.subtle.encrypt(
		{ name: "AES-GCM", iv, additionalData: fieldAad(header, context) },
		dataKey,
		utf8(plaintext),
	);
	return `${header}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(data))}`;
}

export async function decryptField(
	dataKey: CryptoKey,
	context: FieldContext,
	ciphertext: string,
): Promise<string> {
	const { version, kekId, iv, data } = parseFieldCiphertext(ciphertext);
	try {
		const plain = await crypto.subtle.decrypt(
			{ name: "AES-GCM", iv, additionalData: fieldAad(`${version}.${kekId}`, context) },
			dataKey,
			data,
		);
		return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(plain);
	} catch {
		throw new VaultError("Field does not decrypt in this context");
	}
}
