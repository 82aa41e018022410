// Makes sure each worker's .dev.vars holds every local secret and setting: writes fresh random
// values for the ones missing and keeps those already there (an existing keyring must keep
// opening local data). The storefront's file (.dev.vars) never holds a personal-data key: those
// belong to the vault (workers/vault/.dev.vars), and older files are cleaned of them here. The
// storefront's SESSION_PUBLIC_KEY is derived from the vault's SESSION_SIGNING_KEY on every run, so
// the two always match.
// Production secrets are set with `wrangler secret put`; these never leave the machine.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { calculateJwkThumbprint } from "jose";
import { localStaffKey } from "./local-staff.mjs";

const key = () => randomBase64(32);

function randomBase64(bytes) {
	return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64");
}

/** A P-256 private JWK (the audit checkpoints' and the shopper sessions' signing keys). */
async function es256PrivateJwk() {
	const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
		"sign",
		"verify",
	]);
	const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
	return JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d });
}

/** The public half the storefront verifies session tokens with, `kid` as the vault puts in the header. */
async function publicSessionJwk(privateJwkJson) {
	const { kty, crv, x, y } = JSON.parse(privateJwkJson);
	const jwk = { kty, crv, x, y };
	return JSON.stringify({
		...jwk,
		kid: await calculateJwkThumbprint(jwk, "sha256"),
		alg: "ES256",
		use: "sig",
	});
}

/** Reads KEY=value lines, keeping their order. */
function readVars(file) {
	if (!existsSync(file)) return new Map();
	const lines = readFileSync(file, "utf8")
		.split("\n")
		.filter((line) => line.includes("="));
	return new Map(
		lines.map((line) => [line.slice(0, line.indexOf("=")).trim(), line.slice(line.indexOf("=") + 1)]),
	);
}

function writeVars(file, vars) {
	writeFileSync(file, `${[...vars].map(([name, value]) => `${name}=${value}`).join("\n")}\n`, {
		mode: 0o600,
	});
}

const PII_KEYS = [
	"PII_KEYRING",
	"PII_DORMANT_KEY",
	"BLIND_INDEX_KEY",
	"SESSION_SIGNING_KEY",
	"PASSWORD_PEPPER",
];

async function ensure(file, wanted, { remove = [], carry = new Map(), outdated = () => false } = {}) {
	const vars = readVars(file);
	for (const [name, value] of vars) if (outdated(name, value)) vars.delete(name);
	const removed = remove.filter((name) => vars.delete(name));
	const added = [];
	for (const [name, value] of Object.entries(wanted)) {
		if (vars.has(name)) continue;
		vars.set(name, carry.get(name) ?? (await value()));
		added.push(name);
	}
	if (added.length === 0 && removed.length === 0) {
		console.log(`${file} is complete, keeping it`);
		return;
	}
	writeVars(file, vars);
	const what = [
		added.length ? `added ${added.join(", ")}` : "",
		removed.length ? `removed ${removed.join(", ")}` : "",
	];
	console.log(`${file}: ${what.filter(Boolean).join("; ")}`);
}

const storefrontFile = ".dev.vars";
const vaultFile = "workers/vault/.dev.vars";
// A storefront .dev.vars from before the vault worker held the keys: they move to the vault.
const carried = readVars(storefrontFile);
const staffKey = await localStaffKey();

await ensure(
	vaultFile,
	{
		PII_KEYRING: () => JSON.stringify({ current: "k1", keys: { k1: key() } }),
		PII_DORMANT_KEY: () => JSON.stringify({ current: "d1", keys: { d1: key() } }),
		BLIND_INDEX_KEY: key,
		AUDIT_SIGNING_KEY: es256PrivateJwk,
		// Signs shopper session tokens; the storefront gets the public half below.
		SESSION_SIGNING_KEY: es256PrivateJwk,
		PASSWORD_PEPPER: key,
		// Local staff sign-in: the reserved local issuer and the public half of the local key.
		ACCESS_TEAM_DOMAIN: () => staffKey.issuer,
		ACCESS_LOCAL_JWKS: () => JSON.stringify({ keys: [staffKey.public] }),
	},
	{
		carry: new Map([...carried].filter(([name]) => name === "PII_KEYRING" || name === "BLIND_INDEX_KEY")),
		// The dormant key became a keyring with generations; no local data is dormant yet.
		outdated: (name, value) => name === "PII_DORMANT_KEY" && !value.startsWith("{"),
	},
);
const sessionPublicKey = await publicSessionJwk(readVars(vaultFile).get("SESSION_SIGNING_KEY"));
await ensure(
	storefrontFile,
	{
		SESSION_KEY: key,
		PAYMENT_WEBHOOK_SECRET: () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("hex"),
		// Only read when PAYMENT_PROVIDER = "stripe".
		STRIPE_SECRET_KEY: () => "",
		// wrangler.toml defaults to Stripe so a deploy never ships the free stand-in; locally, the stand-in.
		PAYMENT_PROVIDER: () => "local",
		SESSION_PUBLIC_KEY: () => sessionPublicKey,
	},
	{
		remove: [...PII_KEYS, "ACCESS_JWKS"],
		// Whatever the vault's signing key is now: an old public key would refuse every session.
		outdated: (name, value) => name === "SESSION_PUBLIC_KEY" && value !== sessionPublicKey,
	},
);
