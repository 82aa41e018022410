// The e2e tests' HTTP client for the shop under test: JSON calls with a client's cookies or a staff
// token.
import { BASE_URL, CLIENT_HEADER } from "./shop.ts";

/** The signed cookies of one client (the guest's cart and read-your-writes bookmark). */
export class CookieJar {
	private readonly cookies = new Map<string, string>();
	take(res: Response): void {
		for (const cookie of res.headers.getSetCookie()) {
			const pair = cookie.split(";")[0] ?? "";
			const at = pair.indexOf("=");
			const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
			if (value === "") this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}
	/** Name and value of every cookie held, e.g. to hand the client's session to a browser. */
	entries(): [string, string][] {
		return [...this.cookies];
	}
	header(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
	}
}

export type Call = { body?: unknown; jar?: CookieJar; staff?: string };

/** A JSON API call; a POST always says JSON (the CSRF middleware treats a bare POST as a form). */
export async function api<T>(
	method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
	path: string,
	{ body, jar, staff }: Call = {},
): Promise<{ status: number; body: T; res: Response }> {
	const headers: Record<string, string> = { ...CLIENT_HEADER };
	if (body !== undefined || method === "POST") headers["content-type"] = "application/json";
	if (jar) headers.cookie = jar.header();
	if (staff) headers["Cf-Access-Jwt-Assertion"] = staff;
	const res = await fetch(`${BASE_URL}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		redirect: "manual",
		signal: AbortSignal.timeout(15_000),
	});
	jar?.take(res);
	const text = await res.text();
	const isJson = (res.headers.get("content-type") ?? "").includes("json");
	return { status: res.status, body: (isJson ? JSON.parse(text) : text) as T, res };
}
