import { describe, expect, it } from "vitest";
import { clientNetwork, rateLimitKey } from "../../../workers/storefront/analytics/rate-limit";

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

describe("clientNetwork", () => {
	it("keys IPv6 clients by their /64, however the address is written", () => {
		const net = "2001:db8:85a3:42::/64";
		expect(clientNetwork("2001:db8:85a3:42::1")).toBe(net);
		expect(clientNetwork("2001:0db8:85a3:0042:ffff:1:2:3")).toBe(net);
		expect(clientNetwork("2001:DB8:85A3:42:0:0:0:9")).toBe(net);
		expect(clientNetwork("2001:db8:85a3:43::1")).not.toBe(net);
		expect(clientNetwork("::1")).toBe("0:0:0:0::/64");
	});

	it("keeps IPv4 addresses and anything unparsable whole", () => {
		expect(clientNetwork("203.0.113.5")).toBe("203.0.113.5");
		expect(clientNetwork("not:an:address")).toBe("not:an:address");
		expect(clientNetwork("1:2:3:4:5:6:7:8:9")).toBe("1:2:3:4:5:6:7:8:9");
	});
});
