// Who the shopper is, for the routes that need an account: the session cookie's signature is
// checked here first (a forged token costs the vault nothing), then the vault says whether the
// session is alive (not revoked, not idle or past its absolute expiry) and whose it is.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AccountRef } from "../../shared/vault-contract";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { fromVault } from "../vault-client";
import { clearSessionCookie, readSessionToken, verifySessionSignature } from "./session-cookie";

const LOGIN_REQUIRED = "Log in to continue";

/** The live session's account, or a 401 (and the dead cookie cleared). */
export async function currentAccount(c: Context<AppEnv>): Promise<{ account: AccountRef; token: string }> {
	const token = readSessionToken(c);
	if (!token || !(await verifySessionSignature(c.env.SESSION_PUBLIC_KEY, token))) {
		if (token !== undefined) clearSessionCookie(c);
		throw new AppError("unauthorized", LOGIN_REQUIRED);
	}
	try {
		const { account } = await fromVault(
			c.env.VAULT.session({ session: token, requestId: c.var.requestId }),
			c.var.logger,
		);
		return { account, token };
	} catch (err) {
		if (err instanceof AppError && err.code === "unauthorized") {
			clearSessionCookie(c);
			throw new AppError("unauthorized", LOGIN_REQUIRED);
		}
		throw err;
	}
}

/** Requires a live session; puts its account and token on the context. */
export const requireAccount = createMiddleware<AppEnv>(async (c, next) => {
	const { account, token } = await currentAccount(c);
	c.set("account", account);
	c.set("sessionToken", token);
	await next();
});

/**
 * The account id a validly signed session cookie names, without asking the vault: enough to
 * apply that account's privacy choices (a revoked session's owner made them too), never enough
 * to show or change its data.
 */
export async function signedAccountId(c: Context<AppEnv>): Promise<string | null> {
	const token = readSessionToken(c);
	if (!token) return null;
	return (await verifySessionSignature(c.env.SESSION_PUBLIC_KEY, token))?.accountId ?? null;
}
