// Build step (`make build`, npm's prepare): the built-in templates compiled to Handlebars template specs, each with
// the source it came from, so a run loads them instead of compiling them (handlebars.ts serves a spec only while
// its template file still holds that source). The specs are exactly what Handlebars compiles at run time, after
// the same reference checking, with the same options.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { precompile, PRECOMPILED_FILE, TEMPLATE_NAMES, TEMPLATES_DIR } from "./handlebars";

/** One CommonJS module exporting, per template file name, `{ source, spec }`. */
export function precompiledTemplatesSource(): string {
  const entries = TEMPLATE_NAMES.map((name) => {
    const source = readFileSync(join(TEMPLATES_DIR, name), "utf8");
    const spec = precompile(source, `templates/${name}`);
    return `exports[${JSON.stringify(name)}] = { source: ${JSON.stringify(source)}, spec: ${spec} };`;
  });
  return ["\"use strict\";", "// Written by dist/render/precompile-templates.js at build time from templates/*.hbs: do not edit.", ...entries, ""].join("\n");
}

if (require.main === module) {
  writeFileSync(join(__dirname, PRECOMPILED_FILE), precompiledTemplatesSource());
}
