// Schema Object (OAS 3.0 §4.7.24, OAS 3.1 §4.8.24 / JSON Schema 2020-12) → SchemaModel.
// Dispatch: $ref → boolean schema → keywords (types, enum, constraints, composition), one small function each.
// 3.0 specifics are normalised here, once: `nullable` adds "null" to `type`; boolean exclusiveMinimum/Maximum
// become numbers.
import { pointerJoin, pointerTokens } from "../diagnostics";
import { resolvePointer } from "../json-pointer";
import { compareStrings, isObject, reportError, warn, type ModelContext } from "./context";
import { inheritedLiteral } from "./inheritance";
import { describeRisk, redosRisk } from "./redos";
import type { DiscriminatorModel, JsonType, NamedRef, SchemaModel } from "./types";

const JSON_TYPES: ReadonlySet<string> = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const COMPONENT_SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** 2020-12 keywords apigen implements for OpenAPI 3.1; OpenAPI 3.0's Schema Object has none of them. */
const KEYWORDS_31 = ["if", "then", "else", "prefixItems", "contains", "minContains", "maxContains", "propertyNames", "patternProperties", "dependentRequired", "dependentSchemas"];

/** Keywords apigen does not implement; anything that affects validation is reported, never silently dropped. */
const UNSUPPORTED_KEYWORDS = ["additionalItems"];

/**
 * Keywords whose absence would make validators accept what the spec forbids and that apigen cannot do correctly
 * yet: generation stops with an error rather than emit a validator that is silently too lax.
 */
const REFUSED_KEYWORDS: Readonly<Record<string, string>> = {
  unevaluatedProperties: "list the allowed properties with `properties` and use `additionalProperties: false` in a single schema",
  unevaluatedItems: "use `prefixItems` with `items: false`, or `items` with `maxItems`",
  $dynamicRef: "use a plain `$ref` to a component schema",
};

export function schemaModel(node: unknown, pointer: string, ctx: ModelContext): SchemaModel {
  if (node === undefined || node === true) return { pointer };
  if (node === false) return { pointer, not: { pointer } };
  if (!isObject(node)) {
    warn(ctx, "APIGEN_SCHEMA_INVALID", "a schema must be an object; treating it as `unknown`", pointer);
    return { pointer };
  }
  if (typeof node["$ref"] === "string") return refSchema(node, node["$ref"], pointer, ctx);

  const schema: SchemaModel = { pointer };
  applyTypes(schema, node, ctx);
  applyValues(schema, node);
  applyStringKeywords(schema, node, pointer, ctx);
  applyNumberKeywords(schema, node, ctx);
  applyArrayKeywords(schema, node, pointer, ctx);
  applyObjectKeywords(schema, node, pointer, ctx);
  applyComposition(schema, node, pointer, ctx);
  if (ctx.openapiVersion === "3.1") applyKeywords31(schema, node, pointer, ctx);
  applyAnnotations(schema, node);
  reportUnsupported(node, pointer, ctx);
  return schema;
}

function refSchema(node: Record<string, unknown>, ref: string, pointer: string, ctx: ModelContext): SchemaModel {
  const component = COMPONENT_SCHEMA_REF.exec(ref)?.[1];
  const named = component !== undefined ? ctx.schemaRefs.get(decodeToken(component)) : undefined;
  const target: SchemaModel = named ? { pointer, ref: named } : inlineRef(ref, pointer, ctx);
  // 3.1 allows keywords beside $ref (they apply together); in 3.0 they are ignored, except annotations.
  const siblings = Object.keys(node).filter((k) => k !== "$ref" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
  if (ctx.openapiVersion === "3.1" && siblings.length > 0) {
    const { $ref: _ignored, ...rest } = node;
    return { pointer, allOf: [target, schemaModel(rest, pointer, ctx)] };
  }
  applyAnnotations(target, node);
  return target;
}

/** A `$ref` to something other than a component schema is inlined; a cycle through such refs becomes `unknown`. */
function inlineRef(ref: string, pointer: string, ctx: ModelContext): SchemaModel {
  if (!ref.startsWith("#") || ctx.inlining.has(ref)) {
    warn(ctx, "APIGEN_SCHEMA_REF", `cannot inline $ref "${ref}" (external or recursive); treating it as \`unknown\``, pointer,
      "move the schema under #/components/schemas so it gets a name");
    return { pointer };
  }
  const target = resolvePointer(ctx.document, ref);
  if (target === undefined) {
    warn(ctx, "APIGEN_SCHEMA_REF", `$ref "${ref}" does not resolve; treating it as \`unknown\``, pointer);
    return { pointer };
  }
  ctx.inlining.add(ref);
  try {
    return schemaModel(target, ref.slice(1), ctx);
  } finally {
    ctx.inlining.delete(ref);
  }
}

function applyTypes(schema: SchemaModel, node: Record<string, unknown>, ctx: ModelContext): void {
  const raw = node["type"];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const types = list.filter((t): t is JsonType => typeof t === "string" && JSON_TYPES.has(t));
  if (types.length === 0) return;
  // OAS 3.0.3: `nullable: true` adds null only where `type` is given.
  if (ctx.openapiVersion === "3.0" && node["nullable"] === true && !types.includes("null")) types.push("null");
  schema.types = [...new Set(types)];
}

function applyValues(schema: SchemaModel, node: Record<string, unknown>): void {
  if (Array.isArray(node["enum"])) schema.enum = [...node["enum"]];
  if ("const" in node) schema.const = { value: node["const"] };
  if (typeof node["format"] === "string") schema.format = node["format"];
}

function applyStringKeywords(schema: SchemaModel, node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  if (typeof node["pattern"] === "string") applyPattern(schema, node["pattern"], pointerJoin(pointer, "pattern"), ctx);
  setNumber(schema, "minLength", node["minLength"]);
  setNumber(schema, "maxLength", node["maxLength"]);
}

function applyNumberKeywords(schema: SchemaModel, node: Record<string, unknown>, ctx: ModelContext): void {
  setNumber(schema, "minimum", node["minimum"]);
  setNumber(schema, "maximum", node["maximum"]);
  setNumber(schema, "multipleOf", node["multipleOf"]);
  if (ctx.openapiVersion === "3.0") {
    // Draft-04 style: the boolean turns minimum/maximum exclusive.
    if (node["exclusiveMinimum"] === true && schema.minimum !== undefined) {
      schema.exclusiveMinimum = schema.minimum;
      delete schema.minimum;
    }
    if (node["exclusiveMaximum"] === true && schema.maximum !== undefined) {
      schema.exclusiveMaximum = schema.maximum;
      delete schema.maximum;
    }
  } else {
    setNumber(schema, "exclusiveMinimum", node["exclusiveMinimum"]);
    setNumber(schema, "exclusiveMaximum", node["exclusiveMaximum"]);
  }
}

function applyArrayKeywords(schema: SchemaModel, node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  if (node["items"] !== undefined && !Array.isArray(node["items"])) {
    schema.items = schemaModel(node["items"], pointerJoin(pointer, "items"), ctx);
  }
  setNumber(schema, "minItems", node["minItems"]);
  setNumber(schema, "maxItems", node["maxItems"]);
  if (node["uniqueItems"] === true) schema.uniqueItems = true;
}

function applyObjectKeywords(schema: SchemaModel, node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  const required = new Set(Array.isArray(node["required"]) ? node["required"].filter((r) => typeof r === "string") : []);
  const properties = node["properties"];
  if (isObject(properties)) {
    schema.properties = Object.keys(properties)
      .sort(compareStrings)
      .map((name) => ({
        name,
        required: required.has(name),
        schema: schemaModel(properties[name], pointerJoin(pointer, "properties", name), ctx),
      }));
  }
  // `required` may name properties not declared in `properties`: they must still be present.
  const declared = new Set(schema.properties?.map((p) => p.name));
  for (const name of [...required].sort(compareStrings)) {
    if (declared.has(name)) continue;
    (schema.properties ??= []).push({ name, required: true, schema: { pointer }, undeclared: true });
    // Alone, `required` is a normal mixin (e.g. inside allOf); beside `properties` an unknown name is usually a typo —
    // except in a branch of anyOf/oneOf/allOf/not/if/then/else, where the name is often declared by the parent.
    if (isObject(properties) && !isCompositionBranch(pointer)) {
      warn(ctx, "APIGEN_SCHEMA_REQUIRED_UNDECLARED", `"${name}" is required but not among the properties`, pointerJoin(pointer, "required"),
        "declare the property, or fix the name in `required`");
    }
  }
  const additional = node["additionalProperties"];
  if (typeof additional === "boolean") schema.additionalProperties = additional;
  else if (isObject(additional)) schema.additionalProperties = schemaModel(additional, pointerJoin(pointer, "additionalProperties"), ctx);
  setNumber(schema, "minProperties", node["minProperties"]);
  setNumber(schema, "maxProperties", node["maxProperties"]);
}

/** JSON Schema 2020-12 applicators and assertions that OpenAPI 3.1 adds ($defs need nothing: refs into them are inlined). */
function applyKeywords31(schema: SchemaModel, node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  const sub = (keyword: string) => schemaModel(node[keyword], pointerJoin(pointer, keyword), ctx);
  if (Array.isArray(node["prefixItems"]) && node["prefixItems"].length > 0) {
    schema.prefixItems = node["prefixItems"].map((m, i) => schemaModel(m, pointerJoin(pointer, "prefixItems", i), ctx));
  }
  if (node["contains"] !== undefined) {
    schema.contains = sub("contains");
    setNumber(schema, "minContains", node["minContains"]);
    setNumber(schema, "maxContains", node["maxContains"]);
  }
  if (node["propertyNames"] !== undefined) schema.propertyNames = sub("propertyNames");
  if (isObject(node["patternProperties"])) {
    const patterns = node["patternProperties"];
    schema.patternProperties = Object.keys(patterns)
      .sort(compareStrings)
      .flatMap((pattern) => {
        const at = pointerJoin(pointer, "patternProperties", pattern);
        const compiled = compilePattern(pattern, at, ctx);
        return compiled ? [{ ...compiled, schema: schemaModel(patterns[pattern], at, ctx) }] : [];
      });
  }
  const dependentRequired = node["dependentRequired"];
  if (isObject(dependentRequired)) {
    schema.dependentRequired = Object.keys(dependentRequired)
      .sort(compareStrings)
      .map((name) => {
        const list = dependentRequired[name];
        return { name, required: Array.isArray(list) ? list.filter((r): r is string => typeof r === "string") : [] };
      })
      .filter((d) => d.required.length > 0);
  }
  const dependentSchemas = node["dependentSchemas"];
  if (isObject(dependentSchemas)) {
    schema.dependentSchemas = Object.keys(dependentSchemas)
      .sort(compareStrings)
      .map((name) => ({ name, schema: schemaModel(dependentSchemas[name], pointerJoin(pointer, "dependentSchemas", name), ctx) }));
  }
  if (node["if"] !== undefined && (node["then"] !== undefined || node["else"] !== undefined)) {
    const conditional: NonNullable<SchemaModel["conditional"]> = { if: sub("if") };
    if (node["then"] !== undefined) conditional.then = sub("then");
    if (node["else"] !== undefined) conditional.else = sub("else");
    schema.conditional = conditional;
  }
}

function applyComposition(schema: SchemaModel, node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const members = node[keyword];
    if (Array.isArray(members) && members.length > 0) {
      schema[keyword] = members.map((m, i) => schemaModel(m, pointerJoin(pointer, keyword, i), ctx));
    }
  }
  if (node["not"] !== undefined) schema.not = schemaModel(node["not"], pointerJoin(pointer, "not"), ctx);
  const discriminator = discriminatorModel(node, pointer, ctx);
  if (discriminator) schema.discriminator = discriminator;
  const inherited = inheritedDiscriminator(node, pointer, ctx);
  if (inherited) (schema.allOf ??= []).push(inherited);
}

/**
 * allOf inheritance (OAS 3.1 §4.8.25.2, the Pet/Cat/Dog example): a component whose `allOf` names a parent with a
 * discriminator is the variant that the parent's `mapping` (or, unmapped, its own component name) gives. The variant
 * then requires that value: one more `allOf` member, so its type carries the literal (a union of variants narrows)
 * and its validator checks it.
 */
function inheritedDiscriminator(node: Record<string, unknown>, pointer: string, ctx: ModelContext): SchemaModel | undefined {
  const tokens = pointerTokens(pointer);
  if (tokens.length !== 3 || tokens[0] !== "components" || tokens[1] !== "schemas" || !Array.isArray(node["allOf"])) return undefined;
  const name = tokens[2] as string;
  // Below a base without oneOf/anyOf: the plan knows every subtype at every depth (model/inheritance.ts).
  if (ctx.inheritance?.rootOf.has(name)) return inheritedLiteral(ctx.inheritance, name);
  for (const member of node["allOf"]) {
    const parentName = isObject(member) && typeof member["$ref"] === "string" ? COMPONENT_SCHEMA_REF.exec(member["$ref"])?.[1] : undefined;
    if (parentName === undefined || decodeToken(parentName) === name) continue;
    const parentPointer = pointerJoin("/components/schemas", decodeToken(parentName));
    const parent = resolvePointer(ctx.document, parentPointer);
    const raw = isObject(parent) ? parent["discriminator"] : undefined;
    if (!isObject(raw) || typeof raw["propertyName"] !== "string") continue;
    const mapping = isObject(raw["mapping"]) ? raw["mapping"] : {};
    const mapped = Object.keys(mapping).sort(compareStrings).filter((value) => {
      const target = mapping[value];
      return typeof target === "string" && componentRef(target, ctx)?.name === name;
    });
    // The component-name default is the inheritance idiom's; a parent that lists its variants in oneOf/anyOf names them there.
    const listsVariants = isObject(parent) && (Array.isArray(parent["oneOf"]) || Array.isArray(parent["anyOf"]));
    const values = mapped.length > 0 ? mapped : listsVariants ? [] : [name];
    if (values.length === 0) continue;
    const at = pointerJoin(parentPointer, "discriminator");
    const literal = (value: string): SchemaModel => ({ pointer: at, const: { value } });
    return {
      pointer: at,
      properties: [{ name: raw["propertyName"], required: true, schema: values.length === 1 ? literal(values[0] as string) : { pointer: at, anyOf: values.map(literal) } }],
    };
  }
  return undefined;
}

/** Explicit `mapping` entries first, then each component member's own name (the implicit mapping). */
function discriminatorModel(node: Record<string, unknown>, pointer: string, ctx: ModelContext): DiscriminatorModel | undefined {
  const raw = node["discriminator"];
  if (!isObject(raw) || typeof raw["propertyName"] !== "string") return undefined;
  const mapping: DiscriminatorModel["mapping"] = [];
  const mapped = new Set<string>();
  const explicit = isObject(raw["mapping"]) ? raw["mapping"] : {};
  for (const value of Object.keys(explicit).sort(compareStrings)) {
    const target = explicit[value];
    const ref = typeof target === "string" ? componentRef(target, ctx) : undefined;
    if (!ref) {
      warn(ctx, "APIGEN_SCHEMA_DISCRIMINATOR", `discriminator mapping "${value}" does not name a component schema`, pointerJoin(pointer, "discriminator", "mapping", value));
      continue;
    }
    mapping.push({ value, ref });
    mapped.add(ref.name);
  }
  const members = [...(Array.isArray(node["oneOf"]) ? node["oneOf"] : []), ...(Array.isArray(node["anyOf"]) ? node["anyOf"] : [])];
  for (const member of members) {
    const ref = isObject(member) && typeof member["$ref"] === "string" ? componentRef(member["$ref"], ctx) : undefined;
    if (ref && !mapped.has(ref.name)) {
      mapping.push({ value: ref.name, ref });
      mapped.add(ref.name);
    }
  }
  return { propertyName: raw["propertyName"], mapping };
}

/** A mapping target is a `$ref` string or a bare component name. */
function componentRef(target: string, ctx: ModelContext): NamedRef | undefined {
  const name = COMPONENT_SCHEMA_REF.exec(target)?.[1] ?? (target.includes("/") ? undefined : target);
  return name === undefined ? undefined : ctx.schemaRefs.get(decodeToken(name));
}

const ANNOTATIONS = new Set(["title", "description", "deprecated", "default", "readOnly", "writeOnly", "example", "examples", "externalDocs", "xml", "summary"]);

function applyAnnotations(schema: SchemaModel, node: Record<string, unknown>): void {
  if (typeof node["title"] === "string") schema.title = node["title"];
  if (typeof node["description"] === "string") schema.description = node["description"];
  if (node["deprecated"] === true) schema.deprecated = true;
  if ("default" in node) schema.default = { value: node["default"] };
  if (node["readOnly"] === true) schema.access = "readOnly";
  else if (node["writeOnly"] === true) schema.access = "writeOnly";
}

function reportUnsupported(node: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  for (const keyword of Object.keys(REFUSED_KEYWORDS)) {
    if (keyword in node) {
      reportError(ctx, "APIGEN_SCHEMA_UNSUPPORTED", `keyword "${keyword}" is not supported: validators would silently accept values it forbids`, pointerJoin(pointer, keyword),
        REFUSED_KEYWORDS[keyword]);
    }
  }
  if (ctx.openapiVersion === "3.0") {
    for (const keyword of KEYWORDS_31) {
      if (keyword in node) {
        warn(ctx, "APIGEN_SCHEMA_UNSUPPORTED", `keyword "${keyword}" is not part of the OpenAPI 3.0 Schema Object; it is ignored (it needs OpenAPI 3.1)`, pointerJoin(pointer, keyword),
          "declare `openapi: 3.1.0` to use JSON Schema 2020-12 keywords");
      }
    }
  }
  for (const keyword of UNSUPPORTED_KEYWORDS) {
    if (keyword in node) {
      warn(ctx, "APIGEN_SCHEMA_UNSUPPORTED", `keyword "${keyword}" is not supported yet; it is ignored by types and validators`, pointerJoin(pointer, keyword),
        "express the constraint with supported keywords, or validate it in your code");
    }
  }
  if (Array.isArray(node["items"])) {
    warn(ctx, "APIGEN_SCHEMA_UNSUPPORTED", "tuple `items` (an array of schemas) is not supported yet; items are not checked", pointerJoin(pointer, "items"));
  }
}

/** `…/anyOf/0`, `…/not`, `…/then`: the schema is one branch of a composition. */
function isCompositionBranch(pointer: string): boolean {
  return /\/(?:(?:allOf|anyOf|oneOf)\/\d+|not|if|then|else)$/.test(pointer);
}

function setNumber<K extends "minContains" | "maxContains" | "minLength" | "maxLength" | "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" | "minItems" | "maxItems" | "minProperties" | "maxProperties">(
  schema: SchemaModel,
  key: K,
  value: unknown,
): void {
  if (typeof value === "number" && Number.isFinite(value)) schema[key] = value;
}

function decodeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Patterns are compiled here, at generation time, so a bad one is a clear error, not a crash in users' code.
 * JSON Schema asks for the unicode flag; real specs (Atlas among them) escape characters like `\-` and `\:` that
 * only non-unicode regexes accept, so such a pattern falls back to no flag, with a warning.
 */
function applyPattern(schema: SchemaModel, pattern: string, pointer: string, ctx: ModelContext): void {
  const compiled = compilePattern(pattern, pointer, ctx, "dropped");
  if (compiled) {
    schema.pattern = compiled.pattern;
    schema.patternFlags = compiled.flags;
  }
}

/**
 * A pattern checked and given its flags, or undefined when no RegExp accepts it. A string's `pattern` that does not
 * compile is dropped from validation with a warning (the value is still checked against everything else: accepting
 * more than the spec meant is the lesser evil, and one typo must not cost every operation); a `patternProperties`
 * pattern that does not compile is refused, because dropping it would move the properties it names under
 * `additionalProperties` and reject values the spec allows.
 */
function compilePattern(pattern: string, pointer: string, ctx: ModelContext, invalid: "dropped" | "refused" = "refused"): { pattern: string; flags: "u" | "" } | undefined {
  const unicodeProblem = regexProblem(pattern, "u");
  const legacyProblem = unicodeProblem === undefined ? undefined : regexProblem(pattern, "");
  if (unicodeProblem !== undefined && legacyProblem !== undefined) {
    if (invalid === "dropped") {
      warn(ctx, "APIGEN_SCHEMA_PATTERN", `pattern is not a valid ECMA-262 regular expression (${legacyProblem}); apigen dropped it from validation: values are not checked against it`, pointer,
        "fix the pattern (e.g. balance its parentheses); until then the generated validators accept any string here that meets the other keywords");
    } else {
      reportError(ctx, "APIGEN_SCHEMA_PATTERN", `patternProperties pattern is not a valid ECMA-262 regular expression: ${legacyProblem}`, pointer,
        "fix the pattern; dropping it would check the properties it names against additionalProperties instead");
    }
    return undefined;
  }
  warnIfCatastrophic(pattern, unicodeProblem === undefined, pointer, ctx);
  if (unicodeProblem === undefined) return { pattern, flags: "u" };
  warn(ctx, "APIGEN_SCHEMA_PATTERN_LEGACY", `pattern is valid only without the unicode flag (${unicodeProblem}); it is checked without it`, pointer,
    "remove escapes of characters that need none (e.g. \\- outside a class, \\:) so the pattern works with the \"u\" flag");
  return { pattern, flags: "" };
}

/** Validators still run a risky pattern (the spec asks for it), after the type and length checks; the warning says where to look. */
function warnIfCatastrophic(pattern: string, unicode: boolean, pointer: string, ctx: ModelContext): void {
  const risk = remembered(redosRisks, `${unicode ? "u" : ""}/${pattern}`, () => redosRisk(pattern, unicode));
  if (risk) {
    warn(ctx, "APIGEN_SCHEMA_PATTERN_REDOS", `pattern nests quantifiers and may take exponential time on some inputs (ReDoS): ${describeRisk(risk)}`, pointer,
      "rewrite without a quantifier inside a quantified group, or bound the string with maxLength");
  }
}

function regexProblem(pattern: string, flags: string): string | undefined {
  return remembered(regexProblems, `${flags}/${pattern}`, () => {
    try {
      new RegExp(pattern, flags);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  });
}

// Large specs repeat a few patterns hundreds of times (Atlas: 752 patterns, 44 distinct), and both answers depend on
// the pattern and flags alone: each is worked out once per process (a refused pattern costs a thrown exception).
const regexProblems = new Map<string, string | undefined>();
const redosRisks = new Map<string, ReturnType<typeof redosRisk>>();

function remembered<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size < 10_000) cache.set(key, value); // bounded for long --watch sessions
  return value;
}
