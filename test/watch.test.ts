// `apigen generate --watch` as a user runs it: a real process, real file edits, Ctrl-C (SIGINT) at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, miniSpec, tempDir, toYaml } from "./helpers";

/** Waits until `condition` holds, checking every 50 ms; fails with `what` after `ms` (a bound, not a speed claim). */
async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

describe("apigen generate --watch", () => {
  let child: ChildProcess | undefined;
  afterEach(() => child?.kill("SIGKILL"));

  it("regenerates on spec, referenced-file and config edits; a bad edit keeps the last good output; Ctrl-C ends it with 0", async () => {
    const dir = tempDir();
    try {
      const doc = miniSpec();
      // One schema lives in a second file, so a change there must be seen too.
      (doc["components"] as any) = { schemas: { Pet: { $ref: "./pet.yaml" } } };
      dir.write("pet.yaml", toYaml({ type: "object", properties: { name: { type: "string", description: "first" } } }));
      dir.write("api.yaml", toYaml(doc));
      dir.write("apigen.config.json", JSON.stringify({ targets: [{ spec: "api.yaml", out: "out" }] }));
      let stderr = "";
      let stdout = "";
      child = spawn(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--watch"], { cwd: dir.path, stdio: ["ignore", "pipe", "pipe"] });
      child.stderr?.on("data", (d) => (stderr += String(d)));
      child.stdout?.on("data", (d) => (stdout += String(d)));
      const exited = new Promise<number | null>((resolve) => child?.on("exit", (code) => resolve(code)));
      const types = join(dir.path, "out", "types.ts");

      await until(() => /watching 3 files/.test(stderr), "the first run");
      expect(read(types)).toContain("first");

      // An edit to the referenced file, saved the way editors do: a new file renamed over the old one.
      writeFileSync(join(dir.path, "pet.yaml.tmp"), toYaml({ type: "object", properties: { name: { type: "string", description: "second" } } }));
      renameSync(join(dir.path, "pet.yaml.tmp"), join(dir.path, "pet.yaml"));
      await until(() => read(types).includes("second"), "the referenced file's edit");

      // A broken spec: diagnostics, and the output stays as it was.
      const good = read(types);
      const before = stderr.length;
      writeFileSync(join(dir.path, "api.yaml"), "openapi: 3.0.3\ninfo: [\n");
      await until(() => /api\.yaml:\d+:\d+: error APIGEN_LOAD_PARSE/.test(stderr.slice(before)), "the bad edit's diagnostic");
      expect(read(types)).toBe(good);

      // Fixed again, and the config now names another output folder: both edits are seen.
      writeFileSync(join(dir.path, "api.yaml"), toYaml(doc));
      writeFileSync(join(dir.path, "apigen.config.json"), JSON.stringify({ targets: [{ spec: "api.yaml", out: "out2" }] }));
      await until(() => read(join(dir.path, "out2", "types.ts")).includes("second"), "the config edit");

      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/apigen: stopped watching\n$/);
      expect(stderr).not.toMatch(/^\s+at /m);
      expect(stdout).toMatch(/wrote out2/);
    } finally {
      dir.cleanup();
    }
  });
});
