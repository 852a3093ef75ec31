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
      // The document is this thread's own copy: handed over, openapi-typescript annotates it without copying it, and
      // it is gone before the declarations are printed (GitHub's spec: ~40 MB off this thread's peak).
      return { id: request.id, ok: true, text: renderOpenApiTypes(() => takeDocument(request), request.specFile) };
    }
    checkSyntax(request.files, ts);
    return { id: request.id, ok: true };
  } catch (error) {
    if (error instanceof GeneratorError) return { id: request.id, ok: false, diagnostics: error.diagnostics };
    const e = error as Error;
    return { id: request.id, ok: false, message: String(e?.message ?? error), ...(e?.stack ? { stack: e.stack } : {}) };
  }
}

/** The request's document (parsed, when it came as JSON text), taken out of the request so that only the renderer holds it. */
function takeDocument(request: Extract<WorkerRequest, { kind: "render-openapi-types" }>): OpenApiDocument {
  const held = request as { json?: string | undefined; document?: OpenApiDocument | undefined };
  const document = held.json !== undefined ? (JSON.parse(held.json) as OpenApiDocument) : (held.document as OpenApiDocument);
  held.json = undefined;
  held.document = undefined;
  return document;
}
