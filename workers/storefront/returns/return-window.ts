// The 60-day return window (issue #8), counted in UTC calendar days: an order delivered on day D
// may be returned through the end of day D+60, and not from D+61 00:00 UTC. Whole days, so the
// hour of delivery does not shorten the window.
export const RETURN_WINDOW_DAYS = 60;

const DAY_MS = 24 * 60 * 60_000;

/** The first instant a return is refused: 00:00 UTC of the 61st day after the day of delivery. */
export function returnWindowClosesAt(deliveredAt: number): number {
	const deliveryDay = Math.floor(deliveredAt / DAY_MS);
	return (deliveryDay + RETURN_WINDOW_DAYS + 1) * DAY_MS;
}

export function isWithinReturnWindow(deliveredAt: number, now: number): boolean {
	return now >= deliveredAt && now < returnWindowClosesAt(deliveredAt);
}
