import { describe, expect, it } from "vitest";
import { rateLimitKey } from "../../../workers/storefront/analytics/rate-limit";

const secret = "c2VjcmV0LWZvci10ZXN0cy1vbmx5LTMyLWJ5dGVzLWxvbmc=";
const day = Date.UTC(2026, 10, 29, 12);

describe("rateLimitKey", () => {
	it("is stable for one client within a day and differs between clients", async () => {
		const a = await rateLimitKey("203.0.113.5", secret, day);
		expect(await rateLimitKey("203.0.113.5", secret, day + 3_600_000)).toBe(a);
		expect(await rateLimitKey("203.0.113.6", secret, day)).not.toBe(a);
	});

	it("is a pseudonym: no trace of the IP, new every day, useless without the secret", async () => {
		const key = await rateLimitKey("203.0.113.5", secret, day);
		expect(key).not.toContain("203.0.113");
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(await rateLimitKey("203.0.113.5", secret, day + 86_400_000)).not.toBe(key);
		expect(await rateLimitKey("203.0.113.5", `${secret}x`, day)).not.toBe(key);
	});
});
