// Which orders this browser may see by number alone (issue #12, finding 3): the browser that
// placed an order, or that proved number + email, holds a signed __Host- cookie listing pseudonyms
// of those numbers (never the numbers). Anyone else gets the lookup form, whatever the number.
import type { Context } from "hono";
import { getSignedCookie, setSignedCookie } from "hono/cookie";
import type { AppEnv } from "../env";
import { pseudonym } from "../pseudonym";

const COOKIE = "lw_orders";
const MAX_ORDERS = 5;
const MAX_AGE_S = 30 * 24 * 3600;
const ENTRY = /^[A-Za-z0-9_-]{22}$/;

function orderPseudonym(c: Context<AppEnv>, number: string): Promise<string> {
	return pseudonym(c.env.SESSION_KEY, "order-page", number);
}

async function readEntries(c: Context<AppEnv>): Promise<string[]> {
	let value: string | false | undefined;
	try {
		value = await getSignedCookie(c, c.env.SESSION_KEY, COOKIE, "host");
	} catch {
		value = false;
	}
	return typeof value === "string" ? value.split("~").filter((entry) => ENTRY.test(entry)) : [];
}

/** Lets this browser see the order's status page from now on (newest first, a few at most). */
export async function rememberOrderInBrowser(c: Context<AppEnv>, number: string): Promise<void> {
	const entry = await orderPseudonym(c, number);
	const entries = [entry, ...(await readEntries(c)).filter((e) => e !== entry)].slice(0, MAX_ORDERS);
	await setSignedCookie(c, COOKIE, entries.join("~"), c.env.SESSION_KEY, {
		prefix: "host",
		httpOnly: true,
		secure: true,
		sameSite: "Lax",
		path: "/",
		maxAge: MAX_AGE_S,
	});
}

export async function browserKnowsOrder(c: Context<AppEnv>, number: string): Promise<boolean> {
	return (await readEntries(c)).includes(await orderPseudonym(c, number));
}
