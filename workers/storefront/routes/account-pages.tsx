// The shopper's account pages (issue #10): register, sign in and out, a forgotten password, the
// overview, profile, address book and orders, and checking out to a saved address. Each is a thin
// shell over what the matching /api/v1/auth/* or /api/v1/me/* route calls, with the JSON bodies'
// own schemas applied to the forms. Every page here depends on the session or holds what was typed,
// so none is cached; a guest opening a signed-in page is sent to sign in and back (303).
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AccountDeps } from "../accounts/account-deps";
import {
	AddressFormSchema,
	AddressParamsSchema,
	describeAddressIssues,
	describeForgotIssues,
	describeLoginIssues,
	describePasswordIssues,
	describeProfileIssues,
	describeRegisterIssues,
	echoAddressValues,
	echoForgotValues,
	echoLoginValues,
	echoProfileValues,
	echoRegisterValues,
	ForgotFormSchema,
	type FormErrors,
	LoginFormSchema,
	NextSchema,
	PasswordFormSchema,
	ProfileFormSchema,
	RegisterFormSchema,
	refusalText,
	SavedCheckoutFormSchema,
	safeNext,
} from "../accounts/account-forms";
import { checkoutForCustomer, listMyOrders } from "../accounts/account-orders";
import {
	addSavedAddress,
	findSavedAddress,
	listSavedAddresses,
	MAX_SAVED_ADDRESSES,
	removeSavedAddress,
	replaceSavedAddress,
} from "../accounts/address-book";
import { readMyOrderDetail } from "../accounts/order-detail";
import { changeNickname, readProfile, readProfileWithNotice } from "../accounts/profile";
import { changePassword, login, logout, register, requestPasswordReset } from "../accounts/sign-in";
import { signedInDeps } from "../accounts/signed-in";
import { type CheckoutFormErrors, type CheckoutFormValues, describeRefusal } from "../checkout/checkout-form";
import type { AppEnv } from "../env";
import { AppError } from "../errors";
import { localized } from "../i18n/locale-context";
import type { MessageKey } from "../i18n/translate";
import { createRouter, errorResponses, formBody, html } from "../openapi";
import { AddressEditPage, AddressesPage } from "../pages/account/addresses-page";
import { OrderDetailPage, OrdersPage } from "../pages/account/orders-page";
import { OverviewPage } from "../pages/account/overview-page";
import { ProfilePage } from "../pages/account/profile-page";
import {
	AccountMessagePage,
	CheckEmailPage,
	ForgotPage,
	LoginPage,
	RegisterPage,
} from "../pages/account/sign-in-pages";
import { pageErrorResponse } from "../pages/page-error";
import { findOpenCartId } from "../shopper-actions";
import { renderCheckout } from "./shop-pages";

const seeOther = (description: string) => ({ 303: { description } });
const page200 = (description: string) => ({ 200: html(description) });
const signInFirst = seeOther("Not signed in: to the sign-in page, and back here after");
const refused = {
	400: html("The page again, with what was wrong"),
	401: html("The page again: not the right password"),
	404: html("No such address or order in this account"),
	409: html("The page again: a limit reached (a full address book, out of stock)"),
	415: html("Not a form"),
	429: html("The page again: too many attempts in a short time"),
	503: html("Personal data is unavailable right now"),
	// Refused by the app's middleware before any page is involved: cross-origin post, oversized body.
	...errorResponses(403, 413),
};
const tags = ["pages"];

/**
 * A page that depends on the session or holds what was typed: never cached, never indexed, in
 * the shopper's language (the choice cookie, else the country Cloudflare saw).
 */
function page(c: Context<AppEnv>, body: Child, status: ContentfulStatusCode = 200) {
	c.header("Cache-Control", "no-store");
	return c.html(localized(c, body), status);
}

/** An error the person can act on (shown on the page); anything else stays a fault for onError. */
function refusal(err: unknown): AppError | null {
	return err instanceof AppError && err.status < 500 ? err : null;
}

const status = (err: AppError) => err.status as ContentfulStatusCode;

type Issues = readonly z.core.$ZodIssue[];

/** A route's validation hook: a refused request gets `render`'s page; a valid one goes on. */
function onInvalid(render: (c: Context<AppEnv>, issues: Issues, target: string) => Promise<Response>) {
	return (
		result: { success: true } | { success: false; error: { issues: Issues }; target: string },
		c: Context<AppEnv>,
	) => (result.success ? undefined : render(c, result.error.issues, result.target));
}

/** The raw form as the validator read it (cached), for putting back what was typed. */
const rawForm = (c: Context<AppEnv>) => c.req.parseBody({ all: true });

function toSignIn(c: Context<AppEnv>, back: string) {
	c.header("Cache-Control", "no-store");
	return c.redirect(`/account/login?next=${encodeURIComponent(back)}`, 303);
}

/**
 * Runs a signed-in page: the session's account deps, or the sign-in page with `back` to return to.
 * `back` is the page (GET) to come back to, also for a form posted with a dead session.
 */
async function signedIn(
	c: Context<AppEnv>,
	back: string,
	run: (deps: AccountDeps) => Promise<Response>,
): Promise<Response> {
	const deps = await signedInDeps(c);
	return deps ? run(deps) : toSignIn(c, back);
}

/** The one-line confirmations a post/redirect/get can carry back (`?done=`): fixed texts only. */
const DONE: Readonly<Record<string, MessageKey>> = {
	"signed-out": "account.done.signedOut",
	name: "account.done.name",
	password: "account.done.password",
	added: "account.done.added",
	saved: "account.done.saved",
	deleted: "account.done.deleted",
};
const DoneQuerySchema = z.object({
	done: z
		.string()
		.max(20)
		.optional()
		.openapi({ param: { name: "done", in: "query" }, description: "What was just done", example: "added" }),
});
const doneText = (c: Context<AppEnv>, done: string | undefined) => {
	const key = done && Object.hasOwn(DONE, done) ? DONE[done] : undefined;
	return key ? c.var.locale.t(key) : undefined;
};

const OrderParamsSchema = z.object({
	number: z
		.string()
		.min(1)
		.max(40)
		.openapi({ param: { name: "number", in: "path" }, example: "LW-7K2M-9QXA-4TPB" }),
});
const LoginQuerySchema = z.object({
	next: NextSchema.openapi({ param: { name: "next", in: "query" } }),
	done: DoneQuerySchema.shape.done,
});
const AddressPathSchema = AddressParamsSchema;

const RECENT_ORDERS = 3;

// --- Address book helpers ---------------------------------------------------------------------

async function renderAddresses(
	c: Context<AppEnv>,
	deps: AccountDeps,
	statusCode: ContentfulStatusCode,
	extra: { values?: CheckoutFormValues; errors?: CheckoutFormErrors; error?: string; done?: string } = {},
) {
	const addresses = await listSavedAddresses(deps);
	const form = { values: extra.values ?? {}, errors: extra.errors ?? { fields: {}, form: [] } };
	return page(
		c,
		<AddressesPage
			addresses={addresses}
			max={MAX_SAVED_ADDRESSES}
			form={form}
			error={extra.error}
			done={extra.done}
		/>,
		statusCode,
	);
}

function addressNotFound(c: Context<AppEnv>) {
	const { t } = c.var.locale;
	const back = { href: "/account/addresses", label: t("account.addresses.title") };
	return page(
		c,
		<AccountMessagePage
			title={t("account.addresses.notFound")}
			message={t("account.addresses.notInBook")}
			back={back}
		/>,
		404,
	);
}

async function renderAddressEdit(
	c: Context<AppEnv>,
	deps: AccountDeps,
	addressId: string,
	statusCode: ContentfulStatusCode,
	form?: { values: CheckoutFormValues; errors: CheckoutFormErrors },
	error?: string,
) {
	let address: Awaited<ReturnType<typeof findSavedAddress>>;
	try {
		address = await findSavedAddress(deps, addressId);
	} catch (err) {
		if (refusal(err)?.code === "not_found") return addressNotFound(c);
		throw err;
	}
	return page(c, <AddressEditPage address={address} form={form} error={error} />, statusCode);
}

// --- Profile helpers --------------------------------------------------------------------------

async function renderProfile(
	c: Context<AppEnv>,
	deps: AccountDeps,
	statusCode: ContentfulStatusCode,
	extra: Omit<Parameters<typeof ProfilePage>[0], "profile"> = {},
) {
	const profile = await readProfile(deps);
	return page(c, <ProfilePage profile={profile} {...extra} />, statusCode);
}

const passwordErrors = (
	fields: FormErrors<"currentPassword" | "newPassword">["fields"],
	form: string[] = [],
) => ({
	errors: { fields, form },
});

// --- Routes -----------------------------------------------------------------------------------

const router = createRouter();
router.onError(pageErrorResponse);

export const accountPages = router
	.openapi(
		createRoute({
			method: "get",
			path: "/account/register",
			tags,
			summary: "The registration form",
			responses: page200("The form"),
		}),
		(c) => page(c, <RegisterPage />),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/register",
			tags,
			summary: "Register from the form; a link to confirm is emailed (the same answer for a known address)",
			request: { body: formBody(RegisterFormSchema) },
			responses: { ...seeOther("To the check-your-email page"), ...refused },
		}),
		async (c) => {
			const { email, password, nickname, consents } = c.req.valid("form");
			try {
				await register(c, { email, password, nickname, consents });
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				const values = echoRegisterValues(await rawForm(c));
				const message = refusalText(c.var.locale.t, refused);
				// The vault's password policy (too common, the email itself) is about the password field.
				const errors =
					refused.code === "bad_request" || refused.code === "validation_failed"
						? { fields: { password: message }, form: [] }
						: { fields: {}, form: [message] };
				return page(c, <RegisterPage values={values} errors={errors} />, status(refused));
			}
			c.header("Cache-Control", "no-store");
			return c.redirect("/account/check-email", 303);
		},
		onInvalid(async (c, issues) => {
			const raw = await rawForm(c);
			const errors = describeRegisterIssues(c.var.locale.t, issues, raw);
			return page(c, <RegisterPage values={echoRegisterValues(raw)} errors={errors} />, 400);
		}),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/check-email",
			tags,
			summary: "After registering or asking for a reset: check your email (the same words either way)",
			responses: page200("The page"),
		}),
		(c) => page(c, <CheckEmailPage />),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/login",
			tags,
			summary: "The sign-in form; `next` is where to go after (a path on this site)",
			request: { query: LoginQuerySchema },
			responses: { ...page200("The form"), 400: html("Not a valid query") },
		}),
		(c) => {
			const { next, done } = c.req.valid("query");
			const values = next ? { next: safeNext(next) } : {};
			return page(c, <LoginPage values={values} done={doneText(c, done)} />);
		},
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/login",
			tags,
			summary: "Sign in from the form: the session cookie of POST /api/v1/auth/login, then on to `next`",
			request: { body: formBody(LoginFormSchema) },
			responses: { ...seeOther("To `next`, or the account overview"), ...refused },
		}),
		async (c) => {
			const { body, next } = c.req.valid("form");
			try {
				await login(c, body.email, body.password);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				const { t } = c.var.locale;
				const message = refused.code === "unauthorized" ? t("account.login.wrong") : refusalText(t, refused);
				const values = echoLoginValues(await rawForm(c));
				return page(
					c,
					<LoginPage values={values} errors={{ fields: {}, form: [message] }} />,
					status(refused),
				);
			}
			c.header("Cache-Control", "no-store");
			return c.redirect(safeNext(next), 303);
		},
		onInvalid(async (c, issues) => {
			const raw = await rawForm(c);
			const errors = describeLoginIssues(c.var.locale.t, issues, raw);
			return page(c, <LoginPage values={echoLoginValues(raw)} errors={errors} />, 400);
		}),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/logout",
			tags,
			summary: "Sign out: the session is revoked at once, the cookies cleared",
			responses: { ...seeOther("To the sign-in page, saying so"), ...refused },
		}),
		async (c) => {
			await logout(c);
			c.header("Cache-Control", "no-store");
			return c.redirect("/account/login?done=signed-out", 303);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/forgot",
			tags,
			summary: "The form asking for a password reset link",
			responses: page200("The form"),
		}),
		(c) => page(c, <ForgotPage />),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/forgot",
			tags,
			summary: "Ask for a reset link; the same answer whether or not the address has an account",
			request: { body: formBody(ForgotFormSchema) },
			responses: { ...seeOther("To the check-your-email page"), ...refused },
		}),
		async (c) => {
			try {
				await requestPasswordReset(c, c.req.valid("form").email);
			} catch (err) {
				const refused = refusal(err);
				if (!refused) throw err;
				const values = echoForgotValues(await rawForm(c));
				const errors = { fields: {}, form: [refusalText(c.var.locale.t, refused)] };
				return page(c, <ForgotPage values={values} errors={errors} />, status(refused));
			}
			c.header("Cache-Control", "no-store");
			return c.redirect("/account/check-email", 303);
		},
		onInvalid(async (c, issues) => {
			const raw = await rawForm(c);
			const errors = describeForgotIssues(c.var.locale.t, issues, raw);
			return page(c, <ForgotPage values={echoForgotValues(raw)} errors={errors} />, 400);
		}),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account",
			tags,
			summary: "The account overview: greeting, news of a newer privacy policy (once), recent orders",
			request: { query: DoneQuerySchema },
			responses: {
				...page200("The overview"),
				...signInFirst,
				400: html("Not a valid query"),
				503: refused[503],
			},
		}),
		(c) =>
			signedIn(c, "/account", async (deps) => {
				const [profile, orders] = await Promise.all([readProfileWithNotice(deps), listMyOrders(deps)]);
				return page(
					c,
					<OverviewPage
						nickname={profile.nickname}
						policyNotice={profile.policyNotice}
						recentOrders={orders.slice(0, RECENT_ORDERS)}
						done={doneText(c, c.req.valid("query").done)}
					/>,
				);
			}),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/profile",
			tags,
			summary: "Your profile: email, name, privacy choices (changed in the privacy center), password",
			request: { query: DoneQuerySchema },
			responses: {
				...page200("The profile"),
				...signInFirst,
				400: html("Not a valid query"),
				503: refused[503],
			},
		}),
		(c) =>
			signedIn(c, "/account/profile", (deps) =>
				renderProfile(c, deps, 200, { done: doneText(c, c.req.valid("query").done) }),
			),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/profile",
			tags,
			summary: "Change the name the shop calls you (as PATCH /api/v1/me)",
			request: { body: formBody(ProfileFormSchema) },
			responses: { ...seeOther("Back to the profile, or to sign in"), ...refused },
		}),
		(c) =>
			signedIn(c, "/account/profile", async (deps) => {
				await changeNickname(deps, c.req.valid("form").nickname);
				return c.redirect("/account/profile?done=name", 303);
			}),
		onInvalid(async (c, issues) => {
			return signedIn(c, "/account/profile", async (deps) => {
				const raw = await rawForm(c);
				const nickname = {
					values: echoProfileValues(raw),
					errors: describeProfileIssues(c.var.locale.t, issues, raw),
				};
				return renderProfile(c, deps, 400, { nickname });
			});
		}),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/password",
			tags,
			summary: "Change the password (as POST /api/v1/auth/password); every other session is revoked",
			request: { body: formBody(PasswordFormSchema) },
			responses: {
				...seeOther("Back to the profile, or to sign in"),
				...refused,
				403: html("The page again: not the current password (a cross-site post is refused before)"),
			},
		}),
		(c) =>
			signedIn(c, "/account/profile", async (deps) => {
				const { currentPassword, newPassword } = c.req.valid("form");
				try {
					await changePassword(c, deps.session, currentPassword, newPassword);
				} catch (err) {
					const refused = refusal(err);
					if (!refused) throw err;
					const { t } = c.var.locale;
					const message = refusalText(t, refused);
					const fields =
						// The vault answers a wrong current password as forbidden (a 403), the session being fine.
						refused.code === "forbidden"
							? { currentPassword: t("account.profile.wrongPassword") }
							: refused.code === "bad_request"
								? { newPassword: message }
								: {};
					const form = Object.keys(fields).length === 0 ? [message] : [];
					return renderProfile(c, deps, status(refused), { password: passwordErrors(fields, form) });
				}
				return c.redirect("/account/profile?done=password", 303);
			}),
		onInvalid(async (c, issues) => {
			return signedIn(c, "/account/profile", async (deps) => {
				const password = { errors: describePasswordIssues(c.var.locale.t, issues, await rawForm(c)) };
				return renderProfile(c, deps, 400, { password });
			});
		}),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/addresses",
			tags,
			summary: "Your address book, with the form to add an address",
			request: { query: DoneQuerySchema },
			responses: {
				...page200("The address book"),
				...signInFirst,
				400: html("Not a valid query"),
				503: refused[503],
			},
		}),
		(c) =>
			signedIn(c, "/account/addresses", (deps) =>
				renderAddresses(c, deps, 200, { done: doneText(c, c.req.valid("query").done) }),
			),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/addresses",
			tags,
			summary: "Save an address (as POST /api/v1/me/addresses: at most 10, the checkout's address rules)",
			request: { body: formBody(AddressFormSchema) },
			responses: { ...seeOther("Back to the address book, or to sign in"), ...refused },
		}),
		(c) =>
			signedIn(c, "/account/addresses", async (deps) => {
				try {
					await addSavedAddress(deps, c.req.valid("form"));
				} catch (err) {
					const refused = refusal(err);
					if (!refused) throw err;
					const values = echoAddressValues(await rawForm(c));
					const error = refusalText(c.var.locale.t, refused);
					return renderAddresses(c, deps, status(refused), { values, error });
				}
				return c.redirect("/account/addresses?done=added", 303);
			}),
		onInvalid(async (c, issues) => {
			return signedIn(c, "/account/addresses", async (deps) => {
				const raw = await rawForm(c);
				const errors = describeAddressIssues(c.var.locale.t, issues, raw);
				return renderAddresses(c, deps, 400, { values: echoAddressValues(raw), errors });
			});
		}),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/addresses/{addressId}",
			tags,
			summary: "The form to correct one saved address",
			request: { params: AddressPathSchema },
			responses: { ...page200("The form"), ...signInFirst, 404: refused[404], 503: refused[503] },
		}),
		(c) =>
			signedIn(c, "/account/addresses", (deps) =>
				renderAddressEdit(c, deps, c.req.valid("param").addressId, 200),
			),
		(result, c) => (result.success ? undefined : addressNotFound(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/addresses/{addressId}",
			tags,
			summary: "Replace a saved address (as PUT /api/v1/me/addresses/{addressId})",
			request: { params: AddressPathSchema, body: formBody(AddressFormSchema) },
			responses: { ...seeOther("Back to the address book, or to sign in"), ...refused },
		}),
		(c) =>
			signedIn(c, "/account/addresses", async (deps) => {
				const { addressId } = c.req.valid("param");
				try {
					await replaceSavedAddress(deps, addressId, c.req.valid("form"));
				} catch (err) {
					const refused = refusal(err);
					if (!refused) throw err;
					if (refused.code === "not_found") return addressNotFound(c);
					const form = { values: echoAddressValues(await rawForm(c)), errors: { fields: {}, form: [] } };
					const error = refusalText(c.var.locale.t, refused);
					return renderAddressEdit(c, deps, addressId, status(refused), form, error);
				}
				return c.redirect("/account/addresses?done=saved", 303);
			}),
		onInvalid(async (c, issues, target) => {
			if (target === "param") return addressNotFound(c);
			return signedIn(c, "/account/addresses", async (deps) => {
				const raw = await rawForm(c);
				const form = {
					values: echoAddressValues(raw),
					errors: describeAddressIssues(c.var.locale.t, issues, raw),
				};
				return renderAddressEdit(c, deps, c.req.param("addressId") ?? "", 400, form);
			});
		}),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/account/addresses/{addressId}/delete",
			tags,
			summary: "Delete a saved address (as DELETE /api/v1/me/addresses/{addressId})",
			request: { params: AddressPathSchema },
			responses: { ...seeOther("Back to the address book, or to sign in"), ...refused },
		}),
		(c) =>
			signedIn(c, "/account/addresses", async (deps) => {
				try {
					await removeSavedAddress(deps, c.req.valid("param").addressId);
				} catch (err) {
					if (refusal(err)?.code === "not_found") return addressNotFound(c);
					throw err;
				}
				return c.redirect("/account/addresses?done=deleted", 303);
			}),
		(result, c) => (result.success ? undefined : addressNotFound(c)),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/orders",
			tags,
			summary: "Your orders, newest first: number, date, status, total",
			responses: { ...page200("The order history"), ...signInFirst, 503: refused[503] },
		}),
		(c) =>
			signedIn(c, "/account/orders", async (deps) =>
				page(c, <OrdersPage orders={await listMyOrders(deps)} />),
			),
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/account/orders/{number}",
			tags,
			summary: "One of your orders: lines, totals, delivery contact (opened for you, audited), tracking",
			request: { params: OrderParamsSchema },
			responses: { ...page200("The order"), ...signInFirst, 404: refused[404], 503: refused[503] },
		}),
		(c) => {
			const { number } = c.req.valid("param");
			return signedIn(c, `/account/orders/${encodeURIComponent(number)}`, async (deps) => {
				try {
					return page(c, <OrderDetailPage detail={await readMyOrderDetail(deps, number)} />);
				} catch (err) {
					if (refusal(err)?.code === "not_found") return orderNotFound(c);
					throw err;
				}
			});
		},
		(result, c) => (result.success ? undefined : orderNotFound(c)),
	)
	.openapi(
		createRoute({
			method: "post",
			path: "/checkout/saved-address",
			tags,
			summary:
				"Check out as the signed-in customer to a saved address (as POST /api/v1/me/checkout), then on to payment",
			request: { body: formBody(SavedCheckoutFormSchema) },
			responses: {
				...seeOther("To the payment page; without a cart, to the cart; signed out, to sign in"),
				...refused,
				502: html("Payment provider unavailable"),
			},
		}),
		(c) =>
			signedIn(c, "/checkout", async (deps) => {
				const cartId = await findOpenCartId(c);
				if (!cartId) return c.redirect("/cart", 303);
				const input = c.req.valid("form");
				try {
					return c.redirect((await checkoutForCustomer(c, deps, cartId, input)).paymentUrl, 303);
				} catch (err) {
					const refused = err instanceof AppError && (err.status < 500 || err.code === "payment_unavailable");
					if (!refused) throw err;
					const addressId = "addressId" in input ? input.addressId : undefined;
					const { t } = c.var.locale;
					const message =
						err.code === "not_found" && addressId
							? t("account.addresses.notInBook")
							: describeRefusal(t, err);
					const values = { addressId, shippingMethod: input.shippingMethod };
					return renderSavedCheckout(c, deps, status(err), message, values);
				}
			}),
		onInvalid(async (c) => {
			return signedIn(c, "/checkout", (deps) =>
				renderSavedCheckout(c, deps, 400, c.var.locale.t("account.savedCheckout.choose")),
			);
		}),
	);

function orderNotFound(c: Context<AppEnv>) {
	const { t } = c.var.locale;
	const back = { href: "/account/orders", label: t("account.orders.title") };
	return page(
		c,
		<AccountMessagePage
			title={t("account.order.notFound")}
			message={t("account.order.notInAccount")}
			back={back}
		/>,
		404,
	);
}

/** The checkout page again with the saved-address choice's refusal (a cart gone: the cart page). */
async function renderSavedCheckout(
	c: Context<AppEnv>,
	deps: AccountDeps,
	statusCode: ContentfulStatusCode,
	error: string,
	input?: { addressId?: string; shippingMethod?: string },
) {
	const addresses = await listSavedAddresses(deps);
	const values = input ? { addressId: input.addressId, shippingMethod: input.shippingMethod } : undefined;
	return renderCheckout(c, statusCode, {}, undefined, undefined, { addresses, values, error });
}
