// /api/v1/me/*: the logged-in customer's own data (issue #7). app.ts puts requireAccount and
// sameOriginMutations in front; every query here is scoped to the session's account, and the
// shopper's session is the actor of every opening and sealing in the vault.
import { createRoute, z } from "@hono/zod-openapi";
import { accountDepsFor } from "../accounts/account-deps";
import { checkoutForCustomer, findMyOrder, listMyOrders } from "../accounts/account-orders";
import {
	AccountCheckoutSchema,
	AddressIdSchema,
	ConsentsSchema,
	ConsentsUpdateSchema,
	MyOrdersSchema,
	ProfileSchema,
	ProfileUpdateSchema,
	SavedAddressInputSchema,
	SavedAddressSchema,
} from "../accounts/account-schemas";
import {
	addSavedAddress,
	listSavedAddresses,
	removeSavedAddress,
	replaceSavedAddress,
} from "../accounts/address-book";
import {
	changeConsents,
	changeNickname,
	consentsOf,
	readProfileWithNotice,
	requireCustomer,
} from "../accounts/profile";
import { setAnalyticsConsent } from "../analytics/consent";
import { requireCartId } from "../cart/cart-cookie";
import { CheckoutResponseSchema, OrderSummarySchema } from "../checkout/checkout-schemas";
import { createRouter, errorResponses } from "../openapi";
import { ProfileWithNoticeSchema } from "../privacy/policy-schemas";
import { SESSION_SECURITY } from "./auth";

const json = <S extends z.ZodType>(schema: S) => ({
	body: { required: true, content: { "application/json": { schema } } },
});
const ok = <S extends z.ZodType>(description: string, schema: S) => ({
	description,
	content: { "application/json": { schema } },
});
const AddressParams = z.object({ addressId: AddressIdSchema });
const OrderParams = z.object({
	number: z
		.string()
		.min(1)
		.max(40)
		.openapi({ param: { name: "number", in: "path" }, example: "LW-7K2M-9QXA-4TPB" }),
});
const common = { tags: ["account"], security: SESSION_SECURITY };

export const meRoutes = createRouter()
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me",
			summary: "Your profile: email, nickname, privacy choices, and once, news of a newer privacy policy",
			responses: { 200: ok("Profile", ProfileWithNoticeSchema), ...errorResponses(401, 404, 429, 503) },
		}),
		async (c) => c.json(await readProfileWithNotice(accountDepsFor(c)), 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "patch",
			path: "/api/v1/me",
			summary: "Change your nickname",
			request: json(ProfileUpdateSchema),
			responses: { 200: ok("Profile", ProfileSchema), ...errorResponses(400, 401, 403, 404, 413, 429, 503) },
		}),
		async (c) => c.json(await changeNickname(accountDepsFor(c), c.req.valid("json").nickname), 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/consents",
			summary: "Your consents, each with the policy version and time it was given or withdrawn",
			responses: { 200: ok("Consents", ConsentsSchema), ...errorResponses(401, 404, 503) },
		}),
		async (c) => c.json(consentsOf(await requireCustomer(accountDepsFor(c))), 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "put",
			path: "/api/v1/me/consents",
			summary: "Give or withdraw consent; a withdrawal holds from the next request, on every device",
			request: json(ConsentsUpdateSchema),
			responses: { 200: ok("Consents", ConsentsSchema), ...errorResponses(400, 401, 403, 404, 413, 503) },
		}),
		async (c) => {
			const choices = c.req.valid("json");
			const consents = await changeConsents(accountDepsFor(c), choices);
			// This browser follows at once, and stays withdrawn after logging out.
			if (choices.analytics !== undefined) setAnalyticsConsent(c, choices.analytics);
			return c.json(consents, 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/addresses",
			summary: "Your address book",
			responses: {
				200: ok("Addresses", z.object({ addresses: z.array(SavedAddressSchema) })),
				...errorResponses(401, 429, 503),
			},
		}),
		async (c) => c.json({ addresses: await listSavedAddresses(accountDepsFor(c)) }, 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/me/addresses",
			summary: "Save an address (at most 10)",
			request: json(SavedAddressInputSchema),
			responses: {
				201: ok("Saved", SavedAddressSchema),
				...errorResponses(400, 401, 403, 409, 413, 429, 503),
			},
		}),
		async (c) => c.json(await addSavedAddress(accountDepsFor(c), c.req.valid("json")), 201),
	)
	.openapi(
		createRoute({
			...common,
			method: "put",
			path: "/api/v1/me/addresses/{addressId}",
			summary: "Replace a saved address",
			request: { params: AddressParams, ...json(SavedAddressInputSchema) },
			responses: {
				200: ok("Saved", SavedAddressSchema),
				...errorResponses(400, 401, 403, 404, 413, 429, 503),
			},
		}),
		async (c) =>
			c.json(
				await replaceSavedAddress(accountDepsFor(c), c.req.valid("param").addressId, c.req.valid("json")),
				200,
			),
	)
	.openapi(
		createRoute({
			...common,
			method: "delete",
			path: "/api/v1/me/addresses/{addressId}",
			summary: "Delete a saved address",
			request: { params: AddressParams },
			responses: {
				200: ok("Deleted", z.object({ deleted: z.literal(true) })),
				...errorResponses(400, 401, 403, 404, 503),
			},
		}),
		async (c) => {
			await removeSavedAddress(accountDepsFor(c), c.req.valid("param").addressId);
			return c.json({ deleted: true as const }, 200);
		},
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/orders",
			summary: "Your orders with their status, newest first",
			responses: { 200: ok("Orders", MyOrdersSchema), ...errorResponses(401, 503) },
		}),
		async (c) => c.json({ orders: await listMyOrders(accountDepsFor(c)) }, 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "get",
			path: "/api/v1/me/orders/{number}",
			summary: "One of your orders",
			request: { params: OrderParams },
			responses: {
				200: ok("Order", z.object({ order: OrderSummarySchema })),
				...errorResponses(400, 401, 404, 503),
			},
		}),
		async (c) => c.json({ order: await findMyOrder(accountDepsFor(c), c.req.valid("param").number) }, 200),
	)
	.openapi(
		createRoute({
			...common,
			method: "post",
			path: "/api/v1/me/checkout",
			summary: "Check out the cart as this customer, to a saved address or a new one",
			request: json(AccountCheckoutSchema),
			responses: {
				201: ok("Order placed, stock reserved; pay at paymentUrl", CheckoutResponseSchema),
				...errorResponses(400, 401, 403, 404, 409, 413, 429, 502, 503),
			},
		}),
		async (c) => {
			const cartId = await requireCartId(c);
			const { order, paymentUrl } = await checkoutForCustomer(
				c,
				accountDepsFor(c),
				cartId,
				c.req.valid("json"),
			);
			return c.json({ order, paymentUrl }, 201);
		},
	);
