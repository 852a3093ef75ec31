// The command line as users run it: a real `node bin/apigen.js` process per case.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ATLAS_RUNTIME_FILES, outputFiles, ROOT, miniSpec, tempDir, toYaml } from "./helpers";

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
      expect(outputFiles(join(dir.path, "out"))).toEqual(["apigen.manifest.json", "client.ts", "index.ts", "openapi.ts", ...ATLAS_RUNTIME_FILES, "types.ts", "validators.ts"]);
      expect(apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path)).toMatchObject({ status: 0 });

      writeFileSync(spec, readFileSync(spec, "utf8").replace("Unique 24-hexadecimal digit string that identifies the restore job.", "Identifies the restore job."));
      const before = readFileSync(join(dir.path, "out", "types.ts"), "utf8");
      const check = apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path);
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(/changed\s+out\/types\.ts/);
      expect(check.stderr).toMatch(/changed\s+out\/openapi\.ts/);
      // Files whose code is the same are not named; the manifest says what it records differently.
      expect(check.stderr).toMatch(/manifest\s+out\/apigen\.manifest\.json \(spec sha256 [0-9a-f]{12}… → [0-9a-f]{12}…\)\n/);
      expect(check.stderr).not.toMatch(/runtime\/|index\.ts/);
      expect(readFileSync(join(dir.path, "out", "types.ts"), "utf8")).toBe(before); // --check writes nothing
    } finally {
      dir.cleanup();
    }
  });

  it("a first generate prints one count line per target; --verbose lists the files; --check names at most ten", () => {
    const dir = tempDir();
    try {
      cpSync(SPEC, join(dir.path, "spec.yaml"));
      const gen = apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path);
      const written = outputFiles(join(dir.path, "out")).length;
      expect(gen.stdout).toBe(`apigen: wrote out: ${written} files (${written} added); --verbose lists them\n`);
      const again = apigen(["generate", "--spec", "spec.yaml", "--out", "out2", "--verbose"], dir.path);
      expect(again.stdout).toMatch(/^apigen: wrote out2: \d+ files \(\d+ added\)\n {2}added {4}out2\/client\.ts\n/);
      expect(again.stdout.split("\n").filter((l) => l.startsWith("  added ")).length).toBe(written);
      const check = apigen(["generate", "--spec", "spec.yaml", "--out", "out3", "--check"], dir.path);
      expect(check.status).toBe(1);
      expect(check.stderr.split("\n").filter((l) => l.startsWith("  added ")).length).toBe(10);
      expect(check.stderr).toContain(`  … and ${written - 10} more (--verbose lists them all)\n`);
    } finally {
      dir.cleanup();
    }
  });

  it("suggests the nearest command or flag, as for config keys", () => {
    expect(apigen(["generat"]).stderr).toContain('unknown command "generat" (did you mean generate?)');
    expect(apigen(["generate", "--sepc", SPEC, "--out", "x"]).stderr).toContain('unknown option "--sepc" (did you mean --spec?)');
    // Nothing close: no guess, and a value given with = is not echoed back.
    const far = apigen(["generate", "--frobnicate=secret-value"]);
    expect(far.stderr).toContain('unknown option "--frobnicate"\n');
    expect(far.stderr).not.toContain("secret-value");
  });

  it("an outputs list without sdk is refused with the exact list to use", () => {
    const run = apigen(["generate", "--spec", SPEC, "--out", "x", "--outputs", "docs"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("(e.g. --outputs sdk,docs)");
  });

  it("--check fails when only the manifest would change, and says the code is the same", () => {
    const dir = tempDir();
    try {
      const spec = join(dir.path, "spec.yaml");
      cpSync(SPEC, spec);
      expect(apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path).status).toBe(0);
      writeFileSync(spec, readFileSync(spec, "utf8") + "# a comment: other bytes, the same API\n");
      const check = apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path);
      expect(check.status).toBe(1);
      expect(check.stderr).toMatch(
        /^apigen: out is out of date; these files would change:\n  manifest out\/apigen\.manifest\.json \(spec sha256 [0-9a-f]{12}… → [0-9a-f]{12}…; the code is unchanged: only the manifest differs\)\n  hint: /,
      );
      const gen = apigen(["generate", "--spec", "spec.yaml", "--out", "out"], dir.path);
      expect(gen.stdout).toMatch(/^apigen: wrote out: only apigen\.manifest\.json \(spec sha256 [0-9a-f]{12}… → [0-9a-f]{12}…; the code is unchanged\)\n/);
      expect(apigen(["generate", "--spec", "spec.yaml", "--out", "out", "--check"], dir.path).status).toBe(0);
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
      expect(run.stderr).toMatch(/load \d+ ms, model \d+ ms, render \d+ ms, write \d+ ms; \d+ files/);
    } finally {
      dir.cleanup();
    }
  });
});
