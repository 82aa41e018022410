// Requests for one OpenAPI operation, as small printable plans: a valid input drawn from the
// operation's schemas, then at most one mutation of it. Plans hold no big values (see Repeat), so
// a counterexample names the operation and its input in a few lines; `buildRequest` turns a plan
// into the Request that is sent.
import fc from "fast-check";
import {
	EXTRA_KEYS,
	extraFieldValue,
	hostileString,
	KIB,
	MALFORMED_FORMS,
	MALFORMED_JSON,
	NON_JSON_CONTENT_TYPES,
	RAW_URL_PIECES,
	Repeat,
	RepeatArray,
	WRONG_TYPE_VALUES,
} from "./hostile-values";
import {
	arbitraryOf,
	type JsonSchema,
	mergeAllOf,
	resolveSchema,
	type SchemaContext,
	typesOf,
} from "./json-schema-arbitrary";
import { type JwtTamper, jwtTamper } from "./jwt-tamper";
import type { Operation, ParameterObject } from "./openapi-operations";

/** A URL piece sent exactly as written (no percent-encoding): prints as `raw("%ff")`. */
export class RawUrl {
	constructor(readonly raw: string) {}
	[fc.toStringMethod](): string {
		return `raw(${JSON.stringify(this.raw)})`;
	}
}

/** A value the suite fills in when the request is built (a webhook signature over the final body). */
export class Computed {
	constructor(readonly what: string) {}
	[fc.toStringMethod](): string {
		return `computed(${this.what})`;
	}
}

/** A request valid per the operation's schemas (the body undefined when it takes none). */
export type ValidInput = {
	path: Record<string, unknown>;
	query: Record<string, unknown>;
	headers: Record<string, unknown>;
	body: unknown;
};

export const TAMPERED_COOKIES = [
	"__Host-lw_cart",
	"__Host-lw_session",
	"__Host-lw_consent",
	"__Host-lw_recent",
	"__Host-lw_paired",
	"__Host-lw_bm",
	"__Host-lw_orders",
] as const;

export type CookieValue =
	| { plain: string | Repeat }
	/** Signed with the storefront's real key, as the app signs its own cookies. */
	| { signed: string | Repeat }
	/** Another cookie of the same browser, under this name. */
	| { copyOf: string }
	/** The browser's own value and this one, the name twice. */
	| { alongside: string | Repeat };

export type Mutation =
	| { kind: "none" }
	| { kind: "drop-required"; pick: number }
	| { kind: "extra-field"; pick: number; key: string; value: unknown }
	| { kind: "wrong-type"; pick: number; value: unknown }
	| { kind: "past-bound"; pick: number }
	| { kind: "hostile-string"; pick: number; value: string | Repeat | RawUrl }
	| { kind: "huge-array"; pick: number; count: number }
	| { kind: "unknown-query"; key: string; value: string | Repeat | RawUrl }
	| { kind: "malformed-body"; text: string | Repeat }
	| { kind: "content-type"; contentType: string | null }
	| { kind: "oversize-body"; bytes: number; streamed: boolean }
	| { kind: "invalid-utf8"; utf16: boolean }
	| { kind: "cookie"; name: string; value: CookieValue }
	| { kind: "session-jwt"; tamper: JwtTamper; claim: string | Repeat }
	| { kind: "staff-jwt"; tamper: JwtTamper; claim: string | Repeat }
	| { kind: "cross-site"; origin: string | null; fetchSite: string | null }
	| { kind: "client-header"; name: string; value: string | Repeat | null }
	| { kind: "method"; method: string };

export type Plan = { op: string; input: ValidInput; mutation: Mutation };

// ── Valid input ─────────────────────────────────────────────────────────────────────────────────

function parameterGroup(params: ParameterObject[], ctx: SchemaContext) {
	const model: Record<string, fc.Arbitrary<unknown>> = {};
	for (const p of params) model[p.name] = arbitraryOf(p.schema ?? { type: "string" }, ctx, p.name);
	const requiredKeys = params.filter((p) => p.required || p.in === "path").map((p) => p.name);
	return fc.record(model, { requiredKeys, noNullPrototype: true });
}

/** Inputs valid per the operation's parameter and body schemas; `body` replaces the schema's draw. */
export function validInputArbitrary(
	op: Operation,
	ctx: SchemaContext,
	body?: fc.Arbitrary<unknown>,
): fc.Arbitrary<ValidInput> {
	const params = (where: ParameterObject["in"]) => op.parameters.filter((p) => p.in === where);
	return fc.record({
		path: parameterGroup(params("path"), ctx),
		query: parameterGroup(params("query"), ctx),
		headers: parameterGroup(params("header"), ctx),
		body: body ?? (op.body ? arbitraryOf(op.body.schema, ctx) : fc.constant(undefined)),
	});
}

// ── Mutations ───────────────────────────────────────────────────────────────────────────────────

const pick = fc.nat({ max: 1_000 });
const urlHostile = fc.oneof(hostileString, fc.constantFrom(...RAW_URL_PIECES.map((p) => new RawUrl(p))));

const today = Math.floor(Date.now() / 86_400_000);
const TOKEN = "AAAAAAAAAAAAAAAAAAAAAA";

/** Values near what each cookie holds (so they get past the first check), then plain garbage. */
const COOKIE_VALUES: Record<(typeof TAMPERED_COOKIES)[number], CookieValue[]> = {
	"__Host-lw_cart": [
		{ signed: TOKEN },
		{ signed: "not-a-token" },
		{ signed: `${TOKEN}.${TOKEN}` },
		{ plain: `${TOKEN}.${"A".repeat(43)}=` },
		{ plain: TOKEN },
	],
	"__Host-lw_session": [{ plain: "eyJhbGciOiJub25lIn0.e30." }, { plain: "a.b.c" }, { signed: "a.b.c" }],
	"__Host-lw_consent": [
		{ plain: "GRANTED" },
		{ plain: "granted " },
		{ plain: "%67ranted" },
		{ plain: "withdrawn" },
		{ signed: "granted" },
	],
	"__Host-lw_recent": [
		{ signed: "1.2.3" },
		{ signed: "0" },
		{ signed: "2147483648.1" },
		{ signed: "1.1.1.1.1" },
		{ signed: "9999999999.9999999999" },
		{ signed: new Repeat("1.", 2000) },
		{ plain: "1.2.3" },
	],
	"__Host-lw_paired": [
		{ signed: `${today}.1-2.3-4` },
		{ signed: `${today}.2-1.2-2` },
		{ signed: `${today}.0-2147483648` },
		{ signed: `${today}${".1-2".repeat(400)}` },
		{ signed: "999999.1-2" },
		{ plain: `${today}.1-2` },
	],
	"__Host-lw_bm": [
		{ plain: "00000000-00000001-00000000-00000000000000000000000000000000" },
		{ plain: "ffffffff-ffffffff-ffffffff-ffffffffffffffffffffffffffffffff" },
		{ plain: "0-0" },
		{ plain: "ffffffffffffffff-ffffffff" },
		{ plain: "0000000100000002-0000000300000004" },
		{ plain: "first-primary" },
		{ plain: "first-unconstrained" },
	],
	"__Host-lw_orders": [
		{ signed: `${TOKEN}~${TOKEN}` },
		{ signed: new Repeat(`${TOKEN}~`, 200) },
		{ signed: "~~~" },
		{ plain: `${TOKEN}.${"A".repeat(43)}=` },
	],
};

const GARBAGE: readonly (string | Repeat)[] = [
	"",
	"forged",
	"%ff%fe",
	"%E0%A4%A",
	'"quoted"',
	"a;b=c",
	"a=b=c",
	new Repeat("x", 5000),
];

function cookieValueFor(name: (typeof TAMPERED_COOKIES)[number]): fc.Arbitrary<CookieValue> {
	return fc.oneof(
		{ weight: 3, arbitrary: fc.constantFrom(...COOKIE_VALUES[name]) },
		{ weight: 1, arbitrary: fc.record({ plain: fc.oneof(fc.constantFrom(...GARBAGE), hostileString) }) },
		{ weight: 1, arbitrary: fc.record({ signed: hostileString }) },
		{ weight: 1, arbitrary: fc.record({ copyOf: fc.constantFrom(...TAMPERED_COOKIES) }) },
		{ weight: 1, arbitrary: fc.record({ alongside: fc.constantFrom(...GARBAGE) }) },
	);
}

const tamperedCookie: fc.Arbitrary<Mutation> = fc.oneof(
	...TAMPERED_COOKIES.map((name) =>
		fc.record({ kind: fc.constant("cookie" as const), name: fc.constant(name), value: cookieValueFor(name) }),
	),
);

/** Headers a client sets that the app reads (or must ignore), and values for them; null drops one. */
const CLIENT_HEADERS = [
	"CF-Connecting-IP",
	"User-Agent",
	"Sec-GPC",
	"DNT",
	"X-Request-Id",
	"X-Forwarded-For",
	"Accept",
	"Accept-Language",
] as const;
const CLIENT_HEADER_VALUES: readonly (string | Repeat | null)[] = [
	null,
	"",
	"1",
	" 1 ",
	"::1",
	"999.999.999.999",
	"1.2.3.4, 5.6.7.8",
	"Googlebot/2.1 (+http://www.google.com/bot.html)",
	"text/html",
	"*/*;q=0",
	new Repeat("A", 8000),
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The mutations that make sense for the operation (no body for GET), `none` the most likely. */
export function mutationArbitrary(op: Operation): fc.Arbitrary<Mutation> {
	const takesBody = op.method !== "GET" && op.method !== "HEAD";
	const weighted: fc.WeightedArbitrary<Mutation>[] = [
		{ weight: 7, arbitrary: fc.constant({ kind: "none" as const }) },
		{ weight: 2, arbitrary: fc.record({ kind: fc.constant("drop-required" as const), pick }) },
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant("extra-field" as const),
				pick,
				key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 8 })),
				value: extraFieldValue,
			}),
		},
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant("wrong-type" as const),
				pick,
				value: fc.constantFrom(...WRONG_TYPE_VALUES),
			}),
		},
		{ weight: 2, arbitrary: fc.record({ kind: fc.constant("past-bound" as const), pick }) },
		{
			weight: 3,
			arbitrary: fc.record({ kind: fc.constant("hostile-string" as const), pick, value: urlHostile }),
		},
		{
			weight: 1,
			arbitrary: fc.record({
				kind: fc.constant("huge-array" as const),
				pick,
				count: fc.constantFrom(1_000, 5_000),
			}),
		},
		{
			weight: 1,
			arbitrary: fc.record({
				kind: fc.constant("unknown-query" as const),
				key: fc.constantFrom(...EXTRA_KEYS, "limit", "cursor", "__proto__[polluted]"),
				value: urlHostile,
			}),
		},
		{ weight: 4, arbitrary: tamperedCookie },
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant("session-jwt" as const),
				tamper: jwtTamper,
				claim: hostileString,
			}),
		},
		{
			weight: op.path.startsWith("/api/v1/staff/") ? 3 : 1,
			arbitrary: fc.record({
				kind: fc.constant("staff-jwt" as const),
				tamper: jwtTamper,
				claim: hostileString,
			}),
		},
		{
			weight: 1,
			arbitrary: fc.record({
				kind: fc.constant("cross-site" as const),
				origin: fc.constantFrom("https://evil.example", "null", "https://loomwash.test.evil.example", null),
				fetchSite: fc.constantFrom("cross-site", "same-site", null),
			}),
		},
	];
	weighted.push(
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant("client-header" as const),
				name: fc.constantFrom(...CLIENT_HEADERS),
				value: fc.oneof(fc.constantFrom(...CLIENT_HEADER_VALUES), hostileString),
			}),
		},
		{
			weight: 1,
			arbitrary: fc.record({
				kind: fc.constant("method" as const),
				method: fc.constantFrom(...METHODS.filter((m) => m !== op.method)),
			}),
		},
	);
	if (takesBody) {
		weighted.push(
			{
				weight: 2,
				arbitrary: fc.record({
					kind: fc.constant("malformed-body" as const),
					text: fc.constantFrom(...(op.body?.mediaType.includes("form") ? MALFORMED_FORMS : MALFORMED_JSON)),
				}),
			},
			{
				weight: 2,
				arbitrary: fc.record({
					kind: fc.constant("content-type" as const),
					contentType: fc.constantFrom(...NON_JSON_CONTENT_TYPES, "application/json"),
				}),
			},
			{
				weight: 1,
				arbitrary: fc.record({
					kind: fc.constant("oversize-body" as const),
					bytes: fc.constantFrom(32 * KIB + 1, 40 * KIB, 256 * KIB),
					streamed: fc.boolean(),
				}),
			},
			{
				weight: 1,
				arbitrary: fc.record({ kind: fc.constant("invalid-utf8" as const), utf16: fc.boolean() }),
			},
		);
	}
	return fc.oneof(...weighted);
}

/** Plans for one operation: a valid input and at most one mutation of it. */
export function planArbitrary(
	op: Operation,
	ctx: SchemaContext,
	body?: fc.Arbitrary<unknown>,
): fc.Arbitrary<Plan> {
	return fc.record({
		op: fc.constant(op.id),
		input: validInputArbitrary(op, ctx, body),
		mutation: mutationArbitrary(op),
	});
}

// ── Applying a mutation ─────────────────────────────────────────────────────────────────────────

type Where = "path" | "query" | "header" | "body";
type Key = string | number;

/** A place in the request a mutation can hit, with the schema that governs it. */
type Site = { where: Where; at: Key[]; schema: JsonSchema | undefined; value: unknown; required: boolean };

/** The branch of anyOf/oneOf a value was drawn from (the object whose keys it has), allOf merged. */
function schemaFor(
	schema: JsonSchema | undefined,
	value: unknown,
	ctx: SchemaContext,
): JsonSchema | undefined {
	if (!schema) return undefined;
	const resolved = resolveSchema(schema, ctx);
	if (resolved.allOf) return mergeAllOf(resolved.allOf, ctx);
	const branches = (resolved.anyOf ?? resolved.oneOf)?.map((b) => resolveSchema(b, ctx));
	if (!branches) return resolved;
	const keys = value && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : null;
	return (
		branches.find((b) => keys && b.properties && keys.every((k) => k in (b.properties ?? {}))) ??
		branches.find((b) => typesOf(b).includes(Array.isArray(value) ? "array" : typeof value)) ??
		branches[0]
	);
}

function bodySites(
	value: unknown,
	schema: JsonSchema | undefined,
	ctx: SchemaContext,
	at: Key[],
	out: Site[],
) {
	const s = schemaFor(schema, value, ctx);
	out.push({ where: "body", at, schema: s, value, required: true });
	if (Array.isArray(value)) {
		value.forEach((item, i) => {
			bodySites(item, s?.items, ctx, [...at, i], out);
		});
	} else if (value && typeof value === "object") {
		for (const [key, child] of Object.entries(value)) {
			const extra = typeof s?.additionalProperties === "object" ? s.additionalProperties : undefined;
			bodySites(child, s?.properties?.[key] ?? extra, ctx, [...at, key], out);
		}
	}
}

function sitesOf(op: Operation, input: ValidInput, ctx: SchemaContext): Site[] {
	const sites: Site[] = [];
	for (const p of op.parameters) {
		if (p.in === "cookie") continue;
		const group = p.in === "path" ? input.path : p.in === "query" ? input.query : input.headers;
		sites.push({
			where: p.in,
			at: [p.name],
			schema: p.schema ? resolveSchema(p.schema, ctx) : undefined,
			value: group[p.name],
			required: p.required === true || p.in === "path",
		});
	}
	if (input.body !== undefined && op.body) bodySites(input.body, op.body.schema, ctx, [], sites);
	return sites;
}

/** Values just past what the schema allows. */
function pastBounds(schema: JsonSchema | undefined, value: unknown): unknown[] {
	if (!schema) return [];
	const out: unknown[] = [];
	const types = typesOf(schema);
	if (schema.enum) {
		out.push("not_in_enum");
		const first = schema.enum[0];
		if (typeof first === "string") out.push(first.toUpperCase(), ` ${first}`);
	}
	if (types.includes("string")) {
		if (schema.maxLength !== undefined) out.push(new Repeat("x", schema.maxLength + 1));
		if (schema.minLength) out.push("x".repeat(schema.minLength - 1));
		if (schema.pattern) out.push(`${String(value ?? "")}!`, ` ${String(value ?? "")}`);
		if (schema.format === "email") out.push("not-an-email", "a@b");
	}
	if (types.includes("integer") || types.includes("number")) {
		if (schema.minimum !== undefined) out.push(schema.minimum - 1);
		if (schema.maximum !== undefined) out.push(schema.maximum + 1);
		if (types.includes("integer")) out.push(1.5, 2 ** 53 + 2, -(2 ** 63));
	}
	if (types.includes("array")) {
		const item = Array.isArray(value) && value.length > 0 ? value[0] : 1;
		if (schema.maxItems !== undefined) out.push(new RepeatArray(item, schema.maxItems + 1));
		if (schema.minItems) out.push([]);
	}
	if (types.includes("object") && (schema.required?.length ?? 0) > 0) out.push({});
	if (types.includes("boolean")) out.push("true", 1);
	return out;
}

function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Sets (or, with `remove`, deletes) the value at `at` inside a cloned body; the new body. */
function setAt(root: unknown, at: Key[], value: unknown, remove = false): unknown {
	if (at.length === 0) return value;
	const copy = clone(root) as Record<Key, unknown>;
	let node = copy;
	for (const key of at.slice(0, -1)) node = node[key] as Record<Key, unknown>;
	const last = at[at.length - 1] as Key;
	if (remove) delete node[last];
	// defineProperty: `node.__proto__ = v` would set the prototype, not send a key.
	else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
	return copy;
}

/** The request after a mutation: parameter values, body and what to send with them. */
export type Mutated = {
	path: Record<string, unknown>;
	query: [string, unknown][];
	headers: Record<string, unknown>;
	body: unknown;
	/** How the body is sent, when the mutation decides it. */
	bodyOverride?:
		| { kind: "text"; text: string | Repeat; contentType: string | null }
		| { kind: "content-type"; contentType: string | null }
		| { kind: "oversize"; bytes: number; streamed: boolean }
		| { kind: "invalid-utf8"; utf16: boolean };
	cookies: { name: string; value: CookieValue }[];
	session?: { tamper: JwtTamper; claim: string | Repeat };
	staff?: { tamper: JwtTamper; claim: string | Repeat };
	crossSite?: { origin: string | null; fetchSite: string | null };
	clientHeader?: { name: string; value: string | Repeat | null };
	/** Another method than the operation's. */
	method?: string;
	/** What was done, for failure messages. */
	label: string;
};

function placeName(site: Site): string {
	return `${site.where}${site.at.length ? `.${site.at.join(".")}` : ""}`;
}

function replaceAt(base: Mutated, site: Site, value: unknown, remove = false): Mutated {
	const name = String(site.at[0]);
	switch (site.where) {
		case "body":
			return { ...base, body: setAt(base.body, site.at, value, remove) };
		case "path":
			return { ...base, path: { ...base.path, [name]: remove ? "" : value } };
		case "header": {
			const { [name]: _, ...rest } = base.headers;
			return { ...base, headers: remove ? rest : { ...rest, [name]: value } };
		}
		case "query": {
			const rest = base.query.filter(([k]) => k !== name);
			return { ...base, query: remove ? rest : [...rest, [name, value]] };
		}
	}
}

/** The plan's input with its mutation applied. */
export function applyMutation(op: Operation, plan: Plan, ctx: SchemaContext): Mutated {
	const { input, mutation } = plan;
	const base: Mutated = {
		path: input.path,
		query: Object.entries(input.query),
		headers: input.headers,
		body: input.body,
		cookies: [],
		label: "valid per schema",
	};
	const sites = sitesOf(op, input, ctx);
	const choose = (candidates: Site[], n: number) => candidates[n % Math.max(candidates.length, 1)];
	const fallback = (value: unknown): Mutated => ({
		...base,
		query: [...base.query, ["unexpected", value]],
		label: "no place for it: an unknown query parameter instead",
	});
	switch (mutation.kind) {
		case "none":
			return base;
		case "drop-required": {
			const candidates = sites.flatMap((site): { site: Site; key: string | undefined }[] => {
				if (site.where !== "body") return site.required ? [{ site, key: undefined }] : [];
				const present = Object.keys((site.value as object) ?? {});
				const required = (site.schema?.required ?? []).filter((k) => present.includes(k));
				return site.value && typeof site.value === "object" && !Array.isArray(site.value)
					? required.map((key) => ({ site, key }))
					: [];
			});
			const chosen = candidates[mutation.pick % Math.max(candidates.length, 1)];
			if (!chosen) return fallback("");
			const { site, key } = chosen;
			if (key === undefined)
				return { ...replaceAt(base, site, undefined, true), label: `dropped ${placeName(site)}` };
			const target = { ...site, at: [...site.at, key] };
			return { ...replaceAt(base, target, undefined, true), label: `dropped required ${placeName(target)}` };
		}
		case "extra-field": {
			const objects = sites.filter(
				(s) => s.where === "body" && s.value && typeof s.value === "object" && !Array.isArray(s.value),
			);
			const site = choose(objects, mutation.pick);
			if (!site) {
				return {
					...base,
					query: [...base.query, [mutation.key, mutation.value]],
					label: `extra query parameter ${JSON.stringify(mutation.key)}`,
				};
			}
			const target = { ...site, at: [...site.at, mutation.key] };
			return { ...replaceAt(base, target, mutation.value), label: `extra field ${placeName(target)}` };
		}
		case "wrong-type": {
			const site = choose(sites, mutation.pick);
			if (!site) return fallback(mutation.value);
			return { ...replaceAt(base, site, mutation.value), label: `wrong type at ${placeName(site)}` };
		}
		case "past-bound": {
			const candidates = sites.flatMap((site) =>
				pastBounds(site.schema, site.value).map((value) => ({ site, value })),
			);
			const chosen = candidates[mutation.pick % Math.max(candidates.length, 1)];
			if (!chosen) return fallback(new Repeat("x", 1000));
			return {
				...replaceAt(base, chosen.site, chosen.value),
				label: `past a bound at ${placeName(chosen.site)}: ${fc.stringify(chosen.value)}`,
			};
		}
		case "hostile-string": {
			const strings = sites.filter((s) => typeof s.value === "string" || s.where !== "body");
			const site = choose(strings.length ? strings : sites, mutation.pick);
			if (!site) return fallback(mutation.value);
			// Raw URL pieces only make sense in the URL; in a body they are plain strings.
			const value =
				mutation.value instanceof RawUrl && site.where === "body" ? mutation.value.raw : mutation.value;
			return { ...replaceAt(base, site, value), label: `hostile string at ${placeName(site)}` };
		}
		case "huge-array": {
			const arrays = sites.filter((s) => Array.isArray(s.value));
			const site = choose(arrays.length ? arrays : sites, mutation.pick);
			const item = site && Array.isArray(site.value) && site.value.length ? site.value[0] : 1;
			const value = new RepeatArray(item, mutation.count);
			if (!site) return fallback(value);
			return { ...replaceAt(base, site, value), label: `huge array at ${placeName(site)}` };
		}
		case "unknown-query":
			return {
				...base,
				query: [...base.query, [mutation.key, mutation.value]],
				label: `unknown query parameter ${JSON.stringify(mutation.key)}`,
			};
		case "malformed-body":
			return {
				...base,
				bodyOverride: {
					kind: "text",
					text: mutation.text,
					contentType: op.body?.mediaType ?? "application/json",
				},
				label: "malformed body",
			};
		case "content-type":
			return {
				...base,
				bodyOverride: { kind: "content-type", contentType: mutation.contentType },
				label: `content type ${JSON.stringify(mutation.contentType)}`,
			};
		case "oversize-body":
			return {
				...base,
				bodyOverride: { kind: "oversize", bytes: mutation.bytes, streamed: mutation.streamed },
				label: `oversize body (${mutation.bytes} bytes${mutation.streamed ? ", streamed" : ""})`,
			};
		case "invalid-utf8":
			return {
				...base,
				bodyOverride: { kind: "invalid-utf8", utf16: mutation.utf16 },
				label: mutation.utf16 ? "UTF-16 body" : "invalid UTF-8 body",
			};
		case "cookie":
			return {
				...base,
				cookies: [{ name: mutation.name, value: mutation.value }],
				label: `tampered cookie ${mutation.name}`,
			};
		case "session-jwt":
			return {
				...base,
				session: { tamper: mutation.tamper, claim: mutation.claim },
				label: `session token: ${mutation.tamper}`,
			};
		case "staff-jwt":
			return {
				...base,
				staff: { tamper: mutation.tamper, claim: mutation.claim },
				label: `staff token: ${mutation.tamper}`,
			};
		case "client-header":
			return {
				...base,
				clientHeader: { name: mutation.name, value: mutation.value },
				label: `client header ${mutation.name}: ${fc.stringify(mutation.value)}`,
			};
		case "method":
			return { ...base, method: mutation.method, label: `method ${mutation.method} instead of ${op.method}` };
		case "cross-site":
			return {
				...base,
				crossSite: { origin: mutation.origin, fetchSite: mutation.fetchSite },
				label: `cross-site (Origin ${JSON.stringify(mutation.origin)}, Sec-Fetch-Site ${JSON.stringify(mutation.fetchSite)})`,
			};
	}
}
