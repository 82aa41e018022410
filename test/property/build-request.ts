// Turns a mutated plan into the Request a browser (or an attacker's script) would send: URL with
// encoded or raw pieces, the body as JSON or a form (or the mutation's raw bytes), the browser's
// cookies and headers with the tampered ones in their place.

import { Repeat, RepeatArray } from "./hostile-values";
import { type JwtKeys, type JwtTamper, tamperJwt } from "./jwt-tamper";
import type { Operation } from "./openapi-operations";
import { Computed, type CookieValue, type Mutated, RawUrl } from "./request-plan";

/** Who sends the request: the cookies and headers its browser holds. */
export type Browser = {
	cookies: Record<string, string>;
	headers: Record<string, string>;
};

export type RequestDeps = {
	base: string;
	/** `value.signature`, signed as the app signs its cookies. */
	signCookieValue(value: string): Promise<string>;
	/** A genuine token of each kind, and the keys to tamper with them. */
	session: { token: string; keys: JwtKeys; claims(claim: string): Record<string, unknown> };
	staff: { token: string; keys: JwtKeys; claims(claim: string): Record<string, unknown> };
	/** Fills in a Computed value (a webhook signature over the body that is sent). */
	compute(what: string, body: string): Promise<string>;
};

export const SESSION_COOKIE = "__Host-lw_session";
export const STAFF_HEADER = "Cf-Access-Jwt-Assertion";

const utf8 = new TextEncoder();

function percentEncodeBytes(text: string): string {
	return Array.from(utf8.encode(text), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/** encodeURIComponent, which throws on a lone surrogate; then the bytes of its replacement. */
export function encodeComponent(text: string): string {
	try {
		return encodeURIComponent(text);
	} catch {
		return percentEncodeBytes(text);
	}
}

/**
 * Header values are bytes without CR, LF or NUL; whatever a Headers object would refuse is
 * percent-encoded, as a client library would. Everything else (`;`, quotes, `%`) stays.
 */
export function headerSafe(text: string): string {
	return text.replace(/[^\t\x20-\x7e]+/gu, (run) => percentEncodeBytes(run));
}

/** A mutated value as text: Repeat expanded, arrays and objects as JSON. */
function asText(value: unknown): string {
	if (typeof value === "string") return value;
	if (value instanceof RawUrl) return value.raw;
	if (value instanceof Repeat || value instanceof RepeatArray) return value.toString();
	if (value === null || typeof value !== "object") return String(value);
	return JSON.stringify(value);
}

function urlPiece(value: unknown): string {
	return value instanceof RawUrl ? value.raw : encodeComponent(asText(value));
}

/** Query pairs: an array repeats the name, an object becomes `name[key]` (both common parsers' syntax). */
function queryString(pairs: [string, unknown][]): string {
	const parts: string[] = [];
	const add = (name: string, value: unknown) => {
		if (value === undefined) return;
		if (Array.isArray(value)) for (const item of value) add(name, item);
		else if (value instanceof RepeatArray) for (const item of value.toJSON()) add(name, item);
		else if (value && typeof value === "object" && !(value instanceof Repeat) && !(value instanceof RawUrl)) {
			for (const [k, v] of Object.entries(value)) add(`${name}[${k}]`, v);
		} else parts.push(`${encodeComponent(name)}=${urlPiece(value)}`);
	};
	for (const [name, value] of pairs) add(name, value);
	return parts.length ? `?${parts.join("&")}` : "";
}

function formText(value: unknown): string {
	if (!value || typeof value !== "object" || Array.isArray(value)) return asText(value);
	const form = new URLSearchParams();
	for (const [k, v] of Object.entries(value)) {
		if (Array.isArray(v)) for (const item of v) form.append(k, asText(item));
		else if (v !== undefined) form.append(k, asText(v));
	}
	return form.toString();
}

function streamOf(bytes: number): ReadableStream<Uint8Array> {
	const chunk = utf8.encode("x".repeat(4096));
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			const n = Math.min(chunk.length, bytes - sent);
			controller.enqueue(chunk.slice(0, n));
			sent += n;
		},
	});
}

type BuiltBody = { body: BodyInit | undefined; contentType: string | null; text: string };

function buildBody(op: Operation, mutated: Mutated): BuiltBody {
	const mediaType = op.body?.mediaType ?? "application/json";
	const form = mediaType.includes("form");
	const encode = (value: unknown) => (form ? formText(value) : (JSON.stringify(value) ?? ""));
	const override = mutated.bodyOverride;
	if (!override) {
		if (mutated.body === undefined) return { body: undefined, contentType: null, text: "" };
		const text = encode(mutated.body);
		return { body: text, contentType: mediaType, text };
	}
	switch (override.kind) {
		case "text": {
			const text = asText(override.text);
			return { body: text, contentType: override.contentType, text };
		}
		case "content-type": {
			const text = mutated.body === undefined ? "{}" : encode(mutated.body);
			return { body: text, contentType: override.contentType, text };
		}
		case "oversize": {
			const prefix = form ? "pad=" : '{"pad":"';
			if (override.streamed) {
				return {
					body: streamOf(override.bytes),
					contentType: mediaType,
					text: `(${override.bytes} streamed bytes)`,
				};
			}
			const text = `${prefix}${"x".repeat(override.bytes)}${form ? "" : '"}'}`;
			return { body: text, contentType: mediaType, text };
		}
		case "invalid-utf8": {
			const bytes = override.utf16
				? new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])
				: new Uint8Array([
						0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d,
					]);
			return { body: bytes, contentType: mediaType, text: `(bytes ${Array.from(bytes).join(",")})` };
		}
	}
}

async function cookieText(value: CookieValue, browser: Browser, deps: RequestDeps): Promise<string> {
	if ("plain" in value) return headerSafe(asText(value.plain));
	if ("signed" in value) return encodeComponent(await deps.signCookieValue(asText(value.signed)));
	if ("copyOf" in value) return browser.cookies[value.copyOf] ?? "";
	return headerSafe(asText(value.alongside));
}

async function tampered(
	kind: { token: string; keys: JwtKeys; claims(claim: string): Record<string, unknown> },
	how: { tamper: JwtTamper; claim: string | Repeat },
): Promise<string> {
	return tamperJwt(kind.token, how.tamper, kind.keys, kind.claims(asText(how.claim)));
}

export function truncate(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** The Request for a mutated plan, sent by `browser` from `ip`, and a summary for failure messages. */
export async function buildRequest(
	op: Operation,
	mutated: Mutated,
	browser: Browser,
	ip: string,
	deps: RequestDeps,
): Promise<{ request: Request; summary: string }> {
	const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => urlPiece(mutated.path[name]));
	const url = `${deps.base}${path}${queryString(mutated.query)}`;
	const method = mutated.method ?? op.method;
	const built = method === "GET" || method === "HEAD" ? null : buildBody(op, mutated);

	const headers = new Headers();
	headers.set(
		"User-Agent",
		"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
	);
	headers.set("CF-Connecting-IP", ip);
	for (const [name, value] of Object.entries(browser.headers)) headers.set(name, value);
	for (const [name, value] of Object.entries(mutated.headers)) {
		if (value === undefined) continue;
		const text =
			value instanceof Computed ? await deps.compute(value.what, built?.text ?? "") : asText(value);
		headers.set(name, headerSafe(text));
	}
	if (built?.contentType !== null && built?.contentType !== undefined)
		headers.set("Content-Type", built.contentType);
	if (mutated.crossSite) {
		if (mutated.crossSite.origin !== null) headers.set("Origin", mutated.crossSite.origin);
		else headers.delete("Origin");
		if (mutated.crossSite.fetchSite !== null) headers.set("Sec-Fetch-Site", mutated.crossSite.fetchSite);
	} else headers.set("Origin", deps.base);
	if (mutated.staff) headers.set(STAFF_HEADER, headerSafe(await tampered(deps.staff, mutated.staff)));
	if (mutated.clientHeader) {
		const { name, value } = mutated.clientHeader;
		if (value === null) headers.delete(name);
		else headers.set(name, headerSafe(asText(value)));
	}

	const jar: [string, string][] = Object.entries(browser.cookies);
	if (mutated.session) {
		const token = await tampered(deps.session, mutated.session);
		jar.splice(0, jar.length, ...jar.filter(([n]) => n !== SESSION_COOKIE), [
			SESSION_COOKIE,
			headerSafe(token),
		]);
	}
	for (const { name, value } of mutated.cookies) {
		const text = await cookieText(value, browser, deps);
		// "alongside": the forged value first (parsers keep the first), the browser's own after it.
		const rest = "alongside" in value ? jar : jar.filter(([n]) => n !== name);
		jar.splice(0, jar.length, [name, text], ...rest);
	}
	if (jar.length) headers.set("Cookie", jar.map(([n, v]) => `${n}=${v}`).join("; "));

	const request = new Request(url, { method, headers, body: built?.body, redirect: "manual" });
	const summary = [
		`${method} ${truncate(url.slice(deps.base.length), 300)}`,
		`mutation: ${mutated.label}`,
		built ? `content-type: ${built.contentType ?? "(none)"}; body: ${truncate(built.text, 300)}` : "",
		jar.length ? `cookies: ${truncate(jar.map(([n, v]) => `${n}=${v}`).join("; "), 300)}` : "",
	]
		.filter(Boolean)
		.join("\n  ");
	return { request, summary };
}
