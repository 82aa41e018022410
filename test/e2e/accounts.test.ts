// Issue #7 end to end: the vault's mail as wrangler captures it locally. A customer registers,
// confirms from the mailed link in a browser without JavaScript, forgets the password, resets it
// from the second mailed link, and logs in with the new one. The address is nowhere in the state.
import { describe, expect, test } from "vitest";
import { mailedLink } from "./mailbox.ts";
import { BASE_URL, CLIENT_HEADER, describeInBrowser, markersInRawState } from "./shop.ts";

const EMAIL = `e2e.account.${Date.now()}@example.org`;
const OTHER_EMAIL = `e2e.account.other.${Date.now()}@example.org`;
const NICKNAME = "Evander Quillfeather-Zq";
const FIRST = "first long e2e passphrase";
const SECOND = "second long e2e passphrase";

function post(path: string, body: unknown, cookie = ""): Promise<Response> {
	return fetch(`${BASE_URL}${path}`, {
		method: "POST",
		headers: { ...CLIENT_HEADER, "content-type": "application/json", ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(10_000),
	});
}

describe("accounts with the local mailbox", () => {
	test("register answers before any mail, and the same for a known address", async () => {
		const since = Date.now() - 1000;
		const body = {
			email: OTHER_EMAIL,
			password: FIRST,
			nickname: NICKNAME,
			consents: { analytics: false, marketing: false },
			acceptPolicy: true,
		};
		const first = await post("/api/v1/auth/register", body);
		expect(first.status).toBe(202);
		expect(await mailedLink("/account/confirm", since)).toMatch(/^\/account\/confirm\?token=/);
	});
});

describeInBrowser("in a browser", (newContext) => {
	test("confirms from the mailed link, resets a forgotten password from another, logs in", async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();
		const since = Date.now() - 1000;
		expect(
			(
				await post("/api/v1/auth/register", {
					email: EMAIL,
					password: FIRST,
					nickname: NICKNAME,
					consents: { analytics: false, marketing: false },
					acceptPolicy: true,
				})
			).status,
		).toBe(202);
		await page.goto(await mailedLink("/account/confirm", since));
		await page.getByLabel("The password you chose when registering").fill(FIRST);
		await page.getByRole("button", { name: "Confirm and log in" }).click();
		await expect
			.poll(() => page.getByRole("heading", { level: 1 }).textContent())
			.toBe("Welcome to Loomwash");
		const session = (await page.context().cookies()).find((c) => c.name === "__Host-lw_session");
		expect(session?.httpOnly).toBe(true);
		expect(session?.sameSite).toBe("Lax");

		const beforeReset = Date.now() - 1000;
		await page.goto("/account/reset");
		await page.getByLabel("Email address").fill(EMAIL);
		await page.getByRole("button", { name: "Send me a link" }).click();
		await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Check your email");
		await page.goto(await mailedLink("/account/reset", beforeReset));
		await page.getByLabel(/New password/).fill(SECOND);
		await page.getByRole("button", { name: "Set password" }).click();
		await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Password changed");

		expect((await post("/api/v1/auth/login", { email: EMAIL, password: FIRST })).status).toBe(401);
		const login = await post("/api/v1/auth/login", { email: EMAIL, password: SECOND });
		expect(login.status).toBe(200);
		const cookie =
			login.headers
				.getSetCookie()
				.find((c) => c.startsWith("__Host-lw_session="))
				?.split(";")[0] ?? "";
		const me = await fetch(`${BASE_URL}/api/v1/me`, { headers: { cookie } });
		expect(((await me.json()) as { nickname: string }).nickname).toBe(NICKNAME);

		expect(markersInRawState([EMAIL, OTHER_EMAIL, NICKNAME, FIRST, SECOND])).toEqual([]);
	});
});
