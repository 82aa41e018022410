// A browser on the staff console for the page tests: it keeps the CF_Authorization cookie, sends
// its own Origin and never follows redirects; and what every console page must be.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { StaffRole } from "../../../workers/shared/vault-contract";
import { staffMember, staffToken } from "../analytics/helpers";
import { BASE, testClientIp } from "../fixtures/commerce";

const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** Bodies that are not the form a page sends: each must be a 4xx, never a 5xx. */
export const HOSTILE_BODIES = [
	["application/json", "{"],
	["application/json", '{"amount":"1"}'],
	["text/plain", "hello"],
	["multipart/form-data; boundary=x", "--x\r\nnot a part"],
	["application/x-www-form-urlencoded", "%ff=%00&scope=x&scope=y&amount=1"],
] as const;

export class StaffBrowser {
	readonly cookies = new Map<string, string>();
	readonly ip = testClientIp();

	async fetch(path: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set("origin", BASE);
		headers.set("CF-Connecting-IP", this.ip);
		const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
		if (jar) headers.set("cookie", jar);
		const res = await exports.default.fetch(`${BASE}${path}`, { ...init, headers, redirect: "manual" });
		for (const cookie of res.headers.getSetCookie()) {
			const [pair = ""] = cookie.split(";");
			const eq = pair.indexOf("=");
			const value = pair.slice(eq + 1).trim();
			if (/max-age=0/i.test(cookie) || value === "") this.cookies.delete(pair.slice(0, eq).trim());
			else this.cookies.set(pair.slice(0, eq).trim(), value);
		}
		return res;
	}

	post(path: string, fields: Record<string, string> | string[][] = {}) {
		return this.fetch(path, { method: "POST", headers: FORM, body: new URLSearchParams(fields).toString() });
	}
}

/** A new staff member of `role`, signed in through the console's sign-in form. */
export async function signedIn(role: StaffRole): Promise<{ browser: StaffBrowser; id: string }> {
	const member = await staffMember(role);
	const browser = new StaffBrowser();
	const res = await browser.post("/staff/sign-in", { token: await staffToken({ email: member.email }) });
	expect(res.status, await res.clone().text()).toBe(303);
	return { browser, id: member.id };
}

/** A console page: its status, HTML, never stored, out of search engines, one h1, no inline script. */
export async function staffPage(res: Response, status = 200): Promise<string> {
	const text = await res.text();
	expect(res.status, text.slice(0, 800)).toBe(status);
	expect(res.headers.get("content-type")).toContain("text/html");
	expect(res.headers.get("cache-control")).toBe("no-store");
	expect(text).toContain('<meta name="robots" content="noindex"/>');
	expect(text.match(/<h1[ >]/g)).toHaveLength(1);
	for (const script of text.match(/<script[^>]*>/g) ?? []) expect(script).toMatch(/ src="\//);
	expect(new TextEncoder().encode(text).length).toBeLessThan(50_000);
	return text;
}

/** Every input, select and textarea has a label pointing at it (hidden inputs need none). */
export function expectLabelledControls(html: string) {
	const ids = [...html.matchAll(/<(?:select|input|textarea) id="([^"]+)"/g)].map((m) => m[1]);
	for (const id of ids) expect(html, `label for ${id}`).toMatch(new RegExp(`<label[^>]* for="${id}"[ >]`));
	const unlabelled = (html.match(/<(?:select|input|textarea) (?!id=)[^>]*>/g) ?? []).filter(
		(t) => !/type="hidden"/.test(t),
	);
	expect(unlabelled).toEqual([]);
}

/** Each hostile body posted to each path: a 4xx, never a 5xx. */
export async function expectHostileBodiesRefused(browser: StaffBrowser, paths: readonly string[]) {
	for (const path of paths) {
		for (const [type, body] of HOSTILE_BODIES) {
			const res = await browser.fetch(path, { method: "POST", headers: { "content-type": type }, body });
			expect(res.status, `${path} ${type} ${body}`).toBeGreaterThanOrEqual(400);
			expect(res.status, `${path} ${type} ${body}`).toBeLessThan(500);
		}
	}
}
