// The bodies of the privacy center's reads (issue #9): the versioned policy, the record of
// processing, and the one-time notice of a newer policy in the customer's profile (P13).
import { z } from "@hono/zod-openapi";
import { RecordOfProcessingSchema } from "../../shared/personal-data/record";
import { ProfileSchema } from "../accounts/account-schemas";

export const PolicySummarySchema = z
	.object({
		version: z.string().openapi({ example: "2026-11-01" }),
		effectiveAt: z.string().openapi({ format: "date-time", example: "2026-11-01T00:00:00.000Z" }),
		summary: z.string(),
	})
	.openapi("PolicySummary");

export const PolicyClauseBodySchema = z
	.object({
		id: z.string().openapi({ example: "4.1" }),
		title: z.string(),
		text: z.string(),
		mechanism: z.string().openapi({ description: "What in the shop's code keeps this clause" }),
	})
	.openapi("PolicyClause");

export const PublishedPolicySchema = z
	.object({
		current: PolicySummarySchema.extend({ clauses: z.array(PolicyClauseBodySchema) }),
		history: z.array(PolicySummarySchema).openapi({ description: "Every published version, newest first" }),
	})
	.openapi("PublishedPolicy");

// Plain zod (the record is shared with the Node script), so documented inline, without a name.
export const RecordBodySchema = RecordOfProcessingSchema;

export const ProfileWithNoticeSchema = ProfileSchema.extend({
	policyNotice: PolicySummarySchema.nullable().openapi({
		description:
			"A newer privacy policy than the one this customer last saw or consented under; given once, null afterwards",
	}),
}).openapi("ProfileWithNotice");
