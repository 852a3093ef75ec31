// Stage 3, render: the model becomes the text of each output file — templates for our modules,
// openapi-typescript for openapi.ts (see openapi-types.ts). Pure: no disk writes, no formatting (that is the write stage's job).
import type { ApiModel } from "../model/types";
import { template } from "./handlebars";
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
export function renderTemplates(model: ApiModel, facts: FileHeaderFacts): RenderedFile[] {
  return [
    { path: "client.ts", text: template("client.ts.hbs")(clientView(model, facts)) },
    { path: "index.ts", text: template("index.ts.hbs")({}), sameForEverySpec: true },
    // Fixed text, kept prettier-clean in its template.
    { path: "runtime.ts", text: template("runtime.ts.hbs")({}), preformatted: true, sameForEverySpec: true },
    { path: "types.ts", text: template("types.ts.hbs")(typesView(model)) },
    { path: "validators.ts", text: template("validators.ts.hbs")(validatorsView(model)) },
  ];
}
