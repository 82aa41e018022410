// Issue #12, security checks: no log line any storefront test produces carries personal data.
// Every console line of the test file is kept (and still printed where vitest prints it); after
// the file, none may hold an email address or a phone number in the tests' formats. The tests'
// other markers (names, streets) are checked where they are used (pii-at-rest.test.ts).
import { afterAll, vi } from "vitest";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// The international formats the fixtures use: "+1 415 555 0100", "+44 20 7946 0958".
const PHONE = /\+\d{1,3}[ .-]\d{2,4}[ .-]\d{3,4}[ .-]?\d{0,4}/;

const lines: string[] = [];
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
	// biome-ignore lint/suspicious/noConsole: the scan wraps the console itself, passing lines through.
	const original = console[level].bind(console);
	vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
		lines.push(args.map((a) => (typeof a === "string" ? a : (JSON.stringify(a) ?? String(a)))).join(" "));
		original(...args);
	});
}

afterAll(() => {
	const leaking = lines.filter((line) => EMAIL.test(line) || PHONE.test(line));
	if (leaking.length > 0) {
		throw new Error(`log lines with personal data:\n${leaking.slice(0, 5).join("\n")}`);
	}
});
