// SchemaModel → the statements of a standalone validator. Code is assembled from fixed fragments; spec values
// enter only through escape.ts (string/JSON literals, RegExp from a string literal), so a spec cannot inject code.
// Generated names start with `$`, which spec-derived names never contain, so they cannot collide.
import { pointerToken } from "../diagnostics";
import type { JsonType, NamedRef, SchemaModel } from "../model/types";
import { jsonLiteral, regexConstructor, stringLiteral } from "./escape";

/** Format name → helper in the validators preamble. Unknown formats are annotations (JSON Schema) and not checked. */
const FORMAT_CHECKS: Readonly<Record<string, string>> = {
  "date-time": "$isDateTime",
  date: "$isDate",
  time: "$isTime",
  uuid: "$isUuid",
  email: "$isEmail",
  ipv4: "$isIpv4",
  ipv6: "$isIpv6",
  uri: "$isUri",
  byte: "$isByte",
  int32: "$isInt32",
  int64: "$isInt64",
};

const MAX_INLINE_ENUM = 8;

/** Preamble helpers that call other helpers. */
const HELPER_DEPENDENCIES: Readonly<Record<string, string[]>> = {
  $deepEqual: ["$has"],
  $hasDuplicates: ["$deepEqual", "$has"],
  $isDateTime: ["$isDate", "$isTime"],
  $isIpv6: ["$isIpv4"],
};

/** Collects the module-level constants (compiled patterns, key sets) that generated checks share. */
export class ValidatorCodegen {
  readonly constants: string[] = [];
  private readonly constantByValue = new Map<string, string>();
  private counter = 0;
  private readonly used = new Set<string>();

  /** `function $checkX(v, p, e)`: appends every issue of `v` (at JSON pointer `p`) to `e`. */
  checkFunction(ref: NamedRef, schema: SchemaModel): string {
    this.counter = 0;
    const body = this.emit(schema, "v", "p", "e");
    return `function ${ref.checkName}(v: unknown, p: string, e: ValidationIssue[]): void {\n${body.join("\n")}\n}`;
  }

  /** Statements that check an inline schema against `value`, for a validator's body. */
  inlineCheck(schema: SchemaModel): string[] {
    this.counter = 0;
    return this.emit(schema, "value", '""', "errors");
  }

  /** Helpers of the fixed preamble that the generated checks call; the template emits only these. */
  usedHelpers(): Set<string> {
    const all = new Set(this.used);
    for (const name of this.used) for (const dep of HELPER_DEPENDENCIES[name] ?? []) all.add(dep);
    return all;
  }

  private use(helper: string): string {
    this.used.add(helper);
    return helper;
  }

  private fresh(prefix: string): string {
    return `$${prefix}${this.counter++}`;
  }

  /** A shared module-level constant; identical expressions are emitted once. */
  private constant(prefix: string, expression: string): string {
    const existing = this.constantByValue.get(expression);
    if (existing) return existing;
    const name = `$${prefix}${this.constants.length}`;
    this.constants.push(`const ${name} = ${expression};`);
    this.constantByValue.set(expression, name);
    return name;
  }

  private emit(s: SchemaModel, v: string, p: string, e: string): string[] {
    if (s.ref) return [`${s.ref.checkName}(${v}, ${p}, ${e});`];
    const out: string[] = [];
    if (s.const) out.push(`if (!${this.use("$deepEqual")}(${v}, ${jsonLiteral(s.const.value)})) ${issue(e, p, "const", `must be equal to ${jsonLiteral(s.const.value)}`)}`);
    if (s.enum) out.push(...this.enumCheck(s.enum, v, p, e));
    const constraints = [
      ...this.stringChecks(s, v, p, e),
      ...this.numberChecks(s, v, p, e),
      ...this.arrayChecks(s, v, p, e),
      ...this.objectChecks(s, v, p, e),
    ];
    if (s.types) {
      const test = s.types.map((t) => typeTest(t, v)).join(" || ");
      const typeIssue = issue(e, p, "type", `must be ${s.types.join(" or ")}`);
      out.push(constraints.length > 0 ? `if (!(${test})) ${typeIssue} else {\n${constraints.join("\n")}\n}` : `if (!(${test})) ${typeIssue}`);
    } else out.push(...constraints);
    out.push(...this.compositionChecks(s, v, p, e));
    return out;
  }

  private enumCheck(values: unknown[], v: string, p: string, e: string): string[] {
    const message = `must be one of ${values.map((x) => jsonLiteral(x)).join(", ")}`;
    const primitive = values.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));
    if (!primitive) {
      const list = this.constant("enum", `[${values.map((x) => jsonLiteral(x)).join(", ")}] as const`);
      return [`if (!${list}.some((x) => ${this.use("$deepEqual")}(${v}, x))) ${issue(e, p, "enum", message)}`];
    }
    if (values.length <= MAX_INLINE_ENUM) {
      const test = values.map((x) => `${v} === ${jsonLiteral(x)}`).join(" || ") || "false";
      return [`if (!(${test})) ${issue(e, p, "enum", message)}`];
    }
    const set = this.constant("enum", `new Set<unknown>([${values.map((x) => jsonLiteral(x)).join(", ")}])`);
    return [`if (!${set}.has(${v})) ${issue(e, p, "enum", message)}`];
  }

  private stringChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    if (s.minLength !== undefined) checks.push(`if (${this.use("$len")}(${v}) < ${s.minLength}) ${issue(e, p, "minLength", `must NOT have fewer than ${s.minLength} characters`)}`);
    if (s.maxLength !== undefined) checks.push(`if (${this.use("$len")}(${v}) > ${s.maxLength}) ${issue(e, p, "maxLength", `must NOT have more than ${s.maxLength} characters`)}`);
    if (s.pattern !== undefined) {
      const re = this.constant("re", regexConstructor(s.pattern, s.patternFlags ?? "u"));
      checks.push(`if (!${re}.test(${v})) ${issue(e, p, "pattern", `must match pattern "${s.pattern}"`)}`);
    }
    const format = s.format !== undefined ? FORMAT_CHECKS[s.format] : undefined;
    if (format && !["int32", "int64"].includes(s.format ?? "")) checks.push(`if (!${this.use(format)}(${v})) ${issue(e, p, "format", `must match format "${s.format}"`)}`);
    return guarded(`typeof ${v} === "string"`, checks);
  }

  private numberChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    const bound = (value: number | undefined, op: string, keyword: string, words: string) => {
      if (value !== undefined) checks.push(`if (${v} ${op} ${jsonLiteral(value)}) ${issue(e, p, keyword, `must be ${words} ${value}`)}`);
    };
    bound(s.minimum, "<", "minimum", ">=");
    bound(s.maximum, ">", "maximum", "<=");
    bound(s.exclusiveMinimum, "<=", "exclusiveMinimum", ">");
    bound(s.exclusiveMaximum, ">=", "exclusiveMaximum", "<");
    if (s.multipleOf !== undefined && s.multipleOf > 0) {
      checks.push(`if (!${this.use("$isMultipleOf")}(${v}, ${jsonLiteral(s.multipleOf)})) ${issue(e, p, "multipleOf", `must be multiple of ${s.multipleOf}`)}`);
    }
    if (s.format === "int32" || s.format === "int64") {
      checks.push(`if (!${this.use(FORMAT_CHECKS[s.format] as string)}(${v})) ${issue(e, p, "format", `must match format "${s.format}"`)}`);
    }
    return guarded(`typeof ${v} === "number"`, checks);
  }

  private arrayChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    if (s.minItems !== undefined) checks.push(`if (${v}.length < ${s.minItems}) ${issue(e, p, "minItems", `must NOT have fewer than ${s.minItems} items`)}`);
    if (s.maxItems !== undefined) checks.push(`if (${v}.length > ${s.maxItems}) ${issue(e, p, "maxItems", `must NOT have more than ${s.maxItems} items`)}`);
    if (s.uniqueItems) checks.push(`if (${this.use("$hasDuplicates")}(${v})) ${issue(e, p, "uniqueItems", "must NOT have duplicate items")}`);
    if (s.items && !isAny(s.items)) {
      const i = this.fresh("i");
      const item = this.fresh("v");
      const body = this.emit(s.items, item, `${p} + "/" + ${i}`, e);
      checks.push(`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${item}: unknown = ${v}[${i}];\n${body.join("\n")}\n}`);
    }
    return guarded(`Array.isArray(${v})`, checks);
  }

  private objectChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const properties = s.properties ?? [];
    const extra = s.additionalProperties;
    const hasExtraCheck = extra === false || (typeof extra === "object" && !isAny(extra));
    if (properties.length === 0 && !hasExtraCheck && s.minProperties === undefined && s.maxProperties === undefined) return [];
    const o = this.fresh("o");
    const checks: string[] = [`const ${o} = ${v} as Record<string, unknown>;`];
    for (const prop of properties) {
      const key = stringLiteral(prop.name);
      const missing = issue(e, p, "required", `must have required property ${jsonLiteral(prop.name)}`);
      const value = this.fresh("v");
      const body = isAny(prop.schema) ? [] : this.emit(prop.schema, value, `${p} + ${stringLiteral("/" + pointerToken(prop.name))}`, e);
      if (body.length === 0 && !prop.required) continue;
      // Own properties only, and `undefined` counts as absent: JSON has no undefined, and in a params object it
      // means "not given".
      const lookup = `const ${value} = ${this.use("$has")}(${o}, ${key}) ? ${o}[${key}] : undefined;`;
      const present = body.length > 0 ? `{\n${body.join("\n")}\n}` : "";
      if (prop.required) checks.push(`{\n${lookup}\nif (${value} === undefined) ${missing}${present ? ` else ${present}` : ""}\n}`);
      else checks.push(`{\n${lookup}\nif (${value} !== undefined) ${present}\n}`);
    }
    if (hasExtraCheck) checks.push(this.additionalPropertiesCheck(properties.map((q) => q.name), extra, o, p, e));
    if (s.minProperties !== undefined) checks.push(`if (Object.keys(${o}).length < ${s.minProperties}) ${issue(e, p, "minProperties", `must NOT have fewer than ${s.minProperties} properties`)}`);
    if (s.maxProperties !== undefined) checks.push(`if (Object.keys(${o}).length > ${s.maxProperties}) ${issue(e, p, "maxProperties", `must NOT have more than ${s.maxProperties} properties`)}`);
    return guarded(`typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})`, checks);
  }

  private additionalPropertiesCheck(known: string[], extra: false | SchemaModel, o: string, p: string, e: string): string {
    const k = this.fresh("k");
    const keyPath = `${p} + "/" + ${this.use("$ptr")}(${k})`;
    let body: string[];
    if (extra === false) {
      body = [`${e}.push({ path: ${keyPath}, keyword: "additionalProperties", message: "must NOT have additional property " + JSON.stringify(${k}) });`];
    } else {
      const value = this.fresh("v");
      body = [`const ${value} = ${o}[${k}];`, ...this.emit(extra, value, keyPath, e)];
    }
    const knownSet = known.length > 0 ? this.constant("keys", `new Set<string>([${known.map(stringLiteral).join(", ")}])`) : undefined;
    const inner = knownSet ? `if (!${knownSet}.has(${k})) {\n${body.join("\n")}\n}` : body.join("\n");
    return `for (const ${k} of Object.keys(${o})) {\n${inner}\n}`;
  }

  private compositionChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const out: string[] = [];
    for (const member of s.allOf ?? []) out.push(...this.emit(member, v, p, e));
    if (s.discriminator && s.discriminator.mapping.length > 0 && (s.oneOf || s.anyOf)) {
      out.push(this.discriminatorCheck(s, v, p, e));
    } else {
      if (s.anyOf) out.push(this.countMatches(s.anyOf, v, p, e, "anyOf", (n) => `${n} === 0`, "must match a schema in anyOf"));
      if (s.oneOf) out.push(this.countMatches(s.oneOf, v, p, e, "oneOf", (n) => `${n} !== 1`, "must match exactly one schema in oneOf"));
    }
    if (s.not) {
      const errs = this.fresh("e");
      out.push(`{\nconst ${errs}: ValidationIssue[] = [];\n${this.emit(s.not, v, p, errs).join("\n")}\nif (${errs}.length === 0) ${issue(e, p, "not", "must NOT be valid against the schema in not")}\n}`);
    }
    return out;
  }

  /** Each member is checked into its own list; the parent only learns how many matched. */
  private countMatches(members: SchemaModel[], v: string, p: string, e: string, keyword: string, failed: (n: string) => string, message: string): string {
    const passed = this.fresh("n");
    const branches = members.map((m) => {
      const errs = this.fresh("e");
      return `{\nconst ${errs}: ValidationIssue[] = [];\n${this.emit(m, v, p, errs).join("\n")}\nif (${errs}.length === 0) ${passed}++;\n}`;
    });
    return `{\nlet ${passed} = 0;\n${branches.join("\n")}\nif (${failed(passed)}) ${issue(e, p, keyword, message)}\n}`;
  }

  /** OpenAPI discriminator: the property's value picks the one schema to check against. */
  private discriminatorCheck(s: SchemaModel, v: string, p: string, e: string): string {
    const d = s.discriminator!;
    const tag = this.fresh("t");
    const cases = d.mapping.map((m) => `case ${stringLiteral(m.value)}:\n${m.ref.checkName}(${v}, ${p}, ${e});\nbreak;`);
    const allowed = d.mapping.map((m) => jsonLiteral(m.value)).join(", ");
    const tagPath = `${p} + ${stringLiteral("/" + pointerToken(d.propertyName))}`;
    return [
      `if (typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})) {`,
      `const ${tag} = (${v} as Record<string, unknown>)[${stringLiteral(d.propertyName)}];`,
      `switch (${tag}) {`,
      ...cases,
      `default:\n${issue(e, tagPath, "discriminator", `must be one of ${allowed}`)}`,
      "}",
      "}",
    ].join("\n");
  }
}

function typeTest(type: JsonType, v: string): string {
  switch (type) {
    case "string":
      return `typeof ${v} === "string"`;
    case "number":
      return `(typeof ${v} === "number" && Number.isFinite(${v}))`;
    case "integer":
      return `Number.isInteger(${v})`;
    case "boolean":
      return `typeof ${v} === "boolean"`;
    case "null":
      return `${v} === null`;
    case "array":
      return `Array.isArray(${v})`;
    case "object":
      return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v}))`;
  }
}

function guarded(test: string, checks: string[]): string[] {
  return checks.length === 0 ? [] : [`if (${test}) {\n${checks.join("\n")}\n}`];
}

function issue(e: string, p: string, keyword: string, message: string): string {
  return `${e}.push({ path: ${p}, keyword: ${stringLiteral(keyword)}, message: ${stringLiteral(message)} });`;
}

/** A schema with no constraints: nothing to check. */
function isAny(s: SchemaModel): boolean {
  return (
    !s.ref && !s.types && !s.enum && !s.const && !s.allOf && !s.anyOf && !s.oneOf && !s.not && !s.properties &&
    s.additionalProperties === undefined && s.pattern === undefined && s.format === undefined &&
    s.minLength === undefined && s.maxLength === undefined && s.minimum === undefined && s.maximum === undefined &&
    s.exclusiveMinimum === undefined && s.exclusiveMaximum === undefined && s.multipleOf === undefined &&
    s.items === undefined && s.minItems === undefined && s.maxItems === undefined && !s.uniqueItems &&
    s.minProperties === undefined && s.maxProperties === undefined
  );
}

