// A page of the shop as the browser tour visits it (axe-core, screenshots at phone and desktop
// widths, size and cache headers). Each area lists its own pages in test/e2e/tour/<area>.ts.
export type TourPage = {
	/** File-name safe, unique: the screenshots are docs/screenshots/<name>-{phone,desktop}.jpg */
	name: string;
	/**
	 * Who looks at it: an anonymous shopper; a signed-in customer who has one delivered order
	 * (placed with a saved address); a staff member with the admin role ("staff"), or with the
	 * support or compliance role, for the pages only those roles may use.
	 */
	as: "guest" | "customer" | "staff" | "support" | "compliance";
	/**
	 * The path. Placeholders: `{order}` that customer's delivered order number, `{category}` and
	 * `{product}` the slugs of a seeded category and a product in it.
	 */
	path: string;
	/** Public pages are cacheable; personal ones must say `no-store`. */
	personal: boolean;
};
