// One isolated Handlebars environment: no HTML escaping (escaping is ours, per context), strict lookups, only the
// helpers registered here. A bare `{{field}}` is rewritten to `{{code field}}`, which accepts only values the
// render stage built as code (`Code`), numbers and booleans: spec text reaches the output only through a helper
// named for its context, in our templates and in a user's alike. A user's template folder replaces built-in
// templates by file name; its errors name the template file, line and column. The built-in templates are compiled
// at build time (precompile-templates.ts): compiling them costs a run about as long as executing them.
import type Handlebars from "handlebars";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, GeneratorError } from "../diagnostics";
import { Code, identifier, jsdoc, jsonLiteral, markdownBlock, markdownCode, markdownInline, propertyKey, shellWord, stringLiteral } from "./escape";
import { callDirectly, directCalls, DIRECT, locatedError, TemplateFieldError } from "./template-calls";

export const TEMPLATES_DIR = join(__dirname, "..", "..", "templates");

/** The templates a user may replace: one per rendered output file. */
export const TEMPLATE_NAMES = ["cli.ts.hbs", "client.ts.hbs", "docs-index.md.hbs", "docs-operation.md.hbs", "index.ts.hbs", "types.ts.hbs", "validators.ts.hbs"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Each helper names the output context it escapes for. */
const HELPERS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  /** A string literal: `{{str path}}`. */
  str: (value) => stringLiteral(String(value)),
  /** A JSON value as a literal: `{{json default}}`. */
  json: (value) => jsonLiteral(value),
  /** An object-literal or type-member key (computed for `__proto__`). */
  key: (value) => propertyKey(String(value)),
  /** An identifier chosen by the model; throws if it is not one. */
  id: (value) => identifier(String(value)),
  /** A JSDoc block from a list of lines (spec text), empty when there is nothing to say. */
  doc: (lines) => jsdoc(Array.isArray(lines) ? lines : [String(lines)]),
  /** Markdown inline text, one line (safe in a table cell): `{{md summary}}`. */
  md: (value) => markdownInline(String(value)),
  /** Markdown paragraphs: `{{mdblock description}}`. */
  mdblock: (value) => markdownBlock(String(value)),
  /** A Markdown code span holding any text: `{{mdcode path}}`. */
  mdcode: (value) => markdownCode(String(value)),
  /** One shell word (quoted as needed, always one line), for command lines in the docs: `{{sh url}}`. */
  sh: (value) => shellWord(String(value)),
  /** What a bare `{{name}}` becomes: code the render stage built, never text. */
  code: (value, name) => {
    if (value === undefined) throw new TemplateFieldError(String(name));
    if (value instanceof Code) return value.text;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new Error(`"${String(name)}" holds ${value === null ? "null" : "text"}, not code; text goes through a helper: {{str x}}, {{doc x}}, {{key x}}, {{json x}} or {{id x}} (Markdown: {{md x}}, {{mdblock x}}, {{mdcode x}}, {{sh x}})`);
  },
};

export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: true,
  preventIndent: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
};

export type Template = (view: object) => string;

/** Compiles templates on first use; the built-in set is shared by every run in the process. */
export interface TemplateSet {
  get(name: TemplateName): Template;
}

/**
 * An isolated environment with our helpers. Precompiled templates need only Handlebars' runtime; the compiler (and
 * its source-map dependency) is loaded only when a template must be compiled in this process.
 */
function environment(module: "handlebars" | "handlebars/runtime"): () => typeof Handlebars {
  let hbs: typeof Handlebars | undefined;
  return () => {
    if (hbs) return hbs;
    hbs = (require(module) as typeof Handlebars).create();
    // An object, not a function: Handlebars wraps every helper function it calls, but passes other values as they are.
    hbs.registerHelper(DIRECT, directCalls(HELPERS) as unknown as Handlebars.HelperDelegate);
    if (module === "handlebars") callDirectly(hbs, HELPERS);
    for (const [name, helper] of Object.entries(HELPERS)) {
      // The Handlebars way, for a call the compiler leaves to it (a helper given more or fewer values than it takes):
      // an options object comes last, with the call's location.
      hbs.registerHelper(name, (...args: unknown[]) => {
        const last = args.length - 1;
        const at = (args[last] as { loc?: { start: { line: number; column: number } } }).loc?.start;
        try {
          return helper(...args.slice(0, last)) as string;
        } catch (error) {
          throw at ? locatedError(error, at.line, at.column) : error;
        }
      });
    }
    return hbs;
  };
}

const handlebars = environment("handlebars");
const handlebarsRuntime = environment("handlebars/runtime");

/** Written into dist/render/ by precompile-templates.ts: per built-in template, its source and compiled spec. */
export const PRECOMPILED_FILE = "precompiled-templates.js";

export type PrecompiledTemplates = Readonly<Record<string, { source: string; spec: TemplateSpecification }>>;

let precompiledTemplates: PrecompiledTemplates | undefined;

/** The build's compiled templates; none when running the TypeScript sources (tests) or before a build wrote them. */
function precompiled(): PrecompiledTemplates {
  if (precompiledTemplates) return precompiledTemplates;
  const file = join(__dirname, PRECOMPILED_FILE);
  precompiledTemplates = existsSync(file) ? (require(file) as PrecompiledTemplates) : {};
  return precompiledTemplates;
}

let builtIn: TemplateSet | undefined;

/** The built-in templates, or those with a user's folder laid over them. */
export function templateSet(overrideDir?: string, overrideDisplay?: string): TemplateSet {
  if (overrideDir === undefined) return (builtIn ??= compiledSet(new Map()));
  return compiledSet(userTemplates(overrideDir, overrideDisplay ?? overrideDir));
}

/** The built-in templates served from these compiled specs where their source still matches (tests compare the two ways). */
export function precompiledSet(built: PrecompiledTemplates): TemplateSet {
  return compiledSet(new Map(), () => built);
}

function compiledSet(overrides: ReadonlyMap<string, { path: string; display: string }>, builtSpecs: () => PrecompiledTemplates = precompiled): TemplateSet {
  const cache = new Map<string, Template>();
  return {
    get(name) {
      let compiled = cache.get(name);
      if (!compiled) {
        const user = overrides.get(name);
        const source = readFileSync(user?.path ?? join(TEMPLATES_DIR, name), "utf8");
        const display = user ? user.display : `templates/${name}`;
        // A built-in template edited since the build is compiled here, never served stale.
        const built = user ? undefined : builtSpecs()[name];
        compiled = located(built?.source === source ? (handlebarsRuntime().template(built.spec) as Template) : compile(source, display), display);
        cache.set(name, compiled);
      }
      return compiled;
    },
  };
}

function compile(source: string, display: string): Template {
  return handlebars().compile(checkedProgram(source, display), COMPILE_OPTIONS) as Template;
}

/** The template spec (JavaScript source) the build writes for a built-in template: what `compile` would run. */
export function precompile(source: string, display: string): string {
  // precompile returns the spec as JavaScript source (its typings say object).
  return String(handlebars().precompile(checkedProgram(source, display), COMPILE_OPTIONS));
}

/** The template's syntax tree with every reference checked (see checkedReferences), or a diagnostic. */
export function checkedProgram(source: string, display: string): hbs.AST.Program {
  let program: hbs.AST.Program;
  try {
    program = handlebars().parse(source);
  } catch (error) {
    const line = /line (\d+)/.exec((error as Error).message)?.[1];
    throw templateError("APIGEN_TEMPLATE_SYNTAX", parseErrorMessage((error as Error).message), display, line === undefined ? undefined : Number(line), undefined,
      "fix the Handlebars syntax of this template");
  }
  try {
    checkedReferences(program);
  } catch (error) {
    if (!(error instanceof TemplateHelperError)) throw error;
    throw templateError("APIGEN_TEMPLATE_HELPER", error.message, display, error.line, error.column,
      "print with {{str x}}, {{doc x}}, {{key x}}, {{json x}} or {{id x}} (in Markdown templates {{md x}}, {{mdblock x}}, {{mdcode x}}, {{sh x}}); structure with {{#each}}, {{#if}}, {{#unless}} and {{#with}}");
  }
  return program;
}

/**
 * Rewrites the template's references so that each is checked: a bare `{{x}}` becomes `{{code x "x"}}` and every
 * other reference `x` (a helper's or a block's argument) is marked strict, which Handlebars' strict mode does only
 * for the first kind by itself: the compiled template then looks it up through checkedField, which refuses a name
 * the view lacks (views hold every field, absent values as null, so a missing one is misspelt). One call per lookup,
 * where a checking helper around it was a second helper call, with its own options object, for every printed value.
 */
function checkedReferences(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(checkedReferences);
  if (typeof node !== "object" || node === null || CHECKED.has(node)) return;
  const n = node as { type?: string; path?: hbs.AST.Expression; params?: hbs.AST.Expression[]; hash?: hbs.AST.Hash };
  const isCall = n.type === "MustacheStatement" || n.type === "BlockStatement" || n.type === "SubExpression";
  if (isCall && n.path && n.params) {
    refuseOtherHelpers(n.type as string, n.path, n.params.length > 0 || n.hash !== undefined);
    const bare = n.type === "MustacheStatement" && n.params.length === 0 && n.hash === undefined && isPath(n.path) && !(n.path.original in HELPERS);
    if (bare) {
      const path = n.path as hbs.AST.PathExpression;
      n.params = [checked(path), literal(path.original, path.loc)];
      n.path = helperPath("code", path.loc);
    } else {
      n.params = n.params.map((p) => (isPath(p) ? strictPath(p) : p));
    }
  }
  for (const [key, value] of Object.entries(node)) if (key !== "path" && typeof value === "object") checkedReferences(value);
}

/** Printing helpers escape; block helpers only choose and repeat. Any other helper (Handlebars' `lookup`, `log`) could print a field unescaped. */
const PRINTING_HELPERS = new Set(["str", "json", "key", "id", "doc", "code", "md", "mdblock", "mdcode", "sh"]);
const BLOCK_HELPERS = new Set(["each", "if", "unless", "with"]);

class TemplateHelperError extends Error {
  constructor(readonly helper: string, readonly line: number, readonly column: number) {
    super(`"${helper}" is not a helper templates may use here`);
  }
}

function refuseOtherHelpers(type: string, path: hbs.AST.Expression, hasArguments: boolean): void {
  if (!isPath(path) || (type === "MustacheStatement" && !hasArguments)) return;
  const allowed = type === "BlockStatement" ? BLOCK_HELPERS : PRINTING_HELPERS;
  if (!allowed.has(path.original)) throw new TemplateHelperError(path.original, path.loc.start.line, path.loc.start.column + 1);
}

function isPath(expression: hbs.AST.Expression): expression is hbs.AST.PathExpression {
  return expression.type === "PathExpression";
}

/** Nodes this pass made, which it must not rewrite again. */
const CHECKED = new WeakSet<object>();

/** The path, looked up by Handlebars' strict check (its compiler reads `strict` from the node, as it sets it for `{{x}}`). */
function strictPath(path: hbs.AST.PathExpression): hbs.AST.PathExpression {
  return checked(Object.assign(path, { strict: true }));
}

function checked<T extends object>(node: T): T {
  CHECKED.add(node);
  return node;
}

function helperPath(name: string, loc: hbs.AST.SourceLocation): hbs.AST.PathExpression {
  return { type: "PathExpression", data: false, depth: 0, parts: [name], original: name, loc } as hbs.AST.PathExpression;
}

function literal(value: string, loc: hbs.AST.SourceLocation): hbs.AST.StringLiteral {
  return { type: "StringLiteral", value, original: value, loc };
}

/** A user template's failures become diagnostics naming its file, line and column. */
function located(template: Template, display: string): Template {
  return (view) => {
    try {
      return template(view);
    } catch (error) {
      const e = error as Error & { lineNumber?: number; column?: number; templateLine?: number; templateColumn?: number };
      const line = e.templateLine ?? e.lineNumber;
      const column = e.templateColumn ?? (e.column === undefined ? undefined : e.column + 1);
      const missing = error instanceof TemplateFieldError ? e.message : /^"([^"]+)" not defined in/.exec(e.message)?.[1];
      const message = missing !== undefined ? `"${missing}" is not a field of the view here` : firstLine(e.message.replace(/ - \d+:\d+$/, ""));
      const unescaped = missing === undefined && e.message.includes("not code;");
      const code = missing !== undefined ? "APIGEN_TEMPLATE_FIELD" : unescaped ? "APIGEN_TEMPLATE_UNESCAPED" : "APIGEN_TEMPLATE_RENDER";
      const hint = unescaped ? "spec text reaches the output only through an escaping helper; see docs/templates.md" : "docs/templates.md lists the fields each template receives";
      throw templateError(code, unescaped ? message.replace(/; text goes through.*$/, "") : message, display, line, column, hint);
    }
  };
}

function userTemplates(dir: string, display: string): Map<string, { path: string; display: string }> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw templateError("APIGEN_TEMPLATE_DIR", "the templates folder does not exist", display, undefined, undefined, "create it, or fix the path given as templates / --templates");
  }
  const overrides = new Map<string, { path: string; display: string }>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(entry.name)) {
      throw templateError("APIGEN_TEMPLATE_UNKNOWN", `"${entry.name}" does not replace any built-in template`, join(display, entry.name), undefined, undefined,
        `the templates that can be replaced are ${TEMPLATE_NAMES.join(", ")}; the runtime is fixed source`);
    }
    overrides.set(entry.name, { path: join(dir, entry.name), display: join(display, entry.name) });
  }
  return overrides;
}

function templateError(code: string, message: string, file: string, line: number | undefined, column: number | undefined, hint: string): GeneratorError {
  const location = line === undefined ? { file } : { file, line, column: column ?? 1 };
  return new GeneratorError([diagnostic("error", code, message, location, hint)]);
}

/** Handlebars' parse errors end with what it expected: `Expecting 'CLOSE', got 'EOF'`. */
function parseErrorMessage(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const last = lines[lines.length - 1] ?? text;
  return lines.length > 1 ? `${firstLine(text).replace(/:$/, "")}: ${last}` : last;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** The built-in template by name (tests and the render stage's default). */
export function template(name: TemplateName): Template {
  return templateSet().get(name);
}
