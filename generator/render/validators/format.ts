// The format vocabulary (JSON Schema 2020-12 §7.3, OpenAPI's data types): which function checks a format. The
// checks are fixed code, so they are source: templates/runtime/formats.ts, which validators.ts imports them from
// (only those it calls) and which the output gets only when some schema names a checked format.
import type { SchemaModel } from "../../model/types";
import { _, name, type Code, type Name } from "./code";
import type { Emitter } from "./codegen";
import { issues } from "./messages";

/**
 * Format name → its check, exported by templates/runtime/formats.ts: every format of JSON Schema 2020-12 §7.3 and OpenAPI's own
 * (`byte`, `int32`, `int64`). Other formats (`binary`, `password`, custom ones) are annotations and not checked.
 */
export const FORMAT_CHECKS: Readonly<Record<string, string>> = {
  "date-time": "$isDateTime",
  date: "$isDate",
  time: "$isTime",
  duration: "$isDuration",
  uuid: "$isUuid",
  email: "$isEmail",
  "idn-email": "$isIdnEmail",
  hostname: "$isHostname",
  "idn-hostname": "$isIdnHostname",
  ipv4: "$isIpv4",
  ipv6: "$isIpv6",
  uri: "$isUri",
  "uri-reference": "$isUriRef",
  iri: "$isIri",
  "iri-reference": "$isIriRef",
  "uri-template": "$isUriTemplate",
  "json-pointer": "$isJsonPointer",
  "relative-json-pointer": "$isRelativeJsonPointer",
  regex: "$isRegex",
  byte: "$isByte",
  int32: "$isInt32",
  int64: "$isInt64",
};

/** Formats of numbers; every other checked format is a string's. */
export const NUMBER_FORMATS: ReadonlySet<string> = new Set(["int32", "int64"]);

/** Preamble helpers that call other helpers. */
export const HELPER_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  $deepEqual: ["$has"],
  $has: ["$hasOwn"],
  $hasDuplicates: ["$deepEqual", "$has"],
  // the compact property checks (compact.ts) report through the issue helpers
  $str: ["$miss", "$T", "$E"],
  $fmt: ["$miss", "$T", "$E"],
  $bool: ["$miss", "$T"],
  $int: ["$miss", "$T", "$E"],
  $ref: ["$miss"],
  $arr: ["$miss", "$T"],
  $miss: ["$Q", "$R"],
  $extra: ["$E", "$ptr"],
};

/** Every helper of the validators preamble (without `$`); the view says which ones the generated checks need. */
export const PREAMBLE_HELPERS: readonly string[] = ["hasOwn", "proto", "has", "own", "isObj", "E", "T", "Q", "R", "ptr", "len", "isMultipleOf", "deepEqual", "hasDuplicates", "str", "fmt", "bool", "int", "ref", "arr", "miss", "extra"];

/** The runtime module of the format checks, under `runtime/` in the output. */
export const FORMATS_MODULE = "formats.ts";

/** The format checks among the names the generated code calls, sorted: what validators.ts imports from FORMATS_MODULE. */
export function formatImports(used: ReadonlySet<string>): string[] {
  return [...new Set(Object.values(FORMAT_CHECKS))].filter((check) => used.has(check)).sort();
}

/**
 * Whether any schema in `model` names a checked format, so that the output needs FORMATS_MODULE. Every object
 * below the model is visited, not just the schemas the validators check: a superset costs at most an unused file,
 * a missed schema an import that does not resolve.
 */
export function namesCheckedFormat(model: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [model];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const format = (node as { format?: unknown }).format;
    if (typeof format === "string" && Object.hasOwn(FORMAT_CHECKS, format)) return true;
    for (const child of Object.values(node)) if (typeof child === "object") stack.push(child);
  }
  return false;
}

/** The helpers that `used` needs, with the helpers those call. */
export function withDependencies(used: Iterable<string>): Set<string> {
  const all = new Set(used);
  for (const helper of all) for (const dep of HELPER_DEPENDENCIES[helper] ?? []) all.add(dep); // a Set iterates what is added
  return all;
}

/** The format check of a string (kind "string") or a number (kind "number"), if the format is checked. */
export function formatCheck(g: Emitter, s: SchemaModel, kind: "string" | "number", v: Name, p: Code, e: Name): Code[] {
  const helper = s.format !== undefined ? FORMAT_CHECKS[s.format] : undefined;
  if (helper === undefined || NUMBER_FORMATS.has(s.format as string) !== (kind === "number")) return [];
  return [_`if (!${name(helper)}(${v})) ${g.issue(e, p, issues.format(s.format as string))}`];
}
