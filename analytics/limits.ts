// Bounds shared by producer and consumer: everything one client or one event can contribute.

/** Events one beacon request may carry. */
export const MAX_EVENTS_PER_REQUEST = 10;
/** Product ids kept in the shopper's recent-views cookie and sent as context. */
export const MAX_RECENT = 8;
/** Distinct products one purchase event may name. */
export const MAX_PURCHASE_ITEMS = 20;
/** Largest product id accepted (products.id is a SQLite integer, kept in 32 bits here). */
export const MAX_PRODUCT_ID = 2_147_483_647;
/** Longest raw page path the producer accepts before templating it. */
export const MAX_PATH_LENGTH = 512;
/** Recent items one view pairs with (the consumer's MAX_PAIRS_PER_EVENT may lower it further). */
export const MAX_CONTEXT_PER_VIEW = 3;
/** Distinct co-view pairs one shopper's browser contributes per day; each pair at most once. */
export const MAX_PAIRS_PER_SHOPPER_DAY = 24;
