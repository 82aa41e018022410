// Signed checkpoints of the audit chain's head (DESIGN P8): ES256 under AUDIT_SIGNING_KEY, written
// to R2 once (a conditional put here; a bucket lock rule makes the bucket write-once in
// production). A chain rebuilt from scratch, or cut short, no longer matches them.
import { CompactSign, compactVerify, importJWK, type JWK } from "jose";
import * as z from "zod/mini";
import { PrivateEcJwkSchema } from "../crypto/signing-jwk";
import type { CheckedCheckpoint } from "./chain";

const PREFIX = "audit-checkpoints/";

const PayloadSchema = z.strictObject({
	v: z.literal(1),
	seq: z.number().check(z.int(), z.minimum(1)),
	hash: z.string(),
	at: z.number(),
});

type SigningKeys = { privateKey: CryptoKey; publicKey: CryptoKey };
const imported = new Map<string, Promise<SigningKeys>>();

/** The signing key and its public half, from the private JWK in AUDIT_SIGNING_KEY. */
export function auditSigningKeys(secret: string): Promise<SigningKeys> {
	let keys = imported.get(secret);
	if (!keys) {
		keys = (async () => {
			const jwk = PrivateEcJwkSchema.parse(JSON.parse(secret)) as JWK;
			const { d: _d, ...publicJwk } = jwk;
			return {
				privateKey: (await importJWK(jwk, "ES256")) as CryptoKey,
				publicKey: (await importJWK(publicJwk, "ES256")) as CryptoKey,
			};
		})();
		imported.set(secret, keys);
		keys.catch(() => imported.delete(secret));
	}
	return keys;
}

export function checkpointKey(seq: number): string {
	return `${PREFIX}${String(seq).padStart(12, "0")}.jws`;
}

/** Signs the head and stores it, unless a checkpoint of that entry exists already. */
export async function writeCheckpoint(
	bucket: R2Bucket,
	secret: string,
	head: { seq: number; hash: string },
	now: number,
): Promise<boolean> {
	const { privateKey } = await auditSigningKeys(secret);
	const payload = JSON.stringify({ v: 1, seq: head.seq, hash: head.hash, at: now });
	const jws = await new CompactSign(new TextEncoder().encode(payload))
		.setProtectedHeader({ alg: "ES256", typ: "loomwash-audit-checkpoint" })
		.sign(privateKey);
	// The JWS rides in the object's metadata too, so verification reads a thousand per list call
	// instead of one GET per checkpoint.
	const stored = await bucket.put(checkpointKey(head.seq), jws, {
		onlyIf: new Headers({ "If-None-Match": "*" }),
		httpMetadata: { contentType: "application/jose" },
		customMetadata: { jws },
	});
	return stored !== null;
}

/** Every checkpoint in the bucket, each with whether its signature (and its name) checks out. */
export async function readCheckpoints(bucket: R2Bucket, secret: string): Promise<CheckedCheckpoint[]> {
	const { publicKey } = await auditSigningKeys(secret);
	const checked: CheckedCheckpoint[] = [];
	let cursor: string | undefined;
	do {
		const page = await bucket.list({
			prefix: PREFIX,
			include: ["customMetadata"],
			...(cursor ? { cursor } : {}),
		});
		for (const object of page.objects) {
			const seqFromName = Number(object.key.slice(PREFIX.length, PREFIX.length + 12));
			const jws = object.customMetadata?.jws ?? (await (await bucket.get(object.key))?.text()) ?? "";
			checked.push(await checkCheckpoint(jws, publicKey, seqFromName));
		}
		cursor = page.truncated ? page.cursor : undefined;
	} while (cursor);
	return checked;
}

async function checkCheckpoint(
	jws: string,
	publicKey: CryptoKey,
	seqFromName: number,
): Promise<CheckedCheckpoint> {
	try {
		const { payload } = await compactVerify(jws, publicKey, { algorithms: ["ES256"] });
		const parsed = PayloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
		// A valid checkpoint copied under another entry's name is as good as forged.
		return { seq: parsed.seq, hash: parsed.hash, signatureValid: parsed.seq === seqFromName };
	} catch {
		return { seq: Number.isSafeInteger(seqFromName) ? seqFromName : 0, hash: "", signatureValid: false };
	}
}
