// The untrusted-spec corpus (issue 5): every spec in test/fixtures/hostile/ generates inert code that compiles under
// the strictest flags; every spec in test/fixtures/broken/ is refused cleanly — exit 1, a position, a hint, no stack
// trace — and leaves an existing output folder byte-for-byte as it was.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { codeTokens, compileStrict, dangerousReferences, miniSpec, ROOT, tempDir, toYaml } from "./helpers";

const HOSTILE_DIR = join(ROOT, "test", "fixtures", "hostile");
const BROKEN_DIR = join(ROOT, "test", "fixtures", "broken");
const HOSTILE = readdirSync(HOSTILE_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const BROKEN = readdirSync(BROKEN_DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
/** Broken specs whose concern may be reported as a warning instead of a refusal (first line says so). */
const WARNING_OK = new Set(BROKEN.filter((f) => readFileSync(join(BROKEN_DIR, f), "utf8").startsWith("# warning-acceptable")));
/** Concerns the generator does not report yet; listed so the gap stays visible (see docs/untrusted-specs.md). */
const KNOWN_GAPS = new Set<string>([]);

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
/** Spec text that became code would show up here (member names are checked separately, by position). */
const FORBIDDEN_TOKENS = /\bFunction\s*\(|\brequire\s*\(|\bimport\s*\(|pwned|<\/script>/;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs many `apigen` command lines in ONE node process with the built CLI's `main` (dist/, rebuilt by the global
 * setup): spawning `node bin/apigen.js` per case costs seconds each on a small machine. The launcher itself and its
 * stack-trace handling are covered by test/cli.test.ts; here an exception escaping `main` is a crash and is returned
 * as a stack trace on stderr, which the tests reject.
 */
const RUNNER = `
const { main } = require(process.argv[1]);
const jobs = JSON.parse(process.argv[2]);
(async () => {
  const results = [];
  for (const job of jobs) {
    let stdout = "", stderr = "", status = null;
    try {
      status = await main(job.args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, job.cwd);
    } catch (error) {
      stderr += String((error && error.stack) || error);
    }
    results.push({ status, stdout, stderr });
  }
  process.stdout.write(JSON.stringify(results));
})();
`;

function apigenBatch(jobs: { args: string[]; cwd: string }[]): Run[] {
  const run = spawnSync(process.execPath, ["-e", RUNNER, join(ROOT, "dist", "cli", "main.js"), JSON.stringify(jobs)], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`runner failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Run[];
}


/** Every file under a folder with its bytes, for a before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = join(rel, name);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files[path] = readFileSync(join(dir, path)).toString("base64");
    }
  };
  walk("");
  return files;
}

const work = tempDir("apigen-untrusted-");
afterAll(() => work.cleanup());

describe("hostile specs generate inert, compiling code", () => {
  const runs = new Map<string, Run>();

  beforeAll(() => {
    const results = apigenBatch(HOSTILE.map((file) => ({ args: ["generate", "--spec", join(HOSTILE_DIR, file), "--out", join(work.path, "hostile", basename(file, extname(file))), "--quiet"], cwd: ROOT })));
    HOSTILE.forEach((file, i) => runs.set(file, results[i] as Run));
  }, 120_000);

  it.each(HOSTILE)("%s generates", (file) => {
    const run = runs.get(file);
    expect(run?.stderr).toBe("");
    expect(run?.status).toBe(0);
  });

  it("all outputs compile together under the strictest settings (one tsc run)", () => {
    const dir = join(work.path, "hostile");
    expect(compileStrict(dir, { include: ["*/*.ts"] })).toBe("");
  }, 120_000);

  it.each(HOSTILE)("%s: no spec text outside literals and comments, no invisible controls", (file) => {
    const dir = join(work.path, "hostile", basename(file, extname(file)));
    const outputs = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    expect(outputs.length).toBeGreaterThanOrEqual(5);
    for (const output of outputs) {
      const text = readFileSync(join(dir, output), "utf8");
      // Raw line separators and bidi controls never reach the output: comments drop them, strings escape them
      // (in openapi.ts too, which a scan after openapi-typescript's printer cleans).
      expect(text).not.toMatch(/[\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069]/);
      expect(codeTokens(text)).not.toMatch(FORBIDDEN_TOKENS);
      expect(dangerousReferences(text)).toEqual([]);
    }
  });
});

describe("broken specs are refused cleanly", () => {
  const runs = new Map<string, { run: Run; before: Record<string, string>; after: Record<string, string> }>();

  beforeAll(() => {
    // One real output folder, copied in front of every case: a refusal must leave it exactly as it was.
    const good = join(work.path, "good");
    writeFileSync(join(work.path, "good.yaml"), toYaml(miniSpec()));
    const [gen] = apigenBatch([{ args: ["generate", "--spec", "good.yaml", "--out", "good", "--quiet"], cwd: work.path }]);
    if (gen?.status !== 0) throw new Error(gen?.stderr);
    const befores = new Map<string, Record<string, string>>();
    for (const file of BROKEN) {
      const caseDir = join(work.path, "broken", basename(file, extname(file)), "spec");
      mkdirSync(caseDir, { recursive: true });
      cpSync(join(BROKEN_DIR, file), join(caseDir, file));
      if (file === "ref-symlink.yaml") {
        // A link inside the spec's folder to a file outside it.
        writeFileSync(join(caseDir, "..", "secret.yaml"), "components: { schemas: { Kind: { type: string } } }\n");
        symlinkSync(join(caseDir, "..", "secret.yaml"), join(caseDir, "outside-link.yaml"));
      }
      cpSync(good, join(caseDir, "out"), { recursive: true });
      befores.set(file, snapshot(join(caseDir, "out")));
    }
    const caseDir = (file: string) => join(work.path, "broken", basename(file, extname(file)), "spec");
    const results = apigenBatch(BROKEN.map((file) => ({ args: ["generate", "--spec", file, "--out", "out"], cwd: caseDir(file) })));
    BROKEN.forEach((file, i) => runs.set(file, { run: results[i] as Run, before: befores.get(file)!, after: snapshot(join(caseDir(file), "out")) }));
  }, 120_000);

  const cases = BROKEN.filter((f) => !KNOWN_GAPS.has(f));
  it.each(cases)("%s", (file) => {
    const { run, before, after } = runs.get(file)!;
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toMatch(/APIGEN_INTERNAL/);
    if (WARNING_OK.has(file) && run.status === 0) {
      // Reported as a warning: the run succeeds, so the output folder is (rightly) rewritten.
      expect(run.stderr).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}:\\d+:\\d+.*: warning APIGEN_[A-Z_]+: `, "m"));
      return;
    }
    expect(after).toEqual(before);
    expect(run.status).toBe(1);
    const escaped = file.replace(/\./g, "\\.");
    expect(run.stderr.startsWith(`${file}:`) || run.stderr.includes("(#/")).toBe(true);
    expect(run.stderr).toMatch(new RegExp(`^${escaped}(:\\d+:\\d+| \\(#[^)]*\\)|:\\d+:\\d+ \\(#[^)]*\\)): error APIGEN_[A-Z_]+: `, "m"));
    expect(run.stderr).toMatch(/^ {2}hint: \S/m);
    // Every line is a diagnostic or its hint: nothing else (no tool chatter) reaches stderr.
    for (const line of run.stderr.trimEnd().split("\n")) expect(line).toMatch(/^(\S.*: (error|warning) APIGEN_[A-Z_]+: |  hint: )/);
  });

  for (const gap of KNOWN_GAPS) it.todo(`${gap}: not reported yet`);
});
