// Guest checkout: the vault seals the contact under a new subject first; then the cart becomes an
// order in ONE D1 batch (order, lines, sealed contact, cart closed, stock decremented), then the
// payment provider is asked for a hosted page. If any line would oversell, the CHECK on variants
// fails the batch and nothing is written (the fresh subject's key is shredded in the vault).
// If the provider fails, the order is cancelled and its stock released.
import { runBatch, violatedConstraint } from "../../shared/d1-batch";
import type { Logger } from "../../shared/logger";
import { closeCartStatement, getOpenCart, listCartLines, reopenCartStatement } from "../db/carts";
import {
	cancelPlacedOrderStatements,
	decrementStockStatement,
	insertOrderContactStatement,
	insertOrderIfCartOpenStatement,
	insertOrderLinesStatements,
	type OrderRow,
	setOrderPaymentSession,
} from "../db/orders";
import type { Db } from "../env";
import { AppError } from "../errors";
import { type Language, MARKETS } from "../markets/markets";
import { buildOrderSummary, type OrderSummary } from "../orders/order-view";
import type { PaymentProvider } from "../payments/provider";
import { fromVault, type VaultClient } from "../vault-client";
import type { CheckoutInput } from "./checkout-schemas";
import { insertHoldStatement } from "./client-limits";
import { normalizeAddress } from "./countries";
import { newOrderNumber } from "./order-number";
import { marketForDelivery, priceOrder } from "./order-pricing";

export type CheckoutDeps = {
	db: Db;
	vault: Pick<VaultClient, "seal" | "shred">;
	requestId?: string;
	/** The client's pseudonym for its holds (client-limits.ts); no hold is recorded without one. */
	clientKey?: string;
	provider: PaymentProvider;
	logger: Logger;
	/** What the order keeps for its purchase event once paid (consent allowing); null: none. */
	purchaseSignal?: string | null;
	/** The language the shopper bought in: the order's mails are written in it. */
	language?: Language;
	/** Where the provider sends the shopper back: this site's origin. */
	origin: string;
	now: number;
	reservationMinutes: number;
};

/** The answer to the shopper, and the products bought, for the route's purchase event. */
export type CheckoutResult = { order: OrderSummary; paymentUrl: string; productIds: number[] };

/** Who places the order: a guest (a new subject for the contact) or an account (its own subject). */
export type Placement =
	| { kind: "guest"; email: string }
	| { kind: "account"; customerId: string; session: string };

/** The consignee of an order: sealed for order_contacts under the placement's subject. */
export type OrderContactInput = Pick<CheckoutInput, "name" | "phone" | "address" | "shippingMethod">;

export async function checkoutCart(
	deps: CheckoutDeps,
	cartId: string,
	input: OrderContactInput,
	placement: Placement,
): Promise<CheckoutResult> {
	const order = await placeOrder(deps, cartId, input, placement);
	const paymentUrl = await startPayment(deps, cartId, order.row);
	return { order: buildOrderSummary(order.row, order.lines), paymentUrl, productIds: order.productIds };
}

/**
 * Seals the consignee for the order's row. A guest's contact gets a new subject (and a receipt to
 * shred it by if the order is not written); an account's is sealed under the account's subject,
 * with the email the vault copies from the account, and is never shredded here.
 */
async function sealContact(
	deps: CheckoutDeps,
	orderId: string,
	input: OrderContactInput,
	placement: Placement,
) {
	const fields = {
		name: input.name,
		phone: input.phone,
		address: JSON.stringify(normalizeAddress(input.address)),
	};
	const common = {
		table: "order_contacts",
		rowId: orderId,
		blindIndex: ["email"] as "email"[],
		requestId: deps.requestId,
	};
	return fromVault(
		placement.kind === "guest"
			? deps.vault.seal({ ...common, subject: { new: true }, fields: { email: placement.email, ...fields } })
			: deps.vault.seal({
					...common,
					subject: { session: placement.session },
					fields,
					fromAccount: ["email"],
				}),
		deps.logger,
	);
}

async function placeOrder(
	deps: CheckoutDeps,
	cartId: string,
	input: OrderContactInput,
	placement: Placement,
) {
	const { db, vault, now } = deps;
	const cart = await getOpenCart(db, cartId);
	// Another account's cart is not this shopper's to check out (IDOR: not found, like no cart).
	const customerId = placement.kind === "account" ? placement.customerId : null;
	if (!cart || (cart.customerId !== null && customerId !== null && cart.customerId !== customerId)) {
		throw new AppError("not_found", "Cart not found");
	}
	// The destination decides the market, and the shopper must have seen its prices: a cart of
	// another market is refused rather than charged in a currency nobody showed them.
	const destination = marketForDelivery(input.address.country);
	if (destination !== cart.market) {
		const { currency } = MARKETS[destination];
		throw new AppError(
			"conflict",
			`Delivery to ${input.address.country} is sold in ${currency}: move the cart to the ${destination} market first (PUT /api/v1/cart/market)`,
			[{ path: ["address", "country"], message: `This cart is priced for the ${cart.market} market` }],
		);
	}
	const cartLines = await listCartLines(db, cartId);
	const pricing = priceOrder(cartLines, input.address, input.shippingMethod);
	// An early, friendlier answer; the CHECK constraint in the batch is what actually guards stock.
	const short = cartLines.filter((line) => line.quantity > line.stock);
	if (short.length > 0) {
		throw new AppError(
			"out_of_stock",
			"Some items are no longer available in that quantity",
			short.map((line) => ({ path: ["lines", line.variantId], message: `Only ${line.stock} left` })),
		);
	}

	const orderId = crypto.randomUUID();
	const { subjectId, sealed, blindIndexes, receipt } = await sealContact(deps, orderId, input, placement);
	const row: OrderRow = {
		id: orderId,
		number: newOrderNumber(),
		status: "placed",
		subjectId,
		customerId,
		...pricing,
		language: deps.language ?? "en",
		shippingMethod: input.shippingMethod,
		paymentProvider: deps.provider.name,
		paymentSessionId: null,
		cancelReason: null,
		createdAt: now,
		updatedAt: now,
		reservedUntil: now + deps.reservationMinutes * 60_000,
		paidAt: null,
		purchaseSignal: deps.purchaseSignal ?? null,
		paymentReference: null,
		paidMinor: 0,
		paymentPendingAt: null,
		refundedMinor: 0,
		packedAt: null,
		shippedAt: null,
		deliveredAt: null,
		carrier: null,
		trackingNumber: null,
		shipCountry: input.address.country,
		personalDataPurgedAt: null,
	};
	const lines = cartLines.map((line) => ({
		orderId,
		variantId: line.variantId,
		productName: line.productName,
		sku: line.sku,
		size: line.size,
		color: line.color,
		quantity: line.quantity,
		// priceOrder refused any line without a price in the order's currency.
		unitPriceMinor: line.unitPriceMinor ?? 0,
	}));

	try {
		await runBatch(db, [
			insertOrderIfCartOpenStatement(db, row, cartId),
			...insertOrderLinesStatements(db, lines),
			insertOrderContactStatement(db, {
				orderId,
				subjectId,
				emailBidx: blindIndexes.email as string,
				emailCt: sealed.email as string,
				nameCt: sealed.name as string,
				phoneCt: sealed.phone as string,
				addressCt: sealed.address as string,
			}),
			closeCartStatement(db, cartId, now),
			...(deps.clientKey ? [insertHoldStatement(db, orderId, deps.clientKey, now)] : []),
			...lines.map((line) => decrementStockStatement(db, line.variantId, line.quantity)),
		]);
	} catch (err) {
		// No order holds a guest's new subject: its key goes, so no orphaned key outlives the attempt.
		// (An account's subject has no receipt: it holds the account's other data.)
		if (receipt) {
			await fromVault(
				vault.shred({ subjects: [{ id: subjectId, receipt }], reason: "checkout_aborted" }),
				deps.logger,
			).catch((shredErr: unknown) =>
				deps.logger.warn("shredding an aborted checkout's subject failed", { err: shredErr }),
			);
		}
		const constraint = violatedConstraint(err);
		if (constraint === "check")
			throw new AppError("out_of_stock", "Some items sold out while you checked out");
		if (constraint === "foreign_key")
			throw new AppError("invalid_state", "This cart has already been checked out");
		throw err;
	}
	return { row, lines, productIds: [...new Set(cartLines.map((line) => line.productId))] };
}

async function startPayment(deps: CheckoutDeps, cartId: string, order: OrderRow): Promise<string> {
	const { db, now, origin } = deps;
	try {
		const session = await deps.provider.createCheckoutSession({
			orderNumber: order.number,
			amountMinor: order.totalMinor,
			currency: order.currency,
			successUrl: `${origin}/orders/${order.number}/thanks`,
			cancelUrl: `${origin}/orders/${order.number}/cancelled`,
			expiresAt: order.reservedUntil,
			language: deps.language ?? "en",
		});
		await setOrderPaymentSession(db, order.id, session.sessionId, now);
		order.paymentSessionId = session.sessionId;
		return session.url;
	} catch (err) {
		// The shopper keeps the cart to try again; the reserved stock goes back on sale now.
		await runBatch(db, [
			...cancelPlacedOrderStatements(db, order.id, "payment_unavailable", now),
			reopenCartStatement(db, cartId, now),
		]);
		// The order's internal id, never its number: the number is half of the guest lookup credential.
		deps.logger.warn("payment session failed; order cancelled", { orderId: order.id, err });
		if (err instanceof AppError && err.code === "payment_unavailable") throw err;
		throw new AppError("payment_unavailable", "The payment provider is unavailable; please try again");
	}
}
