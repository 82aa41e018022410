// The only dimensions an event keeps once stripped (DESIGN P4): coarse by construction.

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop", "other"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

/** ISO 3166 alpha-2 country code, or "XX" when unknown (Cloudflare also uses "T1" for Tor). */
export type Country = string;
export const UNKNOWN_COUNTRY = "XX";
const COUNTRY_PATTERN = /^[A-Z][A-Z0-9]$/;

const HOUR_MS = 3_600_000;

export function hourBucket(epochMs: number): number {
	return Math.floor(epochMs / HOUR_MS);
}

export function dayOfHour(hour: number): number {
	return Math.floor(hour / 24);
}

export function coarseCountry(value: unknown): Country {
	return typeof value === "string" && COUNTRY_PATTERN.test(value) ? value : UNKNOWN_COUNTRY;
}

const BOT_PATTERN =
	/bot|crawl|spider|slurp|headless|lighthouse|preview|curl|wget|python-requests|httpclient/i;
const TABLET_PATTERN = /ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i;
const MOBILE_PATTERN = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini/i;
const DESKTOP_PATTERN = /windows nt|macintosh|x11|cros|linux x86_64/i;

/** Automated clients are not shoppers: the producer sends nothing for them. */
export function isAutomatedClient(userAgent: string | undefined): boolean {
	return !userAgent || BOT_PATTERN.test(userAgent);
}

/** Reduces a user agent to a device class; the user agent itself goes no further. */
export function deviceClassOf(userAgent: string | undefined): DeviceClass {
	if (!userAgent) return "other";
	if (TABLET_PATTERN.test(userAgent)) return "tablet";
	if (MOBILE_PATTERN.test(userAgent)) return "mobile";
	if (DESKTOP_PATTERN.test(userAgent)) return "desktop";
	return "other";
}
