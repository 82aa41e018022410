// How long the storefront keeps what it keeps (P9), as cutoffs computed from `now`: each job
// removes rows strictly older than its cutoff. The periods match the registry's retention rules
// (workers/shared/personal-data/vocabulary.ts), which the record of processing publishes.
import { RETURN_WINDOW_DAYS } from "../../returns/return-window";

export const DAY_MS = 24 * 60 * 60_000;

/** A cancelled order that never captured money has nothing left to settle after a month. */
export const CANCELLED_UNPAID_DAYS = 30;
/** A cancelled order that was paid (a late payment, refunded): as long as a delivered one. */
export const CANCELLED_PAID_DAYS = RETURN_WINDOW_DAYS;
export const CART_DAYS = 30;
/** Provider retries end within days; 90 covers any replay worth recognising. */
export const PAYMENT_EVENT_DAYS = 90;
export const LOCAL_PAYMENT_SESSION_DAYS = 7;

/**
 * The first delivery time whose return window is still open at `now`: an order delivered before it
 * has `returnWindowClosesAt(deliveredAt) <= now` (the window counts whole UTC days, so this is
 * 00:00 UTC of the day 60 days before today; the tests hold it to return-window.ts).
 */
export function deliveredBefore(now: number): number {
	return (Math.floor(now / DAY_MS) - RETURN_WINDOW_DAYS) * DAY_MS;
}

export function daysBefore(now: number, days: number): number {
	return now - days * DAY_MS;
}
