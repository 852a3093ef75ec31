// Stage 3, render: the model becomes the text of each output file — templates for our modules,
// openapi-typescript for openapi.ts (see openapi-types.ts). Pure: no disk writes, no formatting (that is the write stage's job).
import type { ApiModel } from "../model/types";
import { templateSet, type TemplateSet } from "./handlebars";
import { clientView, typesView, validatorsView, type FileHeaderFacts } from "./views";

export interface RenderedFile {
  /** Path relative to the output folder. */
  path: string;
  text: string;
  /** Already in final form (openapi.ts comes from TypeScript's printer; the runtime is fixed text): no layout pass. */
  preformatted?: boolean;
  /** The same text whatever the spec (the runtime, index.ts): its header must not name the spec either. */
  sameForEverySpec?: boolean;
}

export type { FileHeaderFacts };

/** The modules apigen renders from its own templates (everything but openapi.ts, which the TypeScript worker renders). */
export function renderTemplates(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet = templateSet()): RenderedFile[] {
  return [
    { path: "client.ts", text: templates.get("client.ts.hbs")(clientView(model, facts)) },
    { path: "index.ts", text: templates.get("index.ts.hbs")({}), sameForEverySpec: true },
    // Fixed text, kept prettier-clean in its template.
    { path: "runtime.ts", text: templates.get("runtime.ts.hbs")({}), preformatted: true, sameForEverySpec: true },
    { path: "types.ts", text: templates.get("types.ts.hbs")(typesView(model)) },
    { path: "validators.ts", text: templates.get("validators.ts.hbs")(validatorsView(model)) },
  ];
}

export { TEMPLATE_NAMES, templateSet, type TemplateSet } from "./handlebars";
