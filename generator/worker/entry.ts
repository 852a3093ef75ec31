// The worker thread's side: the two jobs that need the TypeScript compiler (openapi-typescript's transform and
// the ts-morph syntax gate). Loading TypeScript twice (openapi-typescript's copy and ts-morph's) costs about 0.6 s,
// which this thread pays while the main thread parses and validates the spec.
import { parentPort } from "node:worker_threads";
import { GeneratorError } from "../diagnostics";
import { renderOpenApiTypes } from "../render/openapi-types";
import { checkSyntax } from "../write/syntax-gate";
import type { WorkerReply, WorkerRequest } from "./protocol";

const port = parentPort;
if (port) {
  port.on("message", (request: WorkerRequest) => {
    port.postMessage(handle(request));
  });
}

function handle(request: WorkerRequest): WorkerReply {
  try {
    if (request.kind === "openapi-types") return { id: request.id, ok: true, text: renderOpenApiTypes(request.document, request.specFile, { owned: true }) };
    checkSyntax(request.files);
    return { id: request.id, ok: true };
  } catch (error) {
    if (error instanceof GeneratorError) return { id: request.id, ok: false, diagnostics: error.diagnostics };
    const e = error as Error;
    return { id: request.id, ok: false, message: String(e?.message ?? error), ...(e?.stack ? { stack: e.stack } : {}) };
  }
}
