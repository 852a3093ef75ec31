// Messages between the pipeline and its TypeScript worker (worker/index.ts sends, worker/entry.ts answers).
import type { Diagnostic } from "../diagnostics";
import type { OpenApiDocument } from "../load";
import type { RenderedFile } from "../render";

export type WorkerRequest =
  | { id: number; kind: "render-openapi-types"; document: OpenApiDocument; specFile: string }
  | { id: number; kind: "render-openapi-types"; json: string; specFile: string }
  | { id: number; kind: "check-syntax"; files: RenderedFile[] };

export type WorkerReply =
  | { id: number; ok: true; text?: string }
  | { id: number; ok: false; diagnostics?: readonly Diagnostic[]; message?: string; stack?: string };
