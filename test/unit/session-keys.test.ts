// The storefront checks shopper session signatures with a public key the test and dev setups
// derive from the vault's signing key: it must be the public half only, name the vault's `kid`,
// and verify what the vault signs (and nothing signed for another audience).
import { importJWK, type JWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { SESSION_AUDIENCE, SESSION_ISSUER } from "../../workers/shared/vault-contract";
import {
	sessionKeys,
	signSessionToken,
	verifySessionToken,
} from "../../workers/vault/accounts/session-token";
import { sessionPublicKey, vaultTestSecrets } from "../secrets";

describe("the session key pair", () => {
	it("gives the storefront the public half, which verifies the vault's tokens", async () => {
		const { SESSION_SIGNING_KEY } = await vaultTestSecrets('{"keys":[]}');
		const publicJwk = JSON.parse(await sessionPublicKey(SESSION_SIGNING_KEY)) as JWK;
		expect(publicJwk).not.toHaveProperty("d");
		expect(publicJwk.kid).toBe((await sessionKeys(SESSION_SIGNING_KEY)).kid);
		const now = Date.now();
		const token = await signSessionToken(SESSION_SIGNING_KEY, {
			accountId: "acc_AAAAAAAAAAAAAAAAAAAAAA",
			sessionId: "B".repeat(22),
			issuedAt: now,
			expiresAt: now + 60_000,
		});
		const { payload } = await jwtVerify(token, await importJWK(publicJwk, "ES256"), {
			algorithms: ["ES256"],
			issuer: SESSION_ISSUER,
			audience: SESSION_AUDIENCE,
		});
		expect(payload).toMatchObject({ sub: "acc_AAAAAAAAAAAAAAAAAAAAAA", sid: "B".repeat(22) });
		expect(await verifySessionToken(SESSION_SIGNING_KEY, token, now)).toEqual({
			ok: true,
			accountId: "acc_AAAAAAAAAAAAAAAAAAAAAA",
			sessionId: "B".repeat(22),
		});
		expect(await verifySessionToken(SESSION_SIGNING_KEY, token, now + 61_000)).toEqual({
			ok: false,
			refusal: "expired",
		});
		const other = await vaultTestSecrets('{"keys":[]}');
		expect(await verifySessionToken(other.SESSION_SIGNING_KEY, token, now)).toEqual({
			ok: false,
			refusal: "invalid",
		});
	});
});
