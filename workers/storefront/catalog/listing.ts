// Pure rules of the product listing: sort orders, the opaque keyset cursor, badges and the
// text-query terms. The query functions in db/catalog.ts turn these into SQL.
import * as z from "zod";

export const SORTS = ["popular", "newest", "price_asc", "price_desc"] as const;
export type Sort = (typeof SORTS)[number];

export const BADGES = ["machine-washable", "stain-resistant", "non-slip", "pet-friendly"] as const;
export type Badge = (typeof BADGES)[number];

export const DEFAULT_LIMIT = 24;
export const MAX_LIMIT = 50;
// Each term binds two parameters; the cap keeps a listing query far below D1's 100 parameters.
export const MAX_QUERY_TERMS = 5;
export const MAX_CURSOR_LENGTH = 200;

/** Filters a listing applies; absent fields do not filter. Prices are in minor units. */
export type ProductFilters = {
	category?: string;
	color?: string;
	size?: string;
	washable?: boolean;
	stainResistant?: boolean;
	petFriendly?: boolean;
	minPrice?: number;
	maxPrice?: number;
	terms?: string[];
	/** Whose price list: prices, price sorts and price filters are in it. USD when absent. */
	currency?: string;
};

/** Position after the last row of a page: that row's sort key and id, for the sort it was made for. */
export type Cursor = { sort: Sort; key: number; id: number };

export type PageRequest = { sort: Sort; limit: number; after?: Cursor };

const CursorPayload = z
	.object({
		s: z.enum(SORTS),
		k: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
		i: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
	})
	.strict();

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(cursor: Cursor): string {
	const json = JSON.stringify({ s: cursor.sort, k: cursor.key, i: cursor.id });
	return btoa(json).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The cursor a client sent back, or null when it is not one we could have issued. */
export function decodeCursor(raw: string): Cursor | null {
	if (raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) return null;
	let payload: unknown;
	try {
		const padded = raw
			.replaceAll("-", "+")
			.replaceAll("_", "/")
			.padEnd(Math.ceil(raw.length / 4) * 4, "=");
		payload = JSON.parse(atob(padded));
	} catch {
		return null;
	}
	const parsed = CursorPayload.safeParse(payload);
	return parsed.success ? { sort: parsed.data.s, key: parsed.data.k, id: parsed.data.i } : null;
}

type SortKeySource = { id: number; minPriceMinor: number; createdAt: number; popularity: number };

export function sortKey(sort: Sort, row: SortKeySource): number {
	switch (sort) {
		case "price_asc":
		case "price_desc":
			return row.minPriceMinor;
		case "newest":
			return row.createdAt;
		case "popular":
			return row.popularity;
	}
}

export function isAscending(sort: Sort): boolean {
	return sort === "price_asc";
}

/** Splits a free-text query into at most MAX_QUERY_TERMS distinct lowercase words. */
export function queryTerms(q: string): string[] {
	const words = q.toLowerCase().split(/\s+/).filter(Boolean);
	return [...new Set(words)].slice(0, MAX_QUERY_TERMS);
}

type BadgeSource = {
	machineWashable: boolean;
	stainResistant: boolean;
	nonSlipBacking: boolean;
	petFriendly: boolean;
};

export function productBadges(p: BadgeSource): Badge[] {
	const badges: Badge[] = [];
	if (p.machineWashable) badges.push("machine-washable");
	if (p.stainResistant) badges.push("stain-resistant");
	if (p.nonSlipBacking) badges.push("non-slip");
	if (p.petFriendly) badges.push("pet-friendly");
	return badges;
}
