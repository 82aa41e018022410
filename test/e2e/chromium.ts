// Where the end-to-end tests find a browser: Debian's chromium, driven by playwright-core (no
// browser download). CHROMIUM_PATH points elsewhere, e.g. on a machine with Chrome installed.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const MISSING_CHROMIUM =
	`No chromium at ${CHROMIUM_PATH}: the browser tests need it. ` +
	"Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH.";

export function chromiumInstalled(): boolean {
	return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		timeout: 30_000,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-background-networking",
			"--disable-quic",
			"--no-first-run",
			"--disable-component-update",
			"--disable-sync",
		],
	});
}

/**
 * A desktop browser's user agent. Headless chromium says "HeadlessChrome", which the storefront
 * rightly counts as an automated client and leaves out of analytics; tests of analytics act as a
 * shopper's browser instead.
 */
export const SHOPPER_USER_AGENT =
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";
