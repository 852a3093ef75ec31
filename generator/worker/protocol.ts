// Messages between the pipeline and its TypeScript worker.
import type { Diagnostic } from "../diagnostics";
import type { OpenApiDocument } from "../load";
import type { RenderedFile } from "../render";

export type WorkerRequest =
  | { id: number; kind: "validate-and-render-types"; document: OpenApiDocument; specFile: string }
  | { id: number; kind: "check-syntax"; files: RenderedFile[] };

export type WorkerReply =
  | { id: number; ok: true; text?: string; schemaError?: unknown }
  | { id: number; ok: false; diagnostics?: readonly Diagnostic[]; message?: string; stack?: string };
