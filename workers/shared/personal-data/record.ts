// The record of processing activities (GDPR Art. 30, issue #9 item 9), derived from the
// personal-field registry and its vocabulary alone: a category, purpose, retention rule or
// safeguard appears here exactly when some annotated column uses it, with the columns that do, and
// every recipient of the vocabulary with the columns it receives.
// `npm run privacy:record` renders it to docs/record-of-processing.md; the storefront serves it
// as JSON at GET /api/v1/privacy/record.
import * as z from "zod";
import { type PersonalField, personalFields } from "./registry";
import {
	DATA_CATEGORIES,
	DATA_SUBJECTS,
	LEGAL_BASES,
	PROCESSING_PURPOSES,
	RECIPIENTS,
	RETENTION_RULES,
	type Recipient,
	SAFEGUARDS,
} from "./vocabulary";

/** Who is responsible; the only part of the record not derived from the annotations. */
export const CONTROLLER = {
	name: "Loomwash",
	description: "An online shop for washable rugs, run on Cloudflare Workers",
	privacyRequests:
		"Account holders: GET /api/v1/me/data (export), PATCH /api/v1/me, /api/v1/me/addresses and /api/v1/me/orders/{number}/contact (correction), DELETE /api/v1/me (erasure). Guests: POST /api/v1/privacy-requests with an order number and its email.",
	policy: "GET /api/v1/privacy/policy (the versioned privacy policy, clause by clause)",
};

const Entry = z.object({ id: z.string(), description: z.string() });
/** A column as `database.table.column`. */
const Fields = z.array(z.string());

export const RecordOfProcessingSchema = z.object({
	controller: z.object({
		name: z.string(),
		description: z.string(),
		privacyRequests: z.string(),
		policy: z.string(),
	}),
	subjects: z.array(Entry.extend({ categories: z.array(z.string()) })),
	categories: z.array(Entry.extend({ subjects: z.array(z.string()), fields: Fields })),
	purposes: z.array(
		Entry.extend({ legalBases: z.array(Entry), categories: z.array(z.string()), fields: Fields }),
	),
	recipients: z.array(Entry.extend({ categories: z.array(z.string()), fields: Fields })),
	retention: z.array(
		z.object({ rule: z.string(), period: z.string(), job: z.string().nullable(), fields: Fields }),
	),
	safeguards: z.array(Entry.extend({ fields: Fields })),
});
export type RecordOfProcessing = z.infer<typeof RecordOfProcessingSchema>;

export function fieldName(field: Pick<PersonalField, "database" | "table" | "column">): string {
	return `${field.database}.${field.table}.${field.column}`;
}

/** The keys of `vocabulary` some field uses, in the vocabulary's order, each with its fields. */
function used<K extends string>(
	vocabulary: Record<K, unknown>,
	fields: readonly PersonalField[],
	uses: (field: PersonalField) => readonly K[],
): { id: K; fields: PersonalField[] }[] {
	return (Object.keys(vocabulary) as K[]).flatMap((id) => {
		const users = fields.filter((field) => uses(field).includes(id));
		return users.length > 0 ? [{ id, fields: users }] : [];
	});
}

/** Distinct values in first-seen order. */
function distinct<T>(values: readonly T[]): T[] {
	return [...new Set(values)];
}

function inOrder<K extends string>(vocabulary: Record<K, unknown>, keys: readonly K[]): K[] {
	return (Object.keys(vocabulary) as K[]).filter((key) => keys.includes(key));
}

export function buildRecordOfProcessing(fields: readonly PersonalField[]): RecordOfProcessing {
	const names = (some: readonly PersonalField[]) => some.map(fieldName);
	const categoriesOf = (some: readonly PersonalField[]) =>
		inOrder(DATA_CATEGORIES, distinct(some.map((field) => field.category)));
	return {
		controller: CONTROLLER,
		subjects: used(DATA_SUBJECTS, fields, (field) => field.subjects).map(({ id, fields: some }) => ({
			id,
			description: DATA_SUBJECTS[id],
			categories: categoriesOf(some),
		})),
		categories: used(DATA_CATEGORIES, fields, (field) => [field.category]).map(({ id, fields: some }) => ({
			id,
			description: DATA_CATEGORIES[id],
			subjects: inOrder(DATA_SUBJECTS, distinct(some.flatMap((field) => field.subjects))),
			fields: names(some),
		})),
		purposes: used(PROCESSING_PURPOSES, fields, (field) => [field.purpose]).map(({ id, fields: some }) => ({
			id,
			description: PROCESSING_PURPOSES[id],
			legalBases: inOrder(LEGAL_BASES, distinct(some.map((field) => field.basis))).map((basis) => ({
				id: basis,
				description: LEGAL_BASES[basis],
			})),
			categories: categoriesOf(some),
			fields: names(some),
		})),
		// Every recipient the shop has, even one that receives no personal column (the payment
		// provider): that it receives none is worth recording.
		recipients: (Object.keys(RECIPIENTS) as Recipient[]).map((id) => {
			const some = fields.filter((field) => field.sharedWith.includes(id));
			return { id, description: RECIPIENTS[id], categories: categoriesOf(some), fields: names(some) };
		}),
		retention: used(RETENTION_RULES, fields, (field) => [field.retention]).map(({ id, fields: some }) => ({
			rule: id,
			period: RETENTION_RULES[id].period,
			job: RETENTION_RULES[id].job,
			fields: names(some),
		})),
		safeguards: used(SAFEGUARDS, fields, (field) => [field.safeguard]).map(({ id, fields: some }) => ({
			id,
			description: SAFEGUARDS[id],
			fields: names(some),
		})),
	};
}

/** The record of the registry as it stands. */
export function recordOfProcessing(): RecordOfProcessing {
	return buildRecordOfProcessing(personalFields());
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const code = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");
const table = (head: readonly string[], rows: readonly (readonly string[])[]) =>
	[
		`| ${head.join(" | ")} |`,
		`|${head.map(() => "---").join("|")}|`,
		...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
	].join("\n");

/** docs/record-of-processing.md: the same record, for people. */
export function renderRecordOfProcessing(record: RecordOfProcessing): string {
	const { controller } = record;
	return `${[
		"# Record of processing activities (GDPR Art. 30)",
		"Generated from the personal-field registry (the annotations beside each schema, `workers/*/db/personal-data.ts`) by `npm run privacy:record`: do not edit by hand. A unit test fails when this file and the registry disagree. The same record is served as JSON at `GET /api/v1/privacy/record`.",
		"## Controller",
		[
			`- **${controller.name}**: ${controller.description}`,
			`- Privacy requests: ${controller.privacyRequests}`,
			`- Policy: ${controller.policy}`,
		].join("\n"),
		"## Data subjects",
		table(
			["subjects", "who", "categories of data"],
			record.subjects.map((entry) => [entry.id, entry.description, entry.categories.join(", ")]),
		),
		"## Categories of personal data",
		table(
			["category", "what", "subjects", "stored in"],
			record.categories.map((entry) => [
				entry.id,
				entry.description,
				entry.subjects.join(", "),
				code(entry.fields),
			]),
		),
		"## Purposes and legal bases",
		table(
			["purpose", "what for", "legal bases", "categories of data"],
			record.purposes.map((entry) => [
				entry.id,
				entry.description,
				entry.legalBases.map((basis) => basis.description).join("; "),
				entry.categories.join(", "),
			]),
		),
		"## Recipients",
		table(
			["recipient", "what it receives", "categories of data", "from"],
			record.recipients.map((entry) => [
				entry.id,
				entry.description,
				entry.categories.join(", ") || "none",
				entry.fields.length > 0 ? code(entry.fields) : "no personal column",
			]),
		),
		"## Retention periods",
		table(
			["rule", "kept", "ended by job", "applies to"],
			record.retention.map((entry) => [
				entry.rule,
				entry.period,
				entry.job === null ? "none (see period)" : `\`${entry.job}\``,
				code(entry.fields),
			]),
		),
		"## Safeguards",
		table(
			["safeguard", "how", "applies to"],
			record.safeguards.map((entry) => [entry.id, entry.description, code(entry.fields)]),
		),
	].join("\n\n")}\n`;
}
