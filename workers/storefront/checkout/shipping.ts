// The shipping methods a shopper chooses from. Their price and delivery time per destination
// country live in markets/shipping-rates.ts (issue #13), which replaced the old zone table.
export const SHIPPING_METHODS = ["standard", "express"] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];
