// The search results page: the header's search form lands here. The same cards, filters, sort and
// paging as a category page, over the whole catalog; public and cacheable, since the query is in
// the URL and nothing on the page depends on the shopper.
import type { ProductListQuery } from "../../catalog/schemas";
import type { ProductPage } from "../../db/catalog";
import {
	activeFilterCount,
	FeatureChecks,
	FLAGS,
	FoldedFilters,
	listingHref,
	priceOptions,
	Select,
	SortSelect,
} from "../category";
import { ErrorSummary, FieldError, type FormErrors } from "../form-parts";
import { Layout, type NavCategory } from "../layout";
import { type CardColors, ProductGrid } from "../product-card";
import { SHOP_CSS } from "./styles";

/** The search form's fields that have a control, in the order the form shows them. */
export const SEARCH_FIELDS = ["q", "category", "minPrice", "maxPrice"] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
export type SearchErrors = FormErrors<SearchField>;

/** What the form shows: a valid query, or what was typed when it was refused. */
export type SearchFormValues = {
	q: string;
	category: string;
	minPrice: string;
	maxPrice: string;
	sort: ProductListQuery["sort"];
	flags: Partial<Record<(typeof FLAGS)[number][0], boolean>>;
};

export function searchFormValues(query: ProductListQuery): SearchFormValues {
	return {
		q: query.q ?? "",
		category: query.category ?? "",
		minPrice: query.minPrice?.toString() ?? "",
		maxPrice: query.maxPrice?.toString() ?? "",
		sort: query.sort,
		flags: Object.fromEntries(FLAGS.map(([k]) => [k, query[k] === true])),
	};
}

const fieldId = (field: SearchField) => `f-${field}`;

type SearchPageProps = {
	categories: NavCategory[];
	origin: string;
	values: SearchFormValues;
	/** Null for the empty query and for a refused one: nothing was searched. */
	results: { query: ProductListQuery & { q: string }; page: ProductPage; colors: CardColors } | null;
	errors?: SearchErrors;
};

function BrowseByRoom({ categories }: { categories: NavCategory[] }) {
	return (
		<ul class="rooms">
			{categories.map((c) => (
				<li>
					<a href={`/c/${c.slug}`}>{c.name}</a>
				</li>
			))}
		</ul>
	);
}

function SearchForm({
	categories,
	values,
	errors,
}: Pick<SearchPageProps, "categories" | "values" | "errors">) {
	const prices = priceOptions({
		minPrice: /^\d+$/.test(values.minPrice) ? Number(values.minPrice) : undefined,
		maxPrice: /^\d+$/.test(values.maxPrice) ? Number(values.maxPrice) : undefined,
	});
	const active = [values.category, values.minPrice, values.maxPrice].filter(Boolean).length;
	const flagCount = Object.values(values.flags).filter(Boolean).length;
	const qError = errors?.fields.q;
	return (
		<form class="site-search" method="get" action="/search" aria-label="Search rugs">
			<div class="search-q">
				<label for="f-q">Search for</label>
				<span class="hint" id="f-q-hint">
					A colour, a pattern, a material or a room, up to 100 characters.
				</span>
				<FieldError id="f-q" message={qError} />
				<div class="row">
					<input
						id="f-q"
						type="search"
						name="q"
						maxlength={100}
						value={values.q}
						aria-invalid={qError ? "true" : undefined}
						aria-describedby={qError ? "f-q-hint f-q-error" : "f-q-hint"}
					/>
					<button type="submit">Search</button>
				</div>
			</div>
			<FoldedFilters active={active + flagCount}>
				<div class="filters">
					<div>
						<Select
							name="category"
							label="Room"
							any="All rooms"
							value={values.category}
							options={categories.map((c) => [c.slug, c.name])}
							invalid={Boolean(errors?.fields.category)}
						/>
						<FieldError id="f-category" message={errors?.fields.category} />
					</div>
					<div>
						<Select
							name="minPrice"
							label="From price"
							value={values.minPrice}
							options={prices}
							invalid={Boolean(errors?.fields.minPrice)}
						/>
						<FieldError id="f-minPrice" message={errors?.fields.minPrice} />
					</div>
					<div>
						<Select
							name="maxPrice"
							label="Up to price"
							value={values.maxPrice}
							options={prices}
							invalid={Boolean(errors?.fields.maxPrice)}
						/>
						<FieldError id="f-maxPrice" message={errors?.fields.maxPrice} />
					</div>
					<FeatureChecks query={{ sort: values.sort, limit: 0, ...values.flags }} />
					<SortSelect sort={values.sort} />
					<div>
						<button type="submit">Show rugs</button>
					</div>
				</div>
			</FoldedFilters>
		</form>
	);
}

export function SearchPage({ categories, origin, values, results, errors }: SearchPageProps) {
	const q = results?.query.q;
	const canonical = `${origin}/search${q ? `?q=${encodeURIComponent(q)}` : ""}`;
	return (
		<Layout
			title={q ? `Search: ${q}` : "Search rugs"}
			categories={categories}
			styles={SHOP_CSS}
			head={<link rel="canonical" href={canonical} />}
			// Result lists are endless variations of the category pages; engines index those instead.
			noindex
		>
			<h1>{q ? `Search results for “${q}”` : "Search rugs"}</h1>
			<ErrorSummary errors={errors} order={SEARCH_FIELDS} idOf={fieldId} />
			<SearchForm categories={categories} values={values} errors={errors} />
			{results ? (
				<section aria-labelledby="results-heading">
					<h2 id="results-heading">
						{results.page.items.length > 0
							? `Rugs matching “${results.query.q}”`
							: `No rugs match “${results.query.q}”`}
					</h2>
					{results.page.items.length > 0 ? (
						<ProductGrid products={results.page.items} colors={results.colors} />
					) : (
						<>
							<p>
								{activeFilterCount(results.query) > 0
									? "Try fewer words or fewer filters, or browse by room:"
									: "Try fewer or other words (a colour, a pattern, a material), or browse by room:"}
							</p>
							<BrowseByRoom categories={categories} />
						</>
					)}
					<nav class="pager" aria-label="Pagination">
						{results.query.cursor ? <a href={listingHref("/search", results.query)}>First page</a> : null}
						{results.page.nextCursor ? (
							<a href={listingHref("/search", results.query, results.page.nextCursor)} rel="next">
								Next page
							</a>
						) : null}
					</nav>
				</section>
			) : errors ? null : (
				<section aria-labelledby="browse-heading">
					<h2 id="browse-heading">Or browse by room</h2>
					<BrowseByRoom categories={categories} />
				</section>
			)}
		</Layout>
	);
}
