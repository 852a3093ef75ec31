// The README against what apigen does: the names, masks and commands it shows must be the real ones, since a new
// user copies them. Each check reads the source of truth (the generated CLI, the runtime, the command itself).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, tempDir } from "./helpers";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

test("every MONGODB_ATLAS_* variable the README reads is one the generated CLI reads", () => {
  const cli = readFileSync(join(ROOT, "generated", "atlas-restore-job", "cli.ts"), "utf8");
  const known = new Set(cli.match(/MONGODB_ATLAS_[A-Z_]+/g));
  const used = [...new Set(README.match(/process\.env\.MONGODB_ATLAS_[A-Z_]+/g))].map((m) => m.slice("process.env.".length));
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((name) => !known.has(name))).toEqual([]);
});

test("the README names the mask the runtime prints", () => {
  const mask = readFileSync(join(ROOT, "templates", "runtime", "util.ts"), "utf8").match(/const REDACTED = "([^"]+)"/)?.[1];
  expect(mask).toBeDefined();
  expect(README).toContain(`masked (\`${mask}\`)`);
});

test("npx lines never let npx fetch the unrelated registry package named apigen", () => {
  expect(README).not.toMatch(/npx apigen/);
  expect(README).toMatch(/npx --no -- apigen diff/);
});

test("the no-op line the README quotes is the one apigen prints", () => {
  const work = tempDir("apigen-readme-");
  try {
    const env = { ...process.env, APIGEN_CACHE_DIR: join(work.path, "cache") };
    const run = () => spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", join(ROOT, "spec", "atlas-restore-job.yaml"), "--out", "out"], { cwd: work.path, encoding: "utf8", env });
    expect(run().status).toBe(0);
    const noop = run().stdout.trim();
    // The README's example is for src/atlas with Atlas's warnings; the shape must match.
    const quoted = README.match(/`(apigen: \S+ is up to date \(unchanged\s+since the last run[^`]*)`/)?.[1]?.replace(/\s+/g, " ");
    expect(quoted).toBeDefined();
    const shape = (line: string) => line.replace(/apigen: \S+/, "apigen: OUT").replace(/; \d+ warnings?, --verbose lists them/, "");
    expect(shape(noop)).toBe(shape(quoted as string));
  } finally {
    work.cleanup();
  }
});
