// Configuration resolved once, with every default applied; every stage reads this instead of raw options.
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { normalisedOutputs, outputsProblem, type OutputName } from "./config/options";
import { diagnostic, GeneratorError } from "./diagnostics";

export interface GeneratorOptions {
  spec: string;
  out: string;
  /** Write nothing; report the files that would change. */
  check?: boolean;
  /** Allow `$ref`s to http(s) URLs. Off by default: generation must not depend on the network. */
  allowNetwork?: boolean;
  /** Format the output with prettier (slower; off by default, see write/format.ts). */
  prettier?: boolean;
  /** Skip the work when nothing changed since the last run (see incremental.ts). On by default. */
  cache?: boolean;
  /** A folder whose templates replace the built-in ones of the same name (see docs/templates.md). */
  templates?: string;
  /** Warning codes left out of the result. */
  ignoreWarnings?: readonly string[];
  /** Refuse what apigen would otherwise accept with a warning and normalise (docs/spec-policy.md). Off by default. */
  strictSpec?: boolean;
  /** Parse the output with TypeScript before writing; default: only when user templates are in play. */
  verify?: boolean;
  /** Response enums stay closed (an unlisted value fails validation). Off by default: they are open. */
  closedEnums?: boolean;
  /** Prefix of the generated CLI's environment variables; default derived from the spec's title. */
  cliPrefix?: string;
  /** What to write besides the SDK: `cli` (cli.ts, a Node program), `docs` (Markdown); default `["sdk"]` (config/options.ts). */
  outputs?: OutputName[];
  cwd?: string;
}

export interface GeneratorContext {
  specPath: string;
  specDisplayPath: string;
  outDir: string;
  outDisplayPath: string;
  check: boolean;
  allowNetwork: boolean;
  prettier: boolean;
  /** Absolute path of the user's template folder, if any. */
  templatesDir: string | undefined;
  templatesDisplayPath: string | undefined;
  ignoreWarnings: ReadonlySet<string>;
  strictSpec: boolean;
  /**
   * The syntax gate: apigen's own templates and escapers make output that parses (the tests parse every fixture, the
   * hostile corpus and a fuzz run), so the default run does not pay for a second TypeScript; a user's templates do.
   */
  verify: boolean;
  closedEnums: boolean;
  cliPrefix: string | undefined;
  /** In canonical order, "sdk" first. */
  outputs: OutputName[];
  /** Where the incremental check keeps its records; undefined: no cache. */
  cacheDir: string | undefined;
  generatorName: string;
  generatorVersion: string;
}

export function resolveContext(options: GeneratorOptions): GeneratorContext {
  const cwd = options.cwd ?? process.cwd();
  const specPath = resolve(cwd, options.spec);
  const outDir = resolve(cwd, options.out);
  const templatesDir = options.templates === undefined ? undefined : resolve(cwd, options.templates);
  return {
    specPath,
    specDisplayPath: displayPath(cwd, specPath),
    outDir,
    outDisplayPath: displayPath(cwd, outDir),
    check: options.check ?? false,
    allowNetwork: options.allowNetwork ?? false,
    prettier: options.prettier ?? false,
    templatesDir,
    templatesDisplayPath: templatesDir === undefined ? undefined : displayPath(cwd, templatesDir),
    ignoreWarnings: new Set(options.ignoreWarnings ?? []),
    strictSpec: options.strictSpec ?? false,
    verify: options.verify ?? templatesDir !== undefined,
    closedEnums: options.closedEnums ?? false,
    cliPrefix: options.cliPrefix,
    outputs: checkedOutputs(options.outputs),
    cacheDir: options.cache === false ? undefined : cacheDirFor(cwd),
    generatorName: "apigen",
    generatorVersion: GENERATOR_VERSION,
  };
}

/** APIGEN_CACHE_DIR, else node_modules/.cache/apigen in the nearest folder up from cwd that has node_modules. */
function cacheDirFor(cwd: string): string | undefined {
  const configured = process.env["APIGEN_CACHE_DIR"];
  if (configured !== undefined) return configured === "" ? undefined : resolve(cwd, configured);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "apigen");
    if (dirname(dir) === dir) return undefined;
  }
}

/** A path as the user would write it: relative to cwd when it is below it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** The package version, read from package.json one folder up (true from both generator/ and dist/). */
export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { version: string }
).version;

/** The outputs asked for, checked here too: the programmatic API may be called from JavaScript. */
function checkedOutputs(outputs: OutputName[] | undefined): OutputName[] {
  const problem = outputs === undefined ? undefined : outputsProblem(outputs);
  if (problem !== undefined) {
    throw new GeneratorError([diagnostic("error", "APIGEN_OPTION_OUTPUTS", `outputs ${problem}`, undefined, 'pass outputs: ["sdk"], or ["sdk", "cli", "docs"]')]);
  }
  return normalisedOutputs(outputs);
}
