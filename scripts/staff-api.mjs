// Calls the staff API of a running shop (default: `npm start` on http://localhost:8787) with a
// staff token: a local one for the role (as `npm run staff:token` prints) unless --token is given.
// In production, pass --url and a Cloudflare Access token (`cloudflared access token`).
import { localStaffEmail, mintLocalToken, upsertStaff } from "./local-staff.mjs";

export async function staffApi({ url = "http://localhost:8787", token, role }, method, path, body) {
	let bearer = token;
	if (!bearer) {
		await upsertStaff({ email: localStaffEmail(role), role });
		bearer = await mintLocalToken(localStaffEmail(role));
	}
	const res = await fetch(new URL(path, url), {
		method,
		headers: {
			"Cf-Access-Jwt-Assertion": bearer,
			...(body ? { "Content-Type": "application/json", Origin: new URL(url).origin } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json?.error?.message ?? ""}`.trim());
	return json;
}
