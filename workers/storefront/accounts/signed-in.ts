// For pages that anyone may open but that offer more to a signed-in customer (the checkout page's
// saved addresses) and for the account pages, which send a guest to the sign-in page instead of
// answering 401: who is signed in, as requireAccount would say, without refusing a guest.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import type { SavedAddressChoiceState } from "../pages/account/saved-address-choice";
import { type AccountDeps, accountDepsFor } from "./account-deps";
import { listSavedAddresses } from "./address-book";
import { currentAccount } from "./current-account";
import { readSessionToken } from "./session-cookie";

/** The account deps of a live session (set on the context as requireAccount does), or null. */
export async function signedInDeps(c: Context<AppEnv>): Promise<AccountDeps | null> {
	if (!readSessionToken(c)) return null;
	try {
		const { account, token } = await currentAccount(c);
		c.set("account", account);
		c.set("sessionToken", token);
	} catch (err) {
		if (err instanceof AppError && err.code === "unauthorized") return null;
		throw err;
	}
	return accountDepsFor(c);
}

/**
 * A signed-in customer's saved addresses for the checkout page (opened by the vault with their
 * session, audited), or null for a guest. A refusal (the account's opening pace) leaves the guest
 * form alone rather than failing the page.
 */
export async function savedAddressChoice(c: Context<AppEnv>): Promise<SavedAddressChoiceState | null> {
	const deps = await signedInDeps(c);
	if (!deps) return null;
	try {
		return { addresses: await listSavedAddresses(deps) };
	} catch (err) {
		if (err instanceof AppError && err.status < 500) return null;
		throw err;
	}
}
