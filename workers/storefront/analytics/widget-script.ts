// The browser half of analytics: one small script (served at WIDGET_SCRIPT_PATH) that sends the
// page/view beacon and renders recommendations into the widget fragment. No cookies are read or
// written by it (the server keeps lw_recent), and it renders with textContent only.
import { contentHash } from "./content-hash";

export const WIDGET_SCRIPT = `(() => {
	"use strict";
	const box = document.querySelector("[data-lw-recs]");
	const productId = box ? Number(box.getAttribute("data-product")) : 0;
	const hasProduct = Number.isInteger(productId) && productId > 0;
	// The server also refuses these signals; not even sending the request is kinder.
	const optedOut = navigator.globalPrivacyControl === true || navigator.doNotTrack === "1";
	if (!optedOut) {
		const events = [{ type: "page", path: location.pathname.slice(0, 512) }];
		if (hasProduct) events.push({ type: "view", productId });
		// The page is cached for everyone, so it cannot say whether this shopper withdrew consent
		// (an httpOnly cookie or the account's setting): the server says, and a withdrawal sends nothing.
		fetch("/api/v1/consent", { credentials: "same-origin", headers: { accept: "application/json" } })
			.then((res) => (res.ok ? res.json() : null))
			.then((consent) => {
				if (!consent || consent.analytics !== true) return;
				return fetch("/api/v1/events", {
					method: "POST",
					keepalive: true,
					credentials: "same-origin",
					headers: { "content-type": "application/json" },
					body: JSON.stringify({ events }),
				});
			})
			.catch(() => {});
	}
	if (!box || !hasProduct) return;
	const limit = Math.min(Math.max(Number(box.getAttribute("data-limit")) || 4, 1), 12);
	// The page's market and URL prefix (issue #13): prices in its currency, links in its locale.
	const market = /^[a-z]{2}$/.test(box.getAttribute("data-market") || "") ? box.getAttribute("data-market") : "us";
	const prefix = /^([/][a-z]{2}-[a-z]{2})?$/.test(box.getAttribute("data-prefix") || "") ? box.getAttribute("data-prefix") : "";
	fetch("/api/v1/recommendations?product=" + productId + "&limit=" + limit + "&market=" + market, {
		credentials: "same-origin",
		headers: { accept: "application/json" },
	})
		.then((res) => (res.ok ? res.json() : null))
		.then((data) => {
			const list = box.querySelector("ul");
			if (!data || !Array.isArray(data.items) || data.items.length === 0 || !list) return;
			for (const item of data.items) {
				const li = document.createElement("li");
				const link = document.createElement("a");
				link.href = prefix + "/p/" + encodeURIComponent(item.slug);
				link.textContent = item.name;
				const price = document.createElement("span");
				try {
					const money = new Intl.NumberFormat(document.documentElement.lang || undefined, {
						style: "currency",
						currency: item.currency,
					});
					// The currency's own minor digits: 2 for EUR, 0 for JPY, whose amounts are whole.
					price.textContent = money.format(item.priceMinor / 10 ** (money.resolvedOptions().maximumFractionDigits || 0));
				} catch {
					price.textContent = "";
				}
				li.append(link, " ", price);
				list.append(li);
			}
			box.hidden = false;
		})
		.catch(() => {});
})();
`;

/**
 * The script's URL names its content, so browsers and the edge may keep it for a year: a changed
 * script is a new URL, which the pages (cached for minutes at most) pick up with the deployment.
 */
export const WIDGET_SCRIPT_PATH = `/assets/widget.${contentHash(WIDGET_SCRIPT)}.js`;

/** Where pages rendered before versioned URLs asked for the script; still served, briefly cached. */
export const LEGACY_WIDGET_SCRIPT_PATH = "/assets/lw-analytics.js";
