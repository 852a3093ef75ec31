// One isolated Handlebars environment: no HTML escaping (escaping is ours, per context), strict lookups, only the
// helpers registered here. A bare `{{field}}` is rewritten to `{{code field}}`, which accepts only values the
// render stage built as code (`Code`), numbers and booleans: spec text reaches the output only through a helper
// named for its context, in our templates and in a user's alike. A user's template folder replaces built-in
// templates by file name; its errors name the template file, line and column.
import Handlebars from "handlebars";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { diagnostic, GeneratorError } from "../diagnostics";
import { Code, identifier, jsdoc, jsonLiteral, propertyKey, stringLiteral } from "./escape";

export const TEMPLATES_DIR = join(__dirname, "..", "..", "templates");

/** The templates a user may replace: one per rendered output file. */
export const TEMPLATE_NAMES = ["client.ts.hbs", "index.ts.hbs", "types.ts.hbs", "validators.ts.hbs"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number] | "runtime.ts.hbs";

class TemplateTextError extends Error {}

/** Each helper names the output context it escapes for. */
const HELPERS: Readonly<Record<string, (...args: unknown[]) => string>> = {
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
  /** What a bare `{{field}}` becomes: code the render stage built, never text. */
  code: (value) => {
    if (value instanceof Code) return value.text;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new TemplateTextError(
      `this field holds ${value === null || value === undefined ? String(value) : "text"}, not code; text goes through a helper: {{str x}}, {{doc x}}, {{key x}}, {{json x}} or {{id x}}`,
    );
  },
};

const COMPILE_OPTIONS = {
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

const handlebars = (() => {
  let hbs: typeof Handlebars | undefined;
  return () => {
    if (hbs) return hbs;
    hbs = Handlebars.create();
    for (const [name, helper] of Object.entries(HELPERS)) {
      // Handlebars passes an options object last (with the call's location); helpers take only the values before it.
      hbs.registerHelper(name, (...args: unknown[]) => {
        const options = args[args.length - 1] as { loc?: { start: { line: number; column: number } } };
        try {
          return helper(...args.slice(0, -1));
        } catch (error) {
          const at = options.loc?.start;
          throw Object.assign(error as Error, at ? { templateLine: at.line, templateColumn: at.column + 1 } : {});
        }
      });
    }
    return hbs;
  };
})();

let builtIn: TemplateSet | undefined;

/** The built-in templates, or those with a user's folder laid over them. */
export function templateSet(overrideDir?: string, overrideDisplay?: string): TemplateSet {
  if (overrideDir === undefined) return (builtIn ??= compiledSet(new Map()));
  return compiledSet(userTemplates(overrideDir, overrideDisplay ?? overrideDir));
}

function compiledSet(overrides: ReadonlyMap<string, { path: string; display: string }>): TemplateSet {
  const cache = new Map<string, Template>();
  return {
    get(name) {
      let compiled = cache.get(name);
      if (!compiled) {
        const user = overrides.get(name);
        const source = readFileSync(user?.path ?? join(TEMPLATES_DIR, name), "utf8");
        compiled = user ? located(compile(source, user.display), user.display) : compile(source, name);
        cache.set(name, compiled);
      }
      return compiled;
    },
  };
}

function compile(source: string, display: string): Template {
  let program: hbs.AST.Program;
  try {
    program = handlebars().parse(source);
  } catch (error) {
    const line = /line (\d+)/.exec((error as Error).message)?.[1];
    throw templateError("APIGEN_TEMPLATE_SYNTAX", firstLine((error as Error).message), display, line === undefined ? undefined : Number(line), undefined,
      "fix the Handlebars syntax of this template");
  }
  codeOnlyMustaches(program);
  return handlebars().compile(program, COMPILE_OPTIONS) as Template;
}

/** Rewrites every bare `{{path}}` (no helper, no arguments) into `{{code path}}`. */
function codeOnlyMustaches(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(codeOnlyMustaches);
  if (typeof node !== "object" || node === null) return;
  const n = node as { type?: string; path?: hbs.AST.PathExpression | hbs.AST.Literal; params?: unknown[]; hash?: unknown };
  const path = n.path?.type === "PathExpression" ? (n.path as hbs.AST.PathExpression) : undefined;
  if (n.type === "MustacheStatement" && (n.params?.length ?? 0) === 0 && n.hash === undefined && path && !(path.original in HELPERS)) {
    n.params = [path];
    n.path = { type: "PathExpression", data: false, depth: 0, parts: ["code"], original: "code", loc: path.loc } as hbs.AST.PathExpression;
    return;
  }
  for (const value of Object.values(node)) if (typeof value === "object") codeOnlyMustaches(value);
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
      const missing = /^"([^"]+)" not defined in/.exec(e.message);
      const message = missing ? `"${missing[1]}" is not a field of the view here` : firstLine(e.message.replace(/ - \d+:\d+$/, ""));
      throw templateError(missing ? "APIGEN_TEMPLATE_FIELD" : "APIGEN_TEMPLATE_RENDER", message, display, line, column,
        "docs/templates.md lists the fields each template receives");
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

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** The built-in template by name (tests and the render stage's default). */
export function template(name: TemplateName): Template {
  return templateSet().get(name);
}
