// Stage 3, render: the model becomes the text of each output file — templates for our modules, openapi-typescript
// for openapi.ts (see openapi-types.ts; the pipeline has it rendered on the worker thread). Pure: no disk writes, no
// headers or layout (that is the write stage's job).
import type { ApiModel } from "../model/types";
import { templateSet, type TemplateSet } from "./handlebars";
import { DECLARATIONS_NOCHECK, plannedRuntime, runtimeFiles, runtimeReexports } from "./runtime-files";
import { clientView, typesView, validatorsView, type FileHeaderFacts } from "./views";
import { cliView } from "./cli-view";

export interface RenderedFile {
  /** Path relative to the output folder. */
  path: string;
  text: string;
  /** Already in final form (openapi.ts comes from TypeScript's printer; the runtime is fixed text): no layout pass. */
  preformatted?: boolean;
  /** The same text whatever the spec: its header must not name the spec either. */
  sameForEverySpec?: boolean;
  /** Copied as it is, without a header or layout (the runtime's modules, which say what they are themselves). */
  verbatim?: boolean;
}

export type { FileHeaderFacts };

/** Options of the render stage beyond the model (config options that change output text). */
export interface RenderOptions {
  /** Write cli.ts, a command-line interface for the API (a Node program: off unless asked for). */
  cli?: boolean;
  /** Prefix of the CLI's environment variables; default derived from the title (cli-view.ts). */
  cliPrefix?: string | undefined;
}

/**
 * The modules apigen renders from its own templates, and the runtime modules the client needs (copied verbatim);
 * everything but openapi.ts, which the TypeScript worker renders.
 */
export function renderTemplates(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet = templateSet(), options: RenderOptions = {}): RenderedFile[] {
  const runtime = plannedRuntime(model);
  return [
    ...(options.cli ? [{ path: "cli.ts", text: templates.get("cli.ts.hbs")(cliView(model, options.cliPrefix)) }] : []),
    { path: "client.ts", text: templates.get("client.ts.hbs")(clientView(model, facts)) },
    { path: "index.ts", text: templates.get("index.ts.hbs")({ runtimeExports: runtimeReexports(runtime) }) },
    ...runtimeFiles(runtime),
    { path: "types.ts", text: templates.get("types.ts.hbs")(typesView(model)) },
    { path: "validators.ts", text: templates.get("validators.ts.hbs")(validatorsView(model)) },
  ];
}

/** openapi.ts from openapi-typescript's text: already in final form (TypeScript's printer), declarations only. */
export function openapiTypesFile(text: string): RenderedFile {
  return { path: "openapi.ts", text: DECLARATIONS_NOCHECK + text, preformatted: true };
}

/** Every output file, in path order (the order they are written and listed in). */
export function inPathOrder(files: RenderedFile[]): RenderedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
}

export { cliView, defaultCliPrefix } from "./cli-view";
export { TEMPLATE_NAMES, templateSet, type TemplateSet } from "./handlebars";
