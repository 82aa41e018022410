// Registration, confirmation, login, logout, password change and reset, as the storefront's side
// of the vault's account operations. The vault holds the credentials and decides; this side
// bounds each client's pace, keeps the profile row, sets the session cookie and adopts the cart.
// Register and reset answer the same whether or not the email is known (enumeration), login
// refuses unknown and wrong alike, and each is charged to the client before the vault sees it.
import type { Context } from "hono";
import { MailLocaleSchema, type SignedIn } from "../../shared/vault-contract";
import { setAnalyticsConsent } from "../analytics/consent";
import { withinClientLimit } from "../analytics/rate-limit";
import { clearCartCookie, issueCartCookie } from "../cart/cart-cookie";
import { planCartMerge } from "../cart/cart-merge";
import { findCustomerOpenCart, getOpenCart, insertCart, listCartLines, mergeIntoCart } from "../db/carts";
import { getCustomer, markConfirmed, upsertCustomer } from "../db/customers";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { isMarketId } from "../markets/markets";
import { CURRENT_POLICY_VERSION } from "../privacy/policy-version";
import { findOpenCartId } from "../shopper-actions";
import { fromVault } from "../vault-client";
import { readDeviceTokens, rememberDevice } from "./device-cookie";
import { type ConsentChoices, consentColumns } from "./profile";
import { clearSessionCookie, readSessionToken, writeSessionCookie } from "./session-cookie";

const NO_ACCOUNT = `acc_${"0".repeat(22)}`;

export const CHECK_EMAIL =
	"If that address can be used, we have sent it a link. It is valid for a limited time.";

/** Every sign-in request of a client counts against one bound: guesses cost the guesser. */
export async function limitSignIn(c: Context<AppEnv>): Promise<void> {
	if (!(await withinClientLimit(c.env.AUTH_CLIENT_LIMITER, c))) {
		throw new AppError("rate_limited", "Too many attempts; try again in a minute");
	}
}

/**
 * The language of the mail the vault sends for this request (issue #13): the shopper's choice,
 * else their country, else en-US, as the page they came from. Left out if it ever had another
 * shape: the vault would refuse the whole request over it, and English still reaches the shopper.
 */
function mailLocale(c: Context<AppEnv>): { locale?: string } {
	const { tag } = c.var.locale;
	return MailLocaleSchema.safeParse(tag).success ? { locale: tag } : {};
}

export async function register(
	c: Context<AppEnv>,
	input: { email: string; password: string; nickname: string; consents: ConsentChoices },
): Promise<void> {
	await limitSignIn(c);
	// The choice holds in this browser from now on, whatever the vault answers (and says nothing).
	if (!input.consents.analytics) setAnalyticsConsent(c, false);
	const { account } = await fromVault(
		c.env.VAULT.register({
			email: input.email,
			password: input.password,
			profile: { nickname: input.nickname },
			...mailLocale(c),
			requestId: c.var.requestId,
		}),
		c.var.logger,
	);
	// null: the address already has an account; its owner got a mail, this answer says nothing.
	// The query stands in for the profile write of a new account: both answers then go to D1's
	// primary and carry a fresh session bookmark cookie, so not even a cookie tells them apart.
	if (!account) {
		await getCustomer(c.var.db, NO_ACCOUNT);
		return;
	}
	const now = Date.now();
	await upsertCustomer(c.var.db, {
		id: account.id,
		subjectId: account.subjectId,
		nicknameCt: account.sealed.nickname,
		...consentColumns(input.consents, now),
		confirmedAt: null,
		// Registering is agreeing to the current policy: there is nothing newer to announce.
		policyNoticeVersion: CURRENT_POLICY_VERSION,
		createdAt: now,
		updatedAt: now,
	});
}

/**
 * After a sign-in: the session cookie, the device token, the account's privacy choice on this
 * browser, the cart.
 */
async function startSession(c: Context<AppEnv>, { account, session, device }: SignedIn): Promise<void> {
	writeSessionCookie(c, session);
	await rememberDevice(c, device);
	await markConfirmed(c.var.db, account.id, Date.now());
	const customer = await getCustomer(c.var.db, account.id);
	// A withdrawal made on another device holds on this browser too, logged in or not.
	if (customer && !customer.analyticsConsent) setAnalyticsConsent(c, false);
	await adoptCartAtLogin(c, account.id);
}

/** Revokes a session in the vault; one the vault does not recognise is as good as ended already. */
async function revokeSession(c: Context<AppEnv>, token: string): Promise<void> {
	await fromVault(c.env.VAULT.logout({ session: token, requestId: c.var.requestId }), c.var.logger).catch(
		(err: unknown) => {
			if (!(err instanceof AppError && err.code === "unauthorized")) throw err;
		},
	);
}

/** A session this browser held before signing in again is ended, not left alive beside the new one. */
async function endPreviousSession(c: Context<AppEnv>): Promise<void> {
	const previous = readSessionToken(c);
	if (previous) await revokeSession(c, previous);
}

export async function login(c: Context<AppEnv>, email: string, password: string): Promise<void> {
	await limitSignIn(c);
	const devices = await readDeviceTokens(c);
	const signedIn = await fromVault(
		c.env.VAULT.login({ email, password, devices, requestId: c.var.requestId }),
		c.var.logger,
	);
	await endPreviousSession(c);
	await startSession(c, signedIn);
}

export async function confirmRegistration(
	c: Context<AppEnv>,
	token: string,
	password: string,
): Promise<void> {
	await limitSignIn(c);
	const devices = await readDeviceTokens(c);
	const signedIn = await fromVault(
		c.env.VAULT.confirm({ token, password, devices, requestId: c.var.requestId }),
		c.var.logger,
	);
	await endPreviousSession(c);
	await startSession(c, signedIn);
}

export async function logout(c: Context<AppEnv>): Promise<void> {
	const token = readSessionToken(c);
	clearSessionCookie(c);
	// The cart stays with the account for its next login; this browser is a guest again.
	clearCartCookie(c);
	if (token) await revokeSession(c, token);
}

export async function changePassword(
	c: Context<AppEnv>,
	session: string,
	currentPassword: string,
	newPassword: string,
): Promise<void> {
	const issued = await fromVault(
		c.env.VAULT.changePassword({ session, currentPassword, newPassword, requestId: c.var.requestId }),
		c.var.logger,
	);
	// Every other session is gone; this browser carries on with a fresh one.
	writeSessionCookie(c, issued.session);
}

export async function requestPasswordReset(c: Context<AppEnv>, email: string): Promise<void> {
	await limitSignIn(c);
	await fromVault(
		c.env.VAULT.requestReset({ email, ...mailLocale(c), requestId: c.var.requestId }),
		c.var.logger,
	);
}

export async function completePasswordReset(
	c: Context<AppEnv>,
	token: string,
	password: string,
): Promise<void> {
	await limitSignIn(c);
	await fromVault(c.env.VAULT.completeReset({ token, password, requestId: c.var.requestId }), c.var.logger);
	// Whoever was logged in on this browser is not any more: the reset revoked every session.
	clearSessionCookie(c);
}

/**
 * The guest cart of this browser becomes the account's, with the account's saved cart merged in.
 * A cart another account left in this browser is not adopted.
 */
export async function adoptCartAtLogin(c: Context<AppEnv>, accountId: string): Promise<void> {
	const db = c.var.db;
	const now = Date.now();
	const guestId = await findOpenCartId(c);
	const guest = guestId ? await getOpenCart(db, guestId) : null;
	const own = guest && (guest.customerId === null || guest.customerId === accountId) ? guest : null;
	if (guest && !own) clearCartCookie(c);
	const saved = await findCustomerOpenCart(db, accountId, own?.id);
	if (!own && !saved) return;
	let targetId = own?.id;
	if (!targetId) {
		targetId = await issueCartCookie(c);
		// The saved cart comes to this browser in its own market: the prices it was filled at.
		const market = saved && isMarketId(saved.market) ? saved.market : c.var.locale.market;
		await insertCart(db, targetId, now, null, market);
	}
	const plan = saved
		? planCartMerge(await listCartLines(db, targetId), await listCartLines(db, saved.id))
		: { lines: [], dropped: 0 };
	await mergeIntoCart(db, targetId, saved?.id ?? null, accountId, plan.lines, now);
}
