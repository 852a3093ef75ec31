// The format vocabulary (JSON Schema 2020-12 §7.3, OpenAPI's data types): which preamble helper checks a format,
// and which helpers the helpers call. The helpers themselves are fixed code in templates/validators.ts.hbs.
import type { SchemaModel } from "../../model/types";
import { _, name, type Code, type Name } from "./code";
import type { Emitter } from "./codegen";
import { issues } from "./messages";

/**
 * Format name → helper in the validators preamble: every format of JSON Schema 2020-12 §7.3 and OpenAPI's own
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
const NUMBER_FORMATS = new Set(["int32", "int64"]);

/** Preamble helpers that call other helpers. */
export const HELPER_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  $deepEqual: ["$has"],
  $get: ["$hasOwn"],
  $has: ["$hasOwn"],
  $hasDuplicates: ["$deepEqual", "$has"],
  $isIpv6: ["$isIpv4"],
  $isTime: ["$leapSecond"],
  $isDateTime: ["$leapSecond"],
  $isEmail: ["$isMailDomain"],
  $isIdnEmail: ["$isMailDomain"],
  $isMailDomain: ["$isIpv6", "$isHostname", "$isIdnHostname"],
  $isHostname: ["$aLabelToU"],
  $isIdnHostname: ["$isHostname", "$aLabelToU"],
  $aLabelToU: ["$isULabel"],
  $isUri: ["$isUriReference"],
  $isUriRef: ["$isUriReference"],
  $isIri: ["$isUriReference"],
  $isIriRef: ["$isUriReference"],
  $isUriReference: ["$isIpv6"],
};

/** Every helper of the validators preamble (without `$`); the view says which ones the generated checks need. */
export const PREAMBLE_HELPERS: readonly string[] = [...new Set([
  "hasOwn", "has", "get", "isObj", "E", "T", "Q", "ptr", "len", "isMultipleOf", "deepEqual", "hasDuplicates",
  ...[...Object.values(FORMAT_CHECKS), ...Object.values(HELPER_DEPENDENCIES).flat()].map((helper) => helper.slice(1)),
])];

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
