// The command line: `apigen generate` for every target of a config file, or `--spec/--out` for one. Errors are
// printed as diagnostics (file:line:column, message, hint) with exit code 1 and no stack trace, unless --debug asks
// for one. The option flags come from the config option table, so each has a config key.
import { failedOutcome, fromResolved, generate, check, loadConfig, type GenerateOutcome, type TargetOptions } from "../api";
import { resolveTarget } from "../config/load";
import { internalErrorText } from "./internal-error";
import { unknownName } from "./unknown-name";
import { OPTION_SPECS, OUTPUT_NAMES, outputsProblem, WARNING_CODE, withSdk, type OutputName } from "../config/options";
import { displayPath, GENERATOR_VERSION } from "../context";
import { formatDiagnostic, type Diagnostic } from "../diagnostics";
import { hasDrift, MANIFEST_FILE, type Drift } from "../write";
import { watch } from "./watch";
import { diffCommand } from "./diff";

const OPTION_LINES = OPTION_SPECS.map((o) => `  ${`${o.flag}${o.argument ? ` ${o.argument}` : ""}`.padEnd(26)} ${o.help}  [config: ${o.key}]`).join("\n");

const HELP = `apigen ${GENERATOR_VERSION} — OpenAPI 3.x to a typed, validated TypeScript client

Usage:
  apigen generate [--config <file>] [--check | --watch] [options]   every target of the config file
  apigen generate --spec <file> --out <dir> [--check | --watch] [options]
  apigen diff OLD_SPEC NEW_SPEC [--format text|markdown|json] [--fail-on breaking|warning|never]
             [--max-bytes N]                                        cap the Markdown (default 60000: fits a GitHub comment; 0: none)
  apigen diff --base <git-rev> [SPEC] [...]                          SPEC as of a git revision (default: the config's specs)

The config file is apigen.config.json or apigen.config.mjs in the working folder, or --config <file>:
  { "targets": [ { "spec": "api.yaml", "out": "src/api" } ] }
Options given here apply to every target and win over the config file.

Options:
${OPTION_LINES}

Modes and output:
  --config <file>            the config file to use (default: apigen.config.json or .mjs here)
  --check                    write nothing; exit 1 and name the files that would change (for CI)
  --watch                    regenerate when a spec, a file it references, the config or a template changes
  --verbose                  print every warning, stage timings and counts on stderr
  --quiet                    print only errors
  --debug                    print stack traces of unexpected errors
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 success (or no drift with --check), 1 error or drift; diff: 1 when --fail-on is met (default: breaking).

Example:
  apigen generate --spec spec/atlas-restore-job.yaml --out generated/atlas-restore-job
`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress goes to a terminal unasked; to a pipe or file only with --verbose. */
  stderrIsTerminal?: boolean;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
};

interface Flags {
  options: Partial<TargetOptions>;
  config?: string;
  check: boolean;
  watch: boolean;
  verbose: boolean;
  quiet: boolean;
  debug: boolean;
}

export async function main(argv: string[], io: Io = defaultIo, cwd: string = process.cwd()): Promise<number> {
  if (argv.includes("-h") || argv.includes("--help") || argv.length === 0) {
    io.stdout(HELP);
    return argv.length === 0 ? 1 : 0;
  }
  if (argv.includes("-v") || argv.includes("--version")) {
    io.stdout(`${GENERATOR_VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === "diff") return diffCommand(rest, io, cwd, usageError);
  if (command !== "generate") return usageError(io, unknownName("command", command as string, COMMANDS));
  const flags = parseFlags(rest);
  if (typeof flags === "string") return usageError(io, flags);
  if (flags.check && flags.watch) return usageError(io, "--check and --watch do not go together");

  const planned = await planTargets(flags, cwd);
  if ("usage" in planned) return usageError(io, planned.usage);
  if ("errors" in planned && !flags.watch) return printErrors(io, planned.errors);

  const runAll = async (targets: TargetOptions[]): Promise<{ code: number; outcomes: GenerateOutcome[] }> => {
    const outcomes: GenerateOutcome[] = [];
    let code = 0;
    for (const target of targets) {
      const outcome = await runOne(target, flags, io, cwd);
      outcomes.push(outcome);
      if (!outcome.ok) code = 1;
    }
    return { code, outcomes };
  };
  if (flags.watch) {
    return watch({ plan: () => planTargets(flags, cwd), run: runAll, io, configFile: "config" in planned ? planned.config : undefined });
  }
  return (await runAll((planned as { targets: TargetOptions[] }).targets)).code;
}

export type Plan = { targets: TargetOptions[]; config: string | undefined } | { errors: Diagnostic[]; config: string | undefined } | { usage: string };

/** The targets to run: the flags' one, or the config file's with the flags laid over each. */
async function planTargets(flags: Flags, cwd: string): Promise<Plan> {
  const { spec, out } = flags.options;
  if (spec !== undefined || out !== undefined) {
    if (flags.config !== undefined) return { usage: "give either --config or --spec/--out, not both" };
    if (spec === undefined) return { usage: "missing --spec <file>" };
    if (out === undefined) return { usage: "missing --out <dir>" };
    return { targets: [fromResolved(resolveTarget({ ...flags.options, spec, out }, cwd))], config: undefined };
  }
  const loaded = await loadConfig({ cwd, ...(flags.config !== undefined ? { file: flags.config } : {}) });
  if (!loaded.ok) return { errors: loaded.errors, config: flags.config };
  if (!loaded.config) return { usage: "missing --spec <file> and --out <dir>, and there is no apigen.config.json or apigen.config.mjs here" };
  const overrides = fromFlags(flags.options, cwd);
  const targets = loaded.config.targets.map((t) => {
    const target = { ...fromResolved(t), ...overrides };
    const ignored = [...(t.ignoreWarnings ?? []), ...(flags.options.ignoreWarnings ?? [])];
    return { ...target, ignoreWarnings: [...new Set(ignored)].sort() };
  });
  return { targets, config: loaded.config.file };
}

/** Option flags given with a config file, paths made absolute against the working folder. */
function fromFlags(options: Partial<TargetOptions>, cwd: string): Partial<TargetOptions> {
  const { templates, ...rest } = options;
  return templates === undefined ? rest : { ...rest, templates: resolveTarget({ spec: ".", out: ".", templates }, cwd).templates as string };
}

async function runOne(target: TargetOptions, flags: Flags, io: Io, cwd: string): Promise<GenerateOutcome> {
  const showProgress = !flags.quiet && (flags.verbose || io.stderrIsTerminal === true);
  const onStage = showProgress ? (stage: string, ms: number, detail: string) => io.stderr(`apigen: ${stage.padEnd(6)} ${String(ms).padStart(6)} ms  ${detail}\n`) : undefined;
  const options = { ...target, cwd, ...(onStage ? { onStage } : {}) };
  let outcome: GenerateOutcome;
  try {
    outcome = await (flags.check ? check(options) : generate(options));
  } catch (error) {
    // Only a bug in apigen gets here: bad input comes back as diagnostics.
    io.stderr(internalErrorText(error));
    if (flags.debug && error instanceof Error && error.stack) io.stderr(error.stack + "\n");
    return failedOutcome(target.spec, target.out, []);
  }
  const out = displayPath(cwd, outcome.out);
  if (outcome.errors.length > 0 && !outcome.errors.every((e) => e.code === "APIGEN_DRIFT")) {
    printErrors(io, outcome.errors);
    return outcome;
  }
  if (outcome.unchanged && !flags.verbose) {
    // A no-op says so in one line, whatever the spec's warnings (they were printed when the output was made).
    if (!flags.quiet) io.stdout(`apigen: ${out} is up to date (unchanged since the last run${outcome.warnings.length > 0 ? `; ${plural(outcome.warnings.length, "warning")}, --verbose lists them` : ""})\n`);
    return outcome;
  }
  if (!flags.quiet) {
    for (const line of warningLines(outcome.warnings, flags.verbose)) io.stderr(line + "\n");
    if (outcome.warnings.length > 1) io.stderr(`apigen: ${warningSummary(outcome.warnings)}\n`);
  }
  if (showProgress) {
    const t = outcome.timings;
    io.stderr(`apigen: load ${t.load} ms, model ${t.model} ms, render ${t.render} ms, write ${t.write} ms; ${outcome.files.length} files, ${plural(outcome.warnings.length, "warning")}\n`);
  }
  report(outcome.changes, out, flags, io);
  if (outcome.surfaceChange !== undefined && !flags.quiet) io.stdout(`apigen: ${outcome.surfaceChange}\n`);
  return outcome;
}

function printErrors(io: Io, errors: readonly Diagnostic[]): number {
  for (const d of errors) io.stderr(formatDiagnostic(d) + "\n");
  return 1;
}

/** Large specs can repeat one warning hundreds of times: the first few of each code, then a count (all with --verbose). */
const WARNINGS_PER_CODE = 10;

function warningLines(warnings: readonly Diagnostic[], all: boolean): string[] {
  const shown = new Map<string, number>();
  const lines: string[] = [];
  for (const w of warnings) {
    const n = (shown.get(w.code) ?? 0) + 1;
    shown.set(w.code, n);
    if (all || n <= WARNINGS_PER_CODE) lines.push(formatDiagnostic(w));
  }
  for (const [code, n] of shown) {
    if (!all && n > WARNINGS_PER_CODE) lines.push(`apigen: … and ${n - WARNINGS_PER_CODE} more ${code} warnings (--verbose prints them all)`);
  }
  return lines;
}

/** `92 warnings: 37 APIGEN_SCHEMA_PATTERN_LEGACY, …`, most frequent first: the shape of a long list at a glance. */
function warningSummary(warnings: readonly Diagnostic[]): string {
  const byCode = new Map<string, number>();
  for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  const counts = [...byCode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, n]) => `${n} ${code}`);
  return `${warnings.length} warnings: ${counts.join(", ")} (silence a code with --ignore-warning CODE or ignoreWarnings)`;
}

/** A first run writes hundreds of files: the default output counts them; --verbose (and --check, up to a point) names them. */
const FILES_LISTED_BY_CHECK = 10;

function report(drift: Drift, out: string, flags: Flags, io: Io): void {
  const lines = [
    ...drift.changed.map((f) => `  changed  ${out}/${f}`),
    ...drift.added.map((f) => `  added    ${out}/${f}`),
    ...drift.removed.map((f) => `  removed  ${out}/${f}`),
    ...(drift.manifest ? [`  manifest ${out}/${MANIFEST_FILE}${manifestNote(drift)}`] : []),
  ];
  if (!hasDrift(drift)) {
    if (!flags.quiet) io.stdout(`apigen: ${out} is up to date\n`);
    return;
  }
  if (flags.check) {
    // CI logs want the names, but not hundreds of them.
    const shown = flags.verbose ? lines : lines.slice(0, FILES_LISTED_BY_CHECK);
    const more = lines.length - shown.length;
    io.stderr(`apigen: ${out} is out of date; these files would change:\n${shown.join("\n")}\n${more > 0 ? `  … and ${more} more (--verbose lists them all)\n` : ""}  hint: run \`apigen generate\` without --check and commit the result\n`);
    return;
  }
  if (flags.quiet) return;
  const files = drift.added.length + drift.changed.length + drift.removed.length;
  io.stdout(`apigen: wrote ${out}: ${driftCounts(drift)}${flags.verbose ? `\n${lines.join("\n")}` : files > 0 ? "; --verbose lists them" : ""}\n`);
}

/** `556 added, 2 changed` or, when only the manifest changed, why it did. */
function driftCounts(drift: Drift): string {
  const counts = [[drift.added.length, "added"], [drift.changed.length, "changed"], [drift.removed.length, "removed"]] as const;
  const parts = counts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  if (parts.length === 0) return `only ${MANIFEST_FILE}${drift.manifest?.length ? ` (${drift.manifest.join(", ")}; the code is unchanged)` : ""}`;
  return `${plural(drift.added.length + drift.changed.length + drift.removed.length, "file")} (${parts.join(", ")})`;
}

/** Why the manifest changes; when nothing else does, say so: the code is the same, only its recorded origin is not. */
function manifestNote(drift: Drift): string {
  const what = drift.manifest?.join(", ") ?? "";
  const onlyManifest = drift.changed.length + drift.added.length + drift.removed.length === 0;
  if (!onlyManifest) return what ? ` (${what})` : "";
  return ` (${what || "its text"}; the code is unchanged: only the manifest differs)`;
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { options: {}, check: false, watch: false, verbose: false, quiet: false, debug: false };
  const options = flags.options as Record<string, unknown>;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const option = OPTION_SPECS.find((o) => o.flag === name);
    if (option) {
      if (option.kind === "boolean") {
        if (inline !== undefined) return `${name} takes no value`;
        options[option.key] = option.flagValue;
        continue;
      }
      const value = inline ?? args[++i];
      if (value === undefined || value === "") return `${name} needs a value`;
      if (option.kind === "outputs") {
        const outputs = value.split(",").map((v) => v.trim());
        const problem = outputsProblem(outputs);
        if (problem !== undefined) {
          // Only "sdk" missing: name the exact fix, in flag form.
          const fix = outputs.every(isOutputName) && !outputs.includes("sdk") ? withSdk(outputs).join(",") : "sdk,cli,docs";
          return `${name} ${problem.replace(/; write .*$/, "")} (e.g. ${name} ${fix})`;
        }
        options[option.key] = outputs;
      } else if (option.kind === "string[]") {
        if (!WARNING_CODE.test(value)) return `${name} needs a warning code such as APIGEN_SCHEMA_PATTERN_LEGACY, not "${value}"`;
        options[option.key] = [...((options[option.key] as string[] | undefined) ?? []), value];
      } else {
        if (option.key === "cliPrefix" && !/^[A-Z][A-Z0-9_]*$/.test(value)) return `${name} needs upper-case letters, digits and _ (an environment variable prefix), not "${value}"`;
        options[option.key] = value;
      }
      continue;
    }
    switch (name) {
      case "--config": {
        const value = inline ?? args[++i];
        if (value === undefined || value === "") return `${name} needs a value`;
        flags.config = value;
        break;
      }
      case "--check":
        flags.check = true;
        break;
      case "--watch":
        flags.watch = true;
        break;
      case "--verbose":
        flags.verbose = true;
        break;
      case "--quiet":
        flags.quiet = true;
        break;
      case "--debug":
        flags.debug = true;
        break;
      default:
        return unknownName("option", name, GENERATE_FLAGS);
    }
  }
  return flags;
}

const COMMANDS = ["generate", "diff"];
const GENERATE_FLAGS = [...OPTION_SPECS.map((o) => o.flag), "--config", "--check", "--watch", "--verbose", "--quiet", "--debug", "--help", "--version"];

function usageError(io: Io, message: string): number {
  io.stderr(`error APIGEN_USAGE: ${message}\n  hint: run \`apigen --help\` for usage\n`);
  return 1;
}

function isOutputName(value: string): value is OutputName {
  return (OUTPUT_NAMES as readonly string[]).includes(value);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
