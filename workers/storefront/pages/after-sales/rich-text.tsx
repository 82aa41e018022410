// A translated sentence with markup inside it ("see {link}."), where each language puts the link
// or the emphasis in its own place. The catalogs hold plain text only; the markup stays here.
import type { Child } from "hono/jsx";

const SLOT = /\{(\w+)\}/g;

/**
 * `text` with each `{name}` that `parts` names replaced by that part, in one pass: a part's own
 * text (an order number, a product's name) is never read for slots. Other braces stay as written.
 */
export function rich(text: string, parts: Readonly<Record<string, Child>>): Child[] {
	const out: Child[] = [];
	let last = 0;
	for (const match of text.matchAll(SLOT)) {
		const name = match[1] as string;
		if (!Object.hasOwn(parts, name)) continue;
		if (match.index > last) out.push(text.slice(last, match.index));
		out.push(parts[name]);
		last = match.index + match[0].length;
	}
	if (last < text.length) out.push(text.slice(last));
	return out;
}
