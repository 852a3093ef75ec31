// Stage 1, load: read the spec with source positions, enforce the $ref policy, bundle external files into one
// document whose internal $refs keep their names, fix harmless mistakes (with warnings), and validate the result
// against the OpenAPI schema. What it returns is a valid document; every later stage may rely on that.
import { basename, extname } from "node:path";
import { diagnostic, fail, GeneratorError, pointerJoin, pointerTokens, type Diagnostic } from "../diagnostics";
import type { GeneratorContext } from "../context";
import { externalRefsLeft, missingRefs, refSites, sourcePointer, walkObjects } from "./checks";
import { schemaError, type OpenApiDocument } from "./openapi-schema";
import { normaliseDocument } from "./normalise";
import { checkRootRefs, refPolicyFor, resolverOptions, type RefPolicy, type RefViolation } from "./ref-policy";
import { parseSource, readSource, type SourceDocument } from "./source";

export type { OpenApiDocument };

export interface LoadedSpec {
  source: SourceDocument;
  /** Bundled, normalised and valid: one tree, internal `$ref`s preserved so component names survive. */
  document: OpenApiDocument;
  openapiVersion: "3.0" | "3.1";
  /** File name without extension, e.g. `atlas-restore-job`. */
  name: string;
  /** What the load stage accepted and normalised (docs/spec-policy.md); the model stage reports them with its own. */
  warnings?: Diagnostic[];
  /** --strict-spec: the spec's own problems that apigen would accept with a warning are errors. */
  strictSpec?: boolean;
  /** --closed-enums: response enums stay closed (the model records it for the render stage). */
  closedEnums?: boolean;
  /** Real paths of the files read besides the spec ($ref targets); undefined when the network was used. */
  referencedFiles?: string[];
}

export interface LoadOptions {
  /** The spec's text when the caller has already read it (for the incremental check): read once. */
  text?: string;
  /** False only for a document that was valid when it was recorded (the surface summary's previous spec). */
  validate?: boolean;
}

export async function loadSpec(ctx: GeneratorContext, options: LoadOptions = {}): Promise<LoadedSpec> {
  const source = options.text !== undefined ? parseSource(options.text, ctx.specDisplayPath) : readSource(ctx.specPath, ctx.specDisplayPath);
  const openapiVersion = detectVersion(source);
  const policy = refPolicyFor(ctx.specPath, ctx.allowNetwork);
  const sites = refSites(source.data); // one walk finds every $ref and discriminator mapping for the checks below
  const refErrors = checkRootRefs(sites, policy, source.locate);
  if (refErrors.length > 0) throw new GeneratorError(refErrors);
  const missing = missingRefs(source.data, source.locate, sites);
  if (missing.length > 0) throw new GeneratorError(missing);

  // Harmless mistakes are fixed (on copies) and warned about before anything validates or renders the document.
  const normalise = (doc: OpenApiDocument) => normaliseDocument(doc, openapiVersion, (pointer) => source.locate(sourcePointer(source.data, pointer)));
  const external = sites.some((site) => site.kind === "ref" && !site.ref.startsWith("#"));
  const { document, warnings } = external ? normalise(await bundle(ctx.specPath, source, policy)) : normalise(source.data as OpenApiDocument);
  if (options.validate !== false) validateDocument(document, source); // a schema error explains more than a leftover $ref
  // Without external $refs there was nothing to bundle, and nothing can be left over.
  const leftOver = external ? externalRefsLeft(document, source.displayPath) : [];
  if (leftOver.length > 0) throw new GeneratorError(leftOver);
  const name = basename(ctx.specPath, extname(ctx.specPath));
  return {
    source,
    document,
    openapiVersion,
    name,
    warnings,
    strictSpec: ctx.strictSpec,
    closedEnums: ctx.closedEnums,
    ...(policy.usedNetwork ? {} : { referencedFiles: [...policy.filesRead].sort() }),
  };
}

function detectVersion(source: SourceDocument): "3.0" | "3.1" {
  const data = source.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    fail("APIGEN_LOAD_NOT_OPENAPI", "the spec is not an object", source.locate(""), "an OpenAPI document is a YAML/JSON object with an `openapi: 3.x.y` field");
  }
  const version = (data as Record<string, unknown>)["openapi"];
  if (typeof version === "string" && /^3\.0\.\d+$/.test(version)) return "3.0";
  if (typeof version === "string" && /^3\.1\.\d+$/.test(version)) return "3.1";
  const swagger = (data as Record<string, unknown>)["swagger"];
  const hint =
    swagger !== undefined || /^2(\.|$)/.test(String(version))
      ? "this is a Swagger 2.0 document; convert it to OpenAPI 3.x first (e.g. with swagger2openapi)"
      : "apigen reads OpenAPI 3.0.x and 3.1.x documents: set `openapi: 3.0.3` or `openapi: 3.1.0`";
  return fail("APIGEN_LOAD_VERSION", `unsupported OpenAPI version: ${JSON.stringify(version ?? swagger ?? null)}`, source.locate(version !== undefined ? "/openapi" : ""), hint);
}

/**
 * External files are pulled into one document by swagger-parser, under the $ref policy. Loaded only here: most
 * specs are one file, and the package (with its resolvers) costs about 50 ms to load.
 */
async function bundle(specPath: string, source: SourceDocument, policy: RefPolicy): Promise<OpenApiDocument> {
  const SwaggerParser = require("@apidevtools/swagger-parser") as typeof import("@apidevtools/swagger-parser");
  const violations: RefViolation[] = [];
  const options = { resolve: resolverOptions(policy, violations) };
  try {
    return (await SwaggerParser.bundle(specPath, structuredClone(source.data) as never, options as never)) as unknown as OpenApiDocument;
  } catch (error) {
    if (violations.length > 0) {
      throw new GeneratorError(violations.map((v) => diagnostic("error", v.code, v.message, { file: source.displayPath }, v.hint)));
    }
    throw new GeneratorError(validationDiagnostics(error, source));
  }
}

/**
 * The document against the OpenAPI 3.0/3.1 JSON Schema, with swagger-parser's own validator and settings (precompiled:
 * see openapi-schema.ts).
 * `SwaggerParser.validate()` would first dereference the whole document (over a second on Atlas) only to
 * validate every use of a component again; the schema allows Reference Objects everywhere, so the document is
 * validated as written (its $refs are checked by `missingRefs`), and issues point at what the user wrote.
 */
function validateDocument(document: OpenApiDocument, source: SourceDocument): void {
  const error = schemaError(document);
  if (error !== undefined) throw new GeneratorError(validationDiagnostics(error, source, document));
}


const MAX_REPORTED = 20;

interface SchemaIssue {
  instancePath?: string;
  schemaPath?: string;
  keyword?: string;
  message?: string;
  params?: unknown;
}

/** Keywords whose error only says that the errors reported beside (or below) it made an alternative fail. */
const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "if", "not"]);
const IN_ALTERNATIVE = /\/(?:oneOf|anyOf)\/\d+\//;
const REFERENCE_BRANCH = /^#\/(?:definitions|\$defs)\/Reference\//;

/**
 * The meta-schema says "a Schema Object or a Reference Object" (and "a path, query, header or cookie parameter") with
 * `oneOf`, and ajv reports every alternative's failure. One problem should read as one diagnostic: the branch that
 * applies is the Reference Object exactly when the object has a `$ref`; errors of the other alternatives, and the
 * `oneOf`/`anyOf`/`if` errors that only summarise them, are dropped whenever a more precise error remains at the
 * same place or below it.
 */
function oneIssuePerProblem(issues: SchemaIssue[], document: unknown): SchemaIssue[] {
  const at = (i: SchemaIssue) => i.instancePath ?? "";
  const within = (inner: SchemaIssue, outer: SchemaIssue) => at(inner) === at(outer) || at(inner).startsWith(at(outer) + "/");
  const hasRef = (pointer: string) => {
    let node: unknown = document;
    for (const token of pointerTokens(pointer)) {
      if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return false;
      node = (node as Record<string, unknown>)[token];
    }
    return node !== null && typeof node === "object" && typeof (node as Record<string, unknown>)["$ref"] === "string";
  };
  const isReferenceBranch = (i: SchemaIssue) => REFERENCE_BRANCH.test(i.schemaPath ?? "");
  // Reference Object or not, decided by the object itself.
  let kept = issues.filter((i) => {
    if (!isReferenceBranch(i)) return !issues.some((r) => isReferenceBranch(r) && hasRef(at(r)) && within(i, r) && !SUMMARY_KEYWORDS.has(i.keyword ?? ""));
    return hasRef(at(i));
  });
  // Errors inside one alternative give way to an error outside every alternative at the same place.
  kept = kept.filter((i) => !IN_ALTERNATIVE.test(i.schemaPath ?? "") || !kept.some((o) => at(o) === at(i) && !IN_ALTERNATIVE.test(o.schemaPath ?? "") && !SUMMARY_KEYWORDS.has(o.keyword ?? "") && !isReferenceBranch(o)));
  // A summary gives way to any other error at its place or below.
  kept = kept.filter((i) => !SUMMARY_KEYWORDS.has(i.keyword ?? "") || !kept.some((o) => o !== i && within(o, i) && !SUMMARY_KEYWORDS.has(o.keyword ?? "")));
  return kept.length > 0 ? kept : issues;
}

function validationDiagnostics(error: unknown, source: SourceDocument, document?: unknown): Diagnostic[] {
  const hint = "fix the spec so it is a valid OpenAPI document (see the OpenAPI Specification for this object)";
  const details = (error as { details?: SchemaIssue[] }).details;
  if (Array.isArray(details) && details.length > 0) {
    const seen = new Set<string>();
    const found: Diagnostic[] = [];
    for (const d of oneIssuePerProblem(details, document ?? source.data)) {
      const pointer = sourcePointer(source.data, d.instancePath ?? "");
      const text = `${d.message ?? "is invalid"}${describeParams(d.params)}`;
      if (seen.has(pointer + text) || found.length >= MAX_REPORTED) continue;
      seen.add(pointer + text);
      found.push(diagnostic("error", "APIGEN_SPEC_INVALID", `invalid OpenAPI document: ${text}`, source.locate(pointer), hint));
    }
    return found;
  }
  const message = String((error as Error)?.message ?? error).replace(/\s+/g, " ").trim();
  const unreadable = /^Error reading file "(.*)"/.exec(message)?.[1];
  if (unreadable !== undefined) {
    const at = refPointerTo(source.data, unreadable);
    return [diagnostic("error", "APIGEN_REF_MISSING", `a $ref names a file that cannot be read: ${message.replace(/^Error reading file /, "")}`,
      at !== undefined ? source.locate(at) : { file: source.displayPath }, "check the file name of the $ref (relative to the spec's folder); the file must exist inside that folder")];
  }
  const pointer = pointerIn(message);
  return [diagnostic("error", "APIGEN_SPEC_INVALID", message, pointer !== undefined ? source.locate(pointer) : { file: source.displayPath }, hint)];
}

/** The pointer of the first external `$ref` of the root document whose file part ends with the given path's name. */
function refPointerTo(data: unknown, path: string): string | undefined {
  let at: string | undefined;
  const name = path.split(/[\\/]/).pop() ?? path;
  walkObjects(data, "", (node, pointer) => {
    const ref = node["$ref"];
    if (at === undefined && typeof ref === "string" && !ref.startsWith("#")) {
      let file = ref.split("#")[0] ?? "";
      try {
        file = decodeURIComponent(file);
      } catch {
        // keep it encoded
      }
      if (file.split(/[\\/]/).pop() === name) at = pointerJoin(pointer, "$ref");
    }
  });
  return at;
}

function describeParams(params: unknown): string {
  if (params === null || typeof params !== "object") return "";
  const p = params as Record<string, unknown>;
  if (typeof p["additionalProperty"] === "string") return ` (${JSON.stringify(p["additionalProperty"])})`;
  if (typeof p["missingProperty"] === "string") return "";
  if (Array.isArray(p["allowedValues"])) return ` (${p["allowedValues"].map((v) => JSON.stringify(v)).join(", ")})`;
  return "";
}

/** Spec-level messages name an operation as `/paths/...`; turn that into a pointer when present. */
function pointerIn(message: string): string | undefined {
  const match = /#?(\/paths\/\S+?)(?=[\s,.]|$)/.exec(message);
  if (match?.[1]) return match[1];
  const path = /Validation failed\. (\/\S+)/.exec(message)?.[1];
  return path ? pointerJoin("/paths", path) : undefined;
}
