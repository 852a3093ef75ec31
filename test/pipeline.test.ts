// Whole runs through the CLI: the worker thread changes nothing about the output, --prettier formats everything
// but the already prettier-clean runtime, unchanged inputs are a recorded no-op that still notices edited
// output, and the output does not depend on the order of keys in the spec.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSource } from "../generator/load/source";
import { MANIFEST_FILE } from "../generator/write";
import { checkSyntax } from "../generator/write/syntax-gate";
import { outputFiles, ROOT, tempDir } from "./helpers";

const SPEC = join(ROOT, "spec", "atlas-restore-job.yaml");

function apigen(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every output file without its first line (which names the spec file); the manifest (spec hash and name) only on request. */
function outputs(dir: string, { manifest = true } = {}): Record<string, string> {
  const names = outputFiles(dir).filter((name) => manifest || name !== MANIFEST_FILE);
  return Object.fromEntries(names.sort().map((name) => [name, readFileSync(join(dir, name), "utf8").replace(/^[^\n]*\n/, "")]));
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe("generation runs", () => {
  const dir = tempDir("apigen-pipeline-");
  const cache = { APIGEN_CACHE_DIR: join(dir.path, "cache") };
  afterAll(() => dir.cleanup());

  it("gives the same bytes with and without the worker thread, twice", () => {
    const a = join(dir.path, "worker");
    const b = join(dir.path, "in-process");
    expect(apigen(["--spec", SPEC, "--out", a, "--no-cache"], { APIGEN_WORKER: "1" }).status).toBe(0);
    expect(apigen(["--spec", SPEC, "--out", b, "--no-cache"], { APIGEN_WORKER: "0" }).status).toBe(0);
    expect(outputs(b)).toEqual(outputs(a));
    const again = join(dir.path, "again");
    expect(apigen(["--spec", SPEC, "--out", again, "--no-cache"]).status).toBe(0);
    expect(outputs(again)).toEqual(outputs(a));
  });

  it("gives the same bytes with and without the worker thread for a JSON spec (sent to the worker as its text)", () => {
    const json = dir.write("spec.json", JSON.stringify(parseSource(readFileSync(SPEC, "utf8"), "s").data, null, 2));
    const a = join(dir.path, "json-worker");
    const b = join(dir.path, "json-in-process");
    expect(apigen(["--spec", json, "--out", a, "--no-cache"], { APIGEN_WORKER: "1" }).status).toBe(0);
    expect(apigen(["--spec", json, "--out", b, "--no-cache"], { APIGEN_WORKER: "0" }).status).toBe(0);
    expect(outputs(b)).toEqual(outputs(a));
    const yaml = join(dir.path, "yaml-in-process");
    expect(apigen(["--spec", SPEC, "--out", yaml, "--no-cache"], { APIGEN_WORKER: "0" }).status).toBe(0);
    expect(outputs(a, { manifest: false })).toEqual(outputs(yaml, { manifest: false })); // the same code as from the YAML
  });

  it("with --verify the worker takes a second job after openapi.ts (it ends itself only after the last) and the bytes stay the same", () => {
    const a = join(dir.path, "verify-worker");
    const b = join(dir.path, "verify-in-process");
    const onWorker = apigen(["--spec", SPEC, "--out", a, "--no-cache", "--verify"], { APIGEN_WORKER: "1" });
    expect(onWorker.stderr).not.toContain("APIGEN_INTERNAL");
    expect(onWorker.status).toBe(0);
    expect(apigen(["--spec", SPEC, "--out", b, "--no-cache", "--verify"], { APIGEN_WORKER: "0" }).status).toBe(0);
    expect(outputs(a)).toEqual(outputs(b));
  });

  it("reports an invalid spec the same way with or without the worker thread, and writes nothing", () => {
    const broken = dir.write("broken.yaml", readFileSync(SPEC, "utf8").replace("operationId: getClusterRestoreJob", "operationId: [not, a, string]"));
    const out = join(dir.path, "never-written");
    const onWorker = apigen(["--spec", broken, "--out", out, "--no-cache"], { APIGEN_WORKER: "1" });
    const here = apigen(["--spec", broken, "--out", out, "--no-cache"], { APIGEN_WORKER: "0" });
    expect(onWorker.status).toBe(1);
    expect(onWorker.stderr).toMatch(/broken\.yaml:\d+:\d+ .*error APIGEN_SPEC_INVALID/);
    expect(onWorker.stderr).toBe(here.stderr);
    expect(existsSync(out)).toBe(false);
  });

  it("does not depend on the order of keys in the spec's maps (nor on YAML vs JSON)", () => {
    const reversed = dir.write("reversed.json", JSON.stringify(reverseKeys(parseSource(readFileSync(SPEC, "utf8"), "s").data), null, 2));
    const a = join(dir.path, "forward");
    const b = join(dir.path, "reversed");
    expect(apigen(["--spec", SPEC, "--out", a, "--no-cache"]).status).toBe(0);
    expect(apigen(["--spec", reversed, "--out", b, "--no-cache"]).status).toBe(0);
    expect(outputs(b, { manifest: false })).toEqual(outputs(a, { manifest: false })); // another spec file: another hash
  });

  it("with --prettier, formats every file with prettier; the runtime is already prettier-clean", () => {
    const plain = join(dir.path, "plain");
    const pretty = join(dir.path, "pretty");
    expect(apigen(["--spec", SPEC, "--out", plain, "--no-cache"]).status).toBe(0);
    expect(apigen(["--spec", SPEC, "--out", pretty, "--no-cache", "--prettier"]).status).toBe(0);
    const [p, q] = [outputs(plain), outputs(pretty)];
    for (const runtime of Object.keys(p).filter((path) => path.startsWith("runtime/"))) expect(q[runtime]).toBe(p[runtime]);
    expect(q["client.ts"]).not.toBe(p["client.ts"]); // prettier wraps long lines the layout pass leaves alone
    expect(Object.keys(q)).toEqual(Object.keys(p));
    expect(() => checkSyntax(Object.entries(q).filter(([path]) => path.endsWith(".ts")).map(([path, text]) => ({ path, text })))).not.toThrow();
  });

  it("prints at most ten warnings of one code, then a count; --verbose prints them all", () => {
    const risky = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Risky${i}`, { type: "string", pattern: "^(a+)+$" }]));
    const base = parseSource(readFileSync(SPEC, "utf8"), "s").data as { components: { schemas: object } };
    const spec = dir.write("risky.json", JSON.stringify({ ...base, components: { ...base.components, schemas: { ...base.components.schemas, ...risky } } }));
    const quiet = apigen(["--spec", spec, "--out", join(dir.path, "risky"), "--no-cache"]);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr.match(/warning APIGEN_SCHEMA_PATTERN_REDOS/g)).toHaveLength(10);
    expect(quiet.stderr).toContain("… and 2 more APIGEN_SCHEMA_PATTERN_REDOS warnings (--verbose prints them all)");
    expect(quiet.stderr).toContain("apigen: 12 warnings: 12 APIGEN_SCHEMA_PATTERN_REDOS");
    const verbose = apigen(["--spec", spec, "--out", join(dir.path, "risky"), "--no-cache", "--verbose"]);
    expect(verbose.stderr.match(/warning APIGEN_SCHEMA_PATTERN_REDOS/g)).toHaveLength(12);
  });

  it("prints stage timings and counts with --verbose", () => {
    const run = apigen(["--spec", SPEC, "--out", join(dir.path, "verbose"), "--no-cache", "--verbose"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/apigen: load\s+\d+ ms\s+\d+ KiB, OpenAPI 3\.0/);
    expect(run.stderr).toMatch(/apigen: model\s+\d+ ms\s+1 operations, 8 schemas, 0 warnings/);
    expect(run.stderr).toMatch(/apigen: render\s+\d+ ms\s+\d+ files/);
  });

  describe("incremental", () => {
    const out = join(dir.path, "incremental");
    const spec = join(dir.path, "spec.yaml");
    beforeAll(() => writeFileSync(spec, readFileSync(SPEC, "utf8")));

    it("answers an unchanged spec from the record, and still prints the warnings", () => {
      writeFileSync(spec, readFileSync(SPEC, "utf8").replace("pattern: ^([a-f0-9]{24})$", "pattern: ^([a-f0-9]+)+$"));
      const first = apigen(["--spec", spec, "--out", out, "--verbose"], cache);
      expect(first.status).toBe(0);
      expect(first.stderr).toMatch(/APIGEN_SCHEMA_PATTERN_REDOS/);
      const second = apigen(["--spec", spec, "--out", out, "--verbose"], cache);
      expect(second.status).toBe(0);
      expect(second.stderr).toMatch(/unchanged since the last run/);
      expect(second.stderr).toMatch(/APIGEN_SCHEMA_PATTERN_REDOS/);
      expect(second.stdout).toMatch(/is up to date/);
      expect(apigen(["--spec", spec, "--out", out, "--check", "--verbose"], cache).stderr).toMatch(/unchanged since the last run/);
    });

    it("regenerates when the spec changes, and --check notices an edited or deleted output file", () => {
      writeFileSync(spec, readFileSync(SPEC, "utf8").replace("Returns one legacy backup restore job", "Returns exactly one legacy backup restore job"));
      const changed = apigen(["--spec", spec, "--out", out, "--verbose"], cache);
      expect(changed.stderr).not.toMatch(/unchanged since the last run/);
      expect(changed.stdout).toMatch(/changed .*client\.ts/);

      writeFileSync(join(out, "types.ts"), readFileSync(join(out, "types.ts"), "utf8") + "// edited by hand\n");
      const edited = apigen(["--spec", spec, "--out", out, "--check"], cache);
      expect(edited.status).toBe(1);
      expect(edited.stderr).toMatch(/changed .*types\.ts/);

      expect(apigen(["--spec", spec, "--out", out], cache).status).toBe(0);
      rmSync(join(out, "index.ts"));
      const deleted = apigen(["--spec", spec, "--out", out, "--check"], cache);
      expect(deleted.status).toBe(1);
      expect(deleted.stderr).toMatch(/added .*index\.ts/);
    });

    it("--no-cache always runs the whole pipeline", () => {
      expect(apigen(["--spec", spec, "--out", out], cache).status).toBe(0);
      expect(apigen(["--spec", spec, "--out", out, "--verbose", "--no-cache"], cache).stderr).not.toMatch(/unchanged since the last run/);
    });
  });
});
