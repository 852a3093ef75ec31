// The document against the OpenAPI 3.0/3.1 JSON Schema, with swagger-parser's own validator and settings. A module
// of its own so the worker thread, which runs it, loads nothing else of the load stage.
// swagger-parser's schema validator on its own (the package has no exports map; the path is stable across 10–13).
import validateOpenApiSchema = require("@apidevtools/swagger-parser/lib/validators/schema.js");

export type OpenApiDocument = Record<string, unknown>;

/** swagger-parser's error (message and ajv's `details`) when the document breaks the OpenAPI schema. */
export function schemaError(document: OpenApiDocument): { message: string; details?: unknown } | undefined {
  try {
    validateOpenApiSchema(document);
    return undefined;
  } catch (error) {
    const e = error as { message?: unknown; details?: unknown };
    return { message: String(e?.message ?? error), ...(e?.details !== undefined ? { details: e.details } : {}) };
  }
}
