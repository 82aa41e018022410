import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { countryName } from "../i18n/formats";
import { type PageLocale, useLocale } from "../i18n/locale-context";
import { LANGUAGES, type Language, MARKETS, marketOfCountry } from "../markets/markets";
import { ALTERNATE_SEGMENTS, parseLocaleSegment, SHOP_COUNTRIES, shopLocale } from "../markets/shop-locale";
import { CSS } from "./styles";

export type NavCategory = { slug: string; name: string };

type LayoutProps = {
	title: string;
	description?: string;
	categories: NavCategory[];
	/** The area's own rules (account, privacy, staff…), inlined after the shared sheet. */
	styles?: string;
	/** Extra head elements of one page: social meta, structured data. */
	head?: Child;
	/** Personal and form-result pages stay out of search engines. */
	noindex?: boolean;
	/**
	 * The site's origin. A public catalog page passes it: its canonical link and its locale
	 * alternates are absolute URLs.
	 */
	origin?: string;
	/** The page's canonical path when it is not its own (a filtered listing's is the plain one). */
	canonicalPath?: string;
	/** The market and language selector; on by default, since every shopper page offers it. */
	marketSelector?: boolean;
	children?: Child;
};

// The selector's few rules live with it rather than in the shared sheet.
const SELECTOR_CSS =
	"form.locale{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:0 0 1rem}form.locale select{width:auto}";

/** Each language named in itself, so a shopper finds theirs whatever the page's language. */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
	en: "English",
	de: "Deutsch",
	fr: "Français",
	es: "Español",
	ja: "日本語",
};

/** The locales a public page advertises to search engines, built once per isolate. */
const ALTERNATES = ALTERNATE_SEGMENTS.flatMap((segment) => {
	const setting = parseLocaleSegment(segment);
	return setting ? [shopLocale(setting)] : [];
});

/**
 * Per-shopper pages only (never a stored public page): the shop does not deliver to the country
 * the shopper is in, so they are told before they fill a cart, and where to choose another market.
 */
function UnsupportedCountry({ country }: { country: string }) {
	const l = useLocale();
	return (
		<p class="notice" role="status">
			{l.t("market.unsupported", { country: countryName(country, l.tag) })}
		</p>
	);
}

const countryOptionsByTag = new Map<string, [country: string, label: string][]>();

/** "France (EUR)": every country the shop sells to, named in the page's language, with its currency. */
function countryOptions(tag: string): [country: string, label: string][] {
	let options = countryOptionsByTag.get(tag);
	if (!options) {
		options = SHOP_COUNTRIES.map((country) => {
			const currency = MARKETS[marketOfCountry(country) ?? "us"].currency;
			return [country, `${countryName(country, tag)} (${currency})`];
		});
		countryOptionsByTag.set(tag, options);
	}
	return options;
}

/**
 * The market and language choice as a plain form, so it works without JavaScript. The page's
 * path rides on the submit button rather than a hidden field: every field a shopper page shows
 * is a labelled control, and a form's submitter is always sent with it.
 */
export function MarketSelector() {
	const l = useLocale();
	return (
		<form class="locale" method="post" action="/locale" aria-label={l.t("market.form")}>
			<div>
				<label for="lw-country">{l.t("market.label")}</label>
				<select id="lw-country" name="country">
					{countryOptions(l.tag).map(([country, label]) => (
						<option value={country} selected={country === l.country}>
							{label}
						</option>
					))}
				</select>
			</div>
			<div>
				<label for="lw-language">{l.t("market.language")}</label>
				<select id="lw-language" name="language">
					{LANGUAGES.map((language) => (
						<option value={language} lang={language} selected={language === l.language}>
							{LANGUAGE_NAMES[language]}
						</option>
					))}
				</select>
			</div>
			<button type="submit" name="return" value={l.path}>
				{l.t("market.apply")}
			</button>
		</form>
	);
}

/**
 * The canonical link, then (for pages search engines index) the page in each advertised locale
 * and x-default, the unprefixed page a shopper without a choice gets.
 */
function LocaleLinks({
	l,
	origin,
	path,
	indexed,
}: {
	l: PageLocale;
	origin: string;
	path: string;
	indexed: boolean;
}) {
	return (
		<>
			<link rel="canonical" href={origin + l.href(path)} />
			{indexed ? (
				<>
					{ALTERNATES.map((alternate) => (
						<link rel="alternate" hreflang={alternate.tag} href={origin + alternate.href(path)} />
					))}
					<link rel="alternate" hreflang="x-default" href={origin + path} />
				</>
			) : null}
		</>
	);
}

/** The document shell: landmarks, skip link, category navigation and the inline stylesheet. */
export function Layout({
	title,
	description,
	categories,
	styles,
	head,
	noindex,
	origin,
	canonicalPath,
	marketSelector = true,
	children,
}: LayoutProps) {
	const l = useLocale();
	const sheet = CSS + (marketSelector ? SELECTOR_CSS : "") + (styles ?? "");
	return (
		<>
			{raw("<!doctype html>")}
			<html lang={l.tag}>
				<head>
					<meta charset="utf-8" />
					<meta name="viewport" content="width=device-width, initial-scale=1" />
					<title>{`${title} · Loomwash`}</title>
					{/* No icon yet; without this link browsers ask for /favicon.ico and log its 404. */}
					<link rel="icon" href="data:," />
					{description ? <meta name="description" content={description} /> : null}
					{noindex ? <meta name="robots" content="noindex" /> : null}
					{l.publicPage && origin !== undefined ? (
						<LocaleLinks l={l} origin={origin} path={canonicalPath ?? l.path} indexed={!noindex} />
					) : null}
					{head}
					<style>{raw(sheet)}</style>
				</head>
				<body>
					<a class="skip" href="#main">
						{l.t("layout.skip")}
					</a>
					<header class="site">
						<div class="wrap">
							<a class="brand" href={l.href("/")}>
								Loomwash
							</a>
							<nav aria-label={l.t("layout.categories")}>
								<ul>
									{categories.map((c) => (
										<li>
											<a href={l.href(`/c/${c.slug}`)}>{c.name}</a>
										</li>
									))}
								</ul>
							</nav>
							<search>
								<form class="search" method="get" action={l.href("/search")}>
									<label for="site-q">
										<span class="visually-hidden">{l.t("layout.searchRugs")}</span>
									</label>
									<input
										id="site-q"
										name="q"
										type="search"
										maxlength={100}
										placeholder={l.t("layout.searchRugs")}
									/>
									<button type="submit">{l.t("layout.search")}</button>
								</form>
							</search>
							{/* Plain links: a per-shopper name or item count would make every public page uncacheable. */}
							<a class="account-link" href="/account">
								{l.t("layout.account")}
							</a>
							<a class="cart-link" href="/cart">
								{l.t("layout.cart")}
							</a>
						</div>
					</header>
					<main id="main" class="wrap">
						{l.unsupportedCountry ? <UnsupportedCountry country={l.unsupportedCountry} /> : null}
						{children}
					</main>
					<footer class="site">
						<div class="wrap">
							{marketSelector ? <MarketSelector /> : null}
							<p>{l.t("layout.tagline")}</p>
							<ul class="footer-links">
								<li>
									<a href={l.href("/privacy")}>{l.t("layout.privacyPolicy")}</a>
								</li>
								<li>
									<a href="/privacy/center">{l.t("layout.privacyCenter")}</a>
								</li>
								<li>
									<a href="/orders/track">{l.t("layout.trackOrder")}</a>
								</li>
							</ul>
						</div>
					</footer>
				</body>
			</html>
		</>
	);
}
