// openapi.ts: the `paths`/`components`/`operations` declarations by openapi-typescript, so the output also
// works with openapi-fetch. The document was validated and bundled by the load stage, so openapi-typescript's own
// Redocly lint and bundle pass (two thirds of its time on large specs, and output on stderr) is skipped: its
// transform runs directly, with the options `openapiTS` would set. A test holds the output identical to `openapiTS`.
// On the worker's path, openapi-typescript's hottest helpers run through equivalents that allocate less
// (openapi-types-helpers.ts, openapi-types-discriminators.ts) and the declarations are printed through a cheaper text
// writer (declarations-printer.ts); a test holds the text equal with and without them.
import { dirname, join } from "node:path";
import type * as OpenApiTypeScript from "openapi-typescript";
import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import { fail, pointerTokens } from "../diagnostics";
import { printDeclarations } from "./declarations-printer";
import { withFastHelpers, type OpenApiTsHelpers } from "./openapi-types-helpers";
import { scanDiscriminators as scanDiscriminatorsWithOneWalk } from "./openapi-types-discriminators";
import { INVISIBLE_IN_LITERAL } from "./escape";
import type { OpenApiDocument } from "../load";

type Transform = Pick<typeof OpenApiTypeScript, "astToString" | "resolveRef" | "scanDiscriminators" | "transformSchema"> & {
  /** The helpers module the transform calls through, when loaded from its file (see openapi-types-helpers.ts). */
  helpers?: OpenApiTsHelpers;
};

let loaded: Transform | undefined;

/**
 * openapi-typescript's transform without its package entry, which also loads Redocly (about 0.15 s on the worker's
 * critical path) for the lint and bundle pass apigen skips. The version is pinned; should the files move, the package
 * entry serves, and a test holds the output identical to `openapiTS()` either way.
 */
export function loadOpenApiTypeScript(): void {
  openapiTypeScript();
}

function openapiTypeScript(): Transform {
  if (loaded) return loaded;
  try {
    const dist = dirname(require.resolve("openapi-typescript"));
    const transformModule = require(join(dist, "transform", "index.cjs")) as Transform["transformSchema"] | { default: Transform["transformSchema"] };
    const transformSchema = typeof transformModule === "function" ? transformModule : transformModule.default;
    const { astToString } = require(join(dist, "lib", "ts.cjs")) as Pick<Transform, "astToString">;
    const helpers = require(join(dist, "lib", "utils.cjs")) as Pick<Transform, "resolveRef" | "scanDiscriminators"> & OpenApiTsHelpers;
    const { resolveRef } = helpers;
    if ([transformSchema, astToString, resolveRef, helpers.scanDiscriminators, helpers.getEntries, helpers.createRef].every((f) => typeof f === "function")) {
      // The same scan with a cheaper walk (openapi-types-discriminators.ts), calling the module's own helpers.
      const scanDiscriminators = ((schema, options) => scanDiscriminatorsWithOneWalk(schema as never, options, helpers)) as Transform["scanDiscriminators"];
      loaded = { transformSchema, astToString, resolveRef, scanDiscriminators, helpers };
      return loaded;
    }
  } catch {
    // fall through to the package entry
  }
  loaded = require("openapi-typescript") as Transform;
  return loaded;
}

/** The options apigen passes to openapi-typescript (all else at its defaults). */
export const OPENAPI_TS_OPTIONS = { alphabetize: true, silent: true } as const;

/**
 * openapi.ts for the document. openapi-typescript annotates the objects it reads, so it gets its own copy; a caller
 * that gives the document up (a worker's copy) passes a function that hands it over and keeps no reference: then
 * it is neither copied nor kept once transformed, and can be collected while the declarations are printed.
 */
export function renderOpenApiTypes(document: OpenApiDocument | (() => OpenApiDocument), specFile: string): string {
  try {
    const nodes = transformDocument(typeof document === "function" ? document() : structuredClone(document));
    return neutralizeInvisible(printDeclarations(nodes, openapiTypeScript().astToString));
  } catch (error) {
    return fail("APIGEN_RENDER_OPENAPI_TS", `openapi-typescript cannot render openapi.ts: ${printable((error as Error).message)}`, { file: specFile },
      "fix the spec at the place named, or report it: openapi-typescript refused a document that passed validation");
  }
}

/** openapi-typescript's declarations for a document of the caller's own (annotated in place, not kept). */
function transformDocument(document: OpenApiDocument): ReturnType<Transform["transformSchema"]> {
  const schema = inlinePathRefs(sortExampleKeys(document)) as unknown as OpenAPI3;
  return withFastHelpers(openapiTypeScript().helpers, () => openapiTypeScript().transformSchema(schema, transformContext(schema)));
}

/**
 * openapi-typescript writes a `$ref` into `#/paths/…` as an indexed access type (`paths["/a"]["post"]["requestBody"]
 * ["content"]…`), which does not compile once it crosses an optional member such as `requestBody?` (TS2339; seen
 * in @readme/oas-examples `circular-paths.json`). Such refs are replaced by a copy of their target, itself inlined;
 * one that leads back to itself becomes `{}` (unknown), as in apigen's own types (APIGEN_SCHEMA_REF). The document
 * is the render stage's private copy, changed in place.
 */
export function inlinePathRefs<T>(document: T): T {
  const resolving = new Set<string>();
  const expand = (ref: string): unknown => {
    if (resolving.has(ref)) return {};
    let target: unknown = document;
    for (const token of pointerTokens(ref)) target = target !== null && typeof target === "object" ? (target as Record<string, unknown>)[token] : undefined;
    if (target === undefined) return {};
    resolving.add(ref);
    const inlined = visit(structuredClone(target));
    resolving.delete(ref);
    return inlined;
  };
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    if (typeof record["$ref"] === "string" && record["$ref"].startsWith("#/paths/")) return expand(record["$ref"]);
    for (const key of Object.keys(record)) {
      const child = record[key];
      const visited = visit(child);
      if (visited !== child) record[key] = visited; // only an inlined ref is written back
    }
    return node;
  };
  return visit(document) as T;
}

/** The context `openapiTS()` builds from its options (openapi-typescript 7.13 `src/index.ts`), minus Redocly. */
function transformContext(schema: OpenAPI3): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: OPENAPI_TS_OPTIONS.alphabetize,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: openapiTypeScript().scanDiscriminators(schema, OPENAPI_TS_OPTIONS),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext["redoc"], // read only by the skipped lint and bundle step
    silent: OPENAPI_TS_OPTIONS.silent,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: cachedResolver(schema),
  };
}

/**
 * openapi-typescript's `resolveRef`, once per distinct `$ref`: it parses the pointer with Redocly's helpers on every
 * call, and the transform resolves the same few hundred components tens of thousands of times. The transform never
 * replaces the objects a pointer passes through, so the answer for a `$ref` stays the same for the whole run.
 */
function cachedResolver(schema: OpenAPI3): GlobalContext["resolve"] {
  const resolved = new Map<string, unknown>();
  return (($ref: string) => {
    if (!resolved.has($ref)) resolved.set($ref, openapiTypeScript().resolveRef(schema, $ref, { silent: OPENAPI_TS_OPTIONS.silent }));
    return resolved.get($ref);
  }) as GlobalContext["resolve"];
}

/**
 * TypeScript's printer leaves line separators, bidirectional controls (Trojan Source) and other invisible
 * characters raw in string literals and comments. Spec text reaches openapi.ts only in those two token kinds, so a
 * scan of the printed text escapes them in literals (same value) and drops them from comments, as apigen's own
 * escapers do. Most specs have none: then the scan is skipped.
 */
export function neutralizeInvisible(text: string): string {
  const invisible = new RegExp(INVISIBLE_IN_LITERAL.source, "g");
  if (!new RegExp(INVISIBLE_IN_LITERAL.source).test(text)) return text;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  let out = "";
  let copied = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    const token = text.slice(start, end);
    let replacement: string | undefined;
    if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      replacement = token.replace(invisible, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    } else if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      replacement = token.replace(/[\u2028\u2029\u0085]/g, " ").replace(invisible, "");
    }
    if (replacement !== undefined && replacement !== token) {
      out += text.slice(copied, start) + replacement;
      copied = end;
    }
  }
  return out + text.slice(copied);
}

/**
 * openapi-typescript prints examples into comments in their key order; sorted, the output does not depend on how the
 * spec orders an example's keys (everything else it sorts itself with `alphabetize`). Objects are unordered, so the
 * sort changes nothing else: it only has to run where examples live.
 */
function sortExampleKeys(node: unknown): unknown {
  if (Array.isArray(node)) {
    node.forEach(sortExampleKeys);
  } else if (node !== null && typeof node === "object") {
    const object = node as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      if (key === "example" || key === "examples") object[key] = sortedDeep(object[key]);
      else sortExampleKeys(object[key]);
    }
  }
  return node;
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = sortedDeep((value as Record<string, unknown>)[key]);
    if (key === "__proto__") Object.defineProperty(sorted, key, { value: child, enumerable: true, writable: true, configurable: true });
    else sorted[key] = child;
  }
  return sorted;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 500);
}
