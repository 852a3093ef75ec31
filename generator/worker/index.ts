// Everything about when the pipeline's second core works: a worker thread that renders openapi.ts (and, with
// --verify, parses the largest output file) while the main thread models, renders and writes. The worker starts
// first thing, so it loads TypeScript while the spec is read; it stops as soon as it has sent its last reply, so
// its heap is gone before the main thread's peak. Without a built worker (tests running the TypeScript sources),
// below WORKER_MIN_SPEC_BYTES, or with APIGEN_WORKER=0, the same functions run in the main thread, so results
// never depend on where they ran.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { GeneratorError } from "../diagnostics";
import type { LoadedSpec } from "../load";
import type { RenderedFile } from "../render";
import type { WorkerReply, WorkerRequest } from "./protocol";

export interface TypeScriptJobs {
  /** Starts openapi.ts from the loaded (valid) document: on the worker now, in process when its text is awaited. */
  renderOpenApiTypes(spec: LoadedSpec, specFile: string): { text(): Promise<string> };
  /** The syntax gate (--verify): the worker parses the largest file while this thread parses the others. */
  checkSyntax(files: RenderedFile[]): Promise<void>;
  close(): Promise<void>;
}

export interface JobPlan {
  /** The spec's size: below WORKER_MIN_SPEC_BYTES a second thread costs more than it saves. */
  specBytes: number;
  /** Whether the syntax gate will be asked for (then the worker stays until it has parsed its share). */
  syntaxGate: boolean;
}

/** Below this spec size a second thread costs more (its own heap and TypeScript load) than it saves. */
export const WORKER_MIN_SPEC_BYTES = 256 * 1024;

/** Young generation of the worker: openapi-typescript's garbage is short-lived, and a smaller nursery keeps the peak down. */
const WORKER_YOUNG_GENERATION_MB = 8;

export function startTypeScriptJobs(plan: JobPlan): TypeScriptJobs {
  const entry = join(__dirname, "entry.js");
  const setting = process.env["APIGEN_WORKER"]; // "0": never, "1": always, unset: by spec size
  const wanted = setting === "1" || (setting !== "0" && plan.specBytes >= WORKER_MIN_SPEC_BYTES);
  return wanted && existsSync(entry) ? workerJobs(entry, plan) : inProcessJobs();
}

function workerJobs(entry: string, plan: JobPlan): TypeScriptJobs {
  const worker = new Worker(entry, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  const stop = () => {
    failure ??= new Error("the TypeScript worker was closed");
    return worker.terminate();
  };
  // The last job the worker will get: once it has answered, it is stopped without waiting for the pipeline's end.
  const lastJob: WorkerRequest["kind"] = plan.syntaxGate ? "check-syntax" : "render-openapi-types";
  worker.on("message", (reply: WorkerReply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the TypeScript worker stopped (exit code ${code})`)));

  const run = (job: DistributiveOmit<WorkerRequest, "id" | "last">): Promise<{ text?: string }> => {
    const last = job.kind === lastJob;
    const reply = new Promise<WorkerReply>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id, last } as WorkerRequest);
    }).then((r) => {
      if (last) void stop();
      return unwrap(r);
    });
    reply.catch(() => undefined); // awaited by the caller when it needs the result; a run that stops earlier never does
    return reply;
  };

  return {
    renderOpenApiTypes: (spec, specFile) => {
      // A JSON spec the load stage left as it was goes as its text, which the worker parses faster than this thread
      // serialises the document (GitHub's: 80 against 150 ms); anything else goes as the document.
      const asText = spec.document === spec.source.data && spec.source.json === true;
      const reply = run(asText ? { kind: "render-openapi-types", json: spec.source.text, specFile } : { kind: "render-openapi-types", document: spec.document, specFile });
      return { text: async () => (await reply).text ?? "" };
    },
    checkSyntax: async (files) => {
      const [largest, ...others] = [...files].sort((a, b) => b.text.length - a.text.length);
      if (!largest) return;
      const there = run({ kind: "check-syntax", files: [largest] });
      checkSyntaxHere(others);
      await there;
    },
    close: async () => {
      await stop();
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function unwrap(reply: WorkerReply): { text?: string } {
  if (reply.ok) return reply;
  if (reply.diagnostics) throw new GeneratorError(reply.diagnostics);
  const error = new Error(reply.message ?? "the TypeScript worker failed");
  if (reply.stack) error.stack = reply.stack;
  throw error;
}

function inProcessJobs(): TypeScriptJobs {
  return {
    renderOpenApiTypes: (spec, specFile) => ({
      // Required when needed: a run that fails before render never loads the TypeScript compiler.
      text: async () => (require("../render/openapi-types") as typeof import("../render/openapi-types")).renderOpenApiTypes(spec.document, specFile),
    }),
    checkSyntax: async (files) => checkSyntaxHere(files),
    close: async () => undefined,
  };
}

function checkSyntaxHere(files: RenderedFile[]): void {
  if (files.length === 0) return;
  const { checkSyntax } = require("../write/syntax-gate") as typeof import("../write/syntax-gate");
  checkSyntax(files);
}
