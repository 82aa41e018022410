import { describe, expect, it } from "vitest";
import { BROWSER_UA, fetchWith, recordingQueue, signedCookie } from "./helpers";

function post(queue: Queue, body: string, headers: Record<string, string> = {}) {
	return fetchWith({ EVENTS: queue }, "/api/v1/events", {
		method: "POST",
		headers: { "Content-Type": "application/json", "User-Agent": BROWSER_UA, ...headers },
		body,
	});
}

describe("POST /api/v1/events", () => {
	it("gives every event its own id and carries recent views from the cookie", async () => {
		const { queue, sent } = recordingQueue();
		const res = await post(
			queue,
			JSON.stringify({
				events: [
					{ type: "view", productId: 7 },
					{ type: "view", productId: 8 },
				],
			}),
			{ Cookie: await signedCookie("lw_recent", "3.7.4") },
		);
		expect(res.status).toBe(202);
		const bodies = sent as { id: string; recent: number[]; device: string }[];
		expect(new Set(bodies.map((b) => b.id)).size).toBe(2);
		expect(bodies.map((b) => b.recent)).toStrictEqual([
			[3, 4],
			[7, 3, 4],
		]);
		expect(bodies[0]?.device).toBe("desktop");
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-lw_recent="));
		expect(decodeURIComponent(cookie ?? "")).toMatch(/^__Host-lw_recent=8\.7\.3\.4\.[A-Za-z0-9+/=]+;/);
		expect(cookie).toMatch(/HttpOnly/i);
	});

	it("puts a pair in context once a day per browser, remembered in the browser's own cookie", async () => {
		const { queue, sent } = recordingQueue();
		const view = (productId: number) => JSON.stringify({ events: [{ type: "view", productId }] });
		const today = Math.floor(Date.now() / 86_400_000);
		const first = await post(queue, view(8), { Cookie: await signedCookie("lw_recent", "3") });
		const paired = decodeURIComponent(
			first.headers.getSetCookie().find((c) => c.startsWith("__Host-lw_paired=")) ?? "",
		);
		expect(paired).toMatch(new RegExp(`^__Host-lw_paired=${today}\\.3-8\\.[A-Za-z0-9+/=]+;`));
		expect(paired).toMatch(/HttpOnly/i);
		// Back to 3, then 8 again: the pair 3-8 was counted today already.
		await post(queue, view(3), {
			Cookie: `${await signedCookie("lw_recent", "8.3")}; ${await signedCookie("lw_paired", `${today}.3-8`)}`,
		});
		// Another day's list is forgotten.
		await post(queue, view(3), {
			Cookie: `${await signedCookie("lw_recent", "8")}; ${await signedCookie("lw_paired", `${today - 1}.3-8`)}`,
		});
		expect((sent as { recent: number[] }[]).map((b) => b.recent)).toStrictEqual([[3], [], [8]]);
	});

	it("reads an unsigned or edited context cookie as none: no history to pair with, no reset budget", async () => {
		const { queue, sent } = recordingQueue();
		const view = (productId: number) => JSON.stringify({ events: [{ type: "view", productId }] });
		const signed = await signedCookie("lw_recent", "3");
		const edited = signed.replace("lw_recent=3.", "lw_recent=4.");
		for (const cookie of ["__Host-lw_recent=3.7.4", edited]) {
			expect((await post(queue, view(9), { Cookie: cookie })).status).toBe(202);
		}
		expect((sent as { recent: number[] }[]).map((b) => b.recent)).toStrictEqual([[], []]);
	});

	it("counts a product or page once per request, however often the request repeats it", async () => {
		const { queue, sent } = recordingQueue();
		const events = [
			...Array.from({ length: 8 }, () => ({ type: "view", productId: 5 })),
			{ type: "page", path: "/p/x" },
			{ type: "page", path: "/p/x" },
		];
		const res = await post(queue, JSON.stringify({ events }));
		expect(await res.json()).toMatchObject({ accepted: 2, ignored: 8 });
		expect((sent as { type: string }[]).map((b) => b.type)).toStrictEqual(["view", "page"]);
	});

	it("ignores a garbled recent-views cookie instead of failing", async () => {
		const { queue, sent } = recordingQueue();
		const res = await post(queue, JSON.stringify({ events: [{ type: "view", productId: 7 }] }), {
			Cookie: "__Host-lw_recent=1.2.x'--",
		});
		expect(res.status).toBe(202);
		expect((sent[0] as { recent: number[] }).recent).toStrictEqual([]);
	});

	it("ignores cart and purchase events from the browser: the server emits those", async () => {
		const { queue, sent } = recordingQueue();
		const res = await post(
			queue,
			JSON.stringify({
				events: [
					{ type: "purchase", productIds: [1, 2] },
					{ type: "cart_add", productId: 1 },
				],
			}),
		);
		expect(await res.json()).toStrictEqual({ accepted: 0, ignored: 2, collecting: true });
		expect(sent).toStrictEqual([]);
	});

	it("sends nothing for automated clients", async () => {
		const { queue, sent } = recordingQueue();
		await post(queue, JSON.stringify({ events: [{ type: "view", productId: 7 }] }), {
			"User-Agent": "Googlebot/2.1",
		});
		expect(sent).toStrictEqual([]);
	});

	it("rejects hostile bodies with 4xx in the shared error shape, enqueuing nothing", async () => {
		const { queue, sent } = recordingQueue();
		const bad = [
			JSON.stringify({ events: [{ type: "view", productId: 7, email: "a@b.c" }] }),
			JSON.stringify({ events: [{ type: "view", productId: "7" }] }),
			JSON.stringify({ events: [{ type: "view", productId: 1.5 }] }),
			JSON.stringify({ events: [{ type: "signup" }] }),
			JSON.stringify({ events: [] }),
			JSON.stringify({ events: Array.from({ length: 11 }, () => ({ type: "view", productId: 1 })) }),
			JSON.stringify({ events: [{ type: "page", path: "x".repeat(513) }] }),
			JSON.stringify({ events: [{ type: "view", productId: 1 }], extra: true }),
			JSON.stringify([{ type: "view", productId: 1 }]),
			"{not json",
			"",
		];
		for (const body of bad) {
			const res = await post(queue, body);
			expect(res.status, body.slice(0, 60)).toBe(400);
			const json = (await res.json()) as { error: { code: string; requestId: string } };
			expect(json.error.code).toMatch(/validation_failed|invalid_json/);
		}
		expect(sent).toStrictEqual([]);
	});

	it("rejects a body over the beacon bound with 413", async () => {
		const { queue, sent } = recordingQueue();
		const res = await post(
			queue,
			JSON.stringify({ events: [{ type: "page", path: "/" }], pad: "x".repeat(5000) }),
		);
		expect(res.status).toBe(413);
		expect(sent).toStrictEqual([]);
	});

	it("rejects a body without a JSON content type", async () => {
		const { queue, sent } = recordingQueue();
		const res = await fetchWith({ EVENTS: queue }, "/api/v1/events", {
			method: "POST",
			body: JSON.stringify({ events: [{ type: "page", path: "/" }] }),
		});
		expect(res.status).toBeGreaterThanOrEqual(400);
		expect(res.status).toBeLessThan(500);
		expect(sent).toStrictEqual([]);
	});

	it("rate limits one client", async () => {
		const { queue } = recordingQueue();
		const body = JSON.stringify({ events: [{ type: "page", path: "/" }] });
		const statuses: number[] = [];
		// More than two windows' worth, so a window boundary during the loop cannot hide the limit.
		for (let i = 0; i < 245; i++) {
			statuses.push((await post(queue, body, { "CF-Connecting-IP": "192.0.2.200" })).status);
		}
		expect(statuses.slice(0, 120).every((s) => s === 202)).toBe(true);
		expect(statuses).toContain(429);
		// Another client is not affected.
		expect((await post(queue, body, { "CF-Connecting-IP": "192.0.2.201" })).status).toBe(202);
	});
});

describe("OpenAPI document", () => {
	it("documents every analytics operation with its error responses", async () => {
		const res = await fetchWith({}, "/api/v1/openapi.json");
		const doc = (await res.json()) as {
			paths: Record<
				string,
				Record<string, { responses: Record<string, unknown>; requestBody?: { required?: boolean } }>
			>;
		};
		expect(doc.paths["/api/v1/events"]?.post?.requestBody?.required).toBe(true);
		expect(Object.keys(doc.paths["/api/v1/events"]?.post?.responses ?? {})).toEqual(
			expect.arrayContaining(["202", "400", "413", "429"]),
		);
		expect(doc.paths["/api/v1/consent"]?.post?.requestBody?.required).toBe(true);
		expect(Object.keys(doc.paths["/api/v1/recommendations"]?.get?.responses ?? {})).toEqual(
			expect.arrayContaining(["200", "400", "404"]),
		);
		expect(Object.keys(doc.paths["/api/v1/staff/analytics/summary"]?.get?.responses ?? {})).toEqual(
			expect.arrayContaining(["200", "401"]),
		);
	});
});
