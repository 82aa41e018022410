// The privacy center's public reads (issue #9, P13 and GDPR Art. 30): the versioned policy with
// its history, and the record of processing generated from the personal-field registry. Both are
// the same for everyone, so edge caches may keep them briefly.
import { createRoute } from "@hono/zod-openapi";
import { recordOfProcessing } from "../../shared/personal-data/record";
import { AppError } from "../errors";
import { publicCacheIgnoringQuery } from "../middleware/public-cache";
import { createRouter, errorResponses, jsonResponse } from "../openapi";
import { readPublishedPolicy } from "../privacy/policy";
import { PublishedPolicySchema, RecordBodySchema } from "../privacy/policy-schemas";

const cacheHeaders = {
	"Cache-Control": { schema: { type: "string" as const }, description: "Public, short-lived" },
	ETag: { schema: { type: "string" as const }, description: "Send back in If-None-Match" },
};
const cached = <S extends Parameters<typeof jsonResponse>[1]>(description: string, schema: S) => ({
	200: { ...jsonResponse(description, schema), headers: cacheHeaders },
	304: { description: "Not modified: the If-None-Match ETag still matches" },
});

// The registry is compiled in, so the record only changes with a deployment.
const RECORD = recordOfProcessing();

export const privacyRoutes = createRouter()
	.openapi(
		createRoute({
			method: "get",
			path: "/api/v1/privacy/policy",
			tags: ["privacy"],
			summary:
				"The privacy policy in force, clause by clause with the mechanism that keeps each, and its history",
			middleware: [publicCacheIgnoringQuery()] as const,
			responses: { ...cached("The policy", PublishedPolicySchema), ...errorResponses(404) },
		}),
		async (c) => {
			const policy = await readPublishedPolicy(c.var.db, Date.now());
			if (!policy) throw new AppError("not_found", "No privacy policy is published");
			return c.json(policy, 200);
		},
	)
	.openapi(
		createRoute({
			method: "get",
			path: "/api/v1/privacy/record",
			tags: ["privacy"],
			summary: "The record of processing (GDPR Art. 30), generated from the personal-field registry",
			middleware: [publicCacheIgnoringQuery()] as const,
			responses: cached("The record", RecordBodySchema),
		}),
		(c) => c.json(RECORD, 200),
	);
