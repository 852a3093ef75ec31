// The one-line surface summary `apigen generate` prints when the spec changed since the last run ("2 operations
// added, 1 breaking change: run apigen diff"). Cheap by design: spec-level rules only (no TypeScript checker, no
// ts-morph), the previous spec re-read from the cache without validation (it was valid when it was recorded), and
// no source positions.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { GeneratorContext } from "../context";
import { cacheFile } from "../incremental";
import { loadSpec, type LoadedSpec } from "../load";
import { buildModel } from "../model";
import type { ApiModel } from "../model/types";
import { compareModels } from "./compare";

const SUMMARY_MAX_BYTES = 512 * 1024;

/**
 * The summary against the spec of the last recorded run for this output folder (undefined when there is none, or
 * it is the same); a changed spec then becomes the next run's "previous" (not with --check, which changes nothing,
 * nor with --allow-network, whose runs the cache does not record).
 */
export async function surfaceSummary(ctx: GeneratorContext, spec: LoadedSpec, model: ApiModel): Promise<string | undefined> {
  if (ctx.cacheDir === undefined) return undefined;
  const file = cacheFile(ctx.cacheDir, ctx.outDir, "spec");
  const previous = readIfPossible(file);
  if (previous === spec.source.text) return undefined;
  if (!ctx.check && !ctx.allowNetwork) record(ctx.cacheDir, file, spec.source.text);
  if (previous === undefined) return undefined;
  // Re-reading and modelling the previous spec costs about as much as the run itself on the 3 MB Atlas spec: past
  // this size the line only says that the surface may have changed.
  if (previous.length > SUMMARY_MAX_BYTES) return "the spec changed since the last run: run apigen diff for what it breaks";
  try {
    const oldSpec = await loadSpec({ ...ctx }, { text: previous, validate: false });
    const old = { name: "old" as const, display: ctx.specDisplayPath, spec: oldSpec, model: buildModel(oldSpec).model };
    const changes = compareModels(old, { name: "new", display: ctx.specDisplayPath, spec, model }, { locate: false });
    const count = (code: string) => changes.filter((c) => c.code === code).length;
    const breaking = changes.filter((c) => c.class === "breaking").length;
    const parts = [
      ...(count("operation-added") > 0 ? [plural(count("operation-added"), "operation") + " added"] : []),
      ...(count("operation-removed") > 0 ? [plural(count("operation-removed"), "operation") + " removed"] : []),
      plural(breaking, "breaking change"),
      plural(changes.filter((c) => c.class === "warning").length, "warning"),
    ];
    return `surface since the last run: ${parts.join(", ")}${changes.length > 0 ? ": run apigen diff for details" : ""}`;
  } catch {
    return undefined; // the previous spec no longer loads (a $ref'd file changed, a newer apigen): no summary
  }
}

function readIfPossible(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps this run's spec text as the next run's "previous" (best effort, like the rest of the cache). */
function record(cacheDir: string, file: string, text: string): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next run its summary.
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
