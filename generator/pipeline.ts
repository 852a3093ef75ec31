// The whole run, top to bottom: load → model → render → write. Each stage is a function of the previous one's
// output; only load and write touch the disk.
import { basename } from "node:path";
import { resolveContext, type GeneratorOptions } from "./context";
import type { Diagnostic } from "./diagnostics";
import { loadSpec } from "./load";
import { buildModel } from "./model";
import { renderFiles, type FileHeaderFacts, type RenderedFile } from "./render";
import { compareWithDisk, formatFiles, writeAtomically, type Drift } from "./write";

export interface GenerateResult {
  /** The files as written (or as they would be written, with `check`). */
  files: RenderedFile[];
  /** What differs from the output folder as it was before the run. */
  drift: Drift;
  warnings: Diagnostic[];
  /** Milliseconds per stage. */
  timings: Record<"load" | "model" | "render" | "write", number>;
  outDisplayPath: string;
}

export async function generate(options: GeneratorOptions): Promise<GenerateResult> {
  const ctx = resolveContext(options);
  const clock = stopwatch();

  const spec = await loadSpec(ctx);
  const load = clock();

  const { model, warnings } = buildModel(spec);
  const modelTime = clock();

  const facts: FileHeaderFacts = {
    generatorName: ctx.generatorName,
    generatorVersion: ctx.generatorVersion,
    specFile: basename(ctx.specPath),
    specSha256: spec.source.sha256,
  };
  const rendered = await renderFiles(model, spec, facts);
  const render = clock();

  const files = await formatFiles(rendered, facts);
  const drift = ctx.check ? compareWithDisk(ctx.outDir, ctx.outDisplayPath, files) : writeAtomically(ctx.outDir, ctx.outDisplayPath, files);
  const write = clock();

  return { files, drift, warnings, timings: { load, model: modelTime, render, write }, outDisplayPath: ctx.outDisplayPath };
}

/** Each call returns the milliseconds since the previous one. */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
}
