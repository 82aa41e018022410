// Stripe's webhook signature scheme, used by both providers: header `t=<unix s>,v1=<hex>`,
// where v1 is HMAC-SHA256 over `${t}.${rawBody}` with the endpoint secret. Verification goes
// through crypto.subtle.verify, which compares in constant time.

import { utf8 } from "../../shared/base64url";
import { AppError } from "../errors";

export const SIGNATURE_HEADER = "Stripe-Signature";
export const SIGNATURE_TOLERANCE_S = 300;

function hmacKey(secret: string, usage: "sign" | "verify") {
	return crypto.subtle.importKey("raw", utf8(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function toHex(bytes: ArrayBuffer): string {
	return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(hex.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return bytes;
}

/** The header value for a payload; `timestamp` in unix seconds. */
export async function signWebhookPayload(
	secret: string,
	payload: string,
	timestamp: number,
): Promise<string> {
	const mac = await crypto.subtle.sign(
		"HMAC",
		await hmacKey(secret, "sign"),
		utf8(`${timestamp}.${payload}`),
	);
	return `t=${timestamp},v1=${toHex(mac)}`;
}

export type ParsedSignatureHeader = { timestamp: number; signatures: string[] };

export function parseSignatureHeader(header: string): ParsedSignatureHeader | null {
	if (header.length > 1024) return null;
	let timestamp: number | null = null;
	const signatures: string[] = [];
	for (const part of header.split(",")) {
		const [key, value, ...rest] = part.trim().split("=");
		if (rest.length > 0 || value === undefined) continue;
		if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
		// Several v1 entries appear while a secret is being rolled; any one may match.
		if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
	}
	return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Throws AppError unless `header` signs `payload` with `secret` within the tolerance window:
 * 400 when the header is missing or malformed, 401 when no signature matches or it is stale.
 */
export async function verifyWebhookSignature(
	secret: string,
	payload: string,
	header: string | null | undefined,
	nowSeconds: number,
	toleranceSeconds = SIGNATURE_TOLERANCE_S,
): Promise<void> {
	if (!header) throw new AppError("bad_request", `Missing ${SIGNATURE_HEADER} header`);
	const parsed = parseSignatureHeader(header);
	if (!parsed) throw new AppError("bad_request", `Malformed ${SIGNATURE_HEADER} header`);
	if (!secret) throw new AppError("unauthorized", "Webhook signing is not configured");
	const key = await hmacKey(secret, "verify");
	const signed = utf8(`${parsed.timestamp}.${payload}`);
	let valid = false;
	for (const signature of parsed.signatures) {
		if (await crypto.subtle.verify("HMAC", key, fromHex(signature), signed)) valid = true;
	}
	if (!valid) throw new AppError("unauthorized", "Webhook signature does not match");
	if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
		throw new AppError("unauthorized", "Webhook timestamp is outside the tolerance window");
	}
}

/**
 * Reads a webhook request, verifies its signature over the raw body, and returns the parsed JSON
 * (undefined when the signed body is not JSON), for the provider's own schema to check.
 */
export async function readSignedWebhook(
	request: Request,
	secret: string,
	nowSeconds: number,
): Promise<unknown> {
	const payload = await request.text();
	await verifyWebhookSignature(secret, payload, request.headers.get(SIGNATURE_HEADER), nowSeconds);
	try {
		return JSON.parse(payload);
	} catch {
		return undefined;
	}
}
