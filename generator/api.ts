// The programmatic API (the package's entry point): what `apigen generate` does, as functions that return their
// diagnostics instead of printing them. A bad spec, config or template is a result with `ok: false` and located
// `errors`; only a bug in apigen throws.
import { resolve } from "node:path";
import { GENERATOR_VERSION } from "./context";
import { findConfigFile, loadConfigFile, type LoadedConfig, type ResolvedTarget } from "./config/load";
import type { ApigenConfig, TargetOptions } from "./config/options";
import { diagnostic, GeneratorError, type Diagnostic } from "./diagnostics";
import { generate as runPipeline, type Stage } from "./pipeline";
import { hasDrift, type Drift } from "./write";
import type { DiffReport, DiffTimings, FailOn } from "./diff";

export type { ApigenConfig, TargetOptions } from "./config/options";
export type { LoadedConfig, ResolvedTarget } from "./config/load";
export type { Diagnostic, Severity, SourceLocation } from "./diagnostics";
export type { Drift } from "./write";
export type { Stage } from "./pipeline";
export type { DiffReport, DiffTimings, Disagreement, Change, ChangeClass, FailOn } from "./diff";
/** Whether a diff report fails under a --fail-on level (see diff/index.ts). */
export function fails(report: DiffReport, failOn: FailOn): boolean {
  return diffModule().fails(report, failOn);
}
export { formatReport, type DiffFormat } from "./diff/format";
export { formatDiagnostic, GeneratorError as ApigenError } from "./diagnostics";
export const version: string = GENERATOR_VERSION;

export interface GenerateOptions extends TargetOptions {
  /** The folder `spec`, `out` and `templates` are relative to (default: process.cwd()). */
  cwd?: string;
  /** Called as each stage ends, with its milliseconds and a one-line summary. */
  onStage?: (stage: Stage, milliseconds: number, detail: string) => void;
}

export interface GenerateOutcome {
  /** False when an error stopped the run, or (check) when the output folder is out of date. */
  ok: boolean;
  /** Absolute paths of the spec and the output folder. */
  spec: string;
  out: string;
  /** The output files by name, as written (or, for check, as they would be). */
  files: string[];
  /** What the run changed in the output folder (check: what it would change). */
  changes: Drift;
  /** The spec and every file it references (absolute paths): what a watcher watches. */
  inputs: string[];
  /** True when the spec, the generator and the options were unchanged since the last run: nothing was done. */
  unchanged: boolean;
  /** Warnings, without the codes in `ignoreWarnings`. */
  warnings: Diagnostic[];
  errors: Diagnostic[];
  /** Milliseconds per stage (zero for stages a failed or unchanged run did not reach). */
  timings: Record<Stage, number>;
  /** When the spec changed since the last run for this output: e.g. "surface since the last run: 2 operations added, 1 breaking change, 0 warnings: run apigen diff for details". */
  surfaceChange?: string;
}

const NO_TIMINGS: Record<Stage, number> = { load: 0, model: 0, render: 0, write: 0 };
const NO_CHANGES: Drift = { changed: [], added: [], removed: [] };

/** Generates one target: reads the spec, writes the output folder atomically (nothing on error). */
export function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  return runTarget(options, false);
}

/** Like generate, but writes nothing: `ok` is false, with an APIGEN_DRIFT error, when the output folder differs. */
export function check(options: GenerateOptions): Promise<GenerateOutcome> {
  return runTarget(options, true);
}

/** Typed identity for `apigen.config.mjs`: `export default defineConfig({ targets: [...] })`. */
export function defineConfig(config: ApigenConfig): ApigenConfig {
  return config;
}

export type ConfigOutcome = { ok: true; config: LoadedConfig } | { ok: false; errors: Diagnostic[] };

/**
 * Reads a config file (`file`, else apigen.config.json or apigen.config.mjs in `cwd`) and checks every key.
 * `config` is undefined when no file was named and none is in `cwd`.
 */
export async function loadConfig(options: { cwd?: string; file?: string } = {}): Promise<ConfigOutcome | { ok: true; config: undefined }> {
  const cwd = options.cwd ?? process.cwd();
  try {
    const file = options.file ?? findConfigFile(cwd);
    return { ok: true, config: file === undefined ? undefined : await loadConfigFile(file, cwd) };
  } catch (error) {
    if (error instanceof GeneratorError) return { ok: false, errors: [...error.diagnostics] };
    throw error;
  }
}

/** Every target of a config file, one after the other (the second core already works inside each run). */
export async function generateAll(options: { cwd?: string; file?: string; check?: boolean } = {}): Promise<{ ok: boolean; errors: Diagnostic[]; targets: GenerateOutcome[] }> {
  const loaded = await loadConfig(options);
  if (!loaded.ok) return { ok: false, errors: loaded.errors, targets: [] };
  if (!loaded.config) {
    const errors = [diagnostic("error", "APIGEN_CONFIG_NOT_FOUND", "no apigen.config.json or apigen.config.mjs here", { file: options.cwd ?? process.cwd() }, "create one, or pass the config file's path")];
    return { ok: false, errors, targets: [] };
  }
  const targets: GenerateOutcome[] = [];
  for (const target of loaded.config.targets) targets.push(await runTarget({ ...fromResolved(target), cwd: options.cwd ?? process.cwd() }, options.check ?? false));
  return { ok: targets.every((t) => t.ok), errors: [], targets };
}

/** A resolved config target as generate() options (its paths are already absolute). */
export function fromResolved(target: ResolvedTarget): TargetOptions {
  return {
    spec: target.spec,
    out: target.out,
    allowNetwork: target.allowNetwork,
    cache: target.cache,
    prettier: target.prettier,
    ...(target.templates !== undefined ? { templates: target.templates } : {}),
    ignoreWarnings: target.ignoreWarnings,
    strictSpec: target.strictSpec,
    ...(target.verify !== undefined ? { verify: target.verify } : {}),
    closedEnums: target.closedEnums,
    ...(target.cliPrefix !== undefined ? { cliPrefix: target.cliPrefix } : {}),
    outputs: target.outputs,
  };
}

export interface DiffOptions {
  /** The new spec (a file). */
  new: string;
  /** The old spec: a file; or leave it out and give `base`. */
  old?: string;
  /** A git revision: the old spec is `new` as committed there (`git show <base>:<new>`). */
  base?: string;
  /** The folder the paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Ask the TypeScript checker about the changed types (default true). */
  typecheck?: boolean;
}

export type DiffOutcome = { ok: true; report: DiffReport; timings: DiffTimings } | { ok: false; errors: Diagnostic[] };

/**
 * What changing the spec from `old` (or `base`) to `new` does to the generated client's users: each change classified
 * breaking, warning or compatible, and the TypeScript checker's verdict on the changed types. A bad spec on either
 * side is `ok: false` with errors whose message names the side.
 */
export async function diff(options: DiffOptions): Promise<DiffOutcome> {
  const cwd = options.cwd ?? process.cwd();
  try {
    if ((options.old === undefined) === (options.base === undefined)) {
      return { ok: false, errors: [diagnostic("error", "APIGEN_USAGE", "give either the old spec or a git revision (base), not both or neither")] };
    }
    const { diffSpecs, specAtRevision } = diffModule();
    const oldInput = options.base !== undefined ? specAtRevision(options.base, options.new, cwd) : { path: options.old as string };
    const { report, timings } = await diffSpecs(oldInput, { path: options.new }, cwd, options.typecheck === false ? { typecheck: false } : {});
    return { ok: true, report, timings };
  } catch (error) {
    if (error instanceof GeneratorError) return { ok: false, errors: [...error.diagnostics] };
    throw error;
  }
}

async function runTarget(options: GenerateOptions, checkOnly: boolean): Promise<GenerateOutcome> {
  const { onStage, cwd: given, ...target } = options;
  const cwd = given ?? process.cwd();
  const base = { spec: resolve(cwd, options.spec), out: resolve(cwd, options.out) };
  try {
    // The target's options are the pipeline's options: one table (config/options.ts) names them all.
    const result = await runPipeline({ ...target, cwd, check: checkOnly }, onStage ? { stage: onStage } : {});
    const outOfDate = checkOnly && hasDrift(result.drift);
    const errors = outOfDate
      ? [diagnostic("error", "APIGEN_DRIFT", "the output folder is not what the spec generates now", { file: result.outDisplayPath }, "run `apigen generate` and commit the result")]
      : [];
    return { ...base, ok: !outOfDate, files: result.files.map((f) => f.path), inputs: result.inputs, changes: result.drift, unchanged: result.unchanged, warnings: result.warnings, errors, timings: result.timings, ...(result.surfaceChange !== undefined ? { surfaceChange: result.surfaceChange } : {}) };
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    return failedOutcome(base.spec, base.out, [...error.diagnostics]);
  }
}

/** The outcome of a run that stopped before it could write anything. */
export function failedOutcome(spec: string, out: string, errors: Diagnostic[]): GenerateOutcome {
  return { ok: false, spec, out, files: [], inputs: [spec], changes: NO_CHANGES, unchanged: false, warnings: [], errors, timings: NO_TIMINGS };
}

/** `apigen diff` and its stages (the model, the renderer, the type checker), loaded only when a diff is asked for. */
function diffModule(): typeof import("./diff") {
  return require("./diff") as typeof import("./diff");
}
