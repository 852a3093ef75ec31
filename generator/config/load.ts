// apigen.config.json / apigen.config.mjs: found in the working folder (or named with --config), read, checked key by
// key against the option table, and resolved into one list of targets with absolute paths. A wrong key or value is
// refused like a bad spec: the config file's line and column (JSON) or JSON pointer (.mjs), a code and a hint.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { LineCounter, Node as YamlNode } from "yaml";
import { displayPath } from "../context";
import { diagnostic, GeneratorError, pointerJoin, type Diagnostic, type SourceLocation } from "../diagnostics";
import { normalisedOutputs, OPTION_SPECS, outputsProblem, WARNING_CODE, type OptionSpec, type OutputName, type TargetOptions } from "./options";
import { closest } from "./closest";

export const CONFIG_FILE_NAMES = ["apigen.config.json", "apigen.config.mjs"] as const;

/** One target with every path absolute and every option given a value. */
export interface ResolvedTarget {
  spec: string;
  out: string;
  allowNetwork: boolean;
  cache: boolean;
  prettier: boolean;
  templates: string | undefined;
  ignoreWarnings: string[];
  strictSpec: boolean;
  verify: boolean | undefined;
  closedEnums: boolean;
  cliPrefix: string | undefined;
  /** What to write, in canonical order (options.ts). */
  outputs: OutputName[];
}

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  targets: ResolvedTarget[];
}

/** The config file in `cwd`, if there is one; two of them is an error (which one would win is not obvious). */
export function findConfigFile(cwd: string): string | undefined {
  const found = CONFIG_FILE_NAMES.map((name) => join(cwd, name)).filter((path) => existsSync(path));
  if (found.length > 1) {
    throw new GeneratorError([diagnostic("error", "APIGEN_CONFIG_AMBIGUOUS", `both ${CONFIG_FILE_NAMES.join(" and ")} are here`, { file: displayPath(cwd, found[1] as string) },
      "keep one of them, or name the one to use with --config <file>")]);
  }
  return found[0];
}

/** Reads, checks and resolves a config file; throws GeneratorError with located diagnostics. */
export async function loadConfigFile(file: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const path = resolve(cwd, file);
  const shown = displayPath(cwd, path);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new GeneratorError([diagnostic("error", "APIGEN_CONFIG_NOT_FOUND", "config file not found", { file: shown }, "check the path given to --config")]);
  }
  const { value, locate } = extname(path) === ".mjs" || extname(path) === ".js" ? await importModule(path, shown) : readJson(path, shown);
  const targets = checkConfig(value, locate);
  const base = dirname(path);
  return { file: path, targets: targets.map((t) => resolveTarget(t, base)) };
}

/** Applies defaults and makes paths absolute against `base` (the config file's folder, or the working folder). */
export function resolveTarget(options: TargetOptions, base: string): ResolvedTarget {
  return {
    spec: resolve(base, options.spec),
    out: resolve(base, options.out),
    allowNetwork: options.allowNetwork ?? false,
    cache: options.cache ?? true,
    prettier: options.prettier ?? false,
    templates: options.templates === undefined ? undefined : resolve(base, options.templates),
    ignoreWarnings: [...new Set(options.ignoreWarnings ?? [])].sort(),
    strictSpec: options.strictSpec ?? false,
    verify: options.verify,
    closedEnums: options.closedEnums ?? false,
    cliPrefix: options.cliPrefix,
    outputs: normalisedOutputs(options.outputs),
  };
}

// ---- reading ----------------------------------------------------------------------------------------------------

type Locate = (pointer: string, part: "key" | "value") => SourceLocation;

function readJson(path: string, shown: string): { value: unknown; locate: Locate } {
  const text = readFileSync(path, "utf8");
  try {
    const value: unknown = JSON.parse(text);
    return { value, locate: jsonLocator(text, shown) };
  } catch (error) {
    const offset = /at position (\d+)/.exec((error as Error).message)?.[1] ?? jsonErrorOffset(text);
    const where = lineColumn(text, offset === undefined ? text.length : Number(offset));
    const what = /at position/.test((error as Error).message) ? (error as Error).message.replace(/ in JSON at position \d+.*$/, "") : `unexpected ${offset === undefined || Number(offset) >= text.length ? "end of file" : JSON.stringify(text[Number(offset)])}`;
    throw new GeneratorError([diagnostic("error", "APIGEN_CONFIG_PARSE", `not valid JSON: ${what}`,
      { file: shown, ...where }, "fix the JSON syntax (no comments or trailing commas), or use apigen.config.mjs")]);
  }
}

async function importModule(path: string, shown: string): Promise<{ value: unknown; locate: Locate }> {
  let module: { default?: unknown };
  try {
    // The query makes a watcher's re-import read the edited file instead of the module cache.
    module = (await import(`${pathToFileURL(path).href}?mtime=${statSync(path).mtimeMs}`)) as { default?: unknown };
  } catch (error) {
    const frame = new RegExp(`${escapeRegExp(pathToFileURL(path).href)}[^:]*:(\\d+):(\\d+)`).exec(String((error as Error)?.stack ?? ""));
    const where = frame ? { line: Number(frame[1]), column: Number(frame[2]) } : {};
    throw new GeneratorError([diagnostic("error", "APIGEN_CONFIG_LOAD", `the config module failed to load: ${(error as Error)?.message ?? String(error)}`,
      { file: shown, ...where }, "fix the error in the config module; it must `export default { targets: [...] }`")]);
  }
  const value = typeof module.default === "function" ? await (module.default as () => unknown)() : module.default;
  if (value === undefined) {
    throw new GeneratorError([diagnostic("error", "APIGEN_CONFIG_LOAD", "the config module has no default export", { file: shown },
      "write `export default { targets: [{ spec: \"api.yaml\", out: \"src/api\" }] }`")]);
  }
  return { value, locate: (pointer) => ({ file: shown, pointer }) };
}

// ---- checking ---------------------------------------------------------------------------------------------------

function checkConfig(value: unknown, locate: Locate): TargetOptions[] {
  const errors: Diagnostic[] = [];
  const report = (code: string, message: string, pointer: string, part: "key" | "value", hint: string) => errors.push(diagnostic("error", code, message, locate(pointer, part), hint));
  if (!isRecord(value)) {
    report("APIGEN_CONFIG_TYPE", "the config must be an object", "", "value", 'write { "targets": [{ "spec": "api.yaml", "out": "src/api" }] }');
    throw new GeneratorError(errors);
  }
  const shared = checkOptions(value, "", (spec) => spec.shared, ["targets", "$schema"], report);
  const targets: TargetOptions[] = [];
  if (!("targets" in value)) {
    report("APIGEN_CONFIG_MISSING", 'the config has no "targets"', "", "value", 'add "targets": [{ "spec": "api.yaml", "out": "src/api" }], one entry per spec');
  } else if (!Array.isArray(value["targets"]) || value["targets"].length === 0) {
    report("APIGEN_CONFIG_TYPE", '"targets" must be a non-empty array', "/targets", "value", 'one entry per spec: { "spec": "api.yaml", "out": "src/api" }');
  } else {
    value["targets"].forEach((entry: unknown, i: number) => {
      const pointer = pointerJoin("/targets", i);
      if (!isRecord(entry)) {
        report("APIGEN_CONFIG_TYPE", "a target must be an object", pointer, "value", '{ "spec": "api.yaml", "out": "src/api" }');
        return;
      }
      const own = checkOptions(entry, pointer, () => true, [], report);
      for (const key of ["spec", "out"] as const) {
        if (!(key in entry)) report("APIGEN_CONFIG_MISSING", `the target has no "${key}"`, pointer, "value", `add "${key}": ${key === "spec" ? '"api.yaml"' : '"src/api"'} (relative to the config file)`);
      }
      targets.push({ ...shared, ...own } as TargetOptions);
    });
    checkDistinctOutputs(targets, report);
  }
  if (errors.length > 0) throw new GeneratorError(errors);
  return targets;
}

type Report = (code: string, message: string, pointer: string, part: "key" | "value", hint: string) => void;

/** Checks the option keys of one object; returns the valid ones. */
function checkOptions(object: Record<string, unknown>, base: string, allowed: (spec: OptionSpec) => boolean, extraKeys: string[], report: Report): Partial<TargetOptions> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const pointer = pointerJoin(base, key);
    if (extraKeys.includes(key)) continue;
    const spec = OPTION_SPECS.find((o) => o.key === key);
    if (!spec || !allowed(spec)) {
      const known: string[] = [...OPTION_SPECS.filter(allowed).map((o) => o.key), ...extraKeys];
      const near = closest(key, known);
      const onlyInTarget = spec && !allowed(spec);
      report("APIGEN_CONFIG_UNKNOWN_KEY", onlyInTarget ? `"${key}" belongs in a target, not at the top level` : `unknown option "${key}"`, pointer, "key",
        onlyInTarget ? `move it into an entry of "targets"` : `${near ? `did you mean "${near}"? ` : ""}the options here are: ${known.join(", ")}`);
      continue;
    }
    const problem = valueProblem(spec, value);
    if (problem) report("APIGEN_CONFIG_TYPE", `"${key}" ${problem}`, pointer, "value", hintFor(spec));
    else options[key] = value;
  }
  return options as Partial<TargetOptions>;
}

function valueProblem(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.kind) {
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, not ${describe(value)}`;
    case "string":
      if (spec.key === "cliPrefix" && typeof value === "string" && !/^[A-Z][A-Z0-9_]*$/.test(value)) return `must be upper-case letters, digits and _ (an environment variable prefix), not ${describe(value)}`;
      return typeof value === "string" && value !== "" ? undefined : `must be a non-empty string, not ${describe(value)}`;
    case "string[]": {
      if (!Array.isArray(value)) return `must be an array of warning codes, not ${describe(value)}`;
      const bad = value.find((v) => typeof v !== "string" || !WARNING_CODE.test(v));
      return bad === undefined ? undefined : `holds ${describe(bad)}, which is not a warning code`;
    }
    case "outputs":
      return outputsProblem(value);
  }
}

function hintFor(spec: OptionSpec): string {
  switch (spec.kind) {
    case "boolean":
      return `write "${spec.key}": true or false`;
    case "string":
      return spec.key === "spec" || spec.key === "out" || spec.key === "templates" ? `a path relative to the config file, e.g. "${spec.key === "spec" ? "api.yaml" : spec.key === "out" ? "src/api" : "apigen-templates"}"` : `write "${spec.key}": "…"`;
    case "string[]":
      return 'warning codes as apigen prints them, e.g. ["APIGEN_SCHEMA_PATTERN_LEGACY"]';
    case "outputs":
      return 'write "outputs": ["sdk"], or with the CLI and the docs ["sdk", "cli", "docs"]';
  }
}

/** Two targets writing one folder would overwrite each other on every run. */
function checkDistinctOutputs(targets: TargetOptions[], report: Report): void {
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    if (typeof t.out !== "string") return;
    const key = resolve("/", t.out);
    const first = seen.get(key);
    if (first !== undefined) report("APIGEN_CONFIG_DUPLICATE_OUT", `targets ${first} and ${i} both write "${t.out}"`, pointerJoin("/targets", i, "out"), "value", "give each target its own output folder");
    else seen.set(key, i);
  });
}

// ---- positions in JSON ------------------------------------------------------------------------------------------

/** JSON is YAML: `yaml` keeps each node's offset, so a pointer maps to its key's or value's line and column. */
function jsonLocator(text: string, file: string): Locate {
  let parsed: { root: YamlNode | null; lines: LineCounter } | undefined;
  return (pointer, part) => {
    if (!parsed) {
      // Loaded on the first error only: a good config never needs positions.
      const { LineCounter: Lines, parseDocument } = require("yaml") as typeof import("yaml");
      const lines = new Lines();
      const document = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
      parsed = { root: document.contents as YamlNode | null, lines };
    }
    const tokens = pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
    const offset = nodeOffset(parsed.root, tokens, part);
    if (offset === undefined) return { file, pointer };
    const { line, col } = parsed.lines.linePos(offset);
    return { file, line, column: col, pointer };
  };
}

function nodeOffset(node: YamlNode | null, tokens: string[], part: "key" | "value"): number | undefined {
  if (!node) return undefined;
  const { isMap, isPair, isScalar, isSeq } = require("yaml") as typeof import("yaml");
  if (tokens.length === 0) return node.range?.[0];
  const [head, ...rest] = tokens as [string, ...string[]];
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === head);
    if (!pair) return undefined;
    if (rest.length === 0 && part === "key") return (pair.key as YamlNode).range?.[0];
    return nodeOffset(pair.value as YamlNode | null, rest, part);
  }
  if (isSeq(node)) return nodeOffset((node.items[Number(head)] as YamlNode | undefined) ?? null, rest, part);
  return undefined;
}

/**
 * Where JSON.parse stopped, for the messages that do not say (Node prints `Unexpected token ']', ..."x" }, ] }" is
 * not valid JSON` for a trailing comma): a small scanner of the JSON grammar that returns the first bad offset.
 */
function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : (text.charCodeAt(i) < 0x20 ? fail() : 1);
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") return container("}", () => {
      space();
      if (text[i] !== '"') fail();
      string();
      space();
      if (text[i] !== ":") fail();
      i++;
      value();
    });
    if (c === "[") return container("]", value);
    if (c === '"') return string();
    if (c === "t") return void literal("true");
    if (c === "f") return void literal("false");
    if (c === "n") return void literal("null");
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!number) fail();
    i += (number as RegExpExecArray)[0].length;
  };
  const container = (close: string, member: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === ",") i++;
      else if (text[i] === close) return void i++;
      else fail();
    }
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return offset as number;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

// ---- small helpers ----------------------------------------------------------------------------------------------

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
