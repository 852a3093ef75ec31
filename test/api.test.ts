// The programmatic API (the package's entry point): results with located diagnostics, never a throw for bad input.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check, defineConfig, generate, generateAll, loadConfig } from "../generator/api";
import { miniSpec, tempDir, toYaml } from "./helpers";

describe("programmatic API", () => {
  it("generate() writes the folder and reports what it did; check() then passes, and fails with APIGEN_DRIFT after an edit", async () => {
    const dir = tempDir();
    try {
      dir.write("api.yaml", toYaml(miniSpec()));
      const first = await generate({ spec: "api.yaml", out: "out", cwd: dir.path, cache: false });
      expect(first).toMatchObject({ ok: true, errors: [], unchanged: false, out: join(dir.path, "out"), spec: join(dir.path, "api.yaml") });
      expect(first.files).toEqual(expect.arrayContaining(["client.ts", "index.ts", "types.ts", "validators.ts"]));
      expect(first.changes.added).toEqual(first.files);
      expect(first.inputs).toEqual([join(dir.path, "api.yaml")]);
      expect((await check({ spec: "api.yaml", out: "out", cwd: dir.path, cache: false })).ok).toBe(true);

      dir.write("api.yaml", toYaml(miniSpec({ info: { title: "Renamed", version: "2" } })));
      const stale = await check({ spec: "api.yaml", out: "out", cwd: dir.path, cache: false });
      expect(stale.ok).toBe(false);
      expect(stale.errors).toEqual([expect.objectContaining({ code: "APIGEN_DRIFT", severity: "error" })]);
      expect(stale.changes.changed.length).toBeGreaterThan(0);
    } finally {
      dir.cleanup();
    }
  });

  it("a broken spec is a result with located errors, and nothing is written", async () => {
    const dir = tempDir();
    try {
      dir.write("api.yaml", "openapi: 3.0.3\ninfo: [\n");
      const result = await generate({ spec: "api.yaml", out: "out", cwd: dir.path });
      expect(result.ok).toBe(false);
      expect(result.errors[0]).toMatchObject({ code: "APIGEN_LOAD_PARSE", location: { file: "api.yaml", line: expect.any(Number) } });
      expect(existsSync(join(dir.path, "out"))).toBe(false);
    } finally {
      dir.cleanup();
    }
  });

  it("loadConfig() and generateAll() read apigen.config.json; a bad key is a located error", async () => {
    const dir = tempDir();
    try {
      dir.write("api.yaml", toYaml(miniSpec()));
      expect(await loadConfig({ cwd: dir.path })).toEqual({ ok: true, config: undefined });
      dir.write("apigen.config.json", JSON.stringify(defineConfig({ ignoreWarnings: ["APIGEN_PARAM_COOKIE"], targets: [{ spec: "api.yaml", out: "gen" }] })));
      const loaded = await loadConfig({ cwd: dir.path });
      expect(loaded).toMatchObject({ ok: true, config: { targets: [{ spec: join(dir.path, "api.yaml"), out: join(dir.path, "gen"), ignoreWarnings: ["APIGEN_PARAM_COOKIE"], cache: true }] } });
      const all = await generateAll({ cwd: dir.path });
      expect(all.ok).toBe(true);
      expect(readFileSync(join(dir.path, "gen", "index.ts"), "utf8")).toContain("export");

      dir.write("apigen.config.json", '{ "targets": [ { "spec": "api.yaml", "out": "gen", "watch": true } ] }');
      const bad = await generateAll({ cwd: dir.path });
      expect(bad.ok).toBe(false);
      expect(bad.errors[0]).toMatchObject({ code: "APIGEN_CONFIG_UNKNOWN_KEY", location: { file: "apigen.config.json", line: 1, column: 52, pointer: "/targets/0/watch" } });
    } finally {
      dir.cleanup();
    }
  });
});
