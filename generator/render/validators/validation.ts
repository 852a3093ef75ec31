// The validation vocabulary (JSON Schema 2020-12 §6): type, const, enum, and the bounds of strings, numbers, arrays
// and objects. Checks for one kind of value run behind a test for that kind, or bare where `type` already narrowed.
import { isOpenableEnum } from "../../model/request-validators";
import type { JsonType, SchemaModel } from "../../model/types";
import { itemChecks, objectChecks } from "./applicator";
import { _, join, json, lit, name, regex, type Code, type Name } from "./code";
import { block, type Emitter } from "./codegen";
import { formatCheck } from "./format";
import { issues } from "./messages";
import { openEnumCheck } from "./openapi";

/** Enums up to this size are a chain of `===`; longer ones a shared Set. */
const MAX_INLINE_ENUM = 8;

export function constCheck(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  if (!s.const) return [];
  return [_`if (!${name("$deepEqual")}(${v}, ${json(s.const.value)})) ${g.issue(e, p, issues.const(s.const.value))}`];
}

export function enumCheck(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  if (!s.enum) return [];
  const values = s.enum;
  if (g.openEnums && isOpenableEnum(s)) return g.perDirection(() => (g.direction === "response" ? openEnumCheck(g, values, v, p, e) : closedEnumCheck(g, values, v, p, e)));
  return closedEnumCheck(g, values, v, p, e);
}

function closedEnumCheck(g: Emitter, values: unknown[], v: Name, p: Code, e: Name): Code[] {
  const issue = g.issue(e, p, issues.enum(values));
  const primitive = values.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));
  if (!primitive) {
    const list = g.constant("enum", _`[${join(values.map(json), ", ")}] as const`);
    return [_`if (!${list}.some((x) => ${name("$deepEqual")}(${v}, x))) ${issue}`];
  }
  if (values.length <= MAX_INLINE_ENUM) {
    const test = values.length > 0 ? join(values.map((x) => _`${v} === ${json(x)}`), " || ") : _`false`;
    return [_`if (!(${test})) ${issue}`];
  }
  const set = g.constant("enum", _`new Set<unknown>([${join(values.map(json), ", ")}])`);
  return [_`if (!${set}.has(${v})) ${issue}`];
}

/**
 * The type test and the checks of each kind of value. With a single declared type, the type test already narrows
 * `v`: checks for other types are dead code and the per-kind guard is redundant (for integer too: its failure test
 * starts with a typeof, since Number.isInteger alone does not narrow). Skipped kinds are not even generated: they would create constants that nothing uses.
 */
export function typedChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const known = s.types?.length === 1 ? s.types[0] : undefined;
  const only = (kind: JsonType) => (known === undefined ? "guard" : known === kind ? "bare" : "skip");
  const numberMode = known === "integer" ? "bare" : only("number"); // the integer test below narrows to number too
  const constraints = [
    ...kindChecks(only("string"), _`typeof ${v} === "string"`, () => stringChecks(g, s, v, p, e)),
    ...kindChecks(numberMode, _`typeof ${v} === "number"`, () => numberChecks(g, s, v, p, e)),
    ...kindChecks(only("array"), _`Array.isArray(${v})`, () => arrayChecks(g, s, v, p, e)),
    ...kindChecks(only("object"), _`${name("$isObj")}(${v})`, () => objectChecks(g, s, v, p, e)),
  ];
  if (!s.types) return constraints;
  const failed = s.types.length === 1 ? typeFailure(s.types[0] as JsonType, v) : _`!(${join(s.types.map((t) => typeTest(t, v)), " || ")})`;
  const typeIssue = g.issue(e, p, issues.type(s.types));
  return [constraints.length > 0 ? _`if (${failed}) ${typeIssue} else ${block(constraints)}` : _`if (${failed}) ${typeIssue}`];
}

function stringChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const checks: Code[] = [];
  const len = name("$len");
  if (s.minLength !== undefined) checks.push(_`if (${len}(${v}) < ${s.minLength}) ${g.issue(e, p, issues.minLength(s.minLength))}`);
  if (s.maxLength !== undefined) checks.push(_`if (${len}(${v}) > ${s.maxLength}) ${g.issue(e, p, issues.maxLength(s.maxLength))}`);
  if (s.pattern !== undefined) {
    const re = g.constant("re", regex(s.pattern, s.patternFlags ?? "u"));
    checks.push(_`if (!${re}.test(${v})) ${g.issue(e, p, issues.pattern(s.pattern))}`);
  }
  return [...checks, ...formatCheck(g, s, "string", v, p, e)];
}

function numberChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const checks: Code[] = [];
  const bound = (limit: number | undefined, failsWhen: Code, keyword: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum") => {
    if (limit !== undefined) checks.push(_`if (${v} ${failsWhen} ${json(limit)}) ${g.issue(e, p, issues.bound(keyword, limit))}`);
  };
  bound(s.minimum, _`<`, "minimum");
  bound(s.maximum, _`>`, "maximum");
  bound(s.exclusiveMinimum, _`<=`, "exclusiveMinimum");
  bound(s.exclusiveMaximum, _`>=`, "exclusiveMaximum");
  if (s.multipleOf !== undefined && s.multipleOf > 0) {
    checks.push(_`if (!${name("$isMultipleOf")}(${v}, ${json(s.multipleOf)})) ${g.issue(e, p, issues.multipleOf(s.multipleOf))}`);
  }
  return [...checks, ...formatCheck(g, s, "number", v, p, e)];
}

function arrayChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const checks: Code[] = [];
  if (s.minItems !== undefined) checks.push(_`if (${v}.length < ${s.minItems}) ${g.issue(e, p, issues.minItems(s.minItems))}`);
  if (s.maxItems !== undefined) checks.push(_`if (${v}.length > ${s.maxItems}) ${g.issue(e, p, issues.maxItems(s.maxItems))}`);
  if (s.uniqueItems) checks.push(_`if (${name("$hasDuplicates")}(${v})) ${g.issue(e, p, issues.uniqueItems())}`);
  return [...checks, ...itemChecks(g, s, v, p, e)];
}

/** minProperties and maxProperties. */
export function propertyCountChecks(g: Emitter, s: SchemaModel, o: Name, p: Code, e: Name): Code[] {
  const checks: Code[] = [];
  if (s.minProperties !== undefined) checks.push(_`if (Object.keys(${o}).length < ${s.minProperties}) ${g.issue(e, p, issues.minProperties(s.minProperties))}`);
  if (s.maxProperties !== undefined) checks.push(_`if (Object.keys(${o}).length > ${s.maxProperties}) ${g.issue(e, p, issues.maxProperties(s.maxProperties))}`);
  return checks;
}

/** An own, defined property (`undefined` counts as absent, as everywhere in the validators). */
export function present(o: Name, key: string): Code {
  return _`(${name("$has")}(${o}, ${lit(key)}) && ${o}[${lit(key)}] !== undefined)`;
}

export function dependentRequiredChecks(g: Emitter, s: SchemaModel, o: Name, p: Code, e: Name): Code[] {
  return (s.dependentRequired ?? []).map((d) => {
    const missing = d.required.map((r) => _`if (!${present(o, r)}) ${g.issue(e, p, issues.dependentRequired(r, d.name))}`);
    return _`if (${present(o, d.name)}) {\n${join(missing, "\n")}\n}`;
  });
}

/** Checks for one kind of value: behind a guard for it, bare when the type test already narrowed, or dropped. */
function kindChecks(mode: "guard" | "bare" | "skip", test: Code, make: () => Code[]): Code[] {
  if (mode === "skip") return [];
  const checks = make();
  if (mode === "bare" || checks.length === 0) return checks;
  return [_`if (${test}) {\n${join(checks, "\n")}\n}`];
}

function typeTest(type: JsonType, v: Name): Code {
  switch (type) {
    case "string":
      return _`typeof ${v} === "string"`;
    case "number":
      return _`(typeof ${v} === "number" && Number.isFinite(${v}))`;
    case "integer":
      return _`Number.isInteger(${v})`;
    case "boolean":
      return _`typeof ${v} === "boolean"`;
    case "null":
      return _`${v} === null`;
    case "array":
      return _`Array.isArray(${v})`;
    case "object":
      return _`${name("$isObj")}(${v})`;
  }
}

/** The negated type test of a single type, without double negation where there is a direct form. */
function typeFailure(type: JsonType, v: Name): Code {
  switch (type) {
    case "string":
      return _`typeof ${v} !== "string"`;
    case "boolean":
      return _`typeof ${v} !== "boolean"`;
    case "null":
      return _`${v} !== null`;
    case "integer":
      return _`typeof ${v} !== "number" || !Number.isInteger(${v})`;
    case "array":
      return _`!Array.isArray(${v})`;
    case "object":
      return _`!${name("$isObj")}(${v})`;
    default:
      return _`!${typeTest(type, v)}`;
  }
}
