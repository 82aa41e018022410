// Which orders this browser may see by number alone (issue #12, finding 3): the browser that
// placed an order, or that proved number + email, holds a signed __Host- cookie listing pseudonyms
// of those numbers (never the numbers). Anyone else gets the lookup form, whatever the number.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { pseudonym } from "../pseudonym";
import { readSignedCookie, writeSignedCookie } from "../signed-cookie";

const COOKIE = "lw_orders";
const MAX_ORDERS = 5;
const MAX_AGE_S = 30 * 24 * 3600;
const ENTRY = /^[A-Za-z0-9_-]{22}$/;

function orderPseudonym(c: Context<AppEnv>, number: string): Promise<string> {
	return pseudonym(c.env.SESSION_KEY, "order-page", number);
}

async function readEntries(c: Context<AppEnv>): Promise<string[]> {
	const value = await readSignedCookie(c, COOKIE);
	return value === undefined ? [] : value.split("~").filter((entry) => ENTRY.test(entry));
}

/** Lets this browser see the order's status page from now on (newest first, a few at most). */
export async function rememberOrderInBrowser(c: Context<AppEnv>, number: string): Promise<void> {
	const entry = await orderPseudonym(c, number);
	const entries = [entry, ...(await readEntries(c)).filter((e) => e !== entry)].slice(0, MAX_ORDERS);
	await writeSignedCookie(c, COOKIE, entries.join("~"), MAX_AGE_S);
}

export async function browserKnowsOrder(c: Context<AppEnv>, number: string): Promise<boolean> {
	return (await readEntries(c)).includes(await orderPseudonym(c, number));
}
