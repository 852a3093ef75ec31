// The command line: `apigen generate --spec <file> --out <dir> [--check]`. Errors are printed as diagnostics
// (file:line:column, message, hint) with exit code 1 and no stack trace, unless --debug asks for one.
import { GENERATOR_VERSION } from "../context";
import { formatDiagnostic, GeneratorError, type Diagnostic } from "../diagnostics";
import { generate } from "../pipeline";
import { hasDrift, type Drift } from "../write";

const HELP = `apigen ${GENERATOR_VERSION} — OpenAPI 3.x to a typed, validated TypeScript client

Usage:
  apigen generate --spec <file> --out <dir> [options]

Options:
  --spec <file>      OpenAPI 3.0/3.1 document, YAML or JSON (required)
  --out <dir>        output folder; apigen owns it and replaces it as a whole (required)
  --check            write nothing; exit 1 and name the files that would change (for CI)
  --allow-network    allow $refs to http(s) URLs (off: generation never depends on the network)
  --no-cache         always regenerate (by default an unchanged spec and generator is a no-op;
                     records live in node_modules/.cache/apigen or $APIGEN_CACHE_DIR)
  --strict-spec      refuse what apigen would accept with a warning and normalise (docs/spec-policy.md)
  --prettier         format the output with prettier (slower; the default layout is already final)
  --verbose          print stage timings and counts on stderr (also when stderr is a terminal)
  --quiet            print only errors
  --debug            print stack traces of unexpected errors
  -h, --help         show this help
  -v, --version      print the version

Exit codes: 0 success (or no drift with --check), 1 error or drift.

Example:
  apigen generate --spec spec/atlas-restore-job.yaml --out generated/atlas-restore-job
`;

interface Io {
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

type Flags = { spec?: string; out?: string; check: boolean; allowNetwork: boolean; prettier: boolean; strictSpec?: boolean; cache: boolean; verbose: boolean; quiet: boolean; debug: boolean };

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
  if (command !== "generate") return usageError(io, `unknown command "${command}"`);
  const parsed = parseFlags(rest);
  if (typeof parsed === "string") return usageError(io, parsed);
  if (!parsed.spec) return usageError(io, "missing --spec <file>");
  if (!parsed.out) return usageError(io, "missing --out <dir>");

  try {
    const showProgress = !parsed.quiet && (parsed.verbose || io.stderrIsTerminal === true);
    const progress = showProgress ? { stage: (stage: string, ms: number, detail: string) => io.stderr(`apigen: ${stage.padEnd(6)} ${String(ms).padStart(6)} ms  ${detail}\n`) } : {};
    const result = await generate({ spec: parsed.spec, out: parsed.out, check: parsed.check, allowNetwork: parsed.allowNetwork, prettier: parsed.prettier, strictSpec: parsed.strictSpec === true, cache: parsed.cache, cwd }, progress);
    if (!parsed.quiet) {
      for (const line of warningLines(result.warnings, parsed.verbose)) io.stderr(line + "\n");
      if (result.warnings.length > 1) io.stderr(`apigen: ${warningSummary(result.warnings)}\n`);
    }
    if (showProgress) {
      const t = result.timings;
      io.stderr(`apigen: load ${t.load} ms, model ${t.model} ms, render ${t.render} ms, write ${t.write} ms; ${result.files.length} files, ${result.warnings.length} warnings\n`);
    }
    return report(result.drift, result.outDisplayPath, parsed, io);
  } catch (error) {
    if (error instanceof GeneratorError) {
      for (const d of error.diagnostics) io.stderr(formatDiagnostic(d) + "\n");
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`error APIGEN_INTERNAL: ${message}\n  hint: this is a bug in apigen; run again with --debug and report the output\n`);
    if (parsed.debug && error instanceof Error && error.stack) io.stderr(error.stack + "\n");
    return 1;
  }
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
  return `${warnings.length} warnings: ${counts.join(", ")}`;
}

function report(drift: Drift, out: string, flags: Flags, io: Io): number {
  const lines = [
    ...drift.changed.map((f) => `  changed  ${out}/${f}`),
    ...drift.restamped.map((f) => `  header   ${out}/${f} (only the spec hash or generator version in its header)`),
    ...drift.added.map((f) => `  added    ${out}/${f}`),
    ...drift.removed.map((f) => `  removed  ${out}/${f}`),
  ];
  if (flags.check) {
    if (!hasDrift(drift)) {
      if (!flags.quiet) io.stdout(`apigen: ${out} is up to date\n`);
      return 0;
    }
    io.stderr(`apigen: ${out} is out of date; these files would change:\n${lines.join("\n")}\n  hint: run \`apigen generate\` without --check and commit the result\n`);
    return 1;
  }
  if (!flags.quiet) io.stdout(hasDrift(drift) ? `apigen: wrote ${out}\n${lines.join("\n")}\n` : `apigen: ${out} is up to date\n`);
  return 0;
}

function parseFlags(args: string[]): Flags | string {
  const flags: Flags = { check: false, allowNetwork: false, prettier: false, cache: true, verbose: false, quiet: false, debug: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    switch (name) {
      case "--spec":
      case "--out": {
        const value = inline ?? args[++i];
        if (value === undefined || value === "") return `${name} needs a value`;
        flags[name === "--spec" ? "spec" : "out"] = value;
        break;
      }
      case "--check":
        flags.check = true;
        break;
      case "--allow-network":
        flags.allowNetwork = true;
        break;
      case "--no-cache":
        flags.cache = false;
        break;
      case "--strict-spec":
        flags.strictSpec = true;
        break;
      case "--prettier":
        flags.prettier = true;
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
        return `unknown option "${arg}"`;
    }
  }
  return flags;
}

function usageError(io: Io, message: string): number {
  io.stderr(`error APIGEN_USAGE: ${message}\n  hint: run \`apigen --help\` for usage\n`);
  return 1;
}
