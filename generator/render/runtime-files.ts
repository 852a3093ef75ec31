// Plan the runtime a client ships: the transport (and what it imports), one module per credential type the spec's
// security schemes accept, and the body encoders its operations use. Dependencies are read from the modules'
// own imports, so no list here has to agree with the source. The files are copied verbatim into `runtime/`.
import type { ApiModel, CredentialType } from "../model/types";
import { runtimeModules, type RuntimeExport } from "../runtime-source";
import type { RenderedFile } from "./index";
import { FORMATS_MODULE, namesCheckedFormat } from "./validators/format";

/** The module that serves each credential type, and the factory it exports (named in the generated createCore). */
export const AUTH_MODULES: Readonly<Record<CredentialType, { path: string; factory: string; optionType: string }>> = {
  bearer: { path: "auth/bearer.ts", factory: "bearerAuth", optionType: "BearerAuth" },
  serviceAccount: { path: "auth/oauth-client-credentials.ts", factory: "serviceAccountAuth", optionType: "ServiceAccountAuth" },
  digest: { path: "auth/digest.ts", factory: "digestAuth", optionType: "DigestAuth" },
  basic: { path: "auth/basic.ts", factory: "basicAuth", optionType: "BasicAuth" },
  apiKey: { path: "auth/api-key.ts", factory: "apiKeyAuth", optionType: "ApiKeyAuth" },
};

/** Body encoders by media kind, and the encoder each exports. */
export const ENCODER_MODULES = {
  form: { path: "encoding/form.ts", encoder: "formBody" },
  multipart: { path: "encoding/multipart.ts", encoder: "multipartBody" },
} as const;

const ROOT = "transport.ts";

/** The runtime modules this model's client needs: the roots, then everything they import, sorted. */
export function plannedRuntime(model: ApiModel): string[] {
  const kinds = new Set(model.tags.flatMap((t) => t.operations).flatMap((op) => (op.requestBody?.content ?? []).map((m) => m.kind)));
  const paginated = model.tags.some((t) => t.operations.some((op) => op.pagination));
  const roots = [
    ROOT,
    "wait.ts",
    ...(paginated ? ["pagination.ts"] : []),
    ...model.auth.credentials.map((c) => AUTH_MODULES[c].path),
    ...(kinds.has("form") ? [ENCODER_MODULES.form.path] : []),
    ...(kinds.has("multipart") ? [ENCODER_MODULES.multipart.path] : []),
    ...(namesCheckedFormat(model) ? [FORMATS_MODULE] : []), // validators.ts imports its format checks from it
  ];
  return importClosure(roots);
}

/**
 * Put before each runtime module in the output: the consumer's tsc skips its bodies (apigen's tests and its own
 * build check them strictly; its exports have explicit types). The source in templates/runtime/ is checked as usual.
 */
export const RUNTIME_NOCHECK = "// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.\n// @ts-nocheck\n";

/** Put before openapi.ts (declarations only), for the same reason; the types a consumer uses are still checked there. */
export const DECLARATIONS_NOCHECK = "// Not type-checked in your project: apigen's tests compile it strictly; the types you use are checked where used.\n// @ts-nocheck\n";

/** The modules, each with its header-free text, under `runtime/` in the output. */
export function runtimeFiles(paths: readonly string[]): RenderedFile[] {
  const modules = runtimeModules();
  return paths.map((path) => ({ path: `runtime/${path}`, text: RUNTIME_NOCHECK + (modules.get(path) as { text: string }).text, verbatim: true }));
}

/** What the output's index re-exports from each planned module: values and types apart. */
export function runtimeReexports(paths: readonly string[]): { module: string; values: string[]; types: string[] }[] {
  const modules = runtimeModules();
  return paths.flatMap((path) => {
    const exports: RuntimeExport[] = modules.get(path)?.exports ?? [];
    if (exports.length === 0) return [];
    return [{ module: `./runtime/${path.replace(/\.ts$/, ".js")}`, values: exports.filter((e) => !e.typeOnly).map((e) => e.name), types: exports.filter((e) => e.typeOnly).map((e) => e.name) }];
  });
}

const IMPORT = /^import (?:type )?[^"]*from "(\.{1,2}\/[^"]+)\.js";$/gm;

/** `roots` and every module they import, transitively. */
export function importClosure(roots: readonly string[]): string[] {
  const modules = runtimeModules();
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    const module = modules.get(path);
    if (!module) throw new Error(`apigen's runtime has no module ${path}`);
    seen.add(path);
    for (const match of module.text.matchAll(IMPORT)) visit(resolveImport(path, match[1] as string));
  };
  roots.forEach(visit);
  return [...seen].sort();
}

function resolveImport(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const segment of specifier.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return `${parts.join("/")}.ts`;
}
