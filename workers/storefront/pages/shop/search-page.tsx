// The search results page: the header's search form lands here. The same cards, filters, sort and
// paging as a category page, over the whole catalog; public and cacheable, since the query is in
// the URL and nothing on the page depends on the shopper.
import type { ProductListQuery } from "../../catalog/schemas";
import type { ProductPage } from "../../db/catalog";
import { useLocale } from "../../i18n/locale-context";
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
	const l = useLocale();
	return (
		<ul class="rooms">
			{categories.map((c) => (
				<li>
					<a href={l.href(`/c/${c.slug}`)}>{c.name}</a>
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
	const l = useLocale();
	const prices = priceOptions(
		{
			minPrice: /^\d+$/.test(values.minPrice) ? Number(values.minPrice) : undefined,
			maxPrice: /^\d+$/.test(values.maxPrice) ? Number(values.maxPrice) : undefined,
		},
		l,
	);
	const active = [values.category, values.minPrice, values.maxPrice].filter(Boolean).length;
	const flagCount = Object.values(values.flags).filter(Boolean).length;
	const qError = errors?.fields.q;
	return (
		<form class="site-search" method="get" action={l.href("/search")} aria-label={l.t("layout.searchRugs")}>
			<div class="search-q">
				<label for="f-q">{l.t("search.searchFor")}</label>
				<span class="hint" id="f-q-hint">
					{l.t("search.hint")}
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
					<button type="submit">{l.t("layout.search")}</button>
				</div>
			</div>
			<FoldedFilters active={active + flagCount}>
				<div class="filters">
					<div>
						<Select
							name="category"
							label={l.t("search.room")}
							any={l.t("search.allRooms")}
							value={values.category}
							options={categories.map((c) => [c.slug, c.name])}
							invalid={Boolean(errors?.fields.category)}
						/>
						<FieldError id="f-category" message={errors?.fields.category} />
					</div>
					<div>
						<Select
							name="minPrice"
							label={l.t("category.fromPrice")}
							value={values.minPrice}
							options={prices}
							invalid={Boolean(errors?.fields.minPrice)}
						/>
						<FieldError id="f-minPrice" message={errors?.fields.minPrice} />
					</div>
					<div>
						<Select
							name="maxPrice"
							label={l.t("category.upToPrice")}
							value={values.maxPrice}
							options={prices}
							invalid={Boolean(errors?.fields.maxPrice)}
						/>
						<FieldError id="f-maxPrice" message={errors?.fields.maxPrice} />
					</div>
					<FeatureChecks query={{ sort: values.sort, limit: 0, ...values.flags }} />
					<SortSelect sort={values.sort} />
					<div>
						<button type="submit">{l.t("category.showRugs")}</button>
					</div>
				</div>
			</FoldedFilters>
		</form>
	);
}

export function SearchPage({ categories, origin, values, results, errors }: SearchPageProps) {
	const l = useLocale();
	const q = results?.query.q;
	return (
		<Layout
			title={q ? l.t("search.title", { q }) : l.t("layout.searchRugs")}
			categories={categories}
			styles={SHOP_CSS}
			origin={origin}
			canonicalPath={`/search${q ? `?q=${encodeURIComponent(q)}` : ""}`}
			// Result lists are endless variations of the category pages; engines index those instead.
			noindex
		>
			<h1>{q ? l.t("search.resultsFor", { q }) : l.t("layout.searchRugs")}</h1>
			<ErrorSummary errors={errors} order={SEARCH_FIELDS} idOf={fieldId} />
			<SearchForm categories={categories} values={values} errors={errors} />
			{results ? (
				<section aria-labelledby="results-heading">
					<h2 id="results-heading">
						{results.page.items.length > 0
							? l.t("search.matching", { q: results.query.q })
							: l.t("search.noMatch", { q: results.query.q })}
					</h2>
					{results.page.items.length > 0 ? (
						<ProductGrid products={results.page.items} colors={results.colors} />
					) : (
						<>
							<p>
								{activeFilterCount(results.query) > 0 ? l.t("search.fewerFilters") : l.t("search.otherWords")}
							</p>
							<BrowseByRoom categories={categories} />
						</>
					)}
					<nav class="pager" aria-label={l.t("category.pagination")}>
						{results.query.cursor ? (
							<a href={l.href(listingHref("/search", results.query))}>{l.t("category.firstPage")}</a>
						) : null}
						{results.page.nextCursor ? (
							<a href={l.href(listingHref("/search", results.query, results.page.nextCursor))} rel="next">
								{l.t("category.nextPage")}
							</a>
						) : null}
					</nav>
				</section>
			) : errors ? null : (
				<section aria-labelledby="browse-heading">
					<h2 id="browse-heading">{l.t("search.browse")}</h2>
					<BrowseByRoom categories={categories} />
				</section>
			)}
		</Layout>
	);
}
