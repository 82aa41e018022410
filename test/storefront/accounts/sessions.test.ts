// Issue #7, sessions (ASVS V3): a new session at every login, refused once revoked, idle or past
// its absolute expiry, refused when signed by any other key or replayed after logout; a password
// change or reset revokes every session. Changing account data needs a same-site request.
import { env } from "cloudflare:workers";
import { decodeJwt, importJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { SESSION_AUDIENCE, SESSION_ISSUER } from "../../../workers/shared/vault-contract";
import { login, mailedToken, PASSWORD, registeredCustomer, SESSION_COOKIE } from "../fixtures/accounts";
import { Shopper } from "../fixtures/commerce";

function withSession(token: string): Shopper {
	const browser = new Shopper();
	browser.cookies.set(SESSION_COOKIE, token);
	return browser;
}

async function meStatus(token: string): Promise<number> {
	return (await withSession(token).fetch("/api/v1/me")).status;
}

function sessionToken(browser: Shopper): string {
	const token = browser.cookies.get(SESSION_COOKIE);
	if (!token) throw new Error("no session cookie");
	return token;
}

async function otherKeyToken(claims: { sub: string; sid: string }): Promise<string> {
	const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
		"sign",
		"verify",
	])) as CryptoKeyPair;
	const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
	return new SignJWT({ sid: claims.sid })
		.setProtectedHeader({ alg: "ES256" })
		.setSubject(claims.sub)
		.setIssuer(SESSION_ISSUER)
		.setAudience(SESSION_AUDIENCE)
		.setIssuedAt()
		.setExpirationTime("1h")
		.sign(await importJWK(jwk as Parameters<typeof importJWK>[0], "ES256"));
}

describe("sessions", () => {
	it("gets a new session id at every login, whatever session the browser held before", async () => {
		const { shopper, email } = await registeredCustomer();
		const first = sessionToken(shopper);
		// An attacker plants a token of their own before the victim logs in: login replaces it.
		expect((await login(shopper, email)).status).toBe(200);
		const second = sessionToken(shopper);
		expect(second).not.toBe(first);
		expect(decodeJwt(second).sid).not.toBe(decodeJwt(first).sid);
		expect(await meStatus(second)).toBe(200);
	});

	it("refuses a token replayed after logout", async () => {
		const { shopper } = await registeredCustomer();
		const token = sessionToken(shopper);
		expect(await meStatus(token)).toBe(200);
		expect((await shopper.json("/api/v1/auth/logout", "POST")).status).toBe(200);
		expect(await meStatus(token)).toBe(401);
		// ...and a dead cookie is cleared.
		const replay = await withSession(token).fetch("/api/v1/me");
		expect(replay.headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
	});

	it("refuses idle and absolutely expired sessions", async () => {
		for (const column of ["last_seen_at", "expires_at"]) {
			const { shopper } = await registeredCustomer();
			const token = sessionToken(shopper);
			const sid = decodeJwt(token).sid as string;
			const longAgo = Date.now() - 48 * 3600_000;
			await env.VAULT_DB.prepare(`update sessions set ${column} = ? where id = ?`).bind(longAgo, sid).run();
			expect(await meStatus(token)).toBe(401);
		}
	});

	it("refuses a token signed by any other key, with alg none, or tampered with", async () => {
		const { shopper } = await registeredCustomer();
		const token = sessionToken(shopper);
		const claims = decodeJwt(token) as { sub: string; sid: string };
		expect(await meStatus(await otherKeyToken(claims))).toBe(401);
		const [, payload] = token.split(".");
		const none = `${btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "")}.${payload}.`;
		expect(await meStatus(none)).toBe(401);
		const tampered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
		expect(await meStatus(tampered)).toBe(401);
		expect(await meStatus("not-a-token")).toBe(401);
		expect(await meStatus(token)).toBe(200);
	});

	it("revokes every session at a password change, except the browser's new one", async () => {
		const { shopper: laptop, email } = await registeredCustomer();
		const phone = new Shopper();
		expect((await login(phone, email)).status).toBe(200);
		const laptopBefore = sessionToken(laptop);

		const wrong = await laptop.json("/api/v1/auth/password", "POST", {
			currentPassword: "not my password at all",
			newPassword: "a brand new long passphrase",
		});
		expect(wrong.status).toBe(403);
		const weak = await laptop.json("/api/v1/auth/password", "POST", {
			currentPassword: PASSWORD,
			newPassword: "password123",
		});
		expect(weak.status).toBe(400);

		const changed = await laptop.json("/api/v1/auth/password", "POST", {
			currentPassword: PASSWORD,
			newPassword: "a brand new long passphrase",
		});
		expect(changed.status).toBe(200);
		expect(await meStatus(laptopBefore)).toBe(401);
		expect((await phone.fetch("/api/v1/me")).status).toBe(401);
		expect((await laptop.fetch("/api/v1/me")).status).toBe(200);
		expect((await login(new Shopper(), email)).status).toBe(401);
		expect((await login(new Shopper(), email, "a brand new long passphrase")).status).toBe(200);
	});

	it("resets a forgotten password with a single-use link and revokes every session", async () => {
		const { shopper, email } = await registeredCustomer();
		expect((await shopper.json("/api/v1/auth/reset", "POST", { email })).status).toBe(202);
		const token = await mailedToken(email, "reset");
		const done = await new Shopper().json("/api/v1/auth/reset/complete", "POST", {
			token,
			password: "reset to this long passphrase",
		});
		expect(done.status).toBe(200);
		expect((await shopper.fetch("/api/v1/me")).status).toBe(401);
		const again = await new Shopper().json("/api/v1/auth/reset/complete", "POST", {
			token,
			password: "and again another passphrase",
		});
		expect(again.status).toBe(404);
		expect((await login(new Shopper(), email, PASSWORD)).status).toBe(401);
		expect((await login(new Shopper(), email, "reset to this long passphrase")).status).toBe(200);
	});

	it("refuses account changes from another site", async () => {
		const { shopper } = await registeredCustomer();
		const body = JSON.stringify({ nickname: "Mallory's pick" });
		const crossSite: Record<string, string>[] = [
			{ origin: "https://evil.example" },
			{ "sec-fetch-site": "cross-site" },
		];
		for (const headers of crossSite) {
			const res = await shopper.fetch("/api/v1/me", {
				method: "PATCH",
				headers: { "content-type": "application/json", ...headers },
				body,
			});
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
		}
		const logout = await shopper.fetch("/api/v1/auth/logout", {
			method: "POST",
			headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" },
		});
		expect(logout.status).toBe(403);
		expect((await shopper.fetch("/api/v1/me")).status).toBe(200);
	});
});
