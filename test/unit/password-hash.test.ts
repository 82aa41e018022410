// Shopper password hashing and policy (DESIGN §5), in Node: the same WebCrypto code the vault runs.
// The iteration count is pinned here because production Workers refuse PBKDF2 above 100,000
// iterations while local workerd does not: no workerd test would notice a higher setting.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
	DUMMY_PASSWORD_HASH,
	hashPassword,
	PBKDF2_ITERATIONS,
	verifyPassword,
} from "../../workers/vault/accounts/password-hash";
import {
	COMMON_PASSWORD_COUNT,
	PASSWORD_IS_EMAIL,
	PASSWORD_TOO_COMMON,
	PASSWORD_TOO_LONG,
	PASSWORD_TOO_SHORT,
	passwordProblem,
} from "../../workers/vault/accounts/password-policy";

const pepper = randomBytes(32).toString("base64");
const PASSWORD = "correct horse battery staple";

describe("password hashes", () => {
	it("stays within the iterations production Workers accept", () => {
		expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
		expect(PBKDF2_ITERATIONS).toBe(100_000);
		expect(DUMMY_PASSWORD_HASH).toContain(`$i=${PBKDF2_ITERATIONS}$`);
	});

	it("round-trips through a PHC string that names its parameters, salted afresh each time", async () => {
		const phc = await hashPassword(pepper, PASSWORD);
		expect(phc).toMatch(/^\$pbkdf2-sha256\$v=1\$i=100000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
		expect(phc).not.toContain(PASSWORD);
		expect(await verifyPassword(pepper, PASSWORD, phc)).toEqual({ ok: true, needsRehash: false });
		expect(await hashPassword(pepper, PASSWORD)).not.toBe(phc);
		// The same password typed in another Unicode form.
		const composed = "Café au lait 2026";
		expect(
			(await verifyPassword(pepper, composed.normalize("NFD"), await hashPassword(pepper, composed))).ok,
		).toBe(true);
	});

	it("fails a wrong password, another pepper, and a malformed or over-the-cap hash", async () => {
		const phc = await hashPassword(pepper, PASSWORD);
		expect(await verifyPassword(pepper, `${PASSWORD}!`, phc)).toEqual({ ok: false, needsRehash: false });
		expect(await verifyPassword(randomBytes(32).toString("base64"), PASSWORD, phc)).toEqual({
			ok: false,
			needsRehash: false,
		});
		expect((await verifyPassword(pepper, PASSWORD, phc.replace("$i=100000$", "$i=200000$"))).ok).toBe(false);
		expect((await verifyPassword(pepper, PASSWORD, "not a hash")).ok).toBe(false);
		expect((await verifyPassword(pepper, PASSWORD, DUMMY_PASSWORD_HASH)).ok).toBe(false);
		await expect(hashPassword("too short", PASSWORD)).rejects.toThrow(/PASSWORD_PEPPER/);
	});

	it("flags a hash made under older parameters for rehashing, only once the password matched", async () => {
		const older = await hashPassword(pepper, PASSWORD, { iterations: 10_000 });
		expect(older).toContain("$i=10000$");
		expect(await verifyPassword(pepper, PASSWORD, older)).toEqual({ ok: true, needsRehash: true });
		expect(await verifyPassword(pepper, "something else entirely", older)).toEqual({
			ok: false,
			needsRehash: false,
		});
	});
});

describe("password policy", () => {
	it("refuses short, overlong and common passwords, and the account's email", () => {
		expect(COMMON_PASSWORD_COUNT).toBeGreaterThanOrEqual(100);
		expect(passwordProblem("short")).toBe(PASSWORD_TOO_SHORT);
		expect(passwordProblem("x".repeat(129))).toBe(PASSWORD_TOO_LONG);
		for (const common of [
			"password123",
			"Password123",
			"QWERTYUIOP",
			"1234567890",
			"iloveyou12",
			"zzzzzzzzzzzz",
		]) {
			expect(passwordProblem(common), common).toBe(PASSWORD_TOO_COMMON);
		}
		expect(passwordProblem("Shopper@Example.org", "shopper@example.org")).toBe(PASSWORD_IS_EMAIL);
		expect(passwordProblem(PASSWORD, "shopper@example.org")).toBeNull();
		expect(passwordProblem("x".repeat(128))).toBe(PASSWORD_TOO_COMMON);
		expect(passwordProblem("a-reasonable-passphrase")).toBeNull();
	});
});
