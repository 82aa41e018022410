import { describe, expect, it } from "vitest";
import { AppError } from "../../workers/storefront/errors";
import {
	parseSignatureHeader,
	signWebhookPayload,
	verifyWebhookSignature,
} from "../../workers/storefront/payments/webhook-signature";

const secret = "whsec_test_secret";
const payload = '{"id":"evt_1","type":"checkout.session.completed"}';
const now = 1_700_000_000;

async function statusOf(promise: Promise<void>): Promise<number | "ok"> {
	try {
		await promise;
		return "ok";
	} catch (err) {
		if (err instanceof AppError) return err.status;
		throw err;
	}
}

describe("Stripe-style webhook signatures", () => {
	it("accepts a valid signature within the tolerance", async () => {
		const header = await signWebhookPayload(secret, payload, now);
		expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
		expect(await statusOf(verifyWebhookSignature(secret, payload, header, now + 299))).toBe("ok");
	});

	it("matches Stripe's construction: HMAC-SHA256 of 'timestamp.body' in hex", async () => {
		const { createHmac } = await import("node:crypto");
		const expected = createHmac("sha256", secret).update(`${now}.${payload}`).digest("hex");
		expect(await signWebhookPayload(secret, payload, now)).toBe(`t=${now},v1=${expected}`);
	});

	it("accepts any one of several v1 signatures (secret rollover)", async () => {
		const good = (await signWebhookPayload(secret, payload, now)).split("v1=")[1];
		const header = `t=${now},v1=${"0".repeat(64)},v0=abc,v1=${good}`;
		expect(await statusOf(verifyWebhookSignature(secret, payload, header, now))).toBe("ok");
	});

	it("rejects a tampered body, a wrong secret and a moved timestamp with 401", async () => {
		const header = await signWebhookPayload(secret, payload, now);
		expect(await statusOf(verifyWebhookSignature(secret, `${payload} `, header, now))).toBe(401);
		expect(await statusOf(verifyWebhookSignature("whsec_other", payload, header, now))).toBe(401);
		const moved = header.replace(`t=${now}`, `t=${now + 1}`);
		expect(await statusOf(verifyWebhookSignature(secret, payload, moved, now))).toBe(401);
	});

	it("rejects a stale or future timestamp with 401", async () => {
		const header = await signWebhookPayload(secret, payload, now);
		expect(await statusOf(verifyWebhookSignature(secret, payload, header, now + 301))).toBe(401);
		expect(await statusOf(verifyWebhookSignature(secret, payload, header, now - 301))).toBe(401);
	});

	it("rejects a missing or malformed header with 400", async () => {
		for (const header of [
			null,
			undefined,
			"",
			"garbage",
			"t=1",
			"v1=abc",
			`t=x,v1=${"a".repeat(64)}`,
			"t=1,v1=XYZ",
		]) {
			expect(await statusOf(verifyWebhookSignature(secret, payload, header, now)), String(header)).toBe(400);
		}
		expect(parseSignatureHeader(`t=1,v1=${"a".repeat(64)}`)).toEqual({
			timestamp: 1,
			signatures: ["a".repeat(64)],
		});
	});

	it("rejects everything when no secret is configured", async () => {
		const header = await signWebhookPayload("anything", payload, now);
		expect(await statusOf(verifyWebhookSignature("", payload, header, now))).toBe(401);
	});
});
