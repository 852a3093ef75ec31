// The official JSON-Schema-Test-Suite (a copy in test/fixtures/json-schema-test-suite, see its SOURCE.md and LICENSE), run through apigen's
// generated validators: draft-04 as OpenAPI 3.0's Schema Object, draft 2020-12 as OpenAPI 3.1's. Each group's schema
// becomes a component schema; a case either passes or is excluded by one entry of EXCLUSIONS, which says why.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./helpers";

export const SUITE = join(ROOT, "test", "fixtures", "json-schema-test-suite", "tests");

export type Dialect = "draft4" | "draft2020-12";

export interface SuiteCase {
  description: string;
  data: unknown;
  valid: boolean;
}

export interface SuiteGroup {
  description: string;
  schema: unknown;
  tests: SuiteCase[];
}

export interface SuiteFile {
  dialect: Dialect;
  /** Relative to the dialect's folder: `ref.json`, `optional/format/hostname.json`. */
  name: string;
  groups: SuiteGroup[];
}

/** Every test file of the two dialects OpenAPI uses, mandatory and optional (formats included), in a stable order. */
export function suiteFiles(): SuiteFile[] {
  return (["draft4", "draft2020-12"] as const).flatMap((dialect) => {
    const base = join(SUITE, dialect);
    return jsonFilesBelow(base).map((path) => ({
      dialect,
      name: relative(base, path).split("\\").join("/"),
      groups: JSON.parse(readFileSync(path, "utf8")) as SuiteGroup[],
    }));
  });
}

function jsonFilesBelow(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return jsonFilesBelow(path);
      return entry.endsWith(".json") ? [path] : [];
    })
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function depth(path: string): number {
  return path.split("/").length;
}

/**
 * One reason a case is out of scope. Matched in order; the first that applies wins. `keyword`: the group's schema
 * uses it anywhere (as a schema keyword); `file`/`group`/`test`: exact names (a missing field matches anything).
 */
export interface Exclusion {
  dialect: Dialect;
  file?: string;
  group?: string;
  /** A case's description, or a pattern for several. */
  test?: string | RegExp;
  keyword?: string;
  /** Matches schemas with a `$ref` that is not a JSON pointer into the same document (`#/…`). */
  nonLocalRef?: true;
  reason: string;
}

const NOT_OAS30 = "not part of the OpenAPI 3.0 Schema Object (OAS 3.0.3 §4.7.24 lists the keywords it takes from draft-04)";
const REF_BASE = "resolves `$ref` against an `$id`/`id` base URI, an anchor or another document: OpenAPI specs refer by JSON pointer into the spec (apigen fetches nothing)";

export const EXCLUSIONS: Exclusion[] = [
  // ---- draft-04 cases that are not OpenAPI 3.0 schemas ----
  { dialect: "draft4", keyword: "dependencies", reason: `\`dependencies\` is ${NOT_OAS30}` },
  { dialect: "draft4", keyword: "patternProperties", reason: `\`patternProperties\` is ${NOT_OAS30}` },
  { dialect: "draft4", keyword: "additionalItems", reason: `\`additionalItems\` is ${NOT_OAS30}` },
  { dialect: "draft4", keyword: "id", reason: `\`id\` is ${NOT_OAS30}` },
  { dialect: "draft4", keyword: "tupleItems", reason: `\`items\` as an array (tuple) is ${NOT_OAS30}: OAS 3.0 says "items MUST be a Schema Object"` },
  { dialect: "draft4", keyword: "typeList", reason: `\`type\` as an array is ${NOT_OAS30}: "type - Value MUST be a string. Multiple types via an array are not supported"` },
  { dialect: "draft4", keyword: "typeNull", reason: `\`type: "null"\` is ${NOT_OAS30} (3.0 writes \`nullable: true\`)` },
  { dialect: "draft4", nonLocalRef: true, reason: REF_BASE },
  { dialect: "draft4", file: "optional/zeroTerminatedFloats.json", test: "a float is not an integer even without fractional part",
    reason: "JSON.parse reads `1.0` and `1` as the same number, so a JavaScript validator cannot tell them apart (draft 6 and later, and so OpenAPI 3.1, count 1.0 as an integer)" },
  // ---- 2020-12 features that OpenAPI specs do not need and apigen refuses or does not implement ----
  { dialect: "draft2020-12", nonLocalRef: true, reason: REF_BASE },
  { dialect: "draft2020-12", keyword: "$dynamicRef", reason: "`$dynamicRef` is refused by apigen (APIGEN_SCHEMA_UNSUPPORTED): generic recursive schemas are not expressible in generated TypeScript types" },
  { dialect: "draft2020-12", keyword: "unevaluatedProperties", reason: "`unevaluatedProperties` is refused by apigen (APIGEN_SCHEMA_UNSUPPORTED) rather than checked too laxly" },
  { dialect: "draft2020-12", keyword: "unevaluatedItems", reason: "`unevaluatedItems` is refused by apigen (APIGEN_SCHEMA_UNSUPPORTED) rather than checked too laxly" },
  { dialect: "draft2020-12", keyword: "$id", reason: REF_BASE },
  { dialect: "draft2020-12", file: "format.json", test: /^invalid .* string is only an annotation by default$/,
    reason: "apigen asserts `format`, as ajv-formats does: OpenAPI's formats (`date-time`, `uuid`, `byte`…) describe what a client may rely on, and `optional/format/*` holds the cases for asserting validators" },
  { dialect: "draft2020-12", keyword: "dependencies", reason: "`dependencies` is not a 2020-12 keyword (2019-09 split it into `dependentRequired` and `dependentSchemas`, which apigen checks)" },
  { dialect: "draft2020-12", keyword: "$schema", reason: "`$schema` switching the dialect inside a schema: OpenAPI 3.1 fixes the dialect for the document (`jsonSchemaDialect`)" },
];

const DIALECT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

/** The first exclusion that applies to a whole group (schema-level rules and group-wide entries). */
export function groupExclusion(file: SuiteFile, group: SuiteGroup): Exclusion | undefined {
  const used = keywordsOf(group.schema);
  return EXCLUSIONS.find((x) =>
    x.dialect === file.dialect && x.test === undefined &&
    (x.file === undefined || x.file === file.name) && (x.group === undefined || x.group === group.description) &&
    (x.keyword === undefined || used.has(x.keyword)) && (x.nonLocalRef === undefined || used.has("nonLocalRef")));
}

/** An exclusion naming this very case. */
export function caseExclusion(file: SuiteFile, group: SuiteGroup, test: SuiteCase): Exclusion | undefined {
  return EXCLUSIONS.find((x) =>
    x.dialect === file.dialect && x.file === file.name && (x.group === undefined || x.group === group.description) &&
    (typeof x.test === "string" ? x.test === test.description : x.test?.test(test.description) === true));
}

/** Keywords used anywhere in a schema, plus the pseudo-keywords the table matches on (typeList, tupleItems…). */
export function keywordsOf(schema: unknown): Set<string> {
  const used = new Set<string>();
  const visit = (s: unknown): void => {
    if (s === null || typeof s !== "object" || Array.isArray(s)) return;
    const node = s as Record<string, unknown>;
    for (const [key, value] of Object.entries(node)) {
      // The suite names 2020-12 in every schema: OpenAPI 3.1's default dialect, so it changes nothing.
      if (key === "$schema" && value === DIALECT_2020_12) continue;
      used.add(key);
      if (key === "type" && Array.isArray(value)) used.add("typeList");
      if (key === "type" && value === "null") used.add("typeNull");
      if (key === "items" && Array.isArray(value)) used.add("tupleItems");
      if (key === "$ref" && typeof value === "string" && value !== "#" && !value.startsWith("#/")) used.add("nonLocalRef");
      if (DATA_KEYWORDS.has(key)) continue;
      if (SCHEMA_MAPS.has(key)) {
        if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
      } else if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(schema);
  return used;
}

/**
 * A group's schema as component schemas: the root as `name`, each root `definitions`/`$defs` entry as a component of
 * its own (so recursive definitions are named and can recur), every local `$ref` rewritten to point into components.
 */
export function asComponents(schema: unknown, name: string): Record<string, unknown> {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return { [name]: schema };
  const { definitions, $defs, ...root } = schema as Record<string, unknown>;
  if (root["$schema"] === DIALECT_2020_12) delete root["$schema"];
  const defs = { ...(isRecord(definitions) ? definitions : {}), ...(isRecord($defs) ? $defs : {}) };
  const defKeyword = isRecord($defs) ? "$defs" : "definitions";
  const defNames = Object.keys(defs);
  const componentOf = (defName: string) => `${name}_${defNames.indexOf(defName)}`;
  const rewrite = (ref: string): string => {
    if (ref === "#") return `#/components/schemas/${name}`;
    const tokens = ref.slice(2).split("/");
    if (tokens[0] === defKeyword && tokens.length >= 2) {
      const defName = decodeURIComponent(tokens[1] ?? "").replace(/~1/g, "/").replace(/~0/g, "~");
      if (defNames.includes(defName)) return [`#/components/schemas/${componentOf(defName)}`, ...tokens.slice(2)].join("/");
    }
    return `#/components/schemas/${name}${ref.slice(1)}`;
  };
  const withRefs = (s: unknown): unknown => mapSchemas(s, (node) => {
    const ref = node["$ref"];
    return typeof ref === "string" && (ref === "#" || ref.startsWith("#/")) ? { ...node, $ref: rewrite(ref) } : node;
  });
  const out: Record<string, unknown> = { [name]: withRefs(root) };
  for (const defName of defNames) out[componentOf(defName)] = withRefs(defs[defName]);
  return out;
}

/** A copy of a schema with `f` applied to every schema object in it (not to data: enum, const, default, examples). */
function mapSchemas(schema: unknown, f: (node: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && isRecord(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSchemas(v, f)]));
    else if (Array.isArray(value)) out[key] = value.map((v) => mapSchemas(v, f));
    else out[key] = mapSchemas(value, f);
  }
  return f(out);
}

/** Keywords whose values are data or names, never schemas. */
const DATA_KEYWORDS = new Set(["enum", "const", "default", "examples", "required", "dependentRequired"]);
/** Keywords whose values map names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export interface FileCount {
  dialect: Dialect;
  file: string;
  cases: number;
  passed: number;
  excluded: number;
  failed: number;
  /** Of the cases apigen runs (not excluded), how many ajv 8 gets right. */
  ajvPassed: number;
}

/** docs/conformance.md: counts per file and every exclusion with its reason. Generated and checked by the test. */
export function conformanceMarkdown(counts: FileCount[], used: Map<Exclusion, number>): string {
  const total = (dialect: Dialect, key: "cases" | "passed" | "excluded" | "failed" | "ajvPassed") =>
    counts.filter((c) => c.dialect === dialect).reduce((n, c) => n + c[key], 0);
  const lines = [
    "# Validator conformance",
    "",
    "<!-- Written by test/validators-conformance.test.ts (APIGEN_WRITE_CONFORMANCE=1 npx jest test/validators-conformance.test.ts); the test fails when this file is stale. -->",
    "",
    "apigen's generated validators run the official [JSON-Schema-Test-Suite](https://github.com/json-schema-org/JSON-Schema-Test-Suite)",
    "(the copy in `test/fixtures/json-schema-test-suite/`, see its SOURCE.md and LICENSE): draft-04 as OpenAPI 3.0's Schema Object, draft 2020-12 as",
    "OpenAPI 3.1's, optional files and formats included. Each group's schema becomes a component schema of a spec (root",
    "`definitions`/`$defs` become components of their own, local `$ref`s point into components), is generated as `validators.ts`",
    "and loaded. Every case passes or is excluded below with the reason; `ajv 8` is ajv 8 (ajv-draft-04 / ajv 2020-12,",
    "ajv-formats, `strict: false`) on the same cases apigen runs.",
    "",
    "| dialect | cases | apigen passed | excluded | failed | ajv 8 passed |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...(["draft4", "draft2020-12"] as const).map((d) => `| ${d} | ${total(d, "cases")} | ${total(d, "passed")} | ${total(d, "excluded")} | ${total(d, "failed")} | ${total(d, "ajvPassed")} |`),
    "",
    "## Per file",
    "",
    "| file | cases | apigen passed | excluded | failed | ajv 8 passed |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...counts.map((c) => `| ${c.dialect}/${c.file} | ${c.cases} | ${c.passed} | ${c.excluded} | ${c.failed} | ${c.ajvPassed} |`),
    "",
    "## Exclusions",
    "",
    "| dialect | applies to | cases | reason |",
    "| --- | --- | ---: | --- |",
    ...EXCLUSIONS.map((x) => `| ${x.dialect} | ${describeExclusion(x)} | ${used.get(x) ?? 0} | ${x.reason.replace(/\|/g, "\\|")} |`),
    "",
  ];
  return lines.join("\n");
}

const PSEUDO_KEYWORDS: Record<string, string> = { typeList: "`type` as an array", typeNull: '`type: "null"`', tupleItems: "`items` as an array" };

export function describeExclusion(x: Exclusion): string {
  const parts: string[] = [];
  if (x.keyword !== undefined) parts.push(`schemas with ${PSEUDO_KEYWORDS[x.keyword] ?? `\`${x.keyword}\``}`);
  if (x.nonLocalRef) parts.push("schemas with a `$ref` that is not `#` or `#/…`");
  if (x.file !== undefined) parts.push(`\`${x.file}\``);
  if (x.group !== undefined) parts.push(`group "${x.group}"`);
  if (typeof x.test === "string") parts.push(`case "${x.test}"`);
  else if (x.test !== undefined) parts.push(`cases matching \`${x.test.source}\``);
  return parts.join(", ").replace(/\|/g, "\\|");
}
