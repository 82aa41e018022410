// The order mails' words by language (issue #13): one small file per language, picked by the
// request's locale ("fr-FR" → fr). The contract admits these five languages only.
import { de } from "./de";
import { en, type MailWordKey, type MailWords } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { ja } from "./ja";

export type { MailWordKey, MailWords };

export const MAIL_WORDS = { en, de, fr, es, ja } as const satisfies Readonly<Record<string, MailWords>>;
export type MailLanguage = keyof typeof MAIL_WORDS;

export type WordParams = Readonly<Record<string, string | number>>;
/** One language's words, placeholders filled. */
export type Words = (key: MailWordKey, params?: WordParams) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` in one pass: a value that itself holds braces is never expanded again. */
export function fillWords(template: string, params: WordParams = {}): string {
	return template.replace(PLACEHOLDER, (whole, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : whole,
	);
}

/** The placeholder names of a message, sorted: the completeness test compares them. */
export function placeholdersOf(template: string): string[] {
	return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string).sort();
}

export function languageOf(locale: string): MailLanguage {
	const language = locale.slice(0, 2);
	return Object.hasOwn(MAIL_WORDS, language) ? (language as MailLanguage) : "en";
}

export function wordsFor(locale: string): Words {
	const words: MailWords = MAIL_WORDS[languageOf(locale)];
	return (key, params) => fillWords(words[key], params);
}
