// Writes .dev.vars with fresh random local secrets when it does not exist yet.
// Production secrets are set with `wrangler secret put`; these never leave the machine.
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";

const target = new URL("../.dev.vars", import.meta.url);
if (existsSync(target)) {
	console.log(".dev.vars exists, keeping it");
} else {
	const key = () => randomBytes(32).toString("base64");
	const keyring = JSON.stringify({ current: "k1", keys: { k1: key() } });
	const lines = [
		`PII_KEYRING=${keyring}`,
		`PII_DORMANT_KEY=${key()}`,
		`BLIND_INDEX_KEY=${key()}`,
		`SESSION_KEY=${key()}`,
		`PAYMENT_WEBHOOK_SECRET=${randomBytes(24).toString("hex")}`,
		// Only read when PAYMENT_PROVIDER = "stripe".
		"STRIPE_SECRET_KEY=",
	];
	writeFileSync(target, `${lines.join("\n")}\n`, { mode: 0o600 });
	console.log("wrote .dev.vars with fresh local secrets");
}
