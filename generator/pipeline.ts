// The whole run, top to bottom: load → model → render → write. Each stage is a function of the previous one's
// output; only load and write touch the disk. openapi.ts (openapi-typescript, which needs the TypeScript compiler)
// is rendered on a worker thread while this one models and renders the rest; worker/index.ts decides all of that.
// The docs are rendered before the code: the write stage opens the output folder then, and the thread pool creates
// the docs' files while this thread renders the code (write/files.ts, OutputFolder.createAhead).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { resolveContext, type GeneratorContext, type GeneratorOptions } from "./context";
import type { Diagnostic } from "./diagnostics";
import type { FileHeaderFacts, RenderedFile } from "./render";
import { incremental, type RunCounts } from "./incremental";
import type { Drift, OutputFolder } from "./write";

export type Stage = "load" | "model" | "render" | "write";

export interface GenerateResult {
  /** The files as written (or as they would be written, with `check`). */
  files: RenderedFile[];
  /** What differs from the output folder as it was before the run. */
  drift: Drift;
  warnings: Diagnostic[];
  /** Milliseconds per stage, as seen by the main thread (waiting for the worker counts where it happens). */
  timings: Record<Stage, number>;
  /** What the run handled, for progress output. */
  counts: RunCounts;
  /** The spec and every file it references (absolute): what a watcher watches. */
  inputs: string[];
  /** True when the incremental check found nothing to do (see incremental.ts). */
  unchanged: boolean;
  outDisplayPath: string;
  /** When the spec changed since the last run here: one line on the change of the generated surface (spec rules only). */
  surfaceChange?: string;
}

export interface Progress {
  /** Called when a stage ends. */
  stage?: (stage: Stage, milliseconds: number, detail: string) => void;
}

export async function generate(options: GeneratorOptions, progress: Progress = {}): Promise<GenerateResult> {
  const ctx = resolveContext(options);
  const clock = stopwatch();
  const specText = readIfPossible(ctx.specPath); // unreadable: the load stage reports it
  const cache = specText === undefined ? undefined : incremental(ctx, specText);
  const recorded = cache?.upToDate();
  if (recorded) {
    const timings = { load: clock(), model: 0, render: 0, write: 0 };
    progress.stage?.("load", timings.load, "unchanged since the last run: nothing to do");
    const drift = { changed: [], added: [], removed: [] };
    return { ...recorded, inputs: [ctx.specPath, ...(recorded.referencedFiles ?? [])], warnings: kept(recorded.warnings, ctx), drift, timings, unchanged: true, outDisplayPath: ctx.outDisplayPath };
  }
  // The stages are loaded only now: an unchanged spec (above) never pays for the parsers, Handlebars or the worker.
  const { loadSpec } = require("./load") as typeof import("./load");
  const { buildModel } = require("./model") as typeof import("./model");
  const { inPathOrder, openapiTypesFile, renderCode, renderDocs, templateSet } = require("./render") as typeof import("./render");
  const { startTypeScriptJobs } = require("./worker") as typeof import("./worker");
  const { hasDrift, openOutputFolder, writeOutput } = require("./write") as typeof import("./write");
  const { surfaceSummary } = require("./diff/surface-summary") as typeof import("./diff/surface-summary");
  const jobs = startTypeScriptJobs({ specBytes: specText?.length ?? 0, syntaxGate: ctx.verify });
  let folder: OutputFolder | undefined;
  try {
    const spec = await loadSpec(ctx, specText !== undefined ? { text: specText } : {});
    const load = clock();
    progress.stage?.("load", load, `${Math.round(spec.source.text.length / 1024)} KiB, OpenAPI ${spec.openapiVersion}`);

    // openapi.ts starts now, on the worker, overlapping model and render (in process: when it is awaited below).
    const openapiTypes = jobs.renderOpenApiTypes(spec, ctx.specDisplayPath);

    const { model, warnings } = buildModel(spec);
    const modelTime = clock();
    const operations = model.tags.reduce((n, t) => n + t.operations.length, 0);
    progress.stage?.("model", modelTime, `${operations} operations, ${model.schemas.length} schemas, ${warnings.length} warnings`);

    const facts: FileHeaderFacts = {
      generatorName: ctx.generatorName,
      generatorVersion: ctx.generatorVersion,
      specFile: basename(ctx.specPath),
      specSha256: spec.source.sha256,
    };
    const templates = templateSet(ctx.templatesDir, ctx.templatesDisplayPath);
    const renderOptions = { outputs: ctx.outputs, cliPrefix: ctx.cliPrefix };
    const docs = renderDocs(model, facts, templates, renderOptions);
    // The docs are in final form: the write stage opens the folder now and the thread pool creates their files (515 on
    // Atlas, most of the write's cost) while this thread renders the code.
    folder = openOutputFolder(ctx);
    if (!ctx.check) folder.createAhead(docs);
    const code = renderCode(model, facts, templates, renderOptions);
    const rendered = inPathOrder([...docs, ...code, openapiTypesFile(await openapiTypes.text())]);
    const render = clock();
    progress.stage?.("render", render, `${rendered.length} files, ${Math.round(rendered.reduce((n, f) => n + f.text.length, 0) / 1024)} KiB`);

    const { files, drift } = await writeOutput(ctx, rendered, facts, { checkSyntax: jobs.checkSyntax, folder });
    const write = clock();
    progress.stage?.("write", write, ctx.check ? "compared" : "written");

    const counts = { operations, schemas: model.schemas.length, bytes: spec.source.text.length };
    if (!ctx.check || !hasDrift(drift)) cache?.record({ files, warnings, counts }, spec.referencedFiles);
    const surfaceChange = await surfaceSummary(ctx, spec, model);
    return { files, inputs: [ctx.specPath, ...(spec.referencedFiles ?? [])], drift, warnings: kept(warnings, ctx), timings: { load, model: modelTime, render, write }, counts, unchanged: false, outDisplayPath: ctx.outDisplayPath, ...(surfaceChange !== undefined ? { surfaceChange } : {}) };
  } finally {
    await Promise.all([jobs.close(), folder?.abandon()]);
  }
}

/** The warnings the user has not asked to ignore (the cache records them all: ignoring one is not a new input). */
function kept(warnings: Diagnostic[], ctx: GeneratorContext): Diagnostic[] {
  return ctx.ignoreWarnings.size === 0 ? warnings : warnings.filter((w) => !ctx.ignoreWarnings.has(w.code));
}

function readIfPossible(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
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
