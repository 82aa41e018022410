// Fresh random secrets for each test run; tests never read .dev.vars. The storefront's and the
// vault's are separate, as in production: the storefront never gets a personal-data key.
import { randomBytes, webcrypto } from "node:crypto";

const key = () => randomBytes(32).toString("base64");

/** The reserved local issuer: the only one under which the vault consults a local key set. */
export const LOCAL_ACCESS_ISSUER = "https://access.loomwash.localhost";

export function storefrontTestSecrets() {
	return {
		SESSION_KEY: key(),
		PAYMENT_WEBHOOK_SECRET: randomBytes(24).toString("hex"),
		STRIPE_SECRET_KEY: "",
		// wrangler.toml says "stripe" so deploys never ship the stand-in; tests use the stand-in.
		PAYMENT_PROVIDER: "local",
	};
}

async function auditSigningKey(): Promise<string> {
	const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
		"sign",
		"verify",
	]);
	const jwk = await webcrypto.subtle.exportKey("jwk", pair.privateKey);
	return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d });
}

/** The vault's secrets, with local staff sign-in under the local issuer and the given key set. */
export async function vaultTestSecrets(accessJwks: string) {
	return {
		PII_KEYRING: JSON.stringify({ current: "k1", keys: { k1: key() } }),
		PII_DORMANT_KEY: JSON.stringify({ current: "d1", keys: { d1: key() } }),
		BLIND_INDEX_KEY: key(),
		AUDIT_SIGNING_KEY: await auditSigningKey(),
		ACCESS_TEAM_DOMAIN: LOCAL_ACCESS_ISSUER,
		ACCESS_LOCAL_JWKS: accessJwks,
	};
}
