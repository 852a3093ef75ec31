// The build compiles the built-in templates ahead of time (generator/render/precompile-templates.ts). A run must
// render exactly what compiling at run time renders, and must never serve a spec whose template has changed since.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { load } from "js-yaml";
import { buildModel } from "../generator/model";
import { renderTemplates } from "../generator/render";
import { precompiledSet, TEMPLATE_NAMES, TEMPLATES_DIR, type PrecompiledTemplates } from "../generator/render/handlebars";
import { precompiledTemplatesSource } from "../generator/render/precompile-templates";
import { ROOT } from "./helpers";
import { FACTS, specOf } from "./validators-harness";

/** The module the build writes, evaluated as CommonJS. */
function builtModule(): PrecompiledTemplates {
  const exports: Record<string, unknown> = {};
  runInNewContext(precompiledTemplatesSource(), { exports });
  return exports as PrecompiledTemplates;
}

const ALL_OUTPUTS = { outputs: ["sdk", "cli", "docs"] as const };

describe("precompiled templates", () => {
  const built = builtModule();

  it("holds every built-in template with its current source", () => {
    expect(Object.keys(built).sort()).toEqual([...TEMPLATE_NAMES].sort());
    for (const name of TEMPLATE_NAMES) expect(built[name]?.source).toBe(readFileSync(join(TEMPLATES_DIR, name), "utf8"));
  });

  it.each(["hostile.yaml", "security-and-bodies.yaml", "versions.yaml"])("render %s byte for byte as compiling at run time does", (fixture) => {
    const doc = load(readFileSync(join(ROOT, "test", "fixtures", "scenarios", fixture), "utf8")) as Record<string, unknown>;
    const { model } = buildModel(specOf(doc, { closedEnums: false }));
    const compiled = renderTemplates(model, FACTS, undefined, ALL_OUTPUTS);
    const precompiled = renderTemplates(model, FACTS, precompiledSet(built), ALL_OUTPUTS);
    expect(precompiled.map((f) => f.path)).toEqual(compiled.map((f) => f.path));
    precompiled.forEach((file, i) => expect(file.text).toBe(compiled[i]?.text));
  });

  it("serves a spec only while its template file still holds the source it was compiled from", () => {
    const marker = builtModule()["docs-index.md.hbs"]!.spec; // any other template's spec, to tell which one ran
    const view = { runtimeExports: [] };
    const current = readFileSync(join(TEMPLATES_DIR, "index.ts.hbs"), "utf8");
    const fresh = precompiledSet({ "index.ts.hbs": { source: current, spec: marker } }).get("index.ts.hbs");
    const stale = precompiledSet({ "index.ts.hbs": { source: `${current}{{! edited since the build }}`, spec: marker } }).get("index.ts.hbs");
    const compiled = precompiledSet({}).get("index.ts.hbs");
    expect(() => fresh(view)).toThrow(/not a field of the view/); // the docs index's spec ran, and wants other fields
    expect(stale(view)).toBe(compiled(view));
  });
});
