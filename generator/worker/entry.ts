// The worker thread's side: openapi-typescript's transform for openapi.ts and, with --verify, its share of the
// syntax gate, with the TypeScript that openapi-typescript loads anyway. Loading them costs about 0.3 s, which this
// thread pays at its start, while the main thread reads the spec.
import { parentPort } from "node:worker_threads";
import { GeneratorError } from "../diagnostics";
import { loadOpenApiTypeScript, renderOpenApiTypes } from "../render/openapi-types";
import ts from "typescript";
import { checkSyntax } from "../write/syntax-gate";
import type { OpenApiDocument } from "../load";
import type { WorkerReply, WorkerRequest } from "./protocol";

const port = parentPort;
if (port) {
  loadOpenApiTypeScript();
  port.on("message", (request: WorkerRequest) => {
    port.postMessage(handle(request));
    // Ending here rather than when the main thread reads the reply frees this thread's heap while the main thread
    // is still rendering (it reads messages only between its synchronous stages), so the two peaks do not add up.
    if (request.last) port.close();
  });
}

function handle(request: WorkerRequest): WorkerReply {
  try {
    if (request.kind === "render-openapi-types") {
      // The document is this thread's own copy: openapi-typescript may annotate it without copying it first.
      const document = "json" in request ? (JSON.parse(request.json) as OpenApiDocument) : request.document;
      return { id: request.id, ok: true, text: renderOpenApiTypes(document, request.specFile, { owned: true }) };
    }
    checkSyntax(request.files, ts);
    return { id: request.id, ok: true };
  } catch (error) {
    if (error instanceof GeneratorError) return { id: request.id, ok: false, diagnostics: error.diagnostics };
    const e = error as Error;
    return { id: request.id, ok: false, message: String(e?.message ?? error), ...(e?.stack ? { stack: e.stack } : {}) };
  }
}
