// The raw material of the mutated requests: unicode edge cases, injection strings, values of the
// wrong type, malformed JSON, wrong content types, and huge values that stay readable when
// fast-check prints a counterexample (`"x".repeat(40960)` rather than 40 KB of x).
import fc from "fast-check";

/** A long string, built only when a request is: prints as `"x".repeat(n)`. */
export class Repeat {
	constructor(
		readonly unit: string,
		readonly count: number,
	) {}
	toString(): string {
		return this.unit.repeat(this.count);
	}
	toJSON(): string {
		return this.toString();
	}
	[fc.toStringMethod](): string {
		return `${JSON.stringify(this.unit)}.repeat(${this.count})`;
	}
}

/** A long array of one item, built only when a request is: prints as `Array(n).fill(item)`. */
export class RepeatArray {
	constructor(
		readonly item: unknown,
		readonly count: number,
	) {}
	toJSON(): unknown[] {
		return Array.from({ length: this.count }, () => this.item);
	}
	toString(): string {
		return this.toJSON().join(",");
	}
	[fc.toStringMethod](): string {
		return `Array(${this.count}).fill(${fc.stringify(this.item)})`;
	}
}

export const KIB = 1024;

export const UNICODE_EDGE_CASES: readonly string[] = [
	"\uD800", // lone high surrogate
	"a\uDFFFb", // lone low surrogate
	"\uDC00\uD800", // a pair in the wrong order
	"\u202Eevil\u202C", // right-to-left override
	"\u200F\u061C", // right-to-left and Arabic letter marks
	"مرحبا بالعالم",
	"\u200B\u200C\u200D\u2060\uFEFF", // zero-width characters and BOM
	"a\u0000b", // NUL
	"\u0001\u001F\u007F\u0085", // control characters
	"line\r\nbreak\u2028\u2029",
	`e${"\u0301".repeat(60)}`, // one letter, sixty combining accents
	"Z̴̡̧̛̙̗͖̹̮͚̹̳̪̞̝̯͎̫̫̪̜̙̬̳̼̯̟͖̙̙̰̫̤̥̫̦̬̊̓̾͆̊̽̑̍̅͑͌̑̈́̍̏̆̄̑̅̂̏̎̈́̐̿̚͝͝",
	"👩‍👩‍👧‍👦🏳️‍🌈🇺🇸👍🏽",
	"\u{1F600}".repeat(30),
	"\uFFFE\uFFFF\u{10FFFF}", // non-characters
	"аdmin", // Cyrillic а
	"ＬＷ－７Ｋ２Ｍ", // fullwidth
	"İstanbul ıi ß ﬁ", // case mappings that change length
	"Ω≈ç√∫˜µ≤≥÷",
	" \t\n ",
];

export const INJECTION_STRINGS: readonly string[] = [
	"' OR '1'='1",
	"1; DROP TABLE orders; --",
	'" UNION SELECT * FROM order_contacts --',
	"%' AND 1=0 UNION SELECT name, sql FROM sqlite_master --",
	"' || sqlite_version() || '",
	"\\'); DELETE FROM variants; --",
	"<script>alert(1)</script>",
	'"><img src=x onerror=alert(1)>',
	"javascript:alert(1)",
	"</title><svg/onload=alert(1)>",
	"../../../etc/passwd",
	"..\\..\\windows\\win.ini",
	"%2e%2e%2f%2e%2e%2fetc%2fpasswd",
	"....//....//",
	"{{7*7}}",
	// biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
	"${7*7}",
	"<%= 7*7 %>",
	"#{7*7}",
	"{{constructor.constructor('return this')()}}",
	"__proto__",
	"constructor",
	"prototype",
	"__proto__[polluted]=1",
	"constructor.prototype.polluted",
	"x\r\nSet-Cookie: pwned=1",
	"%s%s%s%n%x",
	'{"$ne":null}',
	"*)(uid=*))(|(uid=*",
	"null",
	"undefined",
	"NaN",
	"-Infinity",
	"1e309",
	"-0",
	"0x1A",
	"4294967296",
	"99999999999999999999999",
	"https://evil.example/",
	"//evil.example",
	"a@b.c\nBcc: victim@example.org",
	'"quoted local"@example.org',
	"a@[127.0.0.1]",
];

/** Strings long enough to break a bound somewhere; the 40 KiB one exceeds the 32 KiB body limit. */
export const HUGE_STRINGS: readonly Repeat[] = [
	new Repeat("x", 257),
	new Repeat("x", 5000),
	new Repeat("a", 40 * KIB),
	new Repeat("😀", 4000),
	new Repeat("\u0301", 3000),
	new Repeat("%", 2000),
];

/** Every hostile string, huge ones included (fewer of those: each costs a big request). */
export const hostileString: fc.Arbitrary<string | Repeat> = fc.oneof(
	{ arbitrary: fc.constantFrom(...UNICODE_EDGE_CASES), weight: 3 },
	{ arbitrary: fc.constantFrom(...INJECTION_STRINGS), weight: 3 },
	{ arbitrary: fc.constantFrom(...HUGE_STRINGS), weight: 1 },
	{ arbitrary: fc.string({ unit: "binary", maxLength: 24 }), weight: 1 },
);

let deeplyNested: unknown = "leaf";
for (let i = 0; i < 64; i++) deeplyNested = { a: deeplyNested };

/** Values of every JSON type, for a place that expects another. */
export const WRONG_TYPE_VALUES: readonly unknown[] = [
	null,
	true,
	false,
	0,
	-1,
	1.5,
	2 ** 53 + 2,
	1e308,
	-1e308,
	"",
	"1",
	"true",
	[],
	[1, "1", null],
	{},
	{ a: 1 },
	deeplyNested,
	new RepeatArray(null, 200),
];

/** Keys an object should not have: prototype pollution, privileged-sounding fields, odd names. */
export const EXTRA_KEYS: readonly string[] = [
	"__proto__",
	"constructor",
	"prototype",
	"isAdmin",
	"role",
	"status",
	"id",
	"totalMinor",
	"priceMinor",
	"accountId",
	"",
	"\u0000",
	"a.b",
	"$where",
];

export const extraFieldValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom<unknown>(
		{ polluted: true, isAdmin: true },
		{ prototype: { polluted: true } },
		true,
		"admin",
		0,
		null,
	),
	hostileString,
);

/** Bodies that are not JSON, or JSON of an unexpected kind, sent as application/json. */
export const MALFORMED_JSON: readonly (string | Repeat)[] = [
	"",
	" ",
	"{",
	"}",
	'{"a":}',
	'{"a":1,}',
	"{'a':1}",
	"{a:1}",
	"[1,2",
	'"unterminated',
	"NaN",
	"undefined",
	'{"a":1}{"b":2}',
	"\uFEFF{}",
	'{"a":"\\x41"}',
	'{"a":01}',
	'{"a":"\\uD800"}',
	"// comment\n{}",
	"\u0000",
	"null",
	"true",
	"[]",
	'"a string"',
	"123",
	new Repeat("1", 400),
	new Repeat("[", 5000),
	new Repeat('{"a":', 3000),
	'{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
];

export const NON_JSON_CONTENT_TYPES: readonly (string | null)[] = [
	null,
	"",
	"text/plain",
	"text/html",
	"application/x-www-form-urlencoded",
	"multipart/form-data",
	"multipart/form-data; boundary=xyz",
	"application/xml",
	"application/json; charset=utf-16",
	"application/jsonp",
	"APPLICATION/JSON",
	"application/json, text/html",
	"application/merge-patch+json",
	"application/octet-stream",
];

/** Form bodies (application/x-www-form-urlencoded) no form encoder would write. */
export const MALFORMED_FORMS: readonly (string | Repeat)[] = [
	"",
	"=",
	"&&&",
	"a=%ZZ",
	"a=%E0%A4%A",
	"a=%ED%A0%80",
	"%FF=%FE",
	"quantity=1&quantity=2&quantity=3",
	"__proto__[polluted]=1&constructor[prototype][polluted]=1",
	"a[]=1&a[]=2",
	new Repeat("a=1&", 6000),
];

/**
 * Raw URL pieces inserted without encoding (path parameters and query values): encodings a
 * client cannot produce from a string, separators, and traversal.
 */
export const RAW_URL_PIECES: readonly string[] = [
	"%",
	"%ZZ",
	"%ff%fe",
	"%ED%A0%80",
	"%E0%A4%A",
	"%00",
	"%2F",
	"%2e%2e%2f%2e%2e",
	"..",
	"a/b",
	"a%3Fb%23c",
	"+",
	"%20%20",
	"0",
	"-1",
	"1.5",
	"99999999999999999999",
];
