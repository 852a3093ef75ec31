// Every option a target takes, described once: the config file's keys, the command line's flags, the help text and
// the validation all read this table, so a flag cannot exist without its config key (or the other way round).

/** What one target (one spec → one output folder) is generated with. Paths are relative to the config file's folder. */
export interface TargetOptions {
  /** OpenAPI 3.0/3.1 document, YAML or JSON. */
  spec: string;
  /** Output folder; apigen owns it and replaces it as a whole. */
  out: string;
  /** Allow `$ref`s to http(s) URLs (off: generation never depends on the network). */
  allowNetwork?: boolean;
  /** Skip the work when the spec, the generator and the options are unchanged since the last run (default true). */
  cache?: boolean;
  /** Format the output with prettier (slower; the default layout is already final). */
  prettier?: boolean;
  /** A folder of templates whose files replace the built-in ones of the same name (see docs/templates.md). */
  templates?: string;
  /** Warning codes not to print (`APIGEN_SCHEMA_PATTERN_LEGACY`, …). */
  ignoreWarnings?: string[];
  /** Refuse what apigen would otherwise accept with a warning and normalise (see docs/spec-policy.md). */
  strictSpec?: boolean;
  /** Parse every generated file with TypeScript before writing (default: only with user templates). */
  verify?: boolean;
  /** Response enums stay closed: a value the spec does not list fails validation (default: open, see docs/types.md). */
  closedEnums?: boolean;
  /** Prefix of the generated CLI's environment variables (`<PREFIX>_CLIENT_ID`, …); default derived from info.title. */
  cliPrefix?: string;
  /**
   * What to write (default `["sdk"]`): `sdk` (types, validators, client, runtime; always, the others build on it), `cli`
   * (cli.ts, a Node program) and `docs` (Markdown reference in docs/). See the README for why the default is the SDK alone.
   */
  outputs?: OutputName[];
}

/** The outputs one model feeds, in the order they are listed. */
export const OUTPUT_NAMES = ["sdk", "cli", "docs"] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];
/**
 * The SDK alone: cli.ts is a Node program (its `node:` imports break a browser project's tsc), and the docs are a
 * page per operation (515 files for Atlas) a project may not want in its source tree. Each is one option away.
 */
export const DEFAULT_OUTPUTS: readonly OutputName[] = ["sdk"];

/** What is wrong with an `outputs` value, or undefined; shared by the config file, the flag and the programmatic API. */
export function outputsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of ${OUTPUT_NAMES.join(", ")}`;
  const unknown = value.find((v) => !(OUTPUT_NAMES as readonly unknown[]).includes(v));
  if (unknown !== undefined) return `holds ${JSON.stringify(unknown)}, which is not one of ${OUTPUT_NAMES.join(", ")}`;
  if (!value.includes("sdk")) return `must include "sdk": the CLI and the docs are built on the generated client; write ${JSON.stringify(withSdk(value as OutputName[])).replace(/,/g, ", ")}`;
  return undefined;
}

/** The list a user meant when they left out "sdk": theirs with it added, in the canonical order. */
export function withSdk(outputs: readonly OutputName[]): OutputName[] {
  return normalisedOutputs(["sdk", ...outputs]);
}

/** The outputs in their canonical order, each once (so the cache and the output do not depend on how they were listed). */
export function normalisedOutputs(outputs: readonly OutputName[] | undefined): OutputName[] {
  return OUTPUT_NAMES.filter((name) => (outputs ?? DEFAULT_OUTPUTS).includes(name));
}

/** `apigen.config.json` / `apigen.config.mjs`: options at the top level apply to every target; a target's own win. */
export interface ApigenConfig extends Omit<Partial<TargetOptions>, "spec" | "out"> {
  /** JSON schema reference for editors; ignored by apigen. */
  $schema?: string;
  targets: TargetOptions[];
}

/** `outputs`: a list of output names; the flag takes them comma-separated. */
export type OptionKind = "string" | "boolean" | "string[]" | "outputs";

export interface OptionSpec {
  key: keyof TargetOptions;
  kind: OptionKind;
  /** The command-line flag; for booleans whose default is true, the flag that turns them off. */
  flag: string;
  /** Shown in `--help` after the flag. */
  argument?: string;
  /** Booleans only: the value the flag sets. */
  flagValue?: boolean;
  /** May appear at the top level of the config (a default for every target); spec and out may not. */
  shared: boolean;
  help: string;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  { key: "spec", kind: "string", flag: "--spec", argument: "<file>", shared: false, help: "OpenAPI 3.0/3.1 document, YAML or JSON" },
  { key: "out", kind: "string", flag: "--out", argument: "<dir>", shared: false, help: "output folder; apigen owns it and replaces it as a whole" },
  { key: "templates", kind: "string", flag: "--templates", argument: "<dir>", shared: true, help: "folder of templates replacing the built-in ones of the same name (docs/templates.md)" },
  { key: "ignoreWarnings", kind: "string[]", flag: "--ignore-warning", argument: "<CODE>", shared: true, help: "do not print warnings with this code (repeatable)" },
  { key: "strictSpec", kind: "boolean", flag: "--strict-spec", flagValue: true, shared: true, help: "refuse what apigen would accept with a warning and normalise (docs/spec-policy.md)" },
  { key: "closedEnums", kind: "boolean", flag: "--closed-enums", flagValue: true, shared: true, help: "response enums and discriminated unions stay closed: an unlisted value is a validation error (default: typed as UnknownEnumValue / UnknownDiscriminatorValue and accepted)" },
  { key: "outputs", kind: "outputs", flag: "--outputs", argument: "<list>", shared: true, help: "what to write, comma-separated: sdk (always), cli (cli.ts, a Node program), docs (Markdown reference in docs/); default: sdk" },
  { key: "cliPrefix", kind: "string", flag: "--cli-prefix", argument: "<NAME>", shared: true, help: "prefix of the generated CLI's environment variables (default: info.title's leading words, upper-snake-cased)" },
  { key: "allowNetwork", kind: "boolean", flag: "--allow-network", flagValue: true, shared: true, help: "allow $refs to http(s) URLs (off: generation never depends on the network)" },
  { key: "cache", kind: "boolean", flag: "--no-cache", flagValue: false, shared: true, help: "always regenerate (by default an unchanged spec, generator and options is a no-op)" },
  { key: "verify", kind: "boolean", flag: "--verify", flagValue: true, shared: true, help: "parse every generated file with TypeScript before writing (on with user templates)" },
  { key: "prettier", kind: "boolean", flag: "--prettier", flagValue: true, shared: true, help: "format the output with prettier (slower; the default layout is already final)" },
];

export const OPTION_KEYS: readonly string[] = OPTION_SPECS.map((o) => o.key);

/** Warning codes are APIGEN_ followed by capitals, digits and underscores. */
export const WARNING_CODE = /^APIGEN_[A-Z0-9_]+$/;
