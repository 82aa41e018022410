import type { Child } from "hono/jsx";
import { colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import { DEFAULT_LIMIT, type Sort } from "../catalog/listing";
import type { CategoryPageQuery, ProductListQuery } from "../catalog/schemas";
import type { ProductPage } from "../db/catalog";
import type { Category } from "../db/schema";
import { Layout, type NavCategory } from "./layout";
import { type CardColors, ProductGrid } from "./product-card";

export const SORT_LABELS: Record<Sort, string> = {
	popular: "Most popular",
	newest: "Newest",
	price_asc: "Price: low to high",
	price_desc: "Price: high to low",
};
const PRICE_STEPS = [2500, 5000, 10000, 20000, 30000, 50000];
export const FLAGS = [
	["washable", "Machine washable"],
	["stainResistant", "Stain resistant"],
	["petFriendly", "Pet friendly"],
] as const;

/** What a listing URL carries: the category page's query, or the search page's (with a category). */
type ListingQuery = CategoryPageQuery | ProductListQuery;
const FILTER_KEYS = ["q", "category", "color", "size", "minPrice", "maxPrice"] as const;

/** A listing's URL for a query (defaults left out) and, for following pages, a cursor. */
export function listingHref(path: string, query: ListingQuery, cursor?: string): string {
	const params = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const value = key in query ? query[key as keyof ListingQuery] : undefined;
		if (value !== undefined) params.set(key, String(value));
	}
	for (const [key] of FLAGS) {
		const value = query[key];
		if (value !== undefined) params.set(key, String(value));
	}
	if (query.sort !== "popular") params.set("sort", query.sort);
	if (query.limit !== DEFAULT_LIMIT) params.set("limit", String(query.limit));
	if (cursor) params.set("cursor", cursor);
	const search = params.toString();
	return `${path}${search ? `?${search}` : ""}`;
}

/** The category page's URL for a query and, for following pages, a cursor. */
export function categoryHref(slug: string, query: CategoryPageQuery, cursor?: string): string {
	return listingHref(`/c/${slug}`, query, cursor);
}

/** How many filters (not the sort or the page) a query applies, for the folded form's summary. */
export function activeFilterCount(query: ListingQuery): number {
	const keys = [...FILTER_KEYS.filter((k) => k !== "q"), ...FLAGS.map(([k]) => k)];
	return keys.filter((k) => k in query && query[k as keyof ListingQuery] !== undefined).length;
}

export function Select({
	name,
	label,
	value,
	options,
	any = "Any",
	invalid,
}: {
	name: string;
	label: string;
	value: string | undefined;
	options: [value: string, label: string][];
	any?: string;
	invalid?: boolean;
}) {
	return (
		<div>
			<label for={`f-${name}`}>{label}</label>
			<select id={`f-${name}`} name={name} aria-invalid={invalid ? "true" : undefined}>
				<option value="">{any}</option>
				{options.map(([v, text]) => (
					<option value={v} selected={v === value}>
						{text}
					</option>
				))}
			</select>
		</div>
	);
}

/** The price choices; a hand-edited URL can carry a price that is not a step, kept visible as selected. */
export function priceOptions(query: { minPrice?: number | undefined; maxPrice?: number | undefined }) {
	const steps = [...new Set([...PRICE_STEPS, query.minPrice ?? 0, query.maxPrice ?? 0])].filter((p) => p > 0);
	return steps
		.sort((a, b) => a - b)
		.map((p): [string, string] => [String(p), formatPrice(p, "USD").replace(/\.00$/, "")]);
}

export function FeatureChecks({ query }: { query: ListingQuery }) {
	return (
		<fieldset>
			<legend>Features</legend>
			{FLAGS.map(([name, text]) => (
				<label class="check">
					<input type="checkbox" name={name} value="true" checked={query[name] === true} />
					{text}
				</label>
			))}
		</fieldset>
	);
}

export function SortSelect({ sort }: { sort: Sort }) {
	return (
		<div>
			<label for="f-sort">Sort by</label>
			<select id="f-sort" name="sort">
				{Object.entries(SORT_LABELS).map(([v, text]) => (
					<option value={v} selected={v === sort}>
						{text}
					</option>
				))}
			</select>
		</div>
	);
}

/**
 * The filter form folded behind one control: on a phone it would fill the first screen. Wide
 * screens show it open (styles.ts), and it works without JavaScript either way.
 */
export function FoldedFilters({ active, children }: { active: number; children: Child }) {
	return (
		<details class="fold">
			<summary>{active === 0 ? "Filter and sort" : `Filter and sort (${active} active)`}</summary>
			{children}
		</details>
	);
}

type CategoryPageProps = {
	category: Category;
	categories: NavCategory[];
	facets: { colors: string[]; sizes: string[] };
	query: CategoryPageQuery;
	page: ProductPage;
	colors: CardColors;
	/** The site's origin, for the canonical address. */
	origin: string;
};

export function CategoryPage({
	category,
	categories,
	facets,
	query,
	page,
	colors,
	origin,
}: CategoryPageProps) {
	const prices = priceOptions(query);
	// Filtered, sorted and later pages all show the category's rugs: search engines index the plain one.
	const head = <link rel="canonical" href={`${origin}/c/${category.slug}`} />;
	return (
		<Layout title={category.name} description={category.description} categories={categories} head={head}>
			<h1>{category.name}</h1>
			<p class="lead">{category.description}</p>

			<FoldedFilters active={activeFilterCount(query)}>
				<form class="filters" method="get" action={`/c/${category.slug}`} aria-label="Filter and sort">
					<div>
						<label for="f-q">Search</label>
						<input id="f-q" type="search" name="q" maxlength={100} value={query.q ?? ""} />
					</div>
					<Select
						name="color"
						label="Colour"
						value={query.color}
						options={facets.colors.map((c) => [c, colorLabel(c)])}
					/>
					<Select
						name="size"
						label="Size"
						value={query.size}
						options={facets.sizes.map((s) => [s, sizeLabel(s)])}
					/>
					<Select name="minPrice" label="From price" value={query.minPrice?.toString()} options={prices} />
					<Select name="maxPrice" label="Up to price" value={query.maxPrice?.toString()} options={prices} />
					<FeatureChecks query={query} />
					<SortSelect sort={query.sort} />
					<div>
						<button type="submit">Show rugs</button>
					</div>
				</form>
			</FoldedFilters>

			<section aria-labelledby="results-heading">
				<h2 id="results-heading">
					{page.items.length === 0 ? "No rugs match these filters" : `Rugs in ${category.name}`}
				</h2>
				{page.items.length === 0 ? (
					<p>
						<a href={`/c/${category.slug}`}>Clear all filters</a>
					</p>
				) : (
					<ProductGrid products={page.items} colors={colors} />
				)}
				<nav class="pager" aria-label="Pagination">
					{query.cursor ? <a href={categoryHref(category.slug, query)}>First page</a> : null}
					{page.nextCursor ? (
						<a href={categoryHref(category.slug, query, page.nextCursor)} rel="next">
							Next page
						</a>
					) : null}
				</nav>
			</section>
		</Layout>
	);
}
