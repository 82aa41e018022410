// Fresh random secrets for each test run; tests never read .dev.vars. The storefront's and the
// vault's are separate, as in production: the storefront never gets a personal-data key.
import { randomBytes, webcrypto } from "node:crypto";
import { calculateJwkThumbprint } from "jose";

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

/** A P-256 private JWK: the audit checkpoints' and the shopper sessions' signing keys. */
async function es256PrivateJwk(): Promise<string> {
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
		AUDIT_SIGNING_KEY: await es256PrivateJwk(),
		SESSION_SIGNING_KEY: await es256PrivateJwk(),
		PASSWORD_PEPPER: key(),
		ACCESS_TEAM_DOMAIN: LOCAL_ACCESS_ISSUER,
		ACCESS_LOCAL_JWKS: accessJwks,
	};
}

/**
 * The storefront's SESSION_PUBLIC_KEY for a vault's SESSION_SIGNING_KEY: the public half only,
 * with the `kid` the vault puts in its tokens' headers (scripts/gen-dev-vars.mjs does the same).
 */
export async function sessionPublicKey(sessionSigningKey: string): Promise<string> {
	const { kty, crv, x, y } = JSON.parse(sessionSigningKey) as Record<string, string>;
	const jwk = { kty, crv, x, y };
	return JSON.stringify({
		...jwk,
		kid: await calculateJwkThumbprint(jwk, "sha256"),
		alg: "ES256",
		use: "sig",
	});
}
