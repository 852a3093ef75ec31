// `apigen diff OLD NEW` and `apigen diff --base <rev> [SPEC]`: the report on stdout, diagnostics on stderr; exit 1
// when the report meets --fail-on (default: breaking) or on an error, 0 otherwise.
import { diff, fails, formatReport, loadConfig, type DiffFormat, type FailOn } from "../api";
import { formatDiagnostic } from "../diagnostics";
import { MARKDOWN_MAX_BYTES } from "../diff/format";
import type { Io } from "./main";
import { unknownName } from "./unknown-name";

const FORMATS: readonly DiffFormat[] = ["text", "markdown", "json"];
const FAIL_ON: readonly FailOn[] = ["breaking", "warning", "never"];
const DIFF_FLAGS = ["--base", "--config", "--format", "--fail-on", "--max-bytes", "--verbose", "--help"];

export async function diffCommand(args: string[], io: Io, cwd: string, usageError: (io: Io, message: string) => number): Promise<number> {
  const positional: string[] = [];
  let base: string | undefined, config: string | undefined, format: DiffFormat = "text", failOn: FailOn = "breaking", verbose = false, maxBytes: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (name) {
      case "--base": base = value(); if (!base) return usageError(io, "--base needs a git revision"); break;
      case "--config": config = value(); if (!config) return usageError(io, "--config needs a value"); break;
      case "--format": {
        const v = value();
        if (!FORMATS.includes(v as DiffFormat)) return usageError(io, `--format takes ${FORMATS.join(", ")}, not ${JSON.stringify(v ?? "")}`);
        format = v as DiffFormat;
        break;
      }
      case "--fail-on": {
        const v = value();
        if (!FAIL_ON.includes(v as FailOn)) return usageError(io, `--fail-on takes ${FAIL_ON.join(", ")}, not ${JSON.stringify(v ?? "")}`);
        failOn = v as FailOn;
        break;
      }
      case "--max-bytes": {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v)) return usageError(io, `--max-bytes takes a number of bytes (0 for no cap), not ${JSON.stringify(v ?? "")}`);
        maxBytes = Number(v);
        break;
      }
      case "--verbose": verbose = true; break;
      default:
        if (arg.startsWith("-")) return usageError(io, unknownName("option", name, DIFF_FLAGS, " for diff"));
        positional.push(arg);
    }
  }
  if (maxBytes !== undefined && format !== "markdown") return usageError(io, "--max-bytes goes with --format markdown (text and JSON are never cut)");
  let pairs: { old?: string; base?: string; new: string }[];
  if (base === undefined) {
    if (positional.length !== 2) return usageError(io, "diff needs two specs (OLD NEW), or --base <git-rev> [SPEC]");
    if (config !== undefined) return usageError(io, "--config goes with --base only");
    pairs = [{ old: positional[0] as string, new: positional[1] as string }];
  } else if (positional.length === 1) {
    pairs = [{ base, new: positional[0] as string }];
  } else if (positional.length === 0) {
    // No spec named: every target of the config file, each against its own spec at the revision.
    const loaded = await loadConfig({ cwd, ...(config !== undefined ? { file: config } : {}) });
    if (!loaded.ok) { for (const e of loaded.errors) io.stderr(formatDiagnostic(e) + "\n"); return 1; }
    if (!loaded.config) return usageError(io, "--base needs a SPEC, or an apigen.config.json / apigen.config.mjs here");
    pairs = [...new Set(loaded.config.targets.map((t) => t.spec))].map((spec) => ({ base, new: spec }));
  } else return usageError(io, "--base takes at most one SPEC");

  let code = 0;
  const reports: string[] = [];
  const json: unknown[] = [];
  for (const pair of pairs) {
    const outcome = await diff({ ...pair, cwd });
    if (!outcome.ok) {
      for (const e of outcome.errors) io.stderr(formatDiagnostic(e) + "\n");
      code = 1;
      continue;
    }
    if (verbose) io.stderr(`apigen: diff load ${outcome.timings.load} ms, compare ${outcome.timings.compare} ms, typecheck ${outcome.timings.typecheck} ms\n`);
    if (format === "json") json.push(outcome.report);
    // Several specs share one comment: each gets its part of the cap.
    else reports.push(formatReport(outcome.report, format, { maxBytes: Math.floor((maxBytes ?? MARKDOWN_MAX_BYTES) / pairs.length) }));
    if (fails(outcome.report, failOn)) code = 1;
  }
  if (format === "json") {
    // One report is one object; the config file's targets are always an array (one per spec), even a single one.
    const fromConfig = base !== undefined && positional.length === 0;
    if (json.length > 0) io.stdout(JSON.stringify(fromConfig ? json : json[0], null, 2) + "\n");
  } else io.stdout(reports.join("\n"));
  return code;
}
