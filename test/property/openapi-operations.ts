// The operations of the published OpenAPI document, in the shape the property suite walks.
import type { JsonSchema } from "./json-schema-arbitrary";

export type ParameterObject = {
	name: string;
	in: "path" | "query" | "header" | "cookie";
	required?: boolean;
	schema?: JsonSchema;
};

type OperationObject = {
	tags?: string[];
	parameters?: ParameterObject[];
	requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
	security?: Record<string, string[]>[];
};

export type OpenApiDocument = {
	paths: Record<string, Record<string, OperationObject>>;
	components?: { schemas?: Record<string, JsonSchema> };
};

export type Operation = {
	/** "POST /api/v1/cart/items": how failures and counterexamples name it. */
	id: string;
	method: string;
	/** The path template, parameters in braces. */
	path: string;
	tags: string[];
	parameters: ParameterObject[];
	body?: { mediaType: string; schema: JsonSchema; required: boolean };
	/** Security scheme names (ShopperSession, CloudflareAccess). */
	security: string[];
};

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

export function listOperations(doc: OpenApiDocument): Operation[] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		Object.entries(item)
			.filter(([method]) => METHODS.has(method))
			.map(([method, op]) => {
				const [content] = Object.entries(op.requestBody?.content ?? {});
				return {
					id: `${method.toUpperCase()} ${path}`,
					method: method.toUpperCase(),
					path,
					tags: op.tags ?? [],
					parameters: op.parameters ?? [],
					body: content
						? {
								mediaType: content[0],
								schema: content[1].schema ?? {},
								required: op.requestBody?.required ?? false,
							}
						: undefined,
					security: (op.security ?? []).flatMap((requirement) => Object.keys(requirement)),
				};
			}),
	);
}

/** Whether the operation is one of the HTML pages, which may answer a refusal with a page. */
export function isPage(op: Operation): boolean {
	return op.tags.some((tag) => tag === "pages" || tag.endsWith(" pages"));
}
