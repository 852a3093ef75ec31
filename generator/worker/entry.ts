// The worker thread's side: OpenAPI schema validation, openapi-typescript's transform, and its share of the syntax
// gate (with the TypeScript that openapi-typescript loads anyway). Loading TypeScript costs about 0.3 s, which this
// thread pays while the main thread parses the spec.
import { parentPort } from "node:worker_threads";
import { GeneratorError } from "../diagnostics";
import { renderOpenApiTypes } from "../render/openapi-types";
import { schemaError } from "../load/openapi-schema";
import ts from "typescript";
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
    if (request.kind === "validate-and-render-types") {
      // Validation only reads the document; openapi-typescript may then annotate this thread's own copy.
      const error = schemaError(request.document);
      if (error !== undefined) return { id: request.id, ok: true, schemaError: error };
      return { id: request.id, ok: true, text: renderOpenApiTypes(request.document, request.specFile, { owned: true }) };
    }
    checkSyntax(request.files, ts);
    return { id: request.id, ok: true };
  } catch (error) {
    if (error instanceof GeneratorError) return { id: request.id, ok: false, diagnostics: error.diagnostics };
    const e = error as Error;
    return { id: request.id, ok: false, message: String(e?.message ?? error), ...(e?.stack ? { stack: e.stack } : {}) };
  }
}
