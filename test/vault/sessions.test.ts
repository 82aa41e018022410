// Shopper sessions (DESIGN §5, ASVS V3): a token is worth something only while the vault's row
// behind it is alive, and only if the vault signed it, for this audience, with this algorithm.
import { base64url, decodeJwt, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SESSION_AUDIENCE, SESSION_ISSUER } from "../../workers/shared/vault-contract";
import { sessionKeys } from "../../workers/vault/accounts/session-token";
import { accounts, isLive, loggedIn, sessionIdOf, signedUp, sql } from "./account-fixtures";
import { vaultEnv } from "./helpers";

type Claims = { sub?: string; sid?: string; iss?: string; aud?: string; exp?: number };

/** A token shaped like the vault's, signed with the given key (the vault's own by default). */
async function forge(claims: Claims, key?: { jwk: string; kid?: string }): Promise<string> {
	const jwk = JSON.parse(key?.jwk ?? vaultEnv.SESSION_SIGNING_KEY) as JWK;
	const kid = key?.kid ?? (await sessionKeys(vaultEnv.SESSION_SIGNING_KEY)).kid;
	const now = Math.floor(Date.now() / 1000);
	return new SignJWT({ sid: claims.sid })
		.setProtectedHeader({ alg: "ES256", typ: "JWT", kid })
		.setIssuer(claims.iss ?? SESSION_ISSUER)
		.setAudience(claims.aud ?? SESSION_AUDIENCE)
		.setSubject(claims.sub ?? "acc_AAAAAAAAAAAAAAAAAAAAAA")
		.setIssuedAt(now)
		.setExpirationTime(claims.exp ?? now + 600)
		.sign(await importJWK(jwk, "ES256"));
}

function unsigned(header: object, payload: object): string {
	const enc = (o: object) => base64url.encode(JSON.stringify(o));
	return `${enc(header)}.${enc(payload)}.`;
}

async function hs256WithPublicKey(payload: Record<string, unknown>): Promise<string> {
	// The classic confusion: the verifier's public key used as an HMAC secret.
	const { d: _d, ...publicJwk } = JSON.parse(vaultEnv.SESSION_SIGNING_KEY) as Record<string, string>;
	return new SignJWT(payload)
		.setProtectedHeader({ alg: "HS256", kid: (await sessionKeys(vaultEnv.SESSION_SIGNING_KEY)).kid })
		.sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
}

describe("shopper sessions", () => {
	it("issues ES256 tokens naming the account and session, with the vault's kid and an absolute expiry", async () => {
		const shop = accounts();
		const { token, account } = await signedUp(shop);
		const [header] = token.split(".");
		expect(JSON.parse(atob((header ?? "").replace(/-/g, "+").replace(/_/g, "/")))).toEqual({
			alg: "ES256",
			typ: "JWT",
			kid: (await sessionKeys(vaultEnv.SESSION_SIGNING_KEY)).kid,
		});
		const claims = decodeJwt(token);
		expect(claims).toMatchObject({ iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, sub: account.id });
		expect(claims.sid).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(12 * 60 * 60);
		expect(JSON.stringify(claims)).not.toContain("@");
	});

	it("ends at logout, and a replayed token stays dead", async () => {
		const shop = accounts();
		const { token, email } = await signedUp(shop);
		const other = await loggedIn(shop, email);
		expect(await shop.vault.logout({ session: token })).toEqual({ ok: true, revoked: true });
		expect(await shop.vault.session({ session: token })).toEqual({
			ok: false,
			error: { code: "unauthorized", message: "Log in to continue" },
		});
		expect(await shop.vault.logout({ session: token })).toEqual({ ok: true, revoked: false });
		// Only that session: the shopper's other device stays signed in.
		expect(await isLive(shop, other)).toBe(true);
		expect(await shop.vault.logout({ session: "not.a.token" })).toMatchObject({
			error: { code: "unauthorized" },
		});
	});

	it("ends after an hour idle or at the absolute expiry, and touches last-seen at most once a minute", async () => {
		const shop = accounts();
		const { token, email } = await signedUp(shop);
		const sid = sessionIdOf(token);
		const fiveMinutesAgo = Date.now() - 5 * 60_000;
		await sql("update sessions set last_seen_at = ? where id = ?", fiveMinutesAgo, sid);
		expect(await isLive(shop, token)).toBe(true);
		const touched = await sql("select last_seen_at as at from sessions where id = ?", sid);
		const at = (touched.results[0] as { at: number }).at;
		expect(at).toBeGreaterThan(fiveMinutesAgo);
		expect(await isLive(shop, token)).toBe(true);
		const again = await sql("select last_seen_at as at from sessions where id = ?", sid);
		expect((again.results[0] as { at: number }).at).toBe(at);

		await sql("update sessions set last_seen_at = ? where id = ?", Date.now() - 61 * 60_000, sid);
		expect(await isLive(shop, token)).toBe(false);

		const second = await loggedIn(shop, email);
		// The token's own exp is hours away; the row's absolute expiry decides.
		await sql("update sessions set expires_at = ? where id = ?", Date.now() - 1, sessionIdOf(second));
		expect(await isLive(shop, second)).toBe(false);
	});

	it("keeps at most ten live sessions per account: signing in again drops the oldest", async () => {
		const shop = accounts();
		const { token: first, email, account } = await signedUp(shop);
		const tokens = [first];
		for (let i = 0; i < 11; i++) tokens.push(await loggedIn(shop, email));
		const live = await Promise.all(tokens.map((token) => isLive(shop, token)));
		expect(live).toEqual([false, false, ...Array(10).fill(true)]);
		const rows = await sql("select id from sessions where account_id = ?", account.id);
		expect(rows.results.map((row) => (row as { id: string }).id).sort()).toEqual(
			tokens.slice(2).map(sessionIdOf).sort(),
		);
		// Sessions already dead do not count against the ten.
		await shop.vault.logout({ session: tokens[11] as string });
		tokens.push(await loggedIn(shop, email));
		expect(await isLive(shop, tokens[2] as string)).toBe(true);
		// Another account's sessions are not touched.
		const other = await signedUp(shop);
		for (let i = 0; i < 3; i++) await loggedIn(shop, email);
		expect(await isLive(shop, other.token)).toBe(true);
	});

	it("refuses tokens the vault did not sign, or signed for something else", async () => {
		const shop = accounts();
		const { token, account } = await signedUp(shop);
		const sid = sessionIdOf(token);
		const { privateKey } = await generateKeyPair("ES256", { extractable: true });
		const foreignJwk = JSON.stringify(await exportJWK(privateKey));
		const now = Math.floor(Date.now() / 1000);
		const claims = { sub: account.id, sid };
		const payload = { ...claims, iss: SESSION_ISSUER, aud: SESSION_AUDIENCE, iat: now, exp: now + 600 };
		const refused: [string, string][] = [
			["another key", await forge(claims, { jwk: foreignJwk })],
			[
				"another key under the vault's kid",
				await forge(claims, { jwk: foreignJwk, kid: (await sessionKeys(vaultEnv.SESSION_SIGNING_KEY)).kid }),
			],
			["alg none", unsigned({ alg: "none", typ: "JWT" }, payload)],
			["HS256 with the public key", await hs256WithPublicKey(payload)],
			["wrong audience", await forge({ ...claims, aud: "loomwash-staff-console" })],
			["wrong issuer", await forge({ ...claims, iss: "https://access.loomwash.localhost" })],
			["expired", await forge({ ...claims, exp: now - 60 })],
			["another account's sub on this session", await forge({ sub: "acc_BBBBBBBBBBBBBBBBBBBBBB", sid })],
			["a session id that was never issued", await forge({ sub: account.id, sid: "C".repeat(22) })],
			[
				"a tampered payload",
				`${token.split(".")[0]}.${base64url.encode(JSON.stringify(payload))}.${token.split(".")[2]}`,
			],
			["garbage", "a.b.c"],
		];
		for (const [label, forged] of refused) {
			expect(await shop.vault.session({ session: forged }), label).toEqual({
				ok: false,
				error: { code: "unauthorized", message: "Log in to continue" },
			});
		}
		// The same claims, signed by the vault's key: the row behind it is what makes it live.
		expect(await isLive(shop, await forge(claims))).toBe(true);
		expect(await isLive(shop, token)).toBe(true);
	});
});
