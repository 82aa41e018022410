// Makes sure .dev.vars holds every local secret and setting: writes fresh random values for the
// ones missing and keeps those already there (an existing keyring must keep opening local data).
// Production secrets are set with `wrangler secret put`; these never leave the machine.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const target = new URL("../.dev.vars", import.meta.url);
const key = () => randomBytes(32).toString("base64");
const wanted = {
	PII_KEYRING: () => JSON.stringify({ current: "k1", keys: { k1: key() } }),
	PII_DORMANT_KEY: key,
	BLIND_INDEX_KEY: key,
	SESSION_KEY: key,
	PAYMENT_WEBHOOK_SECRET: () => randomBytes(24).toString("hex"),
	// Only read when PAYMENT_PROVIDER = "stripe".
	STRIPE_SECRET_KEY: () => "",
	// wrangler.toml defaults to Stripe so a deploy never ships the free stand-in; locally, the stand-in.
	PAYMENT_PROVIDER: () => "local",
};

const existing = existsSync(target) ? readFileSync(target, "utf8") : "";
const present = new Set(existing.split("\n").map((line) => line.split("=", 1)[0]?.trim()));
const added = Object.entries(wanted)
	.filter(([name]) => !present.has(name))
	.map(([name, value]) => `${name}=${value()}`);
if (added.length === 0) {
	console.log(".dev.vars is complete, keeping it");
} else {
	const prefix = existing && !existing.endsWith("\n") ? `${existing}\n` : existing;
	writeFileSync(target, `${prefix}${added.join("\n")}\n`, { mode: 0o600 });
	console.log(`.dev.vars: added ${added.map((line) => line.split("=", 1)[0]).join(", ")}`);
}
