// The local mailbox: `wrangler dev` does not send the vault's mail, it captures it, writing each
// message's text under .wrangler/tmp/email/<session>/email-text/ in the project (and printing
// where at log level info). The e2e tests read the links and texts there, as a person reads their mail.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { eventually } from "./shop.ts";

const MAIL_ROOT = fileURLToPath(new URL("../../.wrangler/tmp/email/", import.meta.url));

function mailTexts(sinceMs: number): { at: number; text: string }[] {
	if (!existsSync(MAIL_ROOT)) return [];
	const texts: { at: number; text: string }[] = [];
	for (const session of readdirSync(MAIL_ROOT)) {
		const dir = join(MAIL_ROOT, session, "email-text");
		if (!existsSync(dir)) continue;
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			const at = statSync(path).mtimeMs;
			if (at >= sinceMs) texts.push({ at, text: readFileSync(path, "utf8") });
		}
	}
	return texts.sort((a, b) => a.at - b.at);
}

/** The path and query of the newest link to `path` mailed since `sinceMs` (mail leaves after the answer). */
export function mailedLink(path: "/account/confirm" | "/account/reset", sinceMs: number): Promise<string> {
	const pattern = new RegExp(`https?://[^\\s/]+(${path}\\?token=[A-Za-z0-9_-]{43})`);
	return eventually(`a mail linking to ${path}`, async () => {
		const found = mailTexts(sinceMs)
			.map((mail) => pattern.exec(mail.text)?.[1])
			.filter((link): link is string => link !== undefined);
		return found.at(-1);
	});
}

/** Every mail text captured since `sinceMs` that matches `pattern`, oldest first (no waiting). */
export function mailedTexts(pattern: RegExp, sinceMs: number): string[] {
	return mailTexts(sinceMs)
		.map((mail) => mail.text)
		.filter((text) => pattern.test(text));
}

/** The newest mail text captured since `sinceMs` that matches `pattern`, once it has been sent. */
export function mailedText(pattern: RegExp, sinceMs: number): Promise<string> {
	return eventually(`a mail matching ${pattern}`, async () => mailedTexts(pattern, sinceMs).at(-1));
}
