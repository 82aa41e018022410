// The commerce database `loomwash`. Personal data lives only in `*_ct` columns as
// AES-256-GCM ciphertext produced by the vault worker (DESIGN P2); no other column may hold it.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const categories = sqliteTable("categories", {
	id: integer("id").primaryKey(),
	slug: text("slug").notNull().unique(),
	name: text("name").notNull(),
	description: text("description").notNull(),
});

export const products = sqliteTable(
	"products",
	{
		id: integer("id").primaryKey(),
		slug: text("slug").notNull().unique(),
		name: text("name").notNull(),
		description: text("description").notNull(),
		categoryId: integer("category_id")
			.notNull()
			.references(() => categories.id),
		material: text("material").notNull(),
		pileHeightMm: integer("pile_height_mm").notNull(),
		washTemperatureC: integer("wash_temperature_c").notNull(),
		machineWashable: integer("machine_washable", { mode: "boolean" }).notNull(),
		stainResistant: integer("stain_resistant", { mode: "boolean" }).notNull(),
		nonSlipBacking: integer("non_slip_backing", { mode: "boolean" }).notNull(),
		petFriendly: integer("pet_friendly", { mode: "boolean" }).notNull(),
		careText: text("care_text").notNull(),
		currency: text("currency").notNull(),
		// Lowest variant price, kept beside the variants so list sorting and price filters stay index-friendly.
		minPriceMinor: integer("min_price_minor").notNull(),
		// Placeholder rank until the analytics aggregates feed it.
		popularity: integer("popularity").notNull().default(0),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [
		index("products_category_idx").on(t.categoryId),
		index("products_price_idx").on(t.minPriceMinor, t.id),
		index("products_created_idx").on(t.createdAt, t.id),
		index("products_popularity_idx").on(t.popularity, t.id),
	],
);

export const variants = sqliteTable(
	"variants",
	{
		id: integer("id").primaryKey(),
		productId: integer("product_id")
			.notNull()
			.references(() => products.id),
		sku: text("sku").notNull().unique(),
		size: text("size").notNull(),
		color: text("color").notNull(),
		priceMinor: integer("price_minor").notNull(),
		currency: text("currency").notNull(),
		stock: integer("stock").notNull(),
	},
	(t) => [
		index("variants_product_idx").on(t.productId),
		index("variants_color_idx").on(t.color),
		index("variants_size_idx").on(t.size),
		// The oversell guard: a checkout batch whose decrement would go below zero fails as a whole.
		check("variants_stock_non_negative", sql`${t.stock} >= 0`),
	],
);

/**
 * Price lists (issue #13): each variant's price in each currency, in its minor units, set per
 * variant and never converted while a shopper looks (the seed derives them from the USD list:
 * markets/price-lists.ts). `variants.price_minor` stays the USD price.
 */
export const variantPrices = sqliteTable(
	"variant_prices",
	{
		variantId: integer("variant_id")
			.notNull()
			.references(() => variants.id),
		currency: text("currency").notNull(),
		priceMinor: integer("price_minor").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.variantId, t.currency] }),
		check("variant_prices_positive", sql`${t.priceMinor} > 0`),
	],
);

/** Each product's lowest variant price per currency: the listing's price sort and filters. */
export const productPrices = sqliteTable(
	"product_prices",
	{
		productId: integer("product_id")
			.notNull()
			.references(() => products.id),
		currency: text("currency").notNull(),
		minPriceMinor: integer("min_price_minor").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.productId, t.currency] }),
		index("product_prices_listing_idx").on(t.currency, t.minPriceMinor, t.productId),
	],
);

export const carts = sqliteTable(
	"carts",
	{
		id: text("id").primaryKey(),
		/** `merged`: its lines moved into another cart of the same customer at login. */
		status: text("status", { enum: ["open", "checked_out", "merged"] }).notNull(),
		/** The account whose cart this is once its shopper logged in; null for a guest's. */
		customerId: text("customer_id"),
		/** The market whose price list the lines are shown in; one currency per cart (issue #13). */
		market: text("market").notNull().default("us"),
		currency: text("currency").notNull().default("USD"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
	},
	(t) => [
		index("carts_customer_idx").on(t.customerId, t.status),
		// Retention: carts untouched for 30 days go (issue #9).
		index("carts_updated_idx").on(t.updatedAt),
	],
);

export const cartLines = sqliteTable(
	"cart_lines",
	{
		cartId: text("cart_id")
			.notNull()
			.references(() => carts.id, { onDelete: "cascade" }),
		variantId: integer("variant_id")
			.notNull()
			.references(() => variants.id),
		quantity: integer("quantity").notNull(),
		addedAt: integer("added_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.cartId, t.variantId] }),
		check("cart_lines_quantity_positive", sql`${t.quantity} > 0`),
	],
);

export const orders = sqliteTable(
	"orders",
	{
		id: text("id").primaryKey(),
		number: text("number").notNull(),
		status: text("status", {
			enum: ["placed", "paid", "packed", "shipped", "delivered", "cancelled"],
		}).notNull(),
		subjectId: text("subject_id").notNull(),
		/** The account that placed it; null for a guest order. */
		customerId: text("customer_id"),
		currency: text("currency").notNull(),
		/** The destination's market and the language the shopper bought in: its mails speak it. */
		market: text("market").notNull().default("us"),
		language: text("language").notNull().default("en"),
		subtotalMinor: integer("subtotal_minor").notNull(),
		shippingMinor: integer("shipping_minor").notNull(),
		/** The sum of the order's tax lines: inside the prices (VAT, GST) or added to them (US, CA). */
		taxMinor: integer("tax_minor").notNull().default(0),
		taxIncluded: integer("tax_included", { mode: "boolean" }).notNull().default(false),
		/** The tax lines as the invoice shows them (name, rate in parts per 100,000, amount). */
		taxLines: text("tax_lines", { mode: "json" })
			.$type<{ name: string; rateE5: number; amountMinor: number }[]>()
			.notNull()
			.default(sql`'[]'`),
		totalMinor: integer("total_minor").notNull(),
		shippingMethod: text("shipping_method").notNull(),
		paymentProvider: text("payment_provider").notNull(),
		paymentSessionId: text("payment_session_id"),
		cancelReason: text("cancel_reason"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		reservedUntil: integer("reserved_until").notNull(),
		paidAt: integer("paid_at"),
		/**
		 * The coarse dimensions (`device|country`) of the purchase event to send once the order is
		 * paid, set only when the shopper's consent allowed analytics at checkout; null: send none.
		 */
		purchaseSignal: text("purchase_signal"),
		/** The provider's reference of the captured payment (Stripe: the PaymentIntent), for refunds. */
		paymentReference: text("payment_reference"),
		/** What the provider captured; refunds never exceed it (issue #8). */
		paidMinor: integer("paid_minor").notNull().default(0),
		/**
		 * The provider reported the payment as processing (a delayed method such as SEPA or ACH):
		 * the order stays reserved until the provider says it succeeded or failed.
		 */
		paymentPendingAt: integer("payment_pending_at"),
		refundedMinor: integer("refunded_minor").notNull().default(0),
		packedAt: integer("packed_at"),
		shippedAt: integer("shipped_at"),
		/** Day 0 of the 60-day return window. */
		deliveredAt: integer("delivered_at"),
		carrier: text("carrier"),
		trackingNumber: text("tracking_number"),
		/** The destination country (ISO 3166-1 alpha-2): archival, kept when the address is purged. */
		shipCountry: text("ship_country"),
		/**
		 * When retention or erasure removed the order's personal data (contact, texts): from then on
		 * the row keeps only archival fields (number, lines, totals, dates, country). Issue #9.
		 */
		personalDataPurgedAt: integer("personal_data_purged_at"),
	},
	(t) => [
		uniqueIndex("orders_number_idx").on(t.number),
		uniqueIndex("orders_payment_session_idx").on(t.paymentSessionId),
		index("orders_status_reserved_idx").on(t.status, t.reservedUntil),
		index("orders_customer_idx").on(t.customerId, t.createdAt),
		// The staff order list, newest first, page by page (issue #11: no full scan of orders).
		index("orders_created_idx").on(t.createdAt, t.id),
		// Retention: orders whose personal data is still held, oldest first (issue #9).
		index("orders_purge_idx").on(t.personalDataPurgedAt, t.updatedAt),
	],
);

export const orderLines = sqliteTable(
	"order_lines",
	{
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id, { onDelete: "cascade" }),
		variantId: integer("variant_id")
			.notNull()
			.references(() => variants.id),
		productName: text("product_name").notNull(),
		sku: text("sku").notNull(),
		size: text("size").notNull(),
		color: text("color").notNull(),
		quantity: integer("quantity").notNull(),
		unitPriceMinor: integer("unit_price_minor").notNull(),
	},
	(t) => [primaryKey({ columns: [t.orderId, t.variantId] })],
);

/**
 * Consignee and contact details of an order: ciphertext sealed by the vault, one column per
 * field, and the email's blind index (an HMAC under a key only the vault holds) for guest lookup.
 * The subject's data key lives in the vault's database; nothing here can open these columns.
 */
export const orderContacts = sqliteTable("order_contacts", {
	orderId: text("order_id")
		.primaryKey()
		.references(() => orders.id, { onDelete: "cascade" }),
	subjectId: text("subject_id").notNull(),
	emailBidx: text("email_bidx").notNull(),
	emailCt: text("email_ct").notNull(),
	nameCt: text("name_ct").notNull(),
	phoneCt: text("phone_ct").notNull(),
	addressCt: text("address_ct").notNull(),
});

/**
 * Which client holds which unpaid order, so one client cannot hold the stock of many (issue #12).
 * The client is a pseudonym of its address under a key derived from a Worker secret and the day;
 * a row lives only while its order is placed and unpaid (the cron deletes the others).
 */
export const checkoutHolds = sqliteTable(
	"checkout_holds",
	{
		orderId: text("order_id")
			.primaryKey()
			.references(() => orders.id, { onDelete: "cascade" }),
		clientKey: text("client_key").notNull(),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [index("checkout_holds_client_idx").on(t.clientKey)],
);

/**
 * A registered shopper's profile (issue #7). The account itself (email, password, sessions)
 * lives in the vault; this row has the same id. The nickname is sealed under the account's
 * subject like any other personal field; the consents are not personal data, each with the
 * policy version and time it was given or withdrawn under (P13).
 */
export const customers = sqliteTable("customers", {
	id: text("id").primaryKey(),
	subjectId: text("subject_id").notNull(),
	nicknameCt: text("nickname_ct").notNull(),
	analyticsConsent: integer("analytics_consent", { mode: "boolean" }).notNull(),
	analyticsPolicyVersion: text("analytics_policy_version").notNull(),
	analyticsAt: integer("analytics_at").notNull(),
	marketingConsent: integer("marketing_consent", { mode: "boolean" }).notNull(),
	marketingPolicyVersion: text("marketing_policy_version").notNull(),
	marketingAt: integer("marketing_at").notNull(),
	createdAt: integer("created_at").notNull(),
	updatedAt: integer("updated_at").notNull(),
	/**
	 * First sign-in (the registration's confirmation). The vault deletes accounts left unconfirmed
	 * for 7 days; the storefront's cron then deletes their profile rows, unconfirmed for longer.
	 */
	confirmedAt: integer("confirmed_at"),
	/** The policy version this customer was last told about (P13: a newer one is announced once). */
	policyNoticeVersion: text("policy_notice_version"),
});

/** A customer's saved delivery addresses: sealed under the account's subject, bound to their row. */
export const customerAddresses = sqliteTable(
	"customer_addresses",
	{
		id: text("id").primaryKey(),
		customerId: text("customer_id")
			.notNull()
			.references(() => customers.id, { onDelete: "cascade" }),
		nameCt: text("name_ct").notNull(),
		phoneCt: text("phone_ct").notNull(),
		addressCt: text("address_ct").notNull(),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
	},
	(t) => [index("customer_addresses_customer_idx").on(t.customerId, t.createdAt)],
);

/**
 * How many analytics events one client has sent today (issue #12): a bound that dropping cookies
 * cannot reset. The client is a pseudonym of its address under a key derived from a Worker secret
 * and the day; rows of past days are deleted by the cron.
 */
export const eventBudgets = sqliteTable("event_budgets", {
	clientKey: text("client_key").primaryKey(),
	day: integer("day").notNull(),
	used: integer("used").notNull(),
});

/** Provider webhook events already applied, so a replay changes nothing. */
export const paymentEvents = sqliteTable(
	"payment_events",
	{
		provider: text("provider").notNull(),
		eventId: text("event_id").notNull(),
		orderId: text("order_id").notNull(),
		outcome: text("outcome").notNull(),
		receivedAt: integer("received_at").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.provider, t.eventId] }),
		index("payment_events_received_idx").on(t.receivedAt),
	],
);

/** Sessions of the local payment stand-in; the Stripe adapter keeps its sessions at Stripe. */
export const localPaymentSessions = sqliteTable(
	"local_payment_sessions",
	{
		id: text("id").primaryKey(),
		orderNumber: text("order_number").notNull(),
		amountMinor: integer("amount_minor").notNull(),
		currency: text("currency").notNull(),
		successUrl: text("success_url").notNull(),
		cancelUrl: text("cancel_url").notNull(),
		status: text("status", { enum: ["open", "complete", "failed", "expired"] }).notNull(),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [index("local_payment_sessions_created_idx").on(t.createdAt)],
);

// ---- After the purchase (issue #8) ----

/**
 * Money going back through the provider. The idempotency key is unique, so the same refund asked
 * twice is one row and one provider call; the insert is conditional on the order's captured amount,
 * so the refunds of an order never add up to more than was paid.
 */
export const refunds = sqliteTable(
	"refunds",
	{
		id: text("id").primaryKey(),
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id, { onDelete: "cascade" }),
		/** The return it settles; null for a refund of a payment that arrived after cancellation. */
		returnId: text("return_id"),
		amountMinor: integer("amount_minor").notNull(),
		currency: text("currency").notNull(),
		reason: text("reason", { enum: ["return", "late_payment", "goodwill"] }).notNull(),
		idempotencyKey: text("idempotency_key").notNull(),
		status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
		providerRefundId: text("provider_refund_id"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
	},
	(t) => [
		uniqueIndex("refunds_idempotency_idx").on(t.idempotencyKey),
		index("refunds_order_idx").on(t.orderId),
		// What was refunded for each return on a list of returns (issue #11: no full scan of refunds).
		index("refunds_return_idx").on(t.returnId),
		check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
	],
);

export const RETURN_STATUSES = ["requested", "approved", "received", "refunded", "rejected"] as const;
export const RETURN_REASONS = [
	"damaged",
	"wrong_item",
	"not_as_described",
	"changed_mind",
	"size_or_colour",
	"other",
] as const;
export const RETURN_REJECTIONS = [
	"outside_window",
	"not_received",
	"used_or_damaged",
	"not_eligible",
	"other",
] as const;

/**
 * A return (RMA) of a delivered order. The shopper's description is personal data, sealed under
 * the order's subject (`details_ct`); the reason and the rejection are codes, not free text.
 */
export const returns = sqliteTable(
	"returns",
	{
		id: text("id").primaryKey(),
		/** `RMA-XXXX-XXXX`, what the shopper and staff quote. */
		number: text("number").notNull(),
		orderId: text("order_id")
			.notNull()
			.references(() => orders.id, { onDelete: "cascade" }),
		status: text("status", { enum: RETURN_STATUSES }).notNull(),
		reason: text("reason", { enum: RETURN_REASONS }).notNull(),
		detailsCt: text("details_ct"),
		requestedBy: text("requested_by", { enum: ["account", "guest"] }).notNull(),
		rejection: text("rejection", { enum: RETURN_REJECTIONS }),
		/** Set at approval: what will be refunded on receipt (≤ what the order paid, less refunds). */
		refundMinor: integer("refund_minor"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		approvedAt: integer("approved_at"),
		receivedAt: integer("received_at"),
		closedAt: integer("closed_at"),
	},
	(t) => [
		uniqueIndex("returns_number_idx").on(t.number),
		index("returns_order_idx").on(t.orderId),
		index("returns_status_idx").on(t.status, t.createdAt),
		// One return in progress per order at a time.
		uniqueIndex("returns_open_per_order_idx")
			.on(t.orderId)
			.where(sql`status in ('requested', 'approved', 'received')`),
	],
);

export const returnLines = sqliteTable(
	"return_lines",
	{
		returnId: text("return_id")
			.notNull()
			.references(() => returns.id, { onDelete: "cascade" }),
		variantId: integer("variant_id").notNull(),
		quantity: integer("quantity").notNull(),
	},
	(t) => [
		primaryKey({ columns: [t.returnId, t.variantId] }),
		check("return_lines_quantity_positive", sql`${t.quantity} > 0`),
	],
);

/**
 * Customer-service threads, pre-sales or after-sales (optionally about one order). Messages are
 * sealed under `subject_id`: the account's subject, the order's for a guest's order, or a new one
 * for a guest's pre-sales question (whose reply address is then sealed here too).
 */
export const consultations = sqliteTable(
	"consultations",
	{
		id: text("id").primaryKey(),
		kind: text("kind", { enum: ["pre_sales", "after_sales"] }).notNull(),
		status: text("status", { enum: ["open", "closed"] }).notNull(),
		customerId: text("customer_id"),
		orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
		subjectId: text("subject_id").notNull(),
		replyEmailCt: text("reply_email_ct"),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		closedAt: integer("closed_at"),
	},
	(t) => [
		index("consultations_customer_idx").on(t.customerId, t.createdAt),
		index("consultations_order_idx").on(t.orderId),
		index("consultations_status_idx").on(t.status, t.updatedAt),
	],
);

export const consultationMessages = sqliteTable(
	"consultation_messages",
	{
		id: text("id").primaryKey(),
		consultationId: text("consultation_id")
			.notNull()
			.references(() => consultations.id, { onDelete: "cascade" }),
		author: text("author", { enum: ["shopper", "staff"] }).notNull(),
		/** The staff member's pseudonymous id (`stf_…`) for staff messages. */
		staffId: text("staff_id"),
		bodyCt: text("body_ct").notNull(),
		createdAt: integer("created_at").notNull(),
	},
	(t) => [index("consultation_messages_thread_idx").on(t.consultationId, t.createdAt)],
);

/**
 * Verified-purchase reviews. Text and nickname are sealed under the review's own subject, so a
 * deleted account leaves a review with no name (`nickname_ct` null, `customer_id` null) and its
 * text still readable; they are shown only once staff publish them (the vault keeps that list).
 */
export const reviews = sqliteTable(
	"reviews",
	{
		id: text("id").primaryKey(),
		productId: integer("product_id")
			.notNull()
			.references(() => products.id),
		customerId: text("customer_id"),
		subjectId: text("subject_id").notNull(),
		rating: integer("rating").notNull(),
		textCt: text("text_ct").notNull(),
		nicknameCt: text("nickname_ct"),
		status: text("status", { enum: ["pending", "published", "rejected"] }).notNull(),
		createdAt: integer("created_at").notNull(),
		updatedAt: integer("updated_at").notNull(),
		moderatedAt: integer("moderated_at"),
	},
	(t) => [
		uniqueIndex("reviews_product_customer_idx").on(t.productId, t.customerId),
		index("reviews_product_status_idx").on(t.productId, t.status, t.createdAt),
		index("reviews_status_idx").on(t.status, t.createdAt),
		check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
	],
);

// ---- Privacy rights and the data lifecycle (issue #9) ----

/**
 * The published privacy policy, one row per version (P13). `clauses` is JSON: each clause's text
 * and the mechanism that keeps it. A version applies from `effective_at`; the newest effective one
 * is current, and every consent records the version it was given under.
 */
export const policyVersions = sqliteTable("policy_versions", {
	version: text("version").primaryKey(),
	effectiveAt: integer("effective_at").notNull(),
	summary: text("summary").notNull(),
	clauses: text("clauses").notNull(),
	publishedAt: integer("published_at").notNull(),
});

/** Where a resumable job (retention) got to: the next run continues after `cursor`. */
export const jobCursors = sqliteTable("job_cursors", {
	job: text("job").primaryKey(),
	cursor: text("cursor").notNull(),
	updatedAt: integer("updated_at").notNull(),
});

export type Product = typeof products.$inferSelect;
export type Variant = typeof variants.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type OrderStatus = Order["status"];
export type Customer = typeof customers.$inferSelect;
export type CustomerAddress = typeof customerAddresses.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type Return = typeof returns.$inferSelect;
export type ReturnStatus = Return["status"];
export type Consultation = typeof consultations.$inferSelect;
export type ConsultationMessage = typeof consultationMessages.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type PolicyVersion = typeof policyVersions.$inferSelect;
