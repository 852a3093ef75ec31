// The TypeScript checker's verdict on the generated types: both sides' types.ts (rendered by the render stage's
// own view and template) become two modules of one in-memory ts-morph project, and a small checker file asks,
// one line per type, what a consumer's compile would ask:
// - a request type (`<Op>Params`, a `…Writable` body): is the old type assignable to the new one, and does the new
//   one still have every property of the old (a removed property is an excess-property error in an object literal);
// - a response type (`<Op>Response`, components reached from responses): is the new type assignable to the old
//   one, also when every property is read (`Reads<T>`: a removed optional property breaks `job.statusName`).
// ts-morph (with its TypeScript) is loaded here only, on first use: `apigen generate` never pays for it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as TsMorph from "ts-morph";
import type { ApiModel } from "../model/types";
import { templateSet } from "../render";
import { TEMPLATES_DIR } from "../render/handlebars";
import { typesView } from "../render/views";
import type { Direction } from "./schema-compare";

export interface TypeCheck {
  /** The exported type's name (the same on both sides). */
  type: string;
  direction: Direction;
  /** The checker's verdict: true when a consumer's code written against the old type still compiles. */
  compatible: boolean;
  /** The checker's first diagnostic, flattened, when not compatible. */
  detail?: string;
}

export interface Candidate {
  type: string;
  direction: Direction;
}

type View = ReturnType<typeof typesView>;

/** Renders types.ts as `apigen generate` does (built-in template), with the view it came from. */
export function renderTypes(model: ApiModel): { text: string; view: View } {
  const view = typesView(model);
  return { text: templateSet().get("types.ts.hbs")(view), view };
}

/** Each exported type's own declaration text (its type expression, or its params' types), docs left out. */
export function declarationTexts(view: View): Map<string, string> {
  const texts = new Map<string, string>();
  for (const s of view.schemas) texts.set(s.typeName, String(s.type));
  for (const op of view.operations) {
    texts.set(op.paramsTypeName, JSON.stringify(op.params.map((p) => [p.key, p.optional, String(p.type)])));
    texts.set(op.responseTypeName, String(op.responseType));
  }
  return texts;
}

const READS = [
  "type Reads<T> = T extends (...args: never[]) => unknown ? T : T extends Uint8Array | ArrayBuffer ? T",
  " : T extends readonly (infer E)[] ? ReadonlyArray<Reads<E>> : T extends object ? { [K in keyof T]-?: Reads<T[K]> | undefined } : T;",
].join("");

export function checkTypes(oldTypes: string, newTypes: string, candidates: Candidate[]): TypeCheck[] {
  if (candidates.length === 0) return [];
  const { Project, ts } = require("ts-morph") as typeof TsMorph;
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      // The DOM library (Blob, FormData) only for multipart bodies: it is most of the checker's start-up time.
      lib: ["lib.es2022.d.ts", ...(/\bMultipartFields\b/.test(oldTypes + newTypes) ? ["lib.dom.d.ts"] : [])],
    },
  });
  const runtimeTypes = readFileSync(join(TEMPLATES_DIR, "runtime", "types.ts"), "utf8");
  for (const side of ["old", "new"]) project.createSourceFile(`/${side}/runtime/types.ts`, runtimeTypes);
  // Only the declarations the checked types reach: on the whole Atlas spec the checker then binds kilobytes, not megabytes.
  const roots = candidates.map((c) => c.type);
  project.createSourceFile("/old/types.ts", prune(ts, oldTypes, roots));
  project.createSourceFile("/new/types.ts", prune(ts, newTypes, roots));
  // Line i + HEADER of the checker file is candidate i: a diagnostic's line says which type it is about.
  const header = ['import type * as Old from "./old/types.js";', 'import type * as New from "./new/types.js";', READS];
  const lines = candidates.map((c, i) => {
    const [o, n] = [`Old.${c.type}`, `New.${c.type}`];
    return c.direction === "request"
      ? `declare const o${i}: ${o}; const n${i}: ${n} = o${i}; const k${i}: [Exclude<keyof ${o}, keyof ${n}>] extends [never] ? true : { removedProperty: Exclude<keyof ${o}, keyof ${n}> } = true;`
      : `declare const n${i}: ${n}; const o${i}: ${o} = n${i}; declare const r${i}: Reads<${n}>; const s${i}: Reads<${o}> = r${i};`;
  });
  const file = project.createSourceFile("/check.ts", [...header, ...lines].join("\n") + "\n");
  const program = project.getProgram().compilerObject;
  const source = program.getSourceFile(file.getFilePath());
  const diagnostics = source ? program.getSemanticDiagnostics(source) : [];
  const firstByLine = new Map<number, string>();
  for (const d of diagnostics) {
    if (d.start === undefined || !d.file) continue;
    const line = d.file.getLineAndCharacterOfPosition(d.start).line - header.length;
    if (!firstByLine.has(line)) firstByLine.set(line, flatten(ts, d.messageText));
  }
  return candidates.map((c, i) => {
    const detail = firstByLine.get(i);
    return { type: c.type, direction: c.direction, compatible: detail === undefined, ...(detail !== undefined ? { detail } : {}) };
  });
}

/** The message chain on one line, at most three levels deep: enough to name the property, short enough to read. */
function flatten(ts: typeof TsMorph.ts, message: string | TsMorph.ts.DiagnosticMessageChain): string {
  if (typeof message === "string") return message;
  const parts: string[] = [];
  for (let m: TsMorph.ts.DiagnosticMessageChain | undefined = message; m && parts.length < 3; m = m.next?.[0]) parts.push(m.messageText);
  return parts.join(" ").replace(/\s+/g, " ").slice(0, 400) || ts.flattenDiagnosticMessageText(message, " ");
}

/**
 * types.ts with only the imports and the declarations reachable from `roots` through type references, each kept
 * as rendered (with its doc comment). Parsing alone is cheap; binding and checking the whole file is not.
 */
export function prune(ts: typeof TsMorph.ts, text: string, roots: readonly string[]): string {
  const source = ts.createSourceFile("/types.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const declarations = new Map<string, TsMorph.ts.Statement>();
  const kept: TsMorph.ts.Statement[] = [];
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) declarations.set(statement.name.text, statement);
    else kept.push(statement); // imports (and anything else the template may add)
  }
  const reached = new Set<string>();
  const pending = roots.filter((r) => declarations.has(r));
  const visit = (node: TsMorph.ts.Node): void => {
    if (ts.isIdentifier(node) && declarations.has(node.text) && !reached.has(node.text)) pending.push(node.text);
    node.forEachChild(visit);
  };
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    (declarations.get(name) as TsMorph.ts.Statement).forEachChild(visit);
  }
  const wanted = [...kept, ...[...reached].map((name) => declarations.get(name) as TsMorph.ts.Statement)].sort((a, b) => a.pos - b.pos);
  return wanted.map((statement) => text.slice(statement.pos, statement.end)).join("") + "\n";
}
