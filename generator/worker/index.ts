// The pipeline's second core: a worker thread that renders openapi.ts and runs the syntax gate while the main
// thread loads, models and renders. Without a built worker (tests running the TypeScript sources) or with
// APIGEN_WORKER=0, the same functions run in the main thread, so results never depend on where they ran.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { GeneratorError } from "../diagnostics";
import type { OpenApiDocument } from "../load";
import type { RenderedFile } from "../render";
import type { WorkerReply, WorkerRequest } from "./protocol";

export interface TypeScriptJobs {
  /** True when the jobs run on the worker thread (then it also validates the document against the OpenAPI schema). */
  readonly onWorker: boolean;
  /** On the worker: schema validation, then (if valid) openapi.ts. In process: openapi.ts only (load validated). */
  validateAndRenderTypes(document: OpenApiDocument, specFile: string): Promise<{ schemaError?: unknown; text?: string }>;
  checkSyntax(files: RenderedFile[]): Promise<void>;
  close(): Promise<void>;
}

type Job = { kind: "validate-and-render-types"; document: OpenApiDocument; specFile: string } | { kind: "check-syntax"; files: RenderedFile[] };

/** Below this spec size a second thread costs more (its own heap and TypeScript load) than it saves. */
export const WORKER_MIN_SPEC_BYTES = 256 * 1024;

/** Starts the worker now, so it loads TypeScript while the caller does other work. */
export function startTypeScriptJobs(specBytes: number): TypeScriptJobs {
  const entry = join(__dirname, "entry.js");
  const setting = process.env["APIGEN_WORKER"]; // "0": never, "1": always, unset: by spec size
  const wanted = setting === "1" || (setting !== "0" && specBytes >= WORKER_MIN_SPEC_BYTES);
  if (!wanted || !existsSync(entry)) return inProcessJobs();
  const worker = new Worker(entry);
  const pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  worker.on("message", (reply: WorkerReply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the TypeScript worker stopped (exit code ${code})`)));

  const run = (job: Job): Promise<{ text?: string; schemaError?: unknown }> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id } satisfies WorkerRequest);
    }).then((reply) => unwrap(reply as WorkerReply));

  return {
    onWorker: true,
    validateAndRenderTypes: (document, specFile) => run({ kind: "validate-and-render-types", document, specFile }),
    checkSyntax: async (files) => {
      await run({ kind: "check-syntax", files });
    },
    close: async () => {
      failure ??= new Error("the TypeScript worker was closed");
      await worker.terminate();
    },
  };
}

function unwrap(reply: WorkerReply): { text?: string; schemaError?: unknown } {
  if (reply.ok) return reply;
  if (reply.diagnostics) throw new GeneratorError(reply.diagnostics);
  const error = new Error(reply.message ?? "the TypeScript worker failed");
  if (reply.stack) error.stack = reply.stack;
  throw error;
}

function inProcessJobs(): TypeScriptJobs {
  // Required here, not at the top: in the main thread's normal run the TypeScript compiler is never loaded.
  const { renderOpenApiTypes } = require("../render/openapi-types") as typeof import("../render/openapi-types");
  const { checkSyntax } = require("../write/syntax-gate") as typeof import("../write/syntax-gate");
  return {
    onWorker: false,
    validateAndRenderTypes: async (document, specFile) => ({ text: renderOpenApiTypes(document, specFile) }),
    checkSyntax: async (files) => checkSyntax(files),
    close: async () => undefined,
  };
}
