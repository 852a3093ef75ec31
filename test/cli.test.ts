// The command line as users run it: a real `node bin/apigen.js` process per case.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, miniSpec, tempDir, toYaml } from "./helpers";

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const SPEC = join(ROOT, "spec", "atlas-restore-job.yaml");

function apigen(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), ...args], { cwd, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe("apigen CLI", () => {
  it("prints its version and help", () => {
    expect(apigen(["--version"])).toMatchObject({ status: 0, stdout: `${PACKAGE_VERSION}\n` });
    const help = apigen(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/apigen generate --spec <file> --out <dir>/);
    expect(help.stdout).toMatch(/--check/);
  });

  it.each([
    [[], /Usage/],
    [["generate", "--spec", SPEC], /missing --out/],
    [["generate", "--out", "x"], /missing --spec/],
    [["generate", "--spec", SPEC, "--out", "x", "--frobnicate"], /unknown option "--frobnicate"/],
    [["build"], /unknown command "build"/],
  ])("refuses bad usage %j with exit 1", (args, message) => {
    const run = apigen(args);
    expect(run.status).toBe(1);
    expect(run.stdout + run.stderr).toMatch(message);
  });

  it("generates, then --check passes; after a description changes --check fails and names the files", () => {
    const dir = tempDir();
    try {
      const spec = join(dir.path, "spec.yaml");
      cpSync(SPEC, spec);
      const gen = apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path);
      expect(gen.status).toBe(0);
      expect(readdirSync(join(dir.path, "out")).sort()).toEqual(["client.ts", "index.ts", "openapi.ts", "runtime.ts", "types.ts", "validators.ts"]);
      expect(apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path)).toMatchObject({ status: 0 });

      writeFileSync(spec, readFileSync(spec, "utf8").replace("Unique 24-hexadecimal digit string that identifies the restore job.", "Identifies the restore job."));
      const before = readFileSync(join(dir.path, "out", "types.ts"), "utf8");
      const check = apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path);
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(/changed\s+out\/types\.ts/);
      expect(check.stderr).toMatch(/changed\s+out\/openapi\.ts/);
      // Files whose code is the same are named apart: only their header's spec hash differs.
      expect(check.stderr).toMatch(/header\s+out\/runtime\.ts \(only the spec hash/);
      expect(check.stderr).not.toMatch(/changed\s+out\/runtime\.ts/);
      expect(readFileSync(join(dir.path, "out", "types.ts"), "utf8")).toBe(before); // --check writes nothing
    } finally {
      dir.cleanup();
    }
  });

  it("reports a bad spec with file:line:column and a hint, exit 1, no stack trace, nothing written", () => {
    const dir = tempDir();
    try {
      dir.write("spec.yaml", "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200': {description: ok\n");
      const run = apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^spec\.yaml:\d+:\d+: error APIGEN_LOAD_PARSE: /m);
      expect(run.stderr).toMatch(/hint: /);
      expectNoStackTrace(run.stderr);
      expect(existsSync(join(dir.path, "out"))).toBe(false);
    } finally {
      dir.cleanup();
    }
  });

  it("reports an invalid OpenAPI document at the offending key and leaves the old output untouched", () => {
    const dir = tempDir();
    try {
      const good = miniSpec();
      dir.write("spec.yaml", toYaml(good));
      expect(apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path).status).toBe(0);
      const before = readFileSync(join(dir.path, "out", "client.ts"), "utf8");
      const bad = miniSpec();
      (bad["paths"] as any)["/pets/{petId}"].get.parameters[0].in = "body";
      const text = toYaml(bad);
      dir.write("spec.yaml", text);
      const run = apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path);
      expect(run.status).toBe(1);
      const line = text.split("\n").findIndex((l) => l.includes("in: body")) + 1;
      expect(run.stderr).toContain(`spec.yaml:${line}:`);
      expect(run.stderr).toContain("#/paths/~1pets~1{petId}/get/parameters/0");
      expectNoStackTrace(run.stderr);
      expect(readFileSync(join(dir.path, "out", "client.ts"), "utf8")).toBe(before);
    } finally {
      dir.cleanup();
    }
  });

  it("prints warnings with their location and stage timings with --verbose", () => {
    const dir = tempDir();
    try {
      const doc = miniSpec();
      (doc["paths"] as any)["/pets/{petId}"].get.parameters.push({ name: "sid", in: "cookie", schema: { type: "string" } });
      dir.write("spec.yaml", toYaml(doc));
      const run = apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--verbose"], dir.path);
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(/^spec\.yaml:\d+:\d+ \(#\/paths\/~1pets~1\{petId\}\/get\/parameters\/1\): warning APIGEN_PARAM_COOKIE/m);
      expect(run.stderr).toMatch(/load \d+ ms, model \d+ ms, render \d+ ms, write \d+ ms; 6 files/);
    } finally {
      dir.cleanup();
    }
  });
});
