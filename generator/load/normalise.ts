// What apigen accepts with a warning instead of refusing (docs/spec-policy.md): harmless mistakes with one obvious
// meaning are normalised here, before the document is validated against the OpenAPI meta-schema and before
// openapi-typescript sees it, so every later stage reads a clean document and each problem is reported once, at the
// place it is written, saying what apigen did.
//
// The source tree is never changed (positions are looked up in it): the fixed nodes and their ancestors are copied.
import { diagnostic, pointerJoin, type Diagnostic, type SourceLocation } from "../diagnostics";
import type { OpenApiDocument } from "./openapi-schema";

/** Warning codes of this stage (--strict-spec makes them errors). */
export const REQUIRED_EMPTY = "APIGEN_SCHEMA_REQUIRED_EMPTY";
export const KEYWORD_TYPE = "APIGEN_SCHEMA_KEYWORD_TYPE";
export const SCHEMA_CYCLE = "APIGEN_SCHEMA_CYCLE";

type Json = Record<string, unknown>;

interface Fix {
  tokens: string[];
  /** Changes the (copied) node at `tokens`; `root` is the document with the earlier fixes applied. */
  apply(node: Json, root: Json): void;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const isNonNegativeInteger = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);

/**
 * Keywords that only restrict or describe: when one has the wrong JSON type, ignoring it accepts more than the spec
 * meant (never less) and changes no type. Each entry says what a valid value is.
 */
const IGNORABLE: Record<string, { valid: (v: unknown, version: "3.0" | "3.1") => boolean; expected: string }> = {
  pattern: { valid: (v) => typeof v === "string", expected: "a string" },
  format: { valid: (v) => typeof v === "string", expected: "a string" },
  minLength: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  maxLength: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  minItems: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  maxItems: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  minProperties: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  maxProperties: { valid: isNonNegativeInteger, expected: "a non-negative integer" },
  minimum: { valid: isFiniteNumber, expected: "a number" },
  maximum: { valid: isFiniteNumber, expected: "a number" },
  multipleOf: { valid: (v) => isFiniteNumber(v) && (v as number) > 0, expected: "a number greater than 0" },
  exclusiveMinimum: { valid: (v, version) => (version === "3.0" ? typeof v === "boolean" : isFiniteNumber(v)), expected: "a boolean in OpenAPI 3.0, a number in 3.1" },
  exclusiveMaximum: { valid: (v, version) => (version === "3.0" ? typeof v === "boolean" : isFiniteNumber(v)), expected: "a boolean in OpenAPI 3.0, a number in 3.1" },
  uniqueItems: { valid: (v) => typeof v === "boolean", expected: "a boolean" },
  title: { valid: (v) => typeof v === "string", expected: "a string" },
  description: { valid: (v) => typeof v === "string", expected: "a string" },
  deprecated: { valid: (v) => typeof v === "boolean", expected: "a boolean" },
};

const IGNORABLE_ENTRIES = Object.entries(IGNORABLE);

/** Schema keywords whose value is one schema, a list of schemas, or a map of schemas. */
const ONE_SCHEMA = ["items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "additionalItems"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

export interface Normalised {
  document: OpenApiDocument;
  warnings: Diagnostic[];
}

export function normaliseDocument(document: OpenApiDocument, version: "3.0" | "3.1", locate: (pointer: string) => SourceLocation): Normalised {
  const fixes: Fix[] = [];
  const warnings: Diagnostic[] = [];
  // A node reached twice (a YAML alias) is fixed at every place but reported once; `open` guards against cycles.
  const reported = new Set<unknown>();
  const open = new Set<unknown>();
  let current: unknown;
  const warn = (code: string, message: string, pointer: string, hint: string) => {
    if (!reported.has(current)) warnings.push(diagnostic("warning", code, message, locate(pointer), hint));
  };

  const schema = (node: unknown, tokens: string[]): void => {
    if (!isObject(node) || open.has(node)) return;
    if (typeof node["$ref"] === "string" && version === "3.0") return; // 3.0: siblings of $ref are ignored anyway
    open.add(node);
    current = node;
    checkNode(node, tokens);
    reported.add(node);
    for (const key of ONE_SCHEMA) if (isObject(node[key])) schema(node[key], [...tokens, key]);
    for (const key of SCHEMA_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((item, i) => schema(item, [...tokens, key, String(i)]));
    }
    if (Array.isArray(node["items"])) node["items"].forEach((item, i) => schema(item, [...tokens, "items", String(i)]));
    for (const key of SCHEMA_MAPS) {
      const map = node[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) schema(sub, [...tokens, key, name]);
    }
    open.delete(node);
  };

  const checkNode = (node: Json, tokens: string[]): void => {
    checkRequired(node, tokens);
    // Nearly every schema is fine: its few keys are tested first, the warnings (in IGNORABLE's order) only if one is not.
    if (!Object.keys(node).some((key) => Object.prototype.hasOwnProperty.call(IGNORABLE, key) && !(IGNORABLE[key] as (typeof IGNORABLE)[string]).valid(node[key], version))) return;
    for (const [keyword, rule] of IGNORABLE_ENTRIES) {
      if (!Object.prototype.hasOwnProperty.call(node, keyword)) continue;
      const value = node[keyword];
      // `properties: { pattern: {...} }` is a map of schemas, handled below; here `node` is a schema.
      if (rule.valid(value, version)) continue;
      warn(KEYWORD_TYPE, `\`${keyword}\` must be ${rule.expected}, not ${describe(value)}; apigen ignored it`, pointerJoin("", ...tokens, keyword),
        `write \`${keyword}\` as ${rule.expected}, or remove it; until then nothing is checked or typed from it`);
      fixes.push({ tokens, apply: (n) => void delete n[keyword] });
    }
  };

  const checkRequired = (node: Json, tokens: string[]): void => {
    if (!Object.prototype.hasOwnProperty.call(node, "required")) return;
    const required = node["required"];
    const at = () => pointerJoin("", ...tokens, "required"); // built only for a warning
    if (Array.isArray(required) && required.length === 0) {
      if (version === "3.1") return; // valid there, and means what it says
      warn(REQUIRED_EMPTY, "`required` is an empty list (valid in OpenAPI 3.1 and JSON Schema draft 6+, not in OpenAPI 3.0's draft-04 subset); apigen removed it: no property is required",
        at(), "remove the empty `required`, or list the required properties");
      fixes.push({ tokens, apply: (n) => void delete n["required"] });
    } else if (!Array.isArray(required)) {
      warn(KEYWORD_TYPE, `\`required\` must be a list of property names, not ${describe(required)}; apigen ignored it: no property is required`, at(),
        "write `required` as a list of the names of required properties");
      fixes.push({ tokens, apply: (n) => void delete n["required"] });
    } else {
      const names = required.filter((r): r is string => typeof r === "string");
      const unique = [...new Set(names)];
      if (unique.length !== required.length) {
        const what = names.length !== required.length ? "entries that are not strings" : "repeated names";
        warn(KEYWORD_TYPE, `\`required\` has ${what}; apigen kept each property name once${unique.length === 0 ? " (none remain: no property is required)" : ""}`, at(),
          "list each required property name once, as a string");
        fixes.push({ tokens, apply: (n) => (unique.length === 0 ? void delete n["required"] : void (n["required"] = unique)) });
      }
    }
  };

  walkDocument(document, schema);
  breakInheritanceCycles(document, fixes, (message, pointer, hint) => warnings.push(diagnostic("warning", SCHEMA_CYCLE, message, locate(pointer), hint)));
  return { document: applyFixes(document, fixes), warnings };
}

const COMPONENT = "#/components/schemas/";

function componentName(ref: unknown): string | undefined {
  if (typeof ref !== "string" || !ref.startsWith(COMPONENT)) return undefined;
  const token = ref.slice(COMPONENT.length);
  return token.includes("/") ? undefined : token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * The inheritance idiom of many specs (Atlas's among them): a parent lists its subtypes in `oneOf`/`anyOf` with a
 * discriminator, and each subtype extends the parent with `allOf: [{$ref: parent}, …]`. Read as JSON Schema, the
 * subtype requires the parent, which requires one of the subtypes, which requires the parent…: no validator can
 * evaluate it and the TypeScript types alias themselves. Its one meaning is "the subtype has the parent's own
 * properties": inside such an `allOf` the parent is used without its `oneOf`/`anyOf`/`discriminator`.
 */
function breakInheritanceCycles(document: Json, fixes: Fix[], warn: (message: string, pointer: string, hint: string) => void): void {
  const components = document["components"];
  const schemas = isObject(components) && isObject(components["schemas"]) ? components["schemas"] : undefined;
  if (!schemas) return;
  const lists = (parent: Json, name: string) =>
    ["oneOf", "anyOf"].some((key) => Array.isArray(parent[key]) && (parent[key] as unknown[]).some((alt) => isObject(alt) && componentName(alt["$ref"]) === name));
  for (const [name, child] of Object.entries(schemas)) {
    if (!isObject(child) || !Array.isArray(child["allOf"])) continue;
    child["allOf"].forEach((entry, i) => {
      const parentName = isObject(entry) ? componentName(entry["$ref"]) : undefined;
      const parent = parentName !== undefined && parentName !== name ? schemas[parentName] : undefined;
      if (parentName === undefined || !isObject(parent) || !lists(parent, name)) return;
      warn(`allOf names "${parentName}", whose oneOf/anyOf names "${name}" back (a cycle no validator can evaluate); apigen uses "${parentName}" here without its oneOf, anyOf and discriminator`,
        pointerJoin("/components/schemas", name, "allOf", i), `move the properties "${name}" shares with "${parentName}" into a base schema that both extend, and keep the subtypes only in "${parentName}"'s oneOf`);
      fixes.push({
        tokens: ["components", "schemas", name, "allOf", String(i)],
        apply: (node, root) => {
          const fixedParent = ((root["components"] as Json)["schemas"] as Json)[parentName] as Json;
          for (const key of Object.keys(node)) delete node[key];
          for (const [key, value] of Object.entries(fixedParent)) if (key !== "oneOf" && key !== "anyOf" && key !== "discriminator") {
            Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true }); // `__proto__` stays a plain key
          }
        },
      });
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? text.slice(0, 37) + "..." : text}`;
}

/** Calls `schema` on every Schema Object in a schema position of the document (not on examples or extensions). */
function walkDocument(document: Json, schema: (node: unknown, tokens: string[]) => void): void {
  const content = (node: unknown, tokens: string[]) => {
    if (!isObject(node)) return;
    for (const [type, media] of Object.entries(node)) {
      if (!isObject(media)) continue;
      schema(media["schema"], [...tokens, type, "schema"]);
      if (isObject(media["encoding"])) {
        for (const [name, enc] of Object.entries(media["encoding"])) if (isObject(enc)) headers(enc["headers"], [...tokens, type, "encoding", name, "headers"]);
      }
    }
  };
  const parameter = (node: unknown, tokens: string[]) => {
    if (!isObject(node)) return;
    schema(node["schema"], [...tokens, "schema"]);
    content(node["content"], [...tokens, "content"]);
  };
  const headers = (node: unknown, tokens: string[]) => {
    if (isObject(node)) for (const [name, header] of Object.entries(node)) parameter(header, [...tokens, name]);
  };
  const response = (node: unknown, tokens: string[]) => {
    if (!isObject(node)) return;
    headers(node["headers"], [...tokens, "headers"]);
    content(node["content"], [...tokens, "content"]);
  };
  const requestBody = (node: unknown, tokens: string[]) => {
    if (isObject(node)) content(node["content"], [...tokens, "content"]);
  };
  const operation = (node: unknown, tokens: string[]) => {
    if (!isObject(node)) return;
    if (Array.isArray(node["parameters"])) node["parameters"].forEach((p, i) => parameter(p, [...tokens, "parameters", String(i)]));
    requestBody(node["requestBody"], [...tokens, "requestBody"]);
    if (isObject(node["responses"])) for (const [code, r] of Object.entries(node["responses"])) response(r, [...tokens, "responses", code]);
  };
  const pathItems = (node: unknown, tokens: string[]) => {
    if (!isObject(node)) return;
    for (const [path, item] of Object.entries(node)) {
      if (!isObject(item)) continue;
      if (Array.isArray(item["parameters"])) item["parameters"].forEach((p, i) => parameter(p, [...tokens, path, "parameters", String(i)]));
      for (const method of ["get", "put", "post", "delete", "options", "head", "patch", "trace"]) operation(item[method], [...tokens, path, method]);
    }
  };
  pathItems(document["paths"], ["paths"]);
  pathItems(document["webhooks"], ["webhooks"]);
  const components = document["components"];
  if (isObject(components)) {
    const each = (key: string, visit: (node: unknown, tokens: string[]) => void) => {
      const map = components[key];
      if (isObject(map)) for (const [name, node] of Object.entries(map)) visit(node, ["components", key, name]);
    };
    each("schemas", schema);
    each("parameters", parameter);
    each("headers", parameter);
    each("responses", response);
    each("requestBodies", requestBody);
    pathItems(components["pathItems"], ["components", "pathItems"]);
  }
}

/** The document with every fix applied to copies of the nodes on its path; untouched subtrees are shared. */
function applyFixes(document: OpenApiDocument, fixes: Fix[]): OpenApiDocument {
  if (fixes.length === 0) return document;
  const copies = new Set<unknown>();
  const copy = <T>(node: T): T => {
    const fresh = (Array.isArray(node) ? [...node] : { ...(node as object) }) as T;
    copies.add(fresh);
    return fresh;
  };
  const root = copy(document);
  for (const fix of fixes) {
    let node: Record<string, unknown> = root;
    for (const token of fix.tokens) {
      let child = node[token];
      if (!copies.has(child)) {
        child = copy(child);
        node[token] = child;
      }
      node = child as Record<string, unknown>;
    }
    fix.apply(node, root);
  }
  return root;
}
