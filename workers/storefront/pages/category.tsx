import type { Child } from "hono/jsx";
import { translatedColorLabel } from "../catalog/format";
import { DEFAULT_LIMIT, SORTS, type Sort } from "../catalog/listing";
import type { CategoryPageQuery, ProductListQuery } from "../catalog/schemas";
import type { ProductPage } from "../db/catalog";
import type { Category } from "../db/schema";
import { formatWholeMoney, minorDigits } from "../i18n/formats";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import type { Currency } from "../markets/markets";
import { Layout, type NavCategory } from "./layout";
import { type CardColors, ProductGrid } from "./product-card";

/**
 * The price filter's steps in whole units of each currency: round numbers of that currency that
 * cut the catalog where the US steps ($25 … $500) do, since each price list follows the US one.
 */
const PRICE_STEPS: Readonly<Record<Currency, readonly number[]>> = {
	USD: [25, 50, 100, 200, 300, 500],
	CAD: [35, 70, 150, 300, 400, 700],
	GBP: [25, 50, 100, 200, 300, 500],
	EUR: [25, 50, 100, 200, 300, 500],
	AUD: [40, 80, 150, 300, 500, 800],
	NZD: [50, 100, 200, 400, 600, 1000],
	JPY: [4000, 8000, 15000, 30000, 50000, 80000],
};
export const FLAGS = [
	["washable", "badge.machine-washable"],
	["stainResistant", "badge.stain-resistant"],
	["petFriendly", "badge.pet-friendly"],
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
	any,
	invalid,
}: {
	name: string;
	label: string;
	value: string | undefined;
	options: [value: string, label: string][];
	any?: string;
	invalid?: boolean;
}) {
	const l = useLocale();
	return (
		<div>
			<label for={`f-${name}`}>{label}</label>
			<select id={`f-${name}`} name={name} aria-invalid={invalid ? "true" : undefined}>
				<option value="">{any ?? l.t("category.any")}</option>
				{options.map(([v, text]) => (
					<option value={v} selected={v === value}>
						{text}
					</option>
				))}
			</select>
		</div>
	);
}

/**
 * The price choices in minor units of the page's currency, labelled in its locale; a hand-edited
 * URL can carry a price that is not a step, kept visible as selected.
 */
export function priceOptions(
	query: { minPrice?: number | undefined; maxPrice?: number | undefined },
	l: Pick<PageLocale, "currency" | "tag">,
) {
	const perMajor = 10 ** minorDigits(l.currency);
	const stepsMinor = PRICE_STEPS[l.currency].map((major) => major * perMajor);
	const steps = [...new Set([...stepsMinor, query.minPrice ?? 0, query.maxPrice ?? 0])].filter((p) => p > 0);
	return steps
		.sort((a, b) => a - b)
		.map((p): [string, string] => [String(p), formatWholeMoney(p, l.currency, l.tag)]);
}

export function FeatureChecks({ query }: { query: ListingQuery }) {
	const l = useLocale();
	return (
		<fieldset>
			<legend>{l.t("product.features")}</legend>
			{FLAGS.map(([name, text]) => (
				<label class="check">
					<input type="checkbox" name={name} value="true" checked={query[name] === true} />
					{l.t(text)}
				</label>
			))}
		</fieldset>
	);
}

export function SortSelect({ sort }: { sort: Sort }) {
	const l = useLocale();
	return (
		<div>
			<label for="f-sort">{l.t("category.sortBy")}</label>
			<select id="f-sort" name="sort">
				{SORTS.map((v) => (
					<option value={v} selected={v === sort}>
						{l.t(`category.sort.${v}`)}
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
	const l = useLocale();
	return (
		<details class="fold">
			<summary>
				{active === 0
					? l.t("category.filterAndSort")
					: l.t("category.filterAndSortActive", { count: l.number(active) })}
			</summary>
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
	/** The site's origin, for the canonical address and the locale alternates. */
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
	const l = useLocale();
	const prices = priceOptions(query, l);
	const plain = `/c/${category.slug}`;
	return (
		<Layout
			title={category.name}
			description={category.description}
			categories={categories}
			origin={origin}
			// Filtered, sorted and later pages all show the category's rugs: search engines index the plain one.
			canonicalPath={plain}
		>
			<h1>{category.name}</h1>
			<p class="lead">{category.description}</p>

			<FoldedFilters active={activeFilterCount(query)}>
				<form class="filters" method="get" action={l.href(plain)} aria-label={l.t("category.filterAndSort")}>
					<div>
						<label for="f-q">{l.t("layout.search")}</label>
						<input id="f-q" type="search" name="q" maxlength={100} value={query.q ?? ""} />
					</div>
					<Select
						name="color"
						label={l.t("product.colour")}
						value={query.color}
						options={facets.colors.map((c) => [c, translatedColorLabel(c, l.t)])}
					/>
					<Select
						name="size"
						label={l.t("product.size")}
						value={query.size}
						options={facets.sizes.map((s) => [s, l.size(s)])}
					/>
					<Select
						name="minPrice"
						label={l.t("category.fromPrice")}
						value={query.minPrice?.toString()}
						options={prices}
					/>
					<Select
						name="maxPrice"
						label={l.t("category.upToPrice")}
						value={query.maxPrice?.toString()}
						options={prices}
					/>
					<FeatureChecks query={query} />
					<SortSelect sort={query.sort} />
					<div>
						<button type="submit">{l.t("category.showRugs")}</button>
					</div>
				</form>
			</FoldedFilters>

			<section aria-labelledby="results-heading">
				<h2 id="results-heading">
					{page.items.length === 0
						? l.t("category.noMatch")
						: l.t("category.rugsIn", { category: category.name })}
				</h2>
				{page.items.length === 0 ? (
					<p>
						<a href={l.href(plain)}>{l.t("category.clearFilters")}</a>
					</p>
				) : (
					<ProductGrid products={page.items} colors={colors} />
				)}
				<nav class="pager" aria-label={l.t("category.pagination")}>
					{query.cursor ? (
						<a href={l.href(categoryHref(category.slug, query))}>{l.t("category.firstPage")}</a>
					) : null}
					{page.nextCursor ? (
						<a href={l.href(categoryHref(category.slug, query, page.nextCursor))} rel="next">
							{l.t("category.nextPage")}
						</a>
					) : null}
				</nav>
			</section>
		</Layout>
	);
}
