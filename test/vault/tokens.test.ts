// Staff tokens are verified by the vault itself (DESIGN §5): every kind of bad token is refused
// and the refusal is audited; a locally minted token is worthless against a production config.
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { keySetFor, LOCAL_ACCESS_ISSUER } from "../../workers/vault/staff/access-token";
import { signAccessToken, TEST_AUDIENCE } from "../staff-tokens";
import { auditHeadSeq, auditRows, rpc, sealedContact, staffAs, vaultEnv } from "./helpers";

const PRODUCTION = { ACCESS_TEAM_DOMAIN: "https://loomwash.cloudflareaccess.com" };
const now = () => Math.floor(Date.now() / 1000);

function unsigned(header: object, payload: object): string {
	const enc = (o: object) => base64url.encode(JSON.stringify(o));
	return `${enc(header)}.${enc(payload)}.`;
}

async function hs256(email: string): Promise<string> {
	// The classic confusion: the public key's bytes used as an HMAC secret.
	const secret = new TextEncoder().encode(vaultEnv.ACCESS_LOCAL_JWKS);
	return new SignJWT({ email })
		.setProtectedHeader({ alg: "HS256", kid: "test-access-key" })
		.setIssuer(LOCAL_ACCESS_ISSUER)
		.setAudience(TEST_AUDIENCE)
		.setExpirationTime("10m")
		.sign(secret);
}

describe("staff tokens", () => {
	it("refuses forged, expired, unsigned, HS256, wrong-audience and wrong-issuer tokens, auditing each", async () => {
		const { email } = await staffAs("compliance");
		const { privateKey } = await generateKeyPair("RS256", { extractable: true });
		const foreign = JSON.stringify({ ...(await exportJWK(privateKey)), kid: "test-access-key" });
		const tokens: [string, string][] = [
			["forged", await signAccessToken(foreign, { email })],
			["expired", await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email, exp: now() - 60 })],
			["no expiry", await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email, exp: null })],
			[
				"alg none",
				unsigned(
					{ alg: "none", kid: "test-access-key" },
					{ email, iss: LOCAL_ACCESS_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 },
				),
			],
			["HS256", await hs256(email)],
			[
				"wrong audience",
				await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email, aud: "another-app" }),
			],
			[
				"wrong issuer",
				await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, {
					email,
					iss: "https://evil.cloudflareaccess.com",
				}),
			],
			["garbage", "a.b.c"],
		];
		const contact = await sealedContact();
		for (const [label, token] of tokens) {
			const before = await auditHeadSeq();
			const opened = await rpc().open({
				actor: { kind: "staff", token },
				purpose: "compliance_review",
				items: [contact.item("email")],
			});
			expect(opened, label).toMatchObject({ ok: false, error: { code: "unauthorized" } });
			const authorized = await rpc().authorize({ token, operation: "audit.review" });
			expect(authorized, label).toMatchObject({ ok: false, error: { code: "unauthorized" } });
			const entries = await auditRows(before);
			expect(
				entries.map((e) => [e.outcome, e.actor_id]),
				label,
			).toEqual([
				["denied", "unverified"],
				["denied", "unverified"],
			]);
		}
	});

	it("never consults a local key set under a production issuer, so locally minted tokens are refused", async () => {
		// An attacker who managed to add ACCESS_LOCAL_JWKS to a deployed vault gains nothing.
		const production = { ...vaultEnv, ...PRODUCTION };
		const local = keySetFor({ ...production, ACCESS_LOCAL_JWKS: vaultEnv.ACCESS_LOCAL_JWKS });
		const remoteOnly = keySetFor({ ...production, ACCESS_LOCAL_JWKS: "" });
		expect(local).toBe(remoteOnly);
		expect(keySetFor({ ...vaultEnv, ACCESS_TEAM_DOMAIN: "https://loomwash.example.com" })).toBeNull();

		const { email } = await staffAs("admin");
		for (const iss of [PRODUCTION.ACCESS_TEAM_DOMAIN, LOCAL_ACCESS_ISSUER]) {
			const token = await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email, iss });
			const before = await auditHeadSeq();
			const result = await rpc(PRODUCTION).authorize({ token, operation: "staff.manage" });
			// Refused either way: as a bad token, or (in this closed network) because only the team's
			// remote keys could verify it and they cannot be fetched. The local key is never tried.
			expect(result.ok, iss).toBe(false);
			if (!result.ok) expect(["unauthorized", "unavailable"]).toContain(result.error.code);
			expect((await auditRows(before)).map((e) => e.outcome)).toEqual(["denied"]);
		}
	});

	it("refuses a token that claims to live longer than an Access session, and any token without an audience set", async () => {
		const { email, token } = await staffAs("admin");
		const forever = await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, { email, exp: 2 ** 53 - 1 });
		expect(await rpc().authorize({ token: forever, operation: "staff.manage" })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
		expect(await rpc({ ACCESS_AUD: "" }).authorize({ token, operation: "staff.manage" })).toMatchObject({
			ok: false,
			error: { code: "unauthorized" },
		});
	});

	it("answers unavailable, not unauthorized, when the team's keys cannot be fetched", async () => {
		const { email } = await staffAs("admin");
		const token = await signAccessToken(vaultEnv.TEST_ACCESS_PRIVATE_JWK, {
			email,
			iss: "https://nowhere-team.cloudflareaccess.com",
		});
		const result = await rpc({ ACCESS_TEAM_DOMAIN: "https://nowhere-team.cloudflareaccess.com" }).authorize({
			token,
			operation: "staff.manage",
		});
		expect(result).toMatchObject({ ok: false, error: { code: "unavailable" } });
	});

	it("refuses everything, as unauthorized, when the local key set is malformed", async () => {
		const { token } = await staffAs("admin");
		const result = await rpc({ ACCESS_LOCAL_JWKS: "{not json" }).authorize({
			token,
			operation: "staff.manage",
		});
		expect(result).toMatchObject({ ok: false, error: { code: "unauthorized" } });
	});

	it("accepts a valid token of active staff", async () => {
		const staff = await staffAs("admin");
		expect(await rpc().authorize({ token: staff.token, operation: "staff.manage" })).toMatchObject({
			ok: true,
			staff: { id: staff.id, role: "admin" },
		});
	});
});
