// SchemaModel → the statements of a standalone validator. Code is assembled from fixed fragments; spec values
// enter only through escape.ts (string/JSON literals, RegExp from a string literal), so a spec cannot inject code.
// Generated names start with `$`, which spec-derived names never contain, so they cannot collide.
import { pointerToken } from "../diagnostics";
import type { Access, JsonType, NamedRef, SchemaModel } from "../model/types";
import { jsonLiteral, regexConstructor, stringLiteral } from "./escape";
import { isOpenableDiscriminator, isOpenableEnum } from "../model/request-validators";
import { ShapeTable } from "./shapes";

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
  $get: ["$hasOwn"],
  $has: ["$hasOwn"],
  $hasDuplicates: ["$deepEqual", "$has"],
  $isIpv6: ["$isIpv4"],
  $isUri: ["$isIpv6", "$isIpv4"],
};

/**
 * Which way a value travels. Responses: a writeOnly property is never sent back, so it is not required (OAS
 * §4.7.24 writeOnly: "required … only for requests"). Requests: a readOnly property must not be sent (and so is not
 * required); writeOnly properties are required as declared.
 */
export type ValidationDirection = "response" | "request";

/** Collects the module-level constants (compiled patterns, key sets) that generated checks share. */
export class ValidatorCodegen {
  readonly constants: string[] = [];
  private readonly constantByValue = new Map<string, string>();
  private counter = 0;
  private readonly used = new Set<string>();
  private direction: ValidationDirection = "response";
  private readonly requested = new Map<string, NamedRef>();
  private readonly emittedVariants = new Set<string>();
  private readonly shapes = new ShapeTable();
  private readonly shapeNames = new Map<string, string>();
  /** `function $shapeN(v, p, e)` for each inline schema that occurs more than once (see shapes.ts). */
  readonly shapeFunctions: string[] = [];

  /** `components`: the component schemas by name, so a property that refers to a readOnly component counts as readOnly. */
  /** `openEnums`: in the response direction a string enum accepts any string (see UnknownEnumValue in types.ts). */
  constructor(private readonly components: ReadonlyMap<string, SchemaModel> = new Map(), private readonly openEnums = false) {}

  /**
   * `function $checkX(v, p, e)`: appends every issue of `v` (at JSON pointer `p`) to `e`. In the request direction
   * the function is the component's request variant (`ref.requestCheckName`).
   */
  checkFunction(ref: NamedRef, schema: SchemaModel, direction: ValidationDirection = "response"): string {
    this.counter = 0;
    this.direction = direction;
    const name = direction === "request" ? ref.requestCheckName ?? ref.checkName : ref.checkName;
    return checkFunctionText(name, this.scanned(this.emit(schema, "v", "p", "e")));
  }

  /** The function shared by every occurrence of a repeated inline shape, generated on first use. */
  private sharedShape(s: SchemaModel): string | undefined {
    const id = this.shapes.repeated(s);
    if (id === undefined) return undefined;
    const key = `${this.direction}:${id}`;
    const existing = this.shapeNames.get(key);
    if (existing) return existing;
    const name = `$shape${this.shapeNames.size}`;
    this.shapeNames.set(key, name);
    const counter = this.counter; // the caller's fresh names continue after the nested function
    this.counter = 0;
    this.shapeFunctions.push(checkFunctionText(name, this.scanned(this.emitOwn(s, "v", "p", "e"))));
    this.counter = counter;
    return name;
  }

  /** Every schema the validators will check, before any is generated: repeated inline shapes become functions. */
  countShapes(roots: SchemaModel[]): void {
    this.shapes.count(roots);
  }

  /** Statements that check an inline schema against `value`, for a validator's body. */
  inlineCheck(schema: SchemaModel, direction: ValidationDirection = "response"): string[] {
    this.counter = 0;
    this.direction = direction;
    return this.scanned(this.emit(schema, "value", '""', "errors"));
  }

  /** Helpers of the fixed preamble that the generated checks call; the template emits only these. */
  usedHelpers(): Set<string> {
    const all = new Set(this.used);
    for (const name of all) for (const dep of HELPER_DEPENDENCIES[name] ?? []) all.add(dep); // a Set iterates what is added
    return all;
  }

  /** The check function of a component in the current direction: its request variant where it has one. */
  private checkOf(ref: NamedRef): string {
    if (this.direction !== "request" || ref.requestCheckName === undefined) return ref.checkName;
    this.requested.set(ref.requestCheckName, ref);
    return ref.requestCheckName;
  }

  /**
   * Components whose request variant the generated code calls: only these are emitted (a variant reachable only
   * through refused readOnly properties is never called). Call until empty: emitting one may request others.
   */
  requestedVariants(): NamedRef[] {
    const pending = [...this.requested].filter(([name]) => !this.emittedVariants.has(name)).map(([, ref]) => ref);
    for (const ref of pending) this.emittedVariants.add(ref.requestCheckName as string);
    return pending;
  }

  /** readOnly/writeOnly of a property: on its schema, or on the component it refers to. */
  private accessOf(s: SchemaModel): Access | undefined {
    return s.access ?? (s.ref ? this.components.get(s.ref.name)?.access : undefined);
  }

  /**
   * One issue, through the tiny helpers of the preamble (one call instead of an object literal per site): `$T` for
   * type issues, `$Q` for a missing property, `$E` otherwise; a long message is a shared constant.
   */
  private issue(e: string, p: string, keyword: string, message: string): string {
    const type = keyword === "type" ? /^must be ([a-z]+(?: or [a-z]+)*)$/.exec(message)?.[1] : undefined;
    if (type !== undefined) return `${this.use("$T")}(${e}, ${p}, ${stringLiteral(type)});`;
    const literal = message.length > 24 ? this.constant("msg", stringLiteral(message)) : stringLiteral(message);
    return `${this.use("$E")}(${e}, ${p}, ${stringLiteral(keyword)}, ${literal});`;
  }

  /** A missing required property: the message is built by `$Q` from the name. */
  private missing(e: string, p: string, name: string): string {
    return `${this.use("$Q")}(${e}, ${p}, ${stringLiteral(name)});`;
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
    // Marked pure, so a bundler drops the constants (compiled patterns, sets) of validators a program never calls.
    this.constants.push(`const ${name} = ${expression.startsWith("new ") ? `/* @__PURE__ */ ${expression}` : expression};`);
    this.constantByValue.set(expression, name);
    return name;
  }

  /** `$isObj` is written wherever an object test is needed (also in code that may be dropped): count what stays. */
  private scanned(code: string[]): string[] {
    if (code.some((line) => line.includes("$isObj("))) this.used.add("$isObj");
    return code;
  }

  private emit(s: SchemaModel, v: string, p: string, e: string): string[] {
    if (s.ref) return [`${this.checkOf(s.ref)}(${v}, ${p}, ${e});`];
    const shared = this.sharedShape(s);
    if (shared) return [`${shared}(${v}, ${p}, ${e});`];
    return this.emitOwn(s, v, p, e);
  }

  private emitOwn(s: SchemaModel, v: string, p: string, e: string): string[] {
    const out: string[] = [];
    if (s.const) out.push(`if (!${this.use("$deepEqual")}(${v}, ${jsonLiteral(s.const.value)})) ${this.issue(e, p, "const", `must be equal to ${jsonLiteral(s.const.value)}`)}`);
    if (s.enum && this.openEnums && this.direction === "response" && isOpenableEnum(s)) out.push(...this.openEnumCheck(s.enum, v, p, e));
    else if (s.enum) out.push(...this.enumCheck(s.enum, v, p, e));
    // With a single declared type, the type test already narrows `v`: checks for other types are dead code and
    // the per-kind guard is redundant (integer keeps it: Number.isInteger does not narrow).
    const known = s.types?.length === 1 ? s.types[0] : undefined;
    const only = (kind: JsonType) => (known === undefined ? "guard" : known === kind ? "bare" : "skip");
    const numberMode = known === "integer" ? "guard" : only("number");
    // Skipped kinds are not even generated: they would register helpers and constants that nothing uses.
    const constraints = [
      ...kindChecks(only("string"), `typeof ${v} === "string"`, () => this.stringChecks(s, v, p, e)),
      ...kindChecks(numberMode, `typeof ${v} === "number"`, () => this.numberChecks(s, v, p, e)),
      ...kindChecks(only("array"), `Array.isArray(${v})`, () => this.arrayChecks(s, v, p, e)),
      ...kindChecks(only("object"), `$isObj(${v})`, () => this.objectChecks(s, v, p, e)),
    ];
    if (s.types) {
      const failed = s.types.length === 1 ? typeFailure(s.types[0]!, v) : `!(${s.types.map((t) => typeTest(t, v)).join(" || ")})`;
      const typeIssue = this.issue(e, p, "type", `must be ${s.types.join(" or ")}`);
      out.push(constraints.length > 0 ? `if (${failed}) ${typeIssue} else ${block(constraints)}` : `if (${failed}) ${typeIssue}`);
    } else out.push(...constraints);
    out.push(...this.compositionChecks(s, v, p, e));
    return out;
  }

  /** An open response enum: a value the spec did not list is a good answer, as long as it is a string (or a listed null). */
  private openEnumCheck(values: unknown[], v: string, p: string, e: string): string[] {
    const test = `typeof ${v} === "string"${values.includes(null) ? ` || ${v} === null` : ""}`;
    return [`if (!(${test})) ${this.issue(e, p, "enum", `must be one of ${values.map((x) => jsonLiteral(x)).join(", ")} or another string`)}`];
  }

  private enumCheck(values: unknown[], v: string, p: string, e: string): string[] {
    const message = `must be one of ${values.map((x) => jsonLiteral(x)).join(", ")}`;
    const primitive = values.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));
    if (!primitive) {
      const list = this.constant("enum", `[${values.map((x) => jsonLiteral(x)).join(", ")}] as const`);
      return [`if (!${list}.some((x) => ${this.use("$deepEqual")}(${v}, x))) ${this.issue(e, p, "enum", message)}`];
    }
    if (values.length <= MAX_INLINE_ENUM) {
      const test = values.map((x) => `${v} === ${jsonLiteral(x)}`).join(" || ") || "false";
      return [`if (!(${test})) ${this.issue(e, p, "enum", message)}`];
    }
    const set = this.constant("enum", `new Set<unknown>([${values.map((x) => jsonLiteral(x)).join(", ")}])`);
    return [`if (!${set}.has(${v})) ${this.issue(e, p, "enum", message)}`];
  }

  private stringChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    if (s.minLength !== undefined) checks.push(`if (${this.use("$len")}(${v}) < ${s.minLength}) ${this.issue(e, p, "minLength", `must NOT have fewer than ${s.minLength} characters`)}`);
    if (s.maxLength !== undefined) checks.push(`if (${this.use("$len")}(${v}) > ${s.maxLength}) ${this.issue(e, p, "maxLength", `must NOT have more than ${s.maxLength} characters`)}`);
    if (s.pattern !== undefined) {
      const re = this.constant("re", regexConstructor(s.pattern, s.patternFlags ?? "u"));
      checks.push(`if (!${re}.test(${v})) ${this.issue(e, p, "pattern", `must match pattern "${s.pattern}"`)}`);
    }
    const format = s.format !== undefined ? FORMAT_CHECKS[s.format] : undefined;
    if (format && !["int32", "int64"].includes(s.format ?? "")) checks.push(`if (!${this.use(format)}(${v})) ${this.issue(e, p, "format", `must match format "${s.format}"`)}`);
    return checks;
  }

  private numberChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    const bound = (value: number | undefined, op: string, keyword: string, words: string) => {
      if (value !== undefined) checks.push(`if (${v} ${op} ${jsonLiteral(value)}) ${this.issue(e, p, keyword, `must be ${words} ${value}`)}`);
    };
    bound(s.minimum, "<", "minimum", ">=");
    bound(s.maximum, ">", "maximum", "<=");
    bound(s.exclusiveMinimum, "<=", "exclusiveMinimum", ">");
    bound(s.exclusiveMaximum, ">=", "exclusiveMaximum", "<");
    if (s.multipleOf !== undefined && s.multipleOf > 0) {
      checks.push(`if (!${this.use("$isMultipleOf")}(${v}, ${jsonLiteral(s.multipleOf)})) ${this.issue(e, p, "multipleOf", `must be multiple of ${s.multipleOf}`)}`);
    }
    if (s.format === "int32" || s.format === "int64") {
      checks.push(`if (!${this.use(FORMAT_CHECKS[s.format] as string)}(${v})) ${this.issue(e, p, "format", `must match format "${s.format}"`)}`);
    }
    return checks;
  }

  private arrayChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const checks: string[] = [];
    if (s.minItems !== undefined) checks.push(`if (${v}.length < ${s.minItems}) ${this.issue(e, p, "minItems", `must NOT have fewer than ${s.minItems} items`)}`);
    if (s.maxItems !== undefined) checks.push(`if (${v}.length > ${s.maxItems}) ${this.issue(e, p, "maxItems", `must NOT have more than ${s.maxItems} items`)}`);
    if (s.uniqueItems) checks.push(`if (${this.use("$hasDuplicates")}(${v})) ${this.issue(e, p, "uniqueItems", "must NOT have duplicate items")}`);
    const prefix = s.prefixItems ?? [];
    prefix.forEach((member, index) => {
      if (isAny(member)) return;
      const item = this.fresh("v");
      const body = this.emit(member, item, `${p} + "/${index}"`, e);
      checks.push(`if (${v}.length > ${index}) {\n${bind(item, `${v}[${index}]`, body).join("\n")}\n}`);
    });
    if (s.items && !isAny(s.items)) {
      const i = this.fresh("i");
      const item = this.fresh("v");
      const body = this.emit(s.items, item, `${p} + "/" + ${i}`, e);
      checks.push(`for (let ${i} = ${prefix.length}; ${i} < ${v}.length; ${i}++) {\n${bind(item, `${v}[${i}]`, body).join("\n")}\n}`);
    }
    if (s.contains) checks.push(this.containsCheck(s, s.contains, v, p, e));
    return checks;
  }

  /** 2020-12 `contains`: count the items that match; at least minContains (default 1), at most maxContains. */
  private containsCheck(s: SchemaModel, contains: SchemaModel, v: string, p: string, e: string): string {
    const min = s.minContains ?? 1;
    const n = this.fresh("n");
    const i = this.fresh("i");
    const item = this.fresh("v");
    const errs = this.fresh("e");
    const out: string[] = [];
    if (isAny(contains)) out.push(`{\nconst ${n} = ${v}.length;`);
    else {
      const body = [`const ${errs}: ValidationIssue[] = [];`, ...this.emit(contains, item, `${p} + "/" + ${i}`, errs), `if (${errs}.length === 0) ${n}++;`];
      out.push(`{\nlet ${n} = 0;`, `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, ...bind(item, `${v}[${i}]`, body), "}");
    }
    if (min > 0) out.push(`if (${n} < ${min}) ${this.issue(e, p, "contains", min === 1 ? "must contain at least 1 valid item" : `must contain at least ${min} valid items`)}`);
    if (s.maxContains !== undefined) out.push(`if (${n} > ${s.maxContains}) ${this.issue(e, p, "maxContains", `must contain at most ${s.maxContains} valid items`)}`);
    if (min === 0 && s.maxContains === undefined) out.push(`void ${n};`);
    out.push("}");
    return out.join("\n");
  }

  private objectChecks(s: SchemaModel, v: string, p: string, e: string): string[] {
    const properties = s.properties ?? [];
    const extra = s.additionalProperties;
    const hasExtraCheck = extra === false || (typeof extra === "object" && !isAny(extra));
    const hasNames = s.propertyNames !== undefined && !isAny(s.propertyNames);
    const dependentRequired = s.dependentRequired ?? [];
    const dependentSchemas = (s.dependentSchemas ?? []).filter((d) => !isAny(d.schema));
    const patterns = (s.patternProperties ?? []).map((pp) => ({ ...pp, re: this.constant("re", regexConstructor(pp.pattern, pp.flags)) }));
    if (properties.length === 0 && !hasExtraCheck && s.minProperties === undefined && s.maxProperties === undefined && !hasNames &&
      dependentRequired.length === 0 && dependentSchemas.length === 0 && patterns.length === 0) return [];
    // `v` is already narrowed to Record<string, unknown> by `$isObj` (type test or kind guard).
    const o = v;
    const checks: string[] = [];
    for (const declared of properties) {
      // By direction (see ValidationDirection): responses never require a writeOnly property; requests refuse a
      // readOnly one (its schema is then moot) and never require it.
      const access = this.accessOf(declared.schema);
      const refused = this.direction === "request" && access === "readOnly";
      const optional = refused || (this.direction === "response" && access === "writeOnly");
      const prop = declared.required && optional ? { ...declared, required: false } : declared;
      const key = stringLiteral(prop.name);
      const propPath = `${p} + ${stringLiteral("/" + pointerToken(prop.name))}`;

      const value = this.fresh("v");
      const body = refused
        ? [this.issue(e, propPath, "readOnly", "must not be sent: the property is readOnly")]
        : isAny(prop.schema) ? [] : this.emit(prop.schema, value, propPath, e);
      if (body.length === 0 && !prop.required) continue;
      // Own properties only, and `undefined` counts as absent: JSON has no undefined, and in a params object it
      // means "not given". The read stays at the call site (a constant key: a monomorphic load) and `$get` checks
      // ownership only for a defined value, so absent properties (the common case) cost one lookup. Fresh names make a block per property unnecessary.
      const lookup = `const ${value} = ${this.use("$get")}(${o}, ${key}, ${o}[${key}]);`;
      const present = block(body);
      if (prop.required) checks.push(lookup, `if (${value} === undefined) ${this.missing(e, p, prop.name)}${present ? ` else ${present}` : ""}`);
      else checks.push(lookup, `if (${value} !== undefined) ${present}`);
    }
    const checked = patterns.filter((pp) => !isAny(pp.schema));
    if (checked.length > 0) {
      const k = this.fresh("k");
      const keyPath = `${p} + "/" + ${this.use("$ptr")}(${k})`;
      const each = checked.map((pp) => {
        const value = this.fresh("v");
        return `if (${pp.re}.test(${k})) {\n${bind(value, `${o}[${k}]`, this.emit(pp.schema, value, keyPath, e)).join("\n")}\n}`;
      });
      checks.push(`for (const ${k} of Object.keys(${o})) {\n${each.join("\n")}\n}`);
    }
    if (hasExtraCheck) {
      const declared = properties.filter((q) => !q.undeclared).map((q) => q.name);
      checks.push(this.additionalPropertiesCheck(declared, patterns.map((pp) => pp.re), extra, o, p, e));
    }
    if (s.minProperties !== undefined) checks.push(`if (Object.keys(${o}).length < ${s.minProperties}) ${this.issue(e, p, "minProperties", `must NOT have fewer than ${s.minProperties} properties`)}`);
    if (s.maxProperties !== undefined) checks.push(`if (Object.keys(${o}).length > ${s.maxProperties}) ${this.issue(e, p, "maxProperties", `must NOT have more than ${s.maxProperties} properties`)}`);
    if (hasNames) {
      const k = this.fresh("k");
      const name = this.fresh("v");
      const body = this.emit(s.propertyNames!, name, `${p} + "/" + ${this.use("$ptr")}(${k})`, e);
      checks.push(`for (const ${k} of Object.keys(${o})) {\n${bind(name, k, body).join("\n")}\n}`);
    }
    const present = (name: string) => `(${this.use("$has")}(${o}, ${stringLiteral(name)}) && ${o}[${stringLiteral(name)}] !== undefined)`;
    for (const d of dependentRequired) {
      const missing = d.required.map((r) => `if (!${present(r)}) ${this.issue(e, p, "dependentRequired", `must have property ${jsonLiteral(r)} when property ${jsonLiteral(d.name)} is present`)}`);
      checks.push(`if (${present(d.name)}) {\n${missing.join("\n")}\n}`);
    }
    for (const d of dependentSchemas) {
      const whole = this.fresh("v");
      checks.push(`if (${present(d.name)}) {\n${bind(whole, v, this.emit(d.schema, whole, p, e)).join("\n")}\n}`);
    }
    return checks;
  }

  /** Keys that are neither declared nor matched by a `patternProperties` pattern are the "additional" ones. */
  private additionalPropertiesCheck(known: string[], patterns: string[], extra: false | SchemaModel, o: string, p: string, e: string): string {
    const k = this.fresh("k");
    const keyPath = `${p} + "/" + ${this.use("$ptr")}(${k})`;
    let body: string[];
    if (extra === false) {
      body = [`${this.use("$E")}(${e}, ${keyPath}, "additionalProperties", "must NOT have additional property " + JSON.stringify(${k}));`];
    } else {
      const value = this.fresh("v");
      body = bind(value, `${o}[${k}]`, this.emit(extra, value, keyPath, e));
    }
    const knownSet = known.length > 0 ? this.constant("keys", `new Set<string>([${known.map(stringLiteral).join(", ")}])`) : undefined;
    const exclusions = [...(knownSet ? [`${knownSet}.has(${k})`] : []), ...patterns.map((re) => `${re}.test(${k})`)];
    const inner = exclusions.length > 0 ? `if (!(${exclusions.join(" || ")})) {\n${body.join("\n")}\n}` : body.join("\n");
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
    if (s.conditional) out.push(this.conditionalCheck(s.conditional, v, p, e));
    if (s.not) {
      const errs = this.fresh("e");
      out.push(`{\nconst ${errs}: ValidationIssue[] = [];\n${this.emit(s.not, v, p, errs).join("\n")}\nif (${errs}.length === 0) ${this.issue(e, p, "not", "must NOT be valid against the schema in not")}\n}`);
    }
    return out;
  }

  /** 2020-12 `if`/`then`/`else`: `if` only selects (its issues are dropped); then/else report their own. */
  private conditionalCheck(c: NonNullable<SchemaModel["conditional"]>, v: string, p: string, e: string): string {
    const errs = this.fresh("e");
    const then = c.then ? this.emit(c.then, v, p, e) : [];
    const otherwise = c.else ? this.emit(c.else, v, p, e) : [];
    const test = this.emit(c.if, v, p, errs);
    if (then.length === 0 && otherwise.length === 0) return "";
    const branches = then.length > 0
      ? `if (${errs}.length === 0) {\n${then.join("\n")}\n}${otherwise.length > 0 ? ` else {\n${otherwise.join("\n")}\n}` : ""}`
      : `if (${errs}.length !== 0) {\n${otherwise.join("\n")}\n}`;
    return `{\nconst ${errs}: ValidationIssue[] = [];\n${test.join("\n")}\n${branches}\n}`;
  }

  /** Each member is checked into its own list; the parent only learns how many matched. */
  private countMatches(members: SchemaModel[], v: string, p: string, e: string, keyword: string, failed: (n: string) => string, message: string): string {
    const passed = this.fresh("n");
    const branches = members.map((m) => {
      const errs = this.fresh("e");
      return `{\nconst ${errs}: ValidationIssue[] = [];\n${this.emit(m, v, p, errs).join("\n")}\nif (${errs}.length === 0) ${passed}++;\n}`;
    });
    return `{\nlet ${passed} = 0;\n${branches.join("\n")}\nif (${failed(passed)}) ${this.issue(e, p, keyword, message)}\n}`;
  }

  /** OpenAPI discriminator: the property's value picks the one schema to check against. */
  private discriminatorCheck(s: SchemaModel, v: string, p: string, e: string): string {
    const d = s.discriminator!;
    const tag = this.fresh("t");
    const cases = d.mapping.map((m) => `case ${stringLiteral(m.value)}:\n${this.checkOf(m.ref)}(${v}, ${p}, ${e});\nbreak;`);
    const allowed = d.mapping.map((m) => jsonLiteral(m.value)).join(", ");
    const tagPath = `${p} + ${stringLiteral("/" + pointerToken(d.propertyName))}`;
    // Open in responses (see UnknownDiscriminatorValue in types.ts): a variant the spec did not list is accepted.
    const open = this.openEnums && this.direction === "response" && isOpenableDiscriminator(s);
    const unlisted = open
      ? `if (typeof ${tag} !== "string") ${this.issue(e, tagPath, "discriminator", `must be one of ${allowed} or another string`)}`
      : this.issue(e, tagPath, "discriminator", `must be one of ${allowed}`);
    return [
      `if ($isObj(${v})) {`,
      `const ${tag} = ${v}[${stringLiteral(d.propertyName)}];`,
      `switch (${tag}) {`,
      ...cases,
      `default:\n${unlisted}`,
      "}",
      "}",
    ].join("\n");
  }
}

/**
 * `function name(v, p, e): void`. A schema with little to check (`{}`, `minContains: 0`…) may leave a parameter
 * unused: a `_` prefix keeps noUnusedParameters quiet (string literals are stripped first, so message text cannot
 * count as a use).
 */
function checkFunctionText(name: string, body: string[]): string {
  const code = body.join("\n").replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const param = (param: string, type: string) => `${new RegExp(`(?<![\\w$.])${param}(?![\\w$])`).test(code) ? "" : "_"}${param}: ${type}`;
  const params = [param("v", "unknown"), param("p", "string"), param("e", "ValidationIssue[]")].join(", ");
  return `function ${name}(${params}): void {\n${body.join("\n")}\n}`;
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
      return `$isObj(${v})`;
  }
}

/** The negated type test of a single type, without double negation where there is a direct form. */
function typeFailure(type: JsonType, v: string): string {
  switch (type) {
    case "string":
    case "boolean":
      return `typeof ${v} !== "${type}"`;
    case "null":
      return `${v} !== null`;
    case "integer":
      return `!Number.isInteger(${v})`;
    case "array":
      return `!Array.isArray(${v})`;
    case "object":
      return `!$isObj(${v})`;
    default:
      return `!${typeTest(type, v)}`;
  }
}

/** Statements as the body of an if/else: one single-line statement stands alone, more get braces; none is "". */
function block(statements: string[]): string {
  if (statements.length === 0) return "";
  const only = statements[0]!;
  return statements.length === 1 && !only.includes("\n") && !only.startsWith("const ") && !only.startsWith("let ") ? only : `{\n${statements.join("\n")}\n}`;
}

/** `const name: unknown = expression;` before `body`, only when the body reads it (noUnusedLocals). */
function bind(name: string, expression: string, body: string[]): string[] {
  const used = new RegExp(`\\${name}(?![A-Za-z0-9_$])`).test(body.join("\n"));
  return used ? [`const ${name}: unknown = ${expression};`, ...body] : body;
}

/** Checks for one kind of value: behind a guard for it, bare when the type test already narrowed, or dropped. */
function kindChecks(mode: "guard" | "bare" | "skip", test: string, make: () => string[]): string[] {
  if (mode === "skip") return [];
  const checks = make();
  if (mode === "bare" || checks.length === 0) return checks;
  return [`if (${test}) {\n${checks.join("\n")}\n}`];
}


/** A schema with no constraints: nothing to check. */
function isAny(s: SchemaModel): boolean {
  return (
    !s.ref && !s.types && !s.enum && !s.const && !s.allOf && !s.anyOf && !s.oneOf && !s.not && !s.properties &&
    s.additionalProperties === undefined && s.pattern === undefined && s.format === undefined &&
    s.minLength === undefined && s.maxLength === undefined && s.minimum === undefined && s.maximum === undefined &&
    s.exclusiveMinimum === undefined && s.exclusiveMaximum === undefined && s.multipleOf === undefined &&
    s.items === undefined && s.minItems === undefined && s.maxItems === undefined && !s.uniqueItems &&
    s.minProperties === undefined && s.maxProperties === undefined && s.prefixItems === undefined &&
    s.contains === undefined && s.propertyNames === undefined && s.patternProperties === undefined && s.dependentRequired === undefined &&
    s.dependentSchemas === undefined && s.conditional === undefined
  );
}

