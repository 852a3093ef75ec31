// The applicator vocabulary (JSON Schema 2020-12 §10): keywords that apply subschemas to the value or its parts —
// items, prefixItems, contains; properties, patternProperties, additionalProperties, propertyNames,
// dependentSchemas; allOf, anyOf, oneOf, not, if/then/else.
import { pointerToken } from "../../diagnostics";
import { isUnconstrained } from "../../model/schema-graph";
import type { PropertyModel, SchemaModel } from "../../model/types";
import { _, join, lit, name, pointerPlus, regex, type Code, type Name } from "./code";
import { bind, block, type Emitter } from "./codegen";
import { compactPropertyCheck } from "./compact";
import { issues } from "./messages";
import { discriminatorCheck, propertyRule } from "./openapi";
import { dependentRequiredChecks, present, propertyCountChecks } from "./validation";

/** Object.prototype, as the preamble names it. */
const PROTO = name("$proto");

/** prefixItems, items (after the prefix) and contains, for an array `v`. */
export function itemChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const checks: Code[] = [];
  const prefix = s.prefixItems ?? [];
  prefix.forEach((member, index) => {
    if (isUnconstrained(member)) return;
    const item = g.fresh("v");
    const body = g.emit(member, item, pointerPlus(p, lit(`/${index}`)), e);
    checks.push(_`if (${v}.length > ${index}) {\n${join(bind(item, _`${v}[${index}]`, body), "\n")}\n}`);
  });
  if (s.items && !isUnconstrained(s.items)) {
    const i = g.fresh("i");
    const item = g.fresh("v");
    const body = g.emit(s.items, item, pointerPlus(p, _`"/" + ${i}`), e);
    checks.push(_`for (let ${i} = ${prefix.length}; ${i} < ${v}.length; ${i}++) {\n${join(bind(item, _`${v}[${i}]`, body), "\n")}\n}`);
  }
  if (s.contains) checks.push(containsCheck(g, s, s.contains, v, p, e));
  return checks;
}

/** 2020-12 `contains`: count the items that match; at least minContains (default 1), at most maxContains. */
function containsCheck(g: Emitter, s: SchemaModel, contains: SchemaModel, v: Name, p: Code, e: Name): Code {
  const min = s.minContains ?? 1;
  const n = g.fresh("n");
  const i = g.fresh("i");
  const item = g.fresh("v");
  const errs = g.fresh("e");
  const out: Code[] = [];
  if (isUnconstrained(contains)) out.push(_`{\nconst ${n} = ${v}.length;`);
  else {
    const body = [_`const ${errs}: ValidationIssue[] = [];`, ...g.emit(contains, item, pointerPlus(p, _`"/" + ${i}`), errs), _`if (${errs}.length === 0) ${n}++;`];
    out.push(_`{\nlet ${n} = 0;`, _`for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {`, ...bind(item, _`${v}[${i}]`, body), _`}`);
  }
  if (min > 0) out.push(_`if (${n} < ${min}) ${g.issue(e, p, issues.contains(min))}`);
  if (s.maxContains !== undefined) out.push(_`if (${n} > ${s.maxContains}) ${g.issue(e, p, issues.maxContains(s.maxContains))}`);
  if (min === 0 && s.maxContains === undefined) out.push(_`void ${n};`);
  out.push(_`}`);
  return join(out, "\n");
}

/** Everything about an object `v` (already narrowed to Record<string, unknown> by `$isObj`). */
export function objectChecks(g: Emitter, s: SchemaModel, o: Name, p: Code, e: Name): Code[] {
  const properties = s.properties ?? [];
  const extra = s.additionalProperties;
  const hasExtraCheck = extra === false || (typeof extra === "object" && !isUnconstrained(extra));
  const hasNames = s.propertyNames !== undefined && !isUnconstrained(s.propertyNames);
  const dependentSchemas = (s.dependentSchemas ?? []).filter((d) => !isUnconstrained(d.schema));
  const patterns = (s.patternProperties ?? []).map((pp) => ({ ...pp, re: g.constant("re", regex(pp.pattern, pp.flags)) }));
  if (properties.length === 0 && !hasExtraCheck && s.minProperties === undefined && s.maxProperties === undefined && !hasNames &&
    (s.dependentRequired ?? []).length === 0 && dependentSchemas.length === 0 && patterns.length === 0) return [];
  const checks: Code[] = [];
  let own: Name | undefined;
  const read: string[] = [];
  for (const declared of properties) {
    const key = lit(declared.name);
    const propPath = pointerPlus(p, lit("/" + pointerToken(declared.name)));
    own ??= g.fresh("o");
    const compact = compactPropertyCheck(g, declared, _`${own}[${key}]`, p, e);
    if (compact) {
      read.push(declared.name);
      checks.push(compact);
      continue;
    }
    const value = g.fresh("v");
    const check = propertyCheck(g, declared, value, p, propPath, e);
    if (check.length === 0) continue;
    read.push(declared.name);
    checks.push(_`const ${value} = ${own}[${key}];`, ...check);
  }
  // Own properties only, and `undefined` counts as absent: JSON has no undefined, and in a params object it means
  // "not given". A value is inherited only if a prototype holds the key. A plain object's prototype is
  // Object.prototype; when that lacks every key read (tests V8 folds to constants, unfolded if the prototype
  // changes), the object itself is read, a monomorphic load per property. Otherwise (another prototype, or a
  // polluted Object.prototype) `$own` copies its own properties to an object without a prototype. One
  // test per object, not per property: validators.ts stays small for the consumer's tsc.
  if (own && read.length > 0) {
    const inherited = join(read.map((k) => _`${lit(k)} in ${PROTO}`), " || ");
    checks.unshift(_`const ${own} = Object.getPrototypeOf(${o}) === ${PROTO} && !(${inherited}) ? ${o} : ${name("$own")}(${o});`);
  }
  const checked = patterns.filter((pp) => !isUnconstrained(pp.schema));
  if (checked.length > 0) {
    const k = g.fresh("k");
    const keyPath = pointerPlus(p, _`"/" + ${name("$ptr")}(${k})`);
    const each = checked.map((pp) => {
      const value = g.fresh("v");
      return _`if (${pp.re}.test(${k})) {\n${join(bind(value, _`${o}[${k}]`, g.emit(pp.schema, value, keyPath, e)), "\n")}\n}`;
    });
    checks.push(_`for (const ${k} of Object.keys(${o})) {\n${join(each, "\n")}\n}`);
  }
  if (hasExtraCheck) {
    const declared = properties.filter((q) => !q.undeclared).map((q) => q.name);
    checks.push(additionalPropertiesCheck(g, declared, patterns.map((pp) => pp.re), extra, o, p, e));
  }
  checks.push(...propertyCountChecks(g, s, o, p, e));
  if (hasNames) {
    const k = g.fresh("k");
    const key = g.fresh("v");
    const body = g.emit(s.propertyNames as SchemaModel, key, pointerPlus(p, _`"/" + ${name("$ptr")}(${k})`), e);
    checks.push(_`for (const ${k} of Object.keys(${o})) {\n${join(bind(key, k, body), "\n")}\n}`);
  }
  checks.push(...dependentRequiredChecks(g, s, o, p, e));
  for (const d of dependentSchemas) {
    const whole = g.fresh("v");
    checks.push(_`if (${present(o, d.name)}) {\n${join(bind(whole, o, g.emit(d.schema, whole, p, e)), "\n")}\n}`);
  }
  return checks;
}

/** What a declared property's value `value` must be, in the current direction; nothing when anything goes. */
function propertyCheck(g: Emitter, declared: PropertyModel, value: Name, p: Code, propPath: Code, e: Name): Code[] {
  // readOnly and writeOnly make the rule depend on the direction: in "both", the value is tested for presence once,
  // and only what is done then differs (`if (r)`), so that a response-only bundle carries little request code.
  const whenMissing = g.perDirection(() => (propertyRule(g, declared).required ? [g.issue(e, p, issues.required(declared.name))] : []));
  const whenPresent = block(g.perDirection(() => {
    if (propertyRule(g, declared).refused) return [g.issue(e, propPath, issues.readOnly())];
    return isUnconstrained(declared.schema) ? [] : g.emit(declared.schema, value, propPath, e);
  }));
  if (whenMissing.length === 0) return whenPresent.text ? [_`if (${value} !== undefined) ${whenPresent}`] : [];
  const missing = block(whenMissing);
  return [whenPresent.text ? _`if (${value} === undefined) ${missing} else ${whenPresent}` : _`if (${value} === undefined) ${missing}`];
}

/** Keys that are neither declared nor matched by a `patternProperties` pattern are the "additional" ones. */
function additionalPropertiesCheck(g: Emitter, known: string[], patterns: Name[], extra: false | SchemaModel, o: Name, p: Code, e: Name): Code {
  const knownSet = known.length > 0 ? g.constant("keys", _`new Set<string>([${join(known.map(lit), ", ")}])`) : undefined;
  // The commonest case (every params object): one helper call instead of the loop, for the consumer's tsc.
  if (extra === false && knownSet && patterns.length === 0) return _`${name("$extra")}(${e}, ${p}, ${o}, ${knownSet});`;
  const k = g.fresh("k");
  const keyPath = pointerPlus(p, _`"/" + ${name("$ptr")}(${k})`);
  let body: Code[];
  if (extra === false) {
    body = [_`${name("$E")}(${e}, ${keyPath}, "additionalProperties", "must NOT have additional property " + JSON.stringify(${k}));`];
  } else {
    const value = g.fresh("v");
    body = bind(value, _`${o}[${k}]`, g.emit(extra, value, keyPath, e));
  }
  const exclusions = [...(knownSet ? [_`${knownSet}.has(${k})`] : []), ...patterns.map((re) => _`${re}.test(${k})`)];
  const inner = exclusions.length > 0 ? _`if (!(${join(exclusions, " || ")})) {\n${join(body, "\n")}\n}` : join(body, "\n");
  return _`for (const ${k} of Object.keys(${o})) {\n${inner}\n}`;
}

/** allOf, then the discriminator or anyOf/oneOf, then if/then/else and not. */
export function compositionChecks(g: Emitter, s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
  const out: Code[] = [];
  for (const member of s.allOf ?? []) out.push(...g.emit(member, v, p, e));
  if (s.discriminator && s.discriminator.mapping.length > 0 && (s.oneOf || s.anyOf)) {
    out.push(...discriminatorCheck(g, s, s.discriminator, v, p, e));
  } else {
    if (s.anyOf) out.push(countMatches(g, s.anyOf, v, p, e, (n) => _`${n} === 0`, issues.anyOf()));
    if (s.oneOf) out.push(countMatches(g, s.oneOf, v, p, e, (n) => _`${n} !== 1`, issues.oneOf()));
  }
  if (s.conditional) {
    const conditional = conditionalCheck(g, s.conditional, v, p, e);
    if (conditional) out.push(conditional);
  }
  if (s.not) {
    const errs = g.fresh("e");
    out.push(_`{\nconst ${errs}: ValidationIssue[] = [];\n${join(g.emit(s.not, v, p, errs), "\n")}\nif (${errs}.length === 0) ${g.issue(e, p, issues.not())}\n}`);
  }
  return out;
}

/** 2020-12 `if`/`then`/`else`: `if` only selects (its issues are dropped); then/else report their own. */
function conditionalCheck(g: Emitter, c: NonNullable<SchemaModel["conditional"]>, v: Name, p: Code, e: Name): Code | undefined {
  const errs = g.fresh("e");
  const then = c.then ? g.emit(c.then, v, p, e) : [];
  const otherwise = c.else ? g.emit(c.else, v, p, e) : [];
  const test = g.emit(c.if, v, p, errs);
  if (then.length === 0 && otherwise.length === 0) return undefined;
  const branches = then.length > 0
    ? otherwise.length > 0
      ? _`if (${errs}.length === 0) {\n${join(then, "\n")}\n} else {\n${join(otherwise, "\n")}\n}`
      : _`if (${errs}.length === 0) {\n${join(then, "\n")}\n}`
    : _`if (${errs}.length !== 0) {\n${join(otherwise, "\n")}\n}`;
  return _`{\nconst ${errs}: ValidationIssue[] = [];\n${join(test, "\n")}\n${branches}\n}`;
}

/** Each member is checked into its own list; the parent only learns how many matched. */
function countMatches(g: Emitter, members: SchemaModel[], v: Name, p: Code, e: Name, failed: (n: Name) => Code, issue: Parameters<Emitter["issue"]>[2]): Code {
  const passed = g.fresh("n");
  const branches = members.map((m) => {
    const errs = g.fresh("e");
    return _`{\nconst ${errs}: ValidationIssue[] = [];\n${join(g.emit(m, v, p, errs), "\n")}\nif (${errs}.length === 0) ${passed}++;\n}`;
  });
  return _`{\nlet ${passed} = 0;\n${join(branches, "\n")}\nif (${failed(passed)}) ${g.issue(e, p, issue)}\n}`;
}
