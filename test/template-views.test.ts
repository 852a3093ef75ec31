// docs/templates.md documents the view each template receives, for users who write their own templates. This test
// keeps it true: every field the views hold (for the scenario specs and the restore-job spec) is documented with the
// kind its value has, and every documented field exists.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { Code } from "../generator/render/escape";
import { plannedRuntime, runtimeReexports } from "../generator/render/runtime-files";
import { clientView, typesView, validatorsView } from "../generator/render/views";
import { cliView } from "../generator/render/cli-view";
import { docsViews } from "../generator/render/docs-view";
import { ROOT } from "./helpers";

const SPECS = [
  join(ROOT, "spec", "atlas-restore-job.yaml"),
  // The whole Atlas spec has what the small ones lack (request bodies with readOnly properties).
  join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml"),
  ...readdirSync(join(ROOT, "test", "fixtures", "scenarios")).filter((f) => f.endsWith(".yaml")).map((f) => join(ROOT, "test", "fixtures", "scenarios", f)),
];

function specOf(path: string): LoadedSpec {
  const text = readFileSync(path, "utf8");
  const doc = YAML.parse(text) as Record<string, unknown>;
  return { source: parseSource(text, "spec.yaml"), document: doc, openapiVersion: String(doc["openapi"]).startsWith("3.1") ? "3.1" : "3.0", name: "spec" };
}

type Kind = "code" | "boolean" | "text" | "null" | "number";

/** Every field path in a view (`descriptors[].pathParams[].name`) with the kinds of value seen there. */
function fieldKinds(value: unknown, path: string, into: Map<string, Set<Kind>>): void {
  const add = (kind: Kind) => (into.get(path) ?? into.set(path, new Set()).get(path))?.add(kind);
  if (Array.isArray(value)) {
    if (!into.has(`${path}[]`)) into.set(`${path}[]`, new Set());
    value.forEach((item) => fieldKinds(item, `${path}[]`, into));
  } else if (value instanceof Code) add("code");
  else if (value === null) add("null");
  else if (typeof value === "object") for (const [key, child] of Object.entries(value as object)) fieldKinds(child, path === "" ? key : `${path}.${key}`, into);
  else add(typeof value === "boolean" ? "boolean" : typeof value === "number" ? "number" : "text");
}

/** The documented fields of one view: `- \`path\` — kind: …` lines between `<!-- view: name -->` markers. */
function documented(view: string): Map<string, string> {
  const doc = readFileSync(join(ROOT, "docs", "templates.md"), "utf8");
  const block = new RegExp(`<!-- view: ${view} -->([\\s\\S]*?)<!-- /view -->`).exec(doc)?.[1] ?? "";
  return new Map([...block.matchAll(/^- `([^`]+)` — ([a-z ]+?)(?::|$)/gm)].map((m) => [m[1] as string, m[2] as string]));
}

const KIND_WORDS: Record<Kind, string[]> = {
  code: ["code", "code or null"],
  boolean: ["boolean"],
  text: ["text", "name", "text or null", "list"],
  null: ["text or null", "code or null"],
  number: ["number"],
};

describe("docs/templates.md describes the views templates receive", () => {
  const facts = { generatorName: "apigen", generatorVersion: "0.0.0", specFile: "spec.yaml", specSha256: "0".repeat(64) };
  const seen = { client: new Map<string, Set<Kind>>(), types: new Map<string, Set<Kind>>(), validators: new Map<string, Set<Kind>>(), index: new Map<string, Set<Kind>>(), cli: new Map<string, Set<Kind>>(), "docs-index": new Map<string, Set<Kind>>(), "docs-operation": new Map<string, Set<Kind>>() };
  beforeAll(() => {
    for (const path of SPECS) {
      const { model } = buildModel(specOf(path));
      fieldKinds(clientView(model, facts), "", seen.client);
      fieldKinds(typesView(model), "", seen.types);
      fieldKinds(validatorsView(model), "", seen.validators);
      fieldKinds(cliView(model), "", seen.cli);
      const docs = docsViews(model, "API", true);
      fieldKinds(docs.index.view(), "", seen["docs-index"]);
      for (const page of docs.pages) fieldKinds(page.view(), "", seen["docs-operation"]);
      fieldKinds({ runtimeExports: runtimeReexports(plannedRuntime(model)) }, "", seen.index);
    }
  });

  it.each(["client", "types", "validators", "index", "cli", "docs-index", "docs-operation"] as const)("the %s view: every field documented with its kind, nothing documented that is not there", (view) => {
    const docs = documented(view);
    // `helpers.<name>` documents the whole helpers map.
    const fields = [...seen[view]].map(([path, kinds]) => [path.replace(/^helpers\..*/, "helpers.<name>"), kinds] as const);
    const undocumented = fields.filter(([path]) => !docs.has(path)).map(([path]) => path);
    expect([...new Set(undocumented)]).toEqual([]);
    const wrongKind = fields.filter(([path, kinds]) => [...kinds].some((k) => !KIND_WORDS[k].includes(docs.get(path) as string))).map(([path, kinds]) => `${path}: ${[...kinds].join("|")} documented as ${docs.get(path)}`);
    expect([...new Set(wrongKind)]).toEqual([]);
    const names = new Set(fields.map(([path]) => path));
    expect([...docs.keys()].filter((path) => !names.has(path))).toEqual([]);
  });
});
