// Issue 15's real case: MongoDB's Atlas spec as published in March 2023 carries four unbalanced `pattern`s and
// parent/subtype cycles and allOf-inheritance bases. It must generate, with located warnings saying what apigen did,
// and compile.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileStrict, ROOT, tempDir } from "./helpers";

const SPEC = join(ROOT, "test", "fixtures", "large", "atlas-admin-v2-2023-03.yaml");

test("the March 2023 Atlas spec generates with warnings (invalid patterns dropped, cycles broken) and compiles strictly", () => {
  const out = tempDir("apigen-atlas-2023-");
  try {
    const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", SPEC, "--out", join(out.path, "atlas"), "--no-cache", "--verbose"], { encoding: "utf8" });
    expect(run.stderr).not.toMatch(/ error APIGEN_/);
    expect(run.status).toBe(0);
    // Each dropped pattern is a warning at its own line, saying what was done.
    const dropped = run.stderr.split("\n").filter((l) => / warning APIGEN_SCHEMA_PATTERN: /.test(l));
    expect(dropped).toHaveLength(4);
    for (const line of dropped) expect(line).toMatch(/^test\/fixtures\/large\/atlas-admin-v2-2023-03\.yaml:\d+:\d+ \(#\/components\/schemas\/.+\): warning APIGEN_SCHEMA_PATTERN: .*dropped/);
    expect(run.stderr).toMatch(/warning APIGEN_SCHEMA_CYCLE/);
    expect(run.stderr).toMatch(/315 operations/);
    // Four bases hold a discriminator with subtypes that extend them by allOf (no oneOf): each is now the union of its
    // subtypes (open in responses), its plain shape `<Name>Base`.
    const types = readFileSync(join(out.path, "atlas", "types.ts"), "utf8");
    const shapes = [...types.matchAll(/The properties every subtype of `(\w+)` extends[^]*?\nexport type (\w+) = /g)].map((m) => [m[1], m[2]]);
    expect(shapes.filter(([, type]) => !type?.endsWith("Writable"))).toEqual(["ApiAtlasCloudProviderAccessFeatureUsageView", "ApiAtlasIngestionSinkView", "ApiAtlasServerlessTenantEndpointUpdateView", "CriteriaView"].map((n) => [n, `${n}Base`]));
    expect(types).toContain('export type CriteriaView = CustomCriteriaView & { type: "CUSTOM" } | DateCriteriaView & { type: "DATE" } | CriteriaViewBase & { type: UnknownDiscriminatorValue };');
    expect(types).toContain('export type CriteriaViewWritable = CustomCriteriaViewWritable & { type: "CUSTOM" } | DateCriteriaViewWritable & { type: "DATE" };');
    expect(compileStrict(out.path, { files: ["atlas/index.ts"] })).toBe("");
  } finally {
    out.cleanup();
  }
}, 300_000);
