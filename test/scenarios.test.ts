// Whole-spec scenarios (test/fixtures/scenarios/*.yaml, one concern each): each generates, and all outputs
// compile together under the strictest flags with the real tsc; spec text never becomes code.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { codeTokens, compileStrict, ROOT, tempDir } from "./helpers";

const FIXTURES = join(ROOT, "test", "fixtures", "scenarios");
const SCENARIOS = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")).sort();
const out = tempDir("apigen-scenarios-");
afterAll(() => out.cleanup());

function generate(spec: string, dir: string) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", spec, "--out", dir, "--quiet"], { encoding: "utf8" });
}

describe("scenarios", () => {
  beforeAll(() => {
    for (const file of SCENARIOS) {
      const run = generate(join(FIXTURES, file), join(out.path, basename(file, ".yaml")));
      if (run.status !== 0) throw new Error(`${file}: ${run.stderr}`);
    }
  });

  it("all compile together under the strictest settings", () => {
    expect(compileStrict(out.path, { include: ["*/index.ts"] })).toBe("");
  });

  it.each(SCENARIOS.map((f) => basename(f, ".yaml")))("%s: no spec text outside literals and comments", (name) => {
    for (const file of readdirSync(join(out.path, name)).filter((f) => f.endsWith(".ts") && f !== "runtime.ts")) {
      const code = codeTokens(readFileSync(join(out.path, name, file), "utf8"));
      expect(code).not.toMatch(/\bprocess\b|\bglobalThis\b|\beval\b|\bFunction\(|\brequire\(|\bimport\(|<\/script>|pwned/);
    }
  });

  it("collisions: names are unique, unreserved, stable and readable", () => {
    const types = readFileSync(join(out.path, "collisions", "types.ts"), "utf8");
    const client = readFileSync(join(out.path, "collisions", "client.ts"), "utf8");
    for (const name of ["FooBar", "FooBar2", "FooBar3", "PromiseSchema", "ApiErrorSchema", "StringSchema", "_1st", "Unicode"]) {
      expect(types).toMatch(new RegExp(`^export type ${name} = `, "m"));
    }
    // Keywords are fine as property names; `then` would make the client a thenable.
    expect(client).toMatch(/^ {4}default: \{$/m);
    // createClient binds each method to its standalone function: `client.default.delete` is `delete_` with core.
    expect(client).toMatch(/^ {6}delete: delete_,$/m);
    expect(client).toMatch(/^ {6}getThingWithResponse2: getThing2WithResponse,$/m);
    expect(client).toMatch(/^ {6}getThingWithResponse: getThingWithResponse,$/m);
    // Standalone exports (tree-shakeable) never shadow value globals: an operation named `delete` is `delete_`.
    expect(client).toMatch(/^export function delete_\(core: Core, params: DeleteParams/m);
  });

  it("versions: server variables take their defaults; security: [] sends no credentials", () => {
    const client = readFileSync(join(out.path, "versions", "client.ts"), "utf8");
    expect(client).toContain('export const DEFAULT_BASE_URL = "https://eu.api.example.test/v1";');
    expect(client).toMatch(/deleteThingOperation[\s\S]*?security: \[\],/);
    expect(client).toMatch(/"application\/vnd\.example\.2023-01-01\+json": validateThingV1,\s*"application\/vnd\.example\.2024-01-01\+json": validateThingV2/);
  });
});
