// Messages between the pipeline and its TypeScript worker (worker/index.ts sends, worker/entry.ts answers).
import type { Diagnostic } from "../diagnostics";
import type { OpenApiDocument } from "../load";
import type { RenderedFile } from "../render";

/** `last`: no request follows, so the worker ends itself once it has replied (its heap goes with it). */
export type WorkerRequest =
  | { id: number; last: boolean; kind: "render-openapi-types"; document: OpenApiDocument; specFile: string }
  | { id: number; last: boolean; kind: "render-openapi-types"; json: string; specFile: string }
  | { id: number; last: boolean; kind: "check-syntax"; files: RenderedFile[] };

export type WorkerReply =
  | { id: number; ok: true; text?: string }
  | { id: number; ok: false; diagnostics?: readonly Diagnostic[]; message?: string; stack?: string };
