// One isolated Handlebars environment: no HTML escaping (escaping is ours, per context), strict lookups,
// only the helpers registered here, templates compiled once per process.
import Handlebars from "handlebars";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { identifier, jsdoc, jsonLiteral, propertyKey, stringLiteral } from "./escape";

export const TEMPLATES_DIR = join(__dirname, "..", "..", "templates");

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
};

const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: true,
  preventIndent: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
};

export type Template = (view: object) => string;

let environment: { compile(name: string): Template } | undefined;

function createEnvironment(): { compile(name: string): Template } {
  const hbs = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    // Handlebars passes an options object last; helpers take only the values before it.
    hbs.registerHelper(name, (...args: unknown[]) => helper(...args.slice(0, -1)));
  }
  const cache = new Map<string, Template>();
  return {
    compile(name) {
      let template = cache.get(name);
      if (!template) {
        template = hbs.compile(readFileSync(join(TEMPLATES_DIR, name), "utf8"), COMPILE_OPTIONS) as Template;
        cache.set(name, template);
      }
      return template;
    },
  };
}

export function template(name: string): Template {
  environment ??= createEnvironment();
  return environment.compile(name);
}
