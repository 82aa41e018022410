// Page paths are reduced to a fixed set of route templates: a raw path can carry an order
// number, a search term or an email typed into a URL, a template cannot.

// The storefront's own page routes (workers/storefront/routes/pages.tsx, shop-pages.tsx,
// payment-pages.tsx); a path of any other shape is "/other".
export const PATH_TEMPLATES = [
	"/",
	"/c/:slug",
	"/p/:slug",
	"/cart",
	"/checkout",
	"/pay/:session",
	"/orders/:number",
	"/privacy",
	"/other",
] as const;
export type PathTemplate = (typeof PATH_TEMPLATES)[number];

const TEMPLATE_SET: ReadonlySet<string> = new Set(PATH_TEMPLATES);

const PATTERNS: readonly [RegExp, PathTemplate][] = [
	[/^\/$/, "/"],
	[/^\/c\/[^/]+$/, "/c/:slug"],
	[/^\/p\/[^/]+$/, "/p/:slug"],
	[/^\/cart$/, "/cart"],
	[/^\/checkout$/, "/checkout"],
	[/^\/pay\/[^/]+\/[^/]+$/, "/pay/:session"],
	[/^\/orders\/[^/]+(\/(thanks|cancelled))?$/, "/orders/:number"],
	[/^\/privacy$/, "/privacy"],
];

export function isPathTemplate(value: unknown): value is PathTemplate {
	return typeof value === "string" && TEMPLATE_SET.has(value);
}

/** Maps a raw path (query and fragment ignored) to its template; anything unknown is "/other". */
export function templatePath(rawPath: string): PathTemplate {
	if (isPathTemplate(rawPath)) return rawPath;
	const path = (rawPath.split(/[?#]/, 1)[0] ?? "").toLowerCase().replace(/\/+$/, "") || "/";
	return PATTERNS.find(([pattern]) => pattern.test(path))?.[1] ?? "/other";
}
