// Fixtures for the account tests: a VaultRpc whose MAIL binding is a mailbox the test reads (the
// links in it are the only way to the tokens, as for a shopper), shoppers signed up end to end,
// and direct edits of the vault's rows to move a session or a link through time.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { decodeJwt } from "jose";
import { expect } from "vitest";
import { VaultRpc } from "../../workers/vault/rpc";
import { vaultEnv } from "./helpers";

export type SentMail = { from: string; to: string; subject: string; text: string };

export const PASSWORD = "correct horse battery staple";
export const NICKNAME = "Quillon";

let counter = 0;

/** A fresh address for each shopper: the vault's limits and rows are per address. */
export function newEmail(label = "shopper"): string {
	counter += 1;
	return `${label}.${counter}.${crypto.randomUUID().slice(0, 8)}@example.org`;
}

export const ALLOW: RateLimit = { limit: async () => ({ success: true }) };
export const DENY: RateLimit = { limit: async () => ({ success: false }) };

/**
 * A limiter allowing `max` calls per key for the whole test: the local simulation's windows are
 * aligned to the wall clock, so a burst that straddles a minute would be counted in two.
 */
export function countingLimiter(max: number): RateLimit {
	const counts = new Map<string, number>();
	return {
		async limit({ key }) {
			const next = (counts.get(key) ?? 0) + 1;
			counts.set(key, next);
			return { success: next <= max };
		},
	};
}

/** A vault whose mail lands in `sent`; `settle()` waits for what it deferred past its answers. */
export function accounts(overrides: Partial<VaultEnv> = {}) {
	const sent: SentMail[] = [];
	const MAIL = {
		async send(message: unknown) {
			sent.push(message as SentMail);
			return { messageId: `test-${sent.length}` };
		},
	} as unknown as SendEmail;
	const ctx = createExecutionContext();
	const vault = new VaultRpc(ctx, { ...vaultEnv, MAIL, ...overrides });
	return {
		vault,
		sent,
		settle: () => waitOnExecutionContext(ctx),
		/** The mails one address received, oldest first. */
		to: (email: string) => sent.filter((mail) => mail.to === email),
	};
}

export type Accounts = ReturnType<typeof accounts>;

/** The token of the link in a mail (confirm or reset). */
export function linkToken(mail: SentMail | undefined, path: "confirm" | "reset"): string {
	const match = mail?.text.match(
		new RegExp(`^http://localhost:8787/account/${path}\\?token=([A-Za-z0-9_-]{43})$`, "m"),
	);
	if (!match?.[1]) throw new Error(`no ${path} link in ${mail?.subject ?? "(no mail)"}`);
	return match[1];
}

export function sessionIdOf(token: string): string {
	return String(decodeJwt(token).sid);
}

/** Registers and confirms an address: the account and its first session's token. */
export async function signedUp(shop: Accounts, email = newEmail(), password = PASSWORD) {
	const registered = await shop.vault.register({ email, password, profile: { nickname: NICKNAME } });
	if (!registered.ok || !registered.account)
		throw new Error(`register failed: ${JSON.stringify(registered)}`);
	const confirmed = await shop.vault.confirm({
		token: linkToken(shop.to(email).at(-1), "confirm"),
		password,
	});
	if (!confirmed.ok) throw new Error(`confirm failed: ${confirmed.error.message}`);
	expect(confirmed.account.id).toBe(registered.account.id);
	return {
		email,
		password,
		registered: registered.account,
		account: confirmed.account,
		token: confirmed.session.token,
		device: confirmed.device,
	};
}

export async function loggedIn(shop: Accounts, email: string, password = PASSWORD): Promise<string> {
	const result = await shop.vault.login({ email, password });
	if (!result.ok) throw new Error(`login failed: ${result.error.message}`);
	return result.session.token;
}

/**
 * The vault's database with every statement's SQL recorded (in `batch`es too): how many writes an
 * operation makes, whatever it decides.
 */
export function recordingDb(): { db: D1Database; statements: string[]; writes: () => number } {
	const statements: string[] = [];
	const real = vaultEnv.VAULT_DB;
	const db = new Proxy(real, {
		get(target, prop) {
			if (prop === "prepare") {
				return (query: string) => {
					statements.push(query);
					return target.prepare(query);
				};
			}
			const value = Reflect.get(target, prop, target);
			return typeof value === "function" ? value.bind(target) : value;
		},
	});
	return {
		db,
		statements,
		writes: () => statements.filter((query) => /^\s*(insert|update|delete)\b/i.test(query)).length,
	};
}

export async function isLive(shop: Accounts, token: string): Promise<boolean> {
	return (await shop.vault.session({ session: token })).ok;
}

/** Runs SQL on the vault's database (moving rows through time, as a clock would). */
export function sql(query: string, ...params: (string | number)[]) {
	return vaultEnv.VAULT_DB.prepare(query)
		.bind(...params)
		.run();
}
