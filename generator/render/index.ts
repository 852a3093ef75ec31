// Stage 3, render: the model becomes the text of each output file — templates for our modules, openapi-typescript
// for openapi.ts (see openapi-types.ts; the pipeline has it rendered on the worker thread). Pure: no disk writes, no
// headers or layout (that is the write stage's job).
import type { ApiModel } from "../model/types";
import { templateSet, type TemplateSet } from "./handlebars";
import { DECLARATIONS_NOCHECK, plannedRuntime, runtimeFiles, runtimeReexports } from "./runtime-files";
import { clientView, typesView, validatorsView, type FileHeaderFacts } from "./views";
import { cliView, defaultCliPrefix } from "./cli-view";
import { docsViews } from "./docs-view";
import type { OutputName } from "../config/options";

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
  /** What to write: "sdk" always; "cli" adds cli.ts (a Node program), "docs" the Markdown reference. Default: the SDK. */
  outputs?: readonly OutputName[];
  /** Prefix of the CLI's environment variables; default derived from the title (cli-view.ts). */
  cliPrefix?: string | undefined;
}

/**
 * Every file apigen renders from its own templates, and the runtime modules the client needs (copied verbatim):
 * everything but openapi.ts, which the TypeScript worker renders. The docs and the code, as renderDocs and renderCode.
 */
export function renderTemplates(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet = templateSet(), options: RenderOptions = {}): RenderedFile[] {
  return [...renderDocs(model, facts, templates, options), ...renderCode(model, facts, templates, options)];
}

/** The Markdown reference (with the "docs" output; else nothing), in final form: an index and a page per operation. */
export function renderDocs(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet = templateSet(), options: RenderOptions = {}): RenderedFile[] {
  const outputs = options.outputs ?? ["sdk"];
  return outputs.includes("docs") ? docsFiles(model, facts, templates, cliPrefix(model, options), outputs.includes("cli")) : [];
}

/** The SDK's modules, the runtime modules it needs, and cli.ts with the "cli" output. */
export function renderCode(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet = templateSet(), options: RenderOptions = {}): RenderedFile[] {
  const runtime = plannedRuntime(model);
  const outputs = options.outputs ?? ["sdk"];
  return [
    ...(outputs.includes("cli") ? [{ path: "cli.ts", text: templates.get("cli.ts.hbs")(cliView(model, cliPrefix(model, options))) }] : []),
    { path: "client.ts", text: templates.get("client.ts.hbs")(clientView(model, facts)) },
    { path: "index.ts", text: templates.get("index.ts.hbs")({ runtimeExports: runtimeReexports(runtime) }) },
    ...runtimeFiles(runtime),
    { path: "types.ts", text: templates.get("types.ts.hbs")(typesView(model)) },
    { path: "validators.ts", text: templates.get("validators.ts.hbs")(validatorsView(model)) },
  ];
}

function cliPrefix(model: ApiModel, options: RenderOptions): string {
  return options.cliPrefix ?? defaultCliPrefix(model.title);
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
export { DECLARATIONS_NOCHECK } from "./runtime-files";

/** The Markdown reference: an index and a page per operation, each with its own header (Markdown has no `//`). */
function docsFiles(model: ApiModel, facts: FileHeaderFacts, templates: TemplateSet, prefix: string, hasCli: boolean): RenderedFile[] {
  const { index, pages } = docsViews(model, prefix, hasCli);
  const header = markdownHeader(facts.specFile);
  const indexTemplate = templates.get("docs-index.md.hbs");
  const pageTemplate = templates.get("docs-operation.md.hbs");
  return [
    { path: index.path, text: tidyMarkdown(header, indexTemplate(index.view())), verbatim: true },
    ...pages.map((page) => ({ path: page.path, text: tidyMarkdown(header, pageTemplate(page.view())), verbatim: true })),
  ];
}

/** An HTML comment naming the spec file (printable ASCII, no `--`, so nothing can end the comment early). */
export function markdownHeader(specFile: string): string {
  const name = specFile.replace(/[^\x20-\x7e]/g, "?").replace(/-{2,}/g, "-").replace(/[<>]/g, "?");
  return `<!-- Generated by apigen from ${name}. Do not edit: change the spec and run \`apigen generate\` again. -->\n\n`;
}

/**
 * `header`, then the page: one blank line at most between blocks, none at either end, one final newline (templates
 * stay readable). Joining the header first makes the page one string in one copy; a page already tidy is returned
 * as it is. (The header is one line and a blank one: nothing in it is untidy.)
 */
function tidyMarkdown(header: string, text: string): string {
  if (/^\S/.test(text)) return tidyText([header, text].join(""));
  return [header, `${tidyText(text).trim()}\n`].join(""); // a page that starts blank (not one of ours)
}

function tidyText(text: string): string {
  // Plain substring searches first: most pages have neither, and the multiline replace scans every space. Any other
  // line terminator (which `$` also matches) takes the replace, as does a space before a newline or three newlines.
  const untidy = text.includes(" \n") || text.includes("\t\n") || text.includes("\n\n\n") || /[\r\u2028\u2029]/.test(text);
  const tidy = untidy ? text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n") : text;
  return /\S\n$/.test(tidy) ? tidy : `${tidy.trimEnd()}\n`;
}
