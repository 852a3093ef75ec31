// The runtime's own source (templates/runtime/), read as the generator's input: which modules exist, what each
// exports. The names the runtime exports are read from it, never kept in a list beside it: the model reserves
// them (a component schema named `ApiError` becomes `ApiErrorSchema`) and the output's index re-exports them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { filesBelow } from "./files-below";

export const RUNTIME_DIR = join(__dirname, "..", "templates", "runtime");

export interface RuntimeExport {
  name: string;
  /** Types and interfaces are re-exported with `export type` (isolatedModules, verbatimModuleSyntax). */
  typeOnly: boolean;
}

export interface RuntimeModule {
  /** Path under templates/runtime/ with forward slashes, e.g. `auth/digest.ts`. */
  path: string;
  text: string;
  /** The public exports: every `export` declaration whose doc comment does not say `@internal`. */
  exports: RuntimeExport[];
  /** Every exported name, `@internal` ones too (the generated client imports some of those into its own scope). */
  allNames: string[];
}

const EXPORT = /^export (?:declare )?(?:abstract )?(?:async )?(function\*?|class|const|let|var|type|interface|enum) ([A-Za-z_$][\w$]*)/;

let modules: Map<string, RuntimeModule> | undefined;

/** Every runtime module, by path, read once per process. */
export function runtimeModules(): ReadonlyMap<string, RuntimeModule> {
  if (modules) return modules;
  modules = new Map();
  const files = filesBelow(RUNTIME_DIR).filter((path) => path.endsWith(".ts"));
  for (const path of files) {
    const text = readFileSync(join(RUNTIME_DIR, path), "utf8");
    modules.set(path, { path, text, exports: publicExports(text), allNames: [...text.matchAll(new RegExp(EXPORT.source, "gm"))].map((m) => m[2] as string) });
  }
  return modules;
}

/** Export declarations at the start of a line, less those whose JSDoc (just above) holds `@internal`. */
export function publicExports(text: string): RuntimeExport[] {
  const lines = text.split("\n");
  const found: RuntimeExport[] = [];
  lines.forEach((line, i) => {
    const match = EXPORT.exec(line);
    if (!match) return;
    if (docAbove(lines, i).includes("@internal")) return;
    found.push({ name: match[2] as string, typeOnly: match[1] === "type" || match[1] === "interface" });
  });
  return found;
}

/** The JSDoc block that ends on the line above `index`, or "". */
function docAbove(lines: string[], index: number): string {
  if (!(lines[index - 1] ?? "").trim().endsWith("*/")) return "";
  let start = index - 1;
  while (start > 0 && !(lines[start] ?? "").trim().startsWith("/**")) start--;
  return lines.slice(start, index).join("\n");
}

/** Every name any runtime module exports: what generated names must not take (index.ts or client.ts holds them). */
export function runtimeExportNames(): string[] {
  return [...runtimeModules().values()].flatMap((m) => m.allNames);
}
