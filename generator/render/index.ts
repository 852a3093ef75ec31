// Stage 3, render: the model becomes the text of each output file — templates for our modules,
// openapi-typescript for openapi.ts. Pure: no disk writes, no formatting (that is the write stage's job).
import type { LoadedSpec } from "../load";
import type { ApiModel } from "../model/types";
import { template } from "./handlebars";
import { renderOpenApiTypes } from "./openapi-types";
import { clientView, typesView, validatorsView, type FileHeaderFacts } from "./views";

export interface RenderedFile {
  /** Path relative to the output folder. */
  path: string;
  text: string;
  /** Already printed in final form (openapi.ts comes from TypeScript's printer): prettier would only cost time. */
  preformatted?: boolean;
}

export type { FileHeaderFacts };

/** All output files: the templated modules plus openapi.ts. */
export async function renderFiles(model: ApiModel, spec: LoadedSpec, facts: FileHeaderFacts): Promise<RenderedFile[]> {
  const files = [...renderTemplates(model, facts), { path: "openapi.ts", text: await renderOpenApiTypes(spec.document, spec.source.displayPath), preformatted: true }];
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The modules apigen renders from its own templates (everything but openapi.ts). */
export function renderTemplates(model: ApiModel, facts: FileHeaderFacts): RenderedFile[] {
  return [
    { path: "client.ts", text: template("client.ts.hbs")(clientView(model, facts)) },
    { path: "index.ts", text: template("index.ts.hbs")({}) },
    { path: "runtime.ts", text: template("runtime.ts.hbs")({}) },
    { path: "types.ts", text: template("types.ts.hbs")(typesView(model)) },
    { path: "validators.ts", text: template("validators.ts.hbs")(validatorsView(model)) },
  ];
}
