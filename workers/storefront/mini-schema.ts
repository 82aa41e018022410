// Schemas the storefront shares with the analytics worker are zod/mini, which keeps that worker
// small (issue #11). zod-to-openapi documents classic schemas only (it asks every nested schema
// for `.meta()`, which mini's lack), so a route takes a shared object schema through here.
import { z } from "@hono/zod-openapi";
import type { ZodMiniObject } from "zod/mini";

// What `.openapi()` takes: an OpenAPI schema object (its refId overload's second parameter).
type OpenApiMetadata = NonNullable<Parameters<z.ZodType["openapi"]>[1]>;

/**
 * A classic strict object around a shared mini one's shape: it validates with the shared field
 * schemas unchanged (zod's core is one, so issues and messages are the same), and its OpenAPI
 * documentation is zod's own JSON Schema of the shared schema. Metadata that names a `type` stops
 * the generator from descending into the mini fields.
 */
export function documentedStrictObject<Shape extends z.core.$ZodShape>(
	schema: ZodMiniObject<Shape, z.core.$strict>,
) {
	const documentation = z.toJSONSchema(schema, { target: "openapi-3.0" }) as OpenApiMetadata;
	return z.strictObject(schema.shape).openapi(documentation);
}
