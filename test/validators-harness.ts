// Shared by the validator tests: render validators.ts for component schemas built in memory, transpile it with
// TypeScript's transpiler and load it in a fresh VM context (no disk, no formatting).
import { runInNewContext } from "node:vm";
import ts from "typescript";
import { GeneratorError, type Diagnostic } from "../generator/diagnostics";
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import type { OutputName } from "../generator/config/options";
import { renderTemplates, type RenderedFile } from "../generator/render";
import { FORMATS_MODULE } from "../generator/render/validators/format";
import { runtimeModules } from "../generator/runtime-source";
import { miniSpec, toYaml } from "./helpers";

export const FACTS = { generatorName: "apigen", generatorVersion: "0.0.0-test", specFile: "spec.yaml", specSha256: "0".repeat(64) };

/**
 * Closed enums by default here: these harnesses test JSON Schema's keywords, under which `enum` is closed. Open
 * response enums (the generator's default) are tested on their own (`{ closedEnums: false }`).
 */
export function specOf(doc: Record<string, unknown>, options: { closedEnums?: boolean } = {}): LoadedSpec {
  const version = String(doc["openapi"]).startsWith("3.1") ? "3.1" : "3.0";
  return { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: version, name: "spec", closedEnums: options.closedEnums ?? true };
}

export function render(doc: Record<string, unknown>, options: { closedEnums?: boolean; outputs?: OutputName[] } = {}): RenderedFile[] {
  return renderTemplates(buildModel(specOf(doc, options)).model, FACTS, undefined, { outputs: options.outputs ?? ["sdk"] });
}

/** The diagnostics of building the model of a spec with these component schemas. */
export function diagnosticsFor(schemas: Record<string, unknown>, version = "3.0.3"): readonly Diagnostic[] {
  try {
    return buildModel(specOf(miniSpec({ components: { schemas: { Pet: { type: "object" }, ...schemas } } }, version))).warnings;
  } catch (error) {
    if (error instanceof GeneratorError) return error.diagnostics;
    throw error;
  }
}

export type ValidateFn = (value: unknown) => { valid: boolean; errors?: { path: string; keyword: string; message: string }[] };

/** A TypeScript module's text, transpiled and run in a fresh context; `require` serves the runtime modules it imports. */
function loadModule(source: string): Record<string, unknown> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(js, { module, exports: module.exports, require: requireRuntime });
  return module.exports;
}

let formats: Record<string, unknown> | undefined;

/** validators.ts imports only `./runtime/formats.js`, the text the generator copies into the output. */
function requireRuntime(specifier: string): Record<string, unknown> {
  if (specifier !== "./runtime/formats.js") throw new Error(`validators.ts imports ${specifier}`);
  formats ??= loadModule((runtimeModules().get(FORMATS_MODULE) as { text: string }).text);
  return formats;
}

/** Loads a rendered validators.ts as a module. */
export function loadValidators(source: string): Record<string, ValidateFn> & { schemaValidators: Record<string, ValidateFn> } {
  return loadModule(source) as never;
}

/** The source of validators.ts for the given component schemas. */
export function validatorsSource(schemas: Record<string, unknown>, version = "3.0.3"): string {
  const files = render(miniSpec({ components: { schemas: { Pet: { type: "object" }, ...schemas } } }, version));
  return files.find((f) => f.path === "validators.ts")!.text;
}

/** Renders validators.ts for the given component schemas and loads it as a module. */
export function validatorsFor(schemas: Record<string, unknown>, version = "3.0.3"): Record<string, ValidateFn> & { schemaValidators: Record<string, ValidateFn> } {
  return loadValidators(validatorsSource(schemas, version));
}
