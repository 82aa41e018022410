// Message lookup for the shopper's language (issue #13). The catalogs are plain objects with the
// same keys, so a missing translation is a type error and a failing test, never a runtime gap.
import type { Language } from "../markets/markets";
import { de } from "./messages/de";
import { en, type MessageKey, type Messages } from "./messages/en";
import { es } from "./messages/es";
import { fr } from "./messages/fr";
import { ja } from "./messages/ja";

export type { MessageKey };

export const CATALOGS: Readonly<Record<Language, Messages>> = { en, de, fr, es, ja };

export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fill `{name}` placeholders; a placeholder without a value stays visible rather than vanish. */
export function fillPlaceholders(template: string, params: MessageParams = {}): string {
	return template.replace(PLACEHOLDER, (whole, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : whole,
	);
}

export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
	return fillPlaceholders(CATALOGS[language][key], params);
}

/** A translator bound to one language, for a page to pass down. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function translatorFor(language: Language): Translator {
	return (key, params) => translate(language, key, params);
}

/** The placeholder names a message uses, for the completeness test. */
export function placeholdersOf(template: string): string[] {
	return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string).sort();
}
