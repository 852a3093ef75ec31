// The whole run, top to bottom: load → model → render → write. Each stage is a function of the previous one's
// output; only load and write touch the disk. The two jobs that need the TypeScript compiler (openapi.ts and the
// syntax gate) run on a worker thread, overlapping the main thread's load, model and render.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { resolveContext, type GeneratorContext, type GeneratorOptions } from "./context";
import type { Diagnostic } from "./diagnostics";
import type { LoadedSpec, OpenApiDocument } from "./load";
import type { FileHeaderFacts, RenderedFile } from "./render";
import { incremental, type RunCounts } from "./incremental";
import type { Drift } from "./write";

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
  const { renderTemplates, templateSet, DECLARATIONS_NOCHECK } = require("./render") as typeof import("./render");
  const { startTypeScriptJobs } = require("./worker") as typeof import("./worker");
  const { compareWithDisk, finishFiles, hasDrift, manifestFile, prettierFiles, writeAtomically } = require("./write") as typeof import("./write");
  const { recordSpec, surfaceSummary } = require("./diff/surface-summary") as typeof import("./diff/surface-summary");
  const jobs = startTypeScriptJobs(specText?.length ?? 0);
  try {
    // On the worker the document is validated and openapi.ts rendered while this thread models and renders.
    let typesJob: Promise<{ schemaError?: unknown; text?: string }> | undefined;
    const startTypesJob = (document: OpenApiDocument) => {
      typesJob ??= jobs.validateAndRenderTypes(document, ctx.specDisplayPath);
      typesJob.catch(() => undefined); // awaited below; a failure before then must not go unhandled
      return typesJob;
    };
    const spec = await loadSpec(ctx, {
      ...(specText !== undefined ? { text: specText } : {}),
      onDocument: startTypesJob,
      ...(jobs.onWorker ? { validateSchema: async (document: OpenApiDocument) => (await startTypesJob(document)).schemaError } : {}),
    });
    const load = clock();
    progress.stage?.("load", load, `${Math.round(spec.source.text.length / 1024)} KiB, OpenAPI ${spec.openapiVersion}`);

    // Until validation settles, a model error may only be a symptom of an invalid document: validation speaks first.
    const { model, warnings } = await afterValidation(spec, () => buildModel(spec));
    const modelTime = clock();
    const operations = model.tags.reduce((n, t) => n + t.operations.length, 0);
    progress.stage?.("model", modelTime, `${operations} operations, ${model.schemas.length} schemas, ${warnings.length} warnings`);

    const facts: FileHeaderFacts = {
      generatorName: ctx.generatorName,
      generatorVersion: ctx.generatorVersion,
      specFile: basename(ctx.specPath),
      specSha256: spec.source.sha256,
    };
    const ours = finishFiles(renderTemplates(model, facts, templateSet(ctx.templatesDir, ctx.templatesDisplayPath), { outputs: ctx.outputs, cliPrefix: ctx.cliPrefix }), facts);
    // With --verify (or user templates), the syntax gate, split in two: the worker (which also renders openapi.ts)
    // parses the largest file while this thread, otherwise idle until openapi.ts arrives, parses the others. The
    // runtime is fixed source, compiled by its own tests.
    const [largest, ...others] = ctx.verify ? ours.filter((f) => !f.path.startsWith("runtime/") && f.path.endsWith(".ts")).sort((a, b) => b.text.length - a.text.length) : [];
    const gate = jobs.checkSyntax(largest ? [largest] : []);
    gate.catch(() => undefined);
    if (others.length > 0) checkSyntaxHere(others);
    await spec.pendingValidation;
    const openapiText = (await startTypesJob(spec.document)).text ?? "";
    const openapi = finishFiles([{ path: "openapi.ts", text: DECLARATIONS_NOCHECK + openapiText, preformatted: true }], facts);
    await gate;
    const rendered = [...ours, ...openapi].sort((a, b) => (a.path < b.path ? -1 : 1));
    const render = clock();
    progress.stage?.("render", render, `${rendered.length} files, ${Math.round(rendered.reduce((n, f) => n + f.text.length, 0) / 1024)} KiB`);

    const finished = ctx.prettier ? await prettierFiles(rendered) : rendered;
    // The manifest, the one record of the spec's hash and apigen's version, hashes the files in their final form.
    const files = [...finished, manifestFile(finished, facts)];
    const drift = ctx.check ? compareWithDisk(ctx.outDir, ctx.outDisplayPath, files) : writeAtomically(ctx.outDir, ctx.outDisplayPath, files);
    const write = clock();
    progress.stage?.("write", write, ctx.check ? "compared" : "written");

    const counts = { operations, schemas: model.schemas.length, bytes: spec.source.text.length };
    if (!ctx.check || !hasDrift(drift)) cache?.record({ files, warnings, counts }, spec.referencedFiles);
    const surfaceChange = await surfaceSummary(ctx, spec, model);
    if (!ctx.check) recordSpec(ctx, spec.source.text);
    return { files, inputs: [ctx.specPath, ...(spec.referencedFiles ?? [])], drift, warnings: kept(warnings, ctx), timings: { load, model: modelTime, render, write }, counts, unchanged: false, outDisplayPath: ctx.outDisplayPath, ...(surfaceChange !== undefined ? { surfaceChange } : {}) };
  } finally {
    await jobs.close();
  }
}

/** The warnings the user has not asked to ignore (the cache records them all: ignoring one is not a new input). */
function kept(warnings: Diagnostic[], ctx: GeneratorContext): Diagnostic[] {
  return ctx.ignoreWarnings.size === 0 ? warnings : warnings.filter((w) => !ctx.ignoreWarnings.has(w.code));
}

async function afterValidation<T>(spec: LoadedSpec, work: () => T): Promise<T> {
  try {
    return work();
  } catch (error) {
    await spec.pendingValidation;
    throw error;
  }
}

function checkSyntaxHere(files: RenderedFile[]): void {
  // Loaded on first use: ts-morph brings its own TypeScript, which a run that stops earlier never needs.
  const { checkSyntax } = require("./write/syntax-gate") as typeof import("./write/syntax-gate");
  checkSyntax(files);
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
