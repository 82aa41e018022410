// Fresh random secrets for each test run; tests never read .dev.vars.
import { randomBytes } from "node:crypto";

const key = () => randomBytes(32).toString("base64");

export function testSecrets() {
	return {
		PII_KEYRING: JSON.stringify({ current: "k1", keys: { k1: key() } }),
		PII_DORMANT_KEY: key(),
		BLIND_INDEX_KEY: key(),
		SESSION_KEY: key(),
		PAYMENT_WEBHOOK_SECRET: randomBytes(24).toString("hex"),
		STRIPE_SECRET_KEY: "",
		// wrangler.toml says "stripe" so deploys never ship the stand-in; tests use the stand-in.
		PAYMENT_PROVIDER: "local",
	};
}
