import * as z from "zod";
import type { Db } from "../env";
import { createLocalProvider } from "./local";
import type { PaymentProvider } from "./provider";
import { createStripeProvider } from "./stripe";

const ProviderNameSchema = z.enum(["local", "stripe"]);

/** The provider named by PAYMENT_PROVIDER; a misconfigured name fails loudly, never silently. */
export function selectPaymentProvider(
	env: Pick<Env, "PAYMENT_PROVIDER" | "PAYMENT_WEBHOOK_SECRET" | "STRIPE_SECRET_KEY">,
	deps: { db: Db; origin: string },
): PaymentProvider {
	const name = ProviderNameSchema.parse(env.PAYMENT_PROVIDER);
	if (name === "stripe") {
		return createStripeProvider({
			secretKey: env.STRIPE_SECRET_KEY,
			webhookSecret: env.PAYMENT_WEBHOOK_SECRET,
		});
	}
	return createLocalProvider({ db: deps.db, webhookSecret: env.PAYMENT_WEBHOOK_SECRET, origin: deps.origin });
}
