// The staff console's privacy pages (issue #10): lawful disclosure requests (P11: support and
// compliance ask, another compliance officer decides, compliance runs the export once), and the
// admin's retention batch and key rotation. Registered on the console's router
// (routes/staff-pages.tsx) behind its registry; each handler calls what the API handler calls, and
// the vault decides and logs every step again.
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DISCLOSURE_FIELDS } from "../../shared/vault-contract";
import { AppError } from "../errors";
import type { StaffEnv } from "../middleware/staff-auth";
import {
	BATCH_FIELD,
	type BatchValues,
	CONFIRM_FIELD,
	KeyRotationPage,
	RetentionPage,
} from "../pages/staff/admin-pages";
import {
	type DecisionFormValues,
	DISCLOSURE_FORM,
	disclosurePath,
	type RequestFormValues,
	StaffDisclosureExportPage,
	StaffDisclosurePage,
	StaffDisclosuresPage,
} from "../pages/staff/disclosures-pages";
import { type FormErrors, NO_ERRORS } from "../pages/staff/staff-layout";
import {
	decideOrderDisclosure,
	exportDisclosure,
	listOrderDisclosures,
	requestOrderDisclosure,
} from "../privacy/disclosures";
import { RotateBodySchema, rotateKeysAsStaff } from "./staff-audit";
import {
	DecisionBodySchema,
	DISCLOSURE_STATUSES,
	disclosureDeps,
	RequestBodySchema,
} from "./staff-disclosures";
import { formBody, formResponses, html, page, refusalOf, staffResponses, stringOf } from "./staff-page-kit";
import { RunRetentionSchema, runRetentionAsStaff } from "./staff-retention";

const tags = ["staff pages"];

// ---- Disclosures ----

const DisclosuresQuerySchema = z
	.object({
		status: z
			.enum(["", ...DISCLOSURE_STATUSES])
			.optional()
			.openapi({ param: { name: "status", in: "query" } }),
	})
	.strict();

const DisclosureParamsSchema = z.object({
	id: z
		.string()
		.regex(/^dsc_[A-Za-z0-9_-]{16}$/)
		.openapi({ param: { name: "id", in: "path" }, example: "dsc_3kQ9xY2mB7vN1pLw" }),
});

// The API's own field rules; a form sends one ticked checkbox as a string, several as an array.
const RequestFormSchema = z
	.object({
		basis: RequestBodySchema.shape.basis,
		reference: RequestBodySchema.shape.reference,
		orderNumber: RequestBodySchema.shape.orderNumber,
		scope: z
			.union([z.enum(DISCLOSURE_FIELDS), z.array(z.enum(DISCLOSURE_FIELDS)).max(DISCLOSURE_FIELDS.length)])
			.transform((s) => [...new Set(Array.isArray(s) ? s : [s])])
			.pipe(RequestBodySchema.shape.scope),
	})
	.strict()
	.openapi("DisclosureRequestForm");

const DecisionFormSchema = z
	.object({ decision: z.enum(["approve", "reject"]), reason: DecisionBodySchema.shape.reason })
	.strict()
	.openapi("DisclosureDecisionForm");

const ExportFormSchema = z
	.object({ format: z.enum(["page", "json"]) })
	.strict()
	.openapi("DisclosureExportForm");

const REQUEST_MESSAGES = {
	basis: "Choose the legal basis",
	reference: "Enter the reference: 3 to 120 letters, digits, spaces and . / : # _ -",
	orderNumber: "Enter the order number, like LW-7K2M-9QXA-4TPB",
	scope: "Choose at least one thing the export may open",
} as const;

async function renderDisclosures(
	c: Context<StaffEnv>,
	status: ContentfulStatusCode = 200,
	values: RequestFormValues = {},
	errors: FormErrors = NO_ERRORS,
	filter?: (typeof DISCLOSURE_STATUSES)[number],
) {
	const disclosures = await listOrderDisclosures(disclosureDeps(c), filter);
	return page(
		c,
		<StaffDisclosuresPage
			staff={c.var.staff}
			disclosures={disclosures}
			status={filter}
			values={values}
			errors={errors}
		/>,
		status,
	);
}

async function findDisclosure(c: Context<StaffEnv>, id: string) {
	const [found] = await listOrderDisclosures(disclosureDeps(c), undefined, id);
	if (!found) throw new AppError("not_found", "No such disclosure request");
	return found;
}

async function renderDisclosure(
	c: Context<StaffEnv>,
	id: string,
	status: ContentfulStatusCode = 200,
	values: DecisionFormValues = {},
	errors: FormErrors = NO_ERRORS,
) {
	const disclosure = await findDisclosure(c, id);
	return page(
		c,
		<StaffDisclosurePage staff={c.var.staff} disclosure={disclosure} values={values} errors={errors} />,
		status,
	);
}

function echoRequest(raw: Record<string, unknown>): RequestFormValues {
	const scope = ([] as unknown[]).concat(raw.scope ?? []).filter((s): s is string => typeof s === "string");
	return {
		basis: stringOf(raw.basis, 40),
		reference: stringOf(raw.reference, 120),
		orderNumber: stringOf(raw.orderNumber, 40),
		scope: scope.slice(0, DISCLOSURE_FIELDS.length).map((s) => s.slice(0, 40)),
	};
}

async function requestRefused(c: Context<StaffEnv>, issues: readonly z.core.$ZodIssue[]) {
	const values = echoRequest(await c.req.parseBody({ all: true }));
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		const field = issue.path[0];
		if (field === "basis" || field === "reference" || field === "orderNumber" || field === "scope") {
			errors.fields[DISCLOSURE_FORM[field]] ??= REQUEST_MESSAGES[field];
		} else if (errors.form.length === 0) {
			errors.form.push("The form had fields we don't know; send it again");
		}
	}
	return renderDisclosures(c, 400, values, errors);
}

async function decisionRefused(c: Context<StaffEnv>, target: string, issues: readonly z.core.$ZodIssue[]) {
	if (target !== "form") throw new AppError("not_found", "No such disclosure request");
	const raw = await c.req.parseBody();
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		if (issue.path[0] === "decision") errors.fields[DISCLOSURE_FORM.decision] ??= "Choose approve or reject";
		else if (issue.path[0] === "reason")
			errors.fields[DISCLOSURE_FORM.reason] ??= "Give the reason in 3 to 500 characters";
		else if (errors.form.length === 0) errors.form.push("The form had fields we don't know; send it again");
	}
	const values = { decision: stringOf(raw.decision, 10), reason: stringOf(raw.reason, 500) };
	return renderDisclosure(c, c.req.param("id") ?? "", 400, values, errors);
}

/** The vault's refusal, said plainly on the form: the four-eyes rule above all. */
const vaultRefused = (refusal: AppError) => ({ fields: {}, form: [`The vault refused: ${refusal.message}`] });

// ---- Retention and key rotation ----

/** An empty batch size is the API's default; otherwise the API's own bounds. */
const BatchSizeField = z
	.string()
	.max(6)
	.regex(/^\d*$/)
	.transform((s) => (s === "" ? undefined : Number(s)))
	.pipe(RunRetentionSchema.shape.batchSize);

const RetentionFormSchema = z
	.object({ dryRun: z.literal("yes").optional(), batchSize: BatchSizeField.optional() })
	.strict()
	.openapi("RetentionRunForm");

const KeysFormSchema = z
	.object({
		dryRun: z.literal("yes").optional(),
		batchSize: BatchSizeField.pipe(RotateBodySchema.shape.batchSize).optional(),
		confirm: z.literal("yes").optional(),
	})
	.strict()
	// A dry run changes nothing; a real batch is confirmed first.
	.refine((form) => form.dryRun === "yes" || form.confirm === "yes", {
		path: ["confirm"],
		message: "Confirm the rotation",
	})
	.openapi("KeyRotationForm");

const BATCH_MESSAGE = "Enter a whole number from 1 to 500, or leave it empty";
const CONFIRM_MESSAGE = "Tick the box to confirm the rotation";

async function batchRefused(
	c: Context<StaffEnv>,
	issues: readonly z.core.$ZodIssue[],
): Promise<{ values: BatchValues; errors: FormErrors }> {
	const raw = await c.req.parseBody();
	const values: BatchValues = {
		dryRun: raw.dryRun === "yes",
		batchSize: stringOf(raw.batchSize, 6),
		confirm: raw.confirm === "yes",
	};
	const errors: FormErrors = { fields: {}, form: [] };
	for (const issue of issues) {
		if (issue.path[0] === "batchSize") errors.fields[BATCH_FIELD] ??= BATCH_MESSAGE;
		else if (issue.path[0] === "confirm") errors.fields[CONFIRM_FIELD] ??= CONFIRM_MESSAGE;
		else if (errors.form.length === 0) errors.form.push("The form had fields we don't know; send it again");
	}
	return { values, errors };
}

export function registerStaffPrivacyPages(router: OpenAPIHono<StaffEnv>): void {
	router
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/disclosures",
				tags,
				summary: "Disclosure requests, newest first (no personal data), and the form to ask for one",
				request: { query: DisclosuresQuerySchema },
				responses: { 200: html("The requests"), ...staffResponses },
			}),
			(c) => renderDisclosures(c, 200, {}, NO_ERRORS, c.req.valid("query").status || undefined),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/disclosures",
				tags,
				summary: "Ask for a lawful disclosure of an order's personal data (a basis, a reference, a scope)",
				request: { body: formBody(RequestFormSchema) },
				responses: { ...formResponses, 303: { description: "To the new request, or to sign-in" } },
			}),
			async (c) => {
				const input = c.req.valid("form");
				try {
					const disclosure = await requestOrderDisclosure(disclosureDeps(c), input);
					return c.redirect(disclosurePath(disclosure.id), 303);
				} catch (err) {
					const refusal = refusalOf(err);
					if (!refusal || refusal.code === "forbidden") throw err;
					const errors: FormErrors =
						refusal.code === "not_found"
							? { fields: { [DISCLOSURE_FORM.orderNumber]: "There is no order with this number" }, form: [] }
							: vaultRefused(refusal);
					return renderDisclosures(c, refusal.status, input, errors);
				}
			},
			(result, c) => (result.success ? undefined : requestRefused(c, result.error.issues)),
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/disclosures/{id}",
				tags,
				summary: "A disclosure request: its facts, the decision form, the export once approved",
				request: { params: DisclosureParamsSchema },
				responses: { 200: html("The request"), ...staffResponses },
			}),
			(c) => renderDisclosure(c, c.req.valid("param").id),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/disclosures/{id}/decision",
				tags,
				summary: "Approve or reject a request with a reason (the vault refuses the officer who asked)",
				request: { params: DisclosureParamsSchema, body: formBody(DecisionFormSchema) },
				responses: { ...formResponses, 303: { description: "Back to the request, or to sign-in" } },
			}),
			async (c) => {
				const { id } = c.req.valid("param");
				const { decision, reason } = c.req.valid("form");
				try {
					await decideOrderDisclosure(disclosureDeps(c), id, { approve: decision === "approve", reason });
				} catch (err) {
					const refusal = refusalOf(err);
					if (!refusal || refusal.code === "not_found") throw err;
					return renderDisclosure(c, id, refusal.status, { decision, reason }, vaultRefused(refusal));
				}
				return c.redirect(disclosurePath(id), 303);
			},
			(result, c) => (result.success ? undefined : decisionRefused(c, result.target, result.error.issues)),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/disclosures/{id}/export",
				tags,
				summary:
					"Run an approved request once: its scope opened and logged by the vault, shown on the answering page or as a file",
				request: { params: DisclosureParamsSchema, body: formBody(ExportFormSchema) },
				responses: {
					200: {
						description: "The export, on the page or as a JSON file",
						content: { "text/html": { schema: z.string() }, "application/json": { schema: z.object({}) } },
					},
					...formResponses,
				},
			}),
			async (c) => {
				const { id } = c.req.valid("param");
				let result: Awaited<ReturnType<typeof exportDisclosure>>;
				try {
					result = await exportDisclosure(disclosureDeps(c), id);
				} catch (err) {
					const refusal = refusalOf(err);
					if (!refusal || refusal.code === "not_found") throw err;
					return renderDisclosure(c, id, refusal.status, {}, vaultRefused(refusal));
				}
				c.header("Cache-Control", "no-store");
				if (c.req.valid("form").format === "json") {
					c.header("Content-Disposition", `attachment; filename="loomwash-disclosure-${id}.json"`);
					return c.json(result, 200);
				}
				return page(
					c,
					<StaffDisclosureExportPage
						staff={c.var.staff}
						disclosure={result.disclosure}
						data={result.data}
						requestId={c.var.requestId}
					/>,
				);
			},
			(result, c) => {
				if (result.success) return;
				if (result.target !== "form") throw new AppError("not_found", "No such disclosure request");
				return renderDisclosure(
					c,
					c.req.param("id") ?? "",
					400,
					{},
					{
						fields: {},
						form: ["Choose how to receive the export"],
					},
				);
			},
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/retention",
				tags,
				summary: "The form to run one retention batch by hand (admin), a dry run unless unticked",
				responses: { 200: html("The form"), ...staffResponses },
			}),
			(c) => page(c, <RetentionPage staff={c.var.staff} />),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/retention",
				tags,
				summary: "Run one batch of every retention job (admin); the answer is the steps it reports",
				request: { body: formBody(RetentionFormSchema) },
				responses: { 200: html("The steps of this run"), ...formResponses },
			}),
			async (c) => {
				const form = c.req.valid("form");
				const dryRun = form.dryRun === "yes";
				const steps = await runRetentionAsStaff(c, { dryRun, batchSize: form.batchSize });
				const values = { dryRun, batchSize: form.batchSize?.toString() };
				return page(c, <RetentionPage staff={c.var.staff} steps={steps} dryRun={dryRun} values={values} />);
			},
			(result, c) =>
				result.success
					? undefined
					: batchRefused(c, result.error.issues).then(({ values, errors }) =>
							page(c, <RetentionPage staff={c.var.staff} values={values} errors={errors} />, 400),
						),
		)
		.openapi(
			createRoute({
				method: "get",
				path: "/staff/keys",
				tags,
				summary: "The confirmation form to rotate one batch of data keys (admin)",
				responses: { 200: html("The form"), ...staffResponses },
			}),
			(c) => page(c, <KeyRotationPage staff={c.var.staff} />),
		)
		.openapi(
			createRoute({
				method: "post",
				path: "/staff/keys",
				tags,
				summary:
					"Re-wrap one batch of data keys under the current key (admin, confirmed); the answer is the progress",
				request: { body: formBody(KeysFormSchema) },
				responses: { 200: html("The progress"), ...formResponses },
			}),
			async (c) => {
				const form = c.req.valid("form");
				const dryRun = form.dryRun === "yes";
				const progress = await rotateKeysAsStaff(c, { dryRun, batchSize: form.batchSize });
				const values = { dryRun, batchSize: form.batchSize?.toString() };
				return page(
					c,
					<KeyRotationPage staff={c.var.staff} progress={progress} dryRun={dryRun} values={values} />,
				);
			},
			(result, c) =>
				result.success
					? undefined
					: batchRefused(c, result.error.issues).then(({ values, errors }) =>
							page(c, <KeyRotationPage staff={c.var.staff} values={values} errors={errors} />, 400),
						),
		);
}
