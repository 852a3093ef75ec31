// The commonest declared properties as one call of a preamble helper each: a string (with a pattern or a format), a
// boolean, an integer (with bounds and int32/int64), a $ref, an array of $refs. The consumer's tsc parses and binds
// every line of validators.ts (it is @ts-nocheck, so that is all it does): `$str(e, p, "/id", $o0["id"], 1, $re4,
// $msg5)` is 12 syntax nodes where the statements that read, test and report it were ~45. The helpers report exactly
// what those statements report, in the same order (test/validators-compact.test.ts); everything else keeps its
// statements (applicator.ts). The price is some speed: one helper serves many call sites, and V8 inlines it at fewer
// of them than it did the statements (bench/validators.bench.js: ~1.9x/2.25x ajv on valid/invalid, from 2.05x/2.6x).
import { pointerToken } from "../../diagnostics";
import { isUnconstrained } from "../../model/schema-graph";
import type { NamedRef, PropertyModel, SchemaModel } from "../../model/types";
import { _, join, json, lit, name, regex, type Code, type Name } from "./code";
import type { Emitter } from "./codegen";
import { FORMAT_CHECKS, NUMBER_FORMATS } from "./format";
import { issues } from "./messages";
import { propertyRule } from "./openapi";

/** What a property's helper does when the value is absent or present, by the property's rule in one direction. */
const MODE = { optional: 0, required: 1, refused: 2 } as const;

/**
 * `$helper(e, p, key, value, mode, …)` for a declared property whose schema one helper checks, or undefined (then
 * the caller emits statements). `value` is the read of the property (`$o0["id"]`). Only keys that are their own
 * JSON-pointer token: the helpers are given `"/" + key`, the end of its path, and take the key from it for `$Q`.
 */
export function compactPropertyCheck(g: Emitter, declared: PropertyModel, value: Code, p: Code, e: Name): Code | undefined {
  if (pointerToken(declared.name) !== declared.name) return undefined;
  const check = helperCall(g, declared.schema);
  if (!check) return undefined;
  const mode = g.perDirectionValue(() => {
    const rule = propertyRule(g, declared);
    return json(rule.refused ? MODE.refused : rule.required ? MODE.required : MODE.optional);
  });
  // Trailing arguments that say nothing (no bound; then mode 0, optional) are left out: fewer nodes for your tsc.
  const rest = [...check.args];
  while (rest.length > 0 && rest[rest.length - 1] === UNDEFINED) rest.pop();
  const tail = lit("/" + declared.name);
  const args = rest.length === 0 && mode.text === String(MODE.optional) ? [e, p, tail, value] : [e, p, tail, value, mode, ...rest];
  return _`${check.helper}(${join(args, ", ")});`;
}

interface HelperCall {
  helper: Name;
  /** The arguments after the mode. */
  args: Code[];
}

const UNDEFINED = name("undefined");

/** The helper that checks `s` alone, with its arguments, or undefined when `s` needs more than one helper says. */
function helperCall(g: Emitter, s: SchemaModel): HelperCall | undefined {
  if (s.ref) return { helper: name("$ref"), args: [name(s.ref.checkName), ...directionArgument(g, s.ref)] };
  const only = s.types?.length === 1 ? s.types[0] : undefined;
  if (only === "array" && s.items?.ref && constrainsOnly(s, ["types", "items"])) {
    return { helper: name("$arr"), args: [name(s.items.ref.checkName), ...directionArgument(g, s.items.ref)] };
  }
  // A format the validators check for this kind of value; others are annotations (see format.ts).
  const checked = (kind: "string" | "number") => s.format !== undefined && FORMAT_CHECKS[s.format] !== undefined && NUMBER_FORMATS.has(s.format) === (kind === "number");
  if (!constrainsOnly(s, ["types", "format", "pattern", "minimum", "maximum"])) return undefined;
  if (only === "boolean" && s.format === undefined && s.pattern === undefined && s.minimum === undefined && s.maximum === undefined) return { helper: name("$bool"), args: [] };
  if (only === "string" && s.minimum === undefined && s.maximum === undefined) {
    if (checked("string") && s.pattern === undefined) {
      return { helper: name("$fmt"), args: [name(FORMAT_CHECKS[s.format as string] as string), g.message(issues.format(s.format as string))] };
    }
    if (s.pattern === undefined) return { helper: name("$str"), args: [] };
    if (!checked("string")) return { helper: name("$str"), args: [g.constant("re", regex(s.pattern, s.patternFlags ?? "u")), g.message(issues.pattern(s.pattern))] };
    return undefined;
  }
  if (only === "integer" && s.pattern === undefined) {
    // int64 holds for every integer (see $isInt64); int32 is a flag, tested inline by the helper.
    const bound = (limit: number | undefined) => (limit === undefined ? UNDEFINED : json(limit));
    return { helper: name("$int"), args: [bound(s.minimum), bound(s.maximum), s.format === "int32" ? json(1) : UNDEFINED] };
  }
  return undefined;
}

/** Whether `s` constrains values by no keyword but `keys`. */
function constrainsOnly(s: SchemaModel, keys: readonly (keyof SchemaModel)[]): boolean {
  const rest: Partial<SchemaModel> = { ...s };
  for (const key of keys) delete rest[key];
  return isUnconstrained(rest as SchemaModel);
}

/** What a check function of a directional component is told about the direction (see Emitter.directionArgument). */
function directionArgument(g: Emitter, ref: NamedRef): Code[] {
  const argument = g.directionArgument(ref);
  return argument ? [argument] : [];
}
