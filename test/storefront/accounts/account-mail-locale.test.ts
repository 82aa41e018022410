// The account mails in the shopper's language (issue #13): when the storefront asks the vault to
// register an address (which mails a confirm link, or a notice to a known address) or to send a
// reset link, it names the locale the shopper's page is in: their choice cookie, else the country
// Cloudflare saw, else en-US. The JSON API and the HTML forms alike; the real vault (behind the
// recording binding) accepts it. What the mails then say is test/vault/account-mail-i18n.test.ts.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../workers/storefront/app";
import { PASSWORD, registerBody, registeredCustomer, uniqueEmail } from "../fixtures/accounts";
import { BASE, testClientIp } from "../fixtures/commerce";

type VaultCall = { method: string; request: Record<string, unknown> };

/** The VAULT binding, the calls that send account mails recorded on their way to the real vault. */
function recordingVault(): { vault: Env["VAULT"]; calls: VaultCall[] } {
	const calls: VaultCall[] = [];
	const vault = new Proxy(env.VAULT, {
		get(target, prop) {
			if (prop !== "register" && prop !== "requestReset") return Reflect.get(target, prop, target);
			return (request: Record<string, unknown>) => {
				calls.push({ method: prop, request });
				// Called as a method of the stub itself: an RPC stub's functions do not travel apart.
				return target[prop](request as never);
			};
		},
	});
	return { vault, calls };
}

type Shopper = { cookie?: string; country?: string };

async function post(
	path: string,
	body: { json: unknown } | { form: Record<string, string> },
	shopper: Shopper = {},
): Promise<{ res: Response; calls: VaultCall[] }> {
	const { vault, calls } = recordingVault();
	const headers: Record<string, string> = {
		origin: BASE,
		"CF-Connecting-IP": testClientIp(),
		"content-type": "json" in body ? "application/json" : "application/x-www-form-urlencoded",
	};
	if (shopper.cookie) headers.cookie = `__Host-lw_locale=${shopper.cookie}`;
	const init = {
		method: "POST",
		headers,
		body: "json" in body ? JSON.stringify(body.json) : new URLSearchParams(body.form).toString(),
		redirect: "manual",
		...(shopper.country ? { cf: { country: shopper.country } } : {}),
	} as RequestInit;
	const ctx = createExecutionContext();
	const res = await createApp().request(`${BASE}${path}`, init, { ...env, VAULT: vault }, ctx);
	await waitOnExecutionContext(ctx);
	return { res, calls };
}

function localesOf(calls: VaultCall[], method: string): unknown[] {
	return calls.filter((call) => call.method === method).map((call) => call.request.locale);
}

describe("the storefront names the shopper's locale for the account mails", () => {
	it("registers through the API in the language of the choice cookie", async () => {
		const { res, calls } = await post(
			"/api/v1/auth/register",
			{ json: registerBody(uniqueEmail("de-api")) },
			{ cookie: "de-de", country: "US" },
		);
		expect(res.status).toBe(202);
		// The choice wins over the country.
		expect(localesOf(calls, "register")).toEqual(["de-DE"]);
	});

	it("registers from the HTML form in the language of the country Cloudflare saw", async () => {
		const { res, calls } = await post(
			"/account/register",
			{
				form: {
					email: uniqueEmail("fr-form"),
					password: PASSWORD,
					nickname: "Amélie",
					acceptPolicy: "on",
				},
			},
			{ country: "FR" },
		);
		expect(res.status).toBe(303);
		expect(res.headers.get("location")).toBe("/account/check-email");
		expect(localesOf(calls, "register")).toEqual(["fr-FR"]);
	});

	it("asks for a reset link, from the form and the API, in the shopper's language", async () => {
		const { email } = await registeredCustomer();
		const form = await post("/account/forgot", { form: { email } }, { cookie: "ja-jp" });
		expect(form.res.status).toBe(303);
		expect(localesOf(form.calls, "requestReset")).toEqual(["ja-JP"]);

		const api = await post("/api/v1/auth/reset", { json: { email } }, { country: "ES" });
		expect(api.res.status).toBe(202);
		expect(localesOf(api.calls, "requestReset")).toEqual(["es-ES"]);
	});

	it("names en-US for a shopper with neither a choice nor a country, as the vault's default", async () => {
		const { res, calls } = await post("/api/v1/auth/reset", { json: { email: uniqueEmail("nobody") } });
		expect(res.status).toBe(202);
		expect(localesOf(calls, "requestReset")).toEqual(["en-US"]);
	});
});
