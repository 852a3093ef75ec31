// The two sides of a diff: each spec loaded and modelled exactly as `apigen generate` would (same load stage, same
// model), so the comparison sees the surface the generated client has. A bad spec on either side is refused with
// the load/model diagnostics, each message saying which side it came from.
import { execFileSync } from "node:child_process";
import { basename, dirname, resolve } from "node:path";
import { resolveContext } from "../context";
import { diagnostic, GeneratorError, type Diagnostic } from "../diagnostics";
import { loadSpec, type LoadedSpec } from "../load";
import { buildModel } from "../model";
import type { ApiModel } from "../model/types";

export type SideName = "old" | "new";

export interface Side {
  name: SideName;
  /** How reports name this side's file: a path, or `<rev>:<path>` for a git revision. */
  display: string;
  spec: LoadedSpec;
  model: ApiModel;
}

export interface SideInput {
  /** Path of the spec (relative to cwd); with `text`, where $refs resolve from. */
  path: string;
  /** The spec's text when it does not come from `path` on disk (a git revision). */
  text?: string;
  /** Display name instead of the path (e.g. `origin/main:spec/api.yaml`). */
  display?: string;
}

export async function loadSide(name: SideName, input: SideInput, cwd: string, allowNetwork = false): Promise<Side> {
  const ctx = resolveContext({ spec: input.path, out: ".", cwd, allowNetwork, cache: false });
  if (input.display !== undefined) ctx.specDisplayPath = input.display;
  try {
    const spec = await loadSpec(ctx, input.text !== undefined ? { text: input.text } : {});
    const { model } = buildModel(spec);
    return { name, display: ctx.specDisplayPath, spec, model };
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    throw new GeneratorError(error.diagnostics.map((d) => onSide(name, d)));
  }
}

/** The diagnostic with its side named first in the message: `old spec: …`. */
function onSide(name: SideName, d: Diagnostic): Diagnostic {
  // The load stage's hint for an unreadable file speaks of generate's --spec; diff takes its specs as arguments.
  const hint = d.code === "APIGEN_LOAD_READ" ? `check the path given as ${name === "old" ? "OLD_SPEC" : "NEW_SPEC (SPEC with --base)"}: \`apigen diff OLD_SPEC NEW_SPEC\` compares two OpenAPI 3.x YAML or JSON files` : d.hint;
  return { ...d, message: `${name} spec: ${d.message}`, ...(hint !== undefined ? { hint } : {}) };
}

/** The spec's text at a git revision (`git show <rev>:./<file>` from the spec's folder, so any cwd works). */
export function specAtRevision(rev: string, specPath: string, cwd: string): SideInput {
  const absolute = resolve(cwd, specPath);
  const display = `${rev}:${specPath}`;
  if (rev.startsWith("-")) throw new GeneratorError([diagnostic("error", "APIGEN_USAGE", `--base needs a git revision, not "${rev}"`)]);
  try {
    const text = execFileSync("git", ["show", `${rev}:./${basename(absolute)}`], { cwd: dirname(absolute), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
    return { path: specPath, text, display };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split("\n")[0] ?? String(error);
    throw new GeneratorError([diagnostic("error", "APIGEN_DIFF_BASE", `old spec: cannot read ${display} from git: ${stderr}`, { file: display },
      "check the revision (git fetch it first in a shallow CI clone) and that the spec existed there")]);
  }
}
