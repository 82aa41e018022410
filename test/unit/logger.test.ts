import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../workers/shared/logger";

function captureLines(level: "log" | "warn" | "error") {
	const lines: string[] = [];
	vi.spyOn(console, level).mockImplementation((line: string) => {
		lines.push(line);
	});
	return lines;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe("logger", () => {
	it("redacts personal fields by name, at any depth", () => {
		const lines = captureLines("log");
		createLogger({ requestId: "r1" }).info("checkout", {
			email: "marker.one@example.com",
			nested: { address: { line1: "12 Marker Lane" }, Phone: "+1 555 0199" },
			route: "/api/v1/checkout",
		});
		const line = lines.join("\n");
		expect(line).not.toMatch(/marker\.one|Marker Lane|555 0199/);
		expect(JSON.parse(line)).toMatchObject({
			requestId: "r1",
			route: "/api/v1/checkout",
			email: "[redacted]",
		});
	});

	it("logs a failed query's error without its bound parameters", () => {
		const lines = captureLines("error");
		const d1 = new Error("D1_ERROR: UNIQUE constraint failed: orders.number");
		const failed = new Error(
			"Failed query: select * from products where instr(lower(name), ?) > 0\nparams: victoria.marker@example.org,Victoria Marker",
			{ cause: d1 },
		);
		createLogger().error("unhandled error", { err: failed });
		const line = lines.join("\n");
		expect(line).not.toMatch(/victoria|Victoria/);
		const logged = JSON.parse(line) as {
			err: { name: string; message: string; stack: string; cause: { message: string } };
		};
		expect(logged.err.message).toContain("Failed query: select * from products");
		expect(logged.err.cause.message).toContain("UNIQUE constraint failed");
		expect(logged.err.stack).toMatch(/^\s+at /);
	});

	it("drops values quoted in an error message, such as the text JSON.parse choked on", () => {
		const lines = captureLines("error");
		let parseError: unknown;
		try {
			JSON.parse("quoted-marker-7731 is not json");
		} catch (err) {
			parseError = err;
		}
		createLogger().error("bad payload", { err: parseError });
		expect(lines.join("\n")).not.toContain("quoted-marker-7731");
		expect(lines.join("\n")).toContain("SyntaxError");
	});
});
