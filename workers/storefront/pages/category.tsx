import { colorLabel, formatPrice, sizeLabel } from "../catalog/format";
import { DEFAULT_LIMIT, type Sort } from "../catalog/listing";
import type { CategoryPageQuery } from "../catalog/schemas";
import type { ProductPage } from "../db/catalog";
import type { Category } from "../db/schema";
import { Layout, type NavCategory } from "./layout";
import { ProductGrid } from "./product-card";

const SORT_LABELS: Record<Sort, string> = {
	popular: "Most popular",
	newest: "Newest",
	price_asc: "Price: low to high",
	price_desc: "Price: high to low",
};
const PRICE_STEPS = [2500, 5000, 10000, 20000, 30000, 50000];
const FLAGS = [
	["washable", "Machine washable"],
	["stainResistant", "Stain resistant"],
	["petFriendly", "Pet friendly"],
] as const;

/** The page URL for a query (defaults left out) and, for following pages, a cursor. */
export function categoryHref(slug: string, query: CategoryPageQuery, cursor?: string): string {
	const params = new URLSearchParams();
	for (const key of ["q", "color", "size", "minPrice", "maxPrice"] as const) {
		const value = query[key];
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
	return `/c/${slug}${search ? `?${search}` : ""}`;
}

type CategoryPageProps = {
	category: Category;
	categories: NavCategory[];
	facets: { colors: string[]; sizes: string[] };
	query: CategoryPageQuery;
	page: ProductPage;
};

function Select({
	name,
	label,
	value,
	options,
}: {
	name: string;
	label: string;
	value: string | undefined;
	options: [value: string, label: string][];
}) {
	return (
		<div>
			<label for={`f-${name}`}>{label}</label>
			<select id={`f-${name}`} name={name}>
				<option value="">Any</option>
				{options.map(([v, text]) => (
					<option value={v} selected={v === value}>
						{text}
					</option>
				))}
			</select>
		</div>
	);
}

export function CategoryPage({ category, categories, facets, query, page }: CategoryPageProps) {
	// A hand-edited URL can carry a price that is not a step; keep it visible as the selected option.
	const steps = [...new Set([...PRICE_STEPS, query.minPrice ?? 0, query.maxPrice ?? 0])].filter((p) => p > 0);
	const priceOptions = steps
		.sort((a, b) => a - b)
		.map((p): [string, string] => [String(p), formatPrice(p, "USD").replace(/\.00$/, "")]);
	return (
		<Layout title={category.name} description={category.description} categories={categories}>
			<h1>{category.name}</h1>
			<p class="lead">{category.description}</p>

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
				<Select
					name="minPrice"
					label="From price"
					value={query.minPrice?.toString()}
					options={priceOptions}
				/>
				<Select
					name="maxPrice"
					label="Up to price"
					value={query.maxPrice?.toString()}
					options={priceOptions}
				/>
				<fieldset>
					<legend>Features</legend>
					{FLAGS.map(([name, text]) => (
						<label class="check">
							<input type="checkbox" name={name} value="true" checked={query[name] === true} />
							{text}
						</label>
					))}
				</fieldset>
				<div>
					<label for="f-sort">Sort by</label>
					<select id="f-sort" name="sort">
						{Object.entries(SORT_LABELS).map(([v, text]) => (
							<option value={v} selected={v === query.sort}>
								{text}
							</option>
						))}
					</select>
				</div>
				<div>
					<button type="submit">Show rugs</button>
				</div>
			</form>

			<section aria-labelledby="results-heading">
				<h2 id="results-heading">
					{page.items.length === 0 ? "No rugs match these filters" : `Rugs in ${category.name}`}
				</h2>
				{page.items.length === 0 ? (
					<p>
						<a href={`/c/${category.slug}`}>Clear all filters</a>
					</p>
				) : (
					<ProductGrid products={page.items} />
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
