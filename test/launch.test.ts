// `apigen generate` runs on a thread of its own (cli/launch.ts, for a smaller nursery): what users see must be what
// main() in process gives — the same writes in the same order, the same exit codes, progress on a terminal.
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runsOnThread } from "../generator/cli/launch";
import { main } from "../generator/cli/main";
import { miniSpec, ROOT, tempDir, toYaml } from "./helpers";

const BIN = join(ROOT, "bin", "apigen.js");

/** A spec with a warning (a required property that is not declared), so a run writes to both streams. */
const WARNING_SPEC = miniSpec({
  components: { schemas: { Pet: { type: "object", required: ["id", "ghost"], properties: { id: { type: "integer" } } } } },
});

/** Stage timings differ from run to run; everything else must not. */
function withoutTimings(text: string): string {
  return text.replace(/ +\d+ ms/g, " N ms");
}

describe("launch", () => {
  const dir = tempDir("apigen-launch-");
  afterAll(() => dir.cleanup());

  it.each([
    [["generate", "--spec", "a.yaml", "--out", "out"], true],
    [["generate"], true],
    [["generate", "--check"], true],
    [["generate", "--watch"], false], // Ctrl-C reaches only the main thread
    [["generate", "--watch=yes"], false],
    [["generate", "--help"], false],
    [["generate", "-v"], false],
    [["diff", "a.yaml", "b.yaml"], false],
    [["--version"], false],
    [[], false],
  ])("%j runs on its own thread: %s", (argv, expected) => {
    expect(runsOnThread(argv)).toBe(expected);
  });

  it("a run on the generate thread writes stdout and stderr in the same order and with the same exit code as main() in process", async () => {
    const spec = dir.write("spec.yaml", toYaml(WARNING_SPEC));
    const args = ["generate", "--spec", spec, "--out", "out", "--no-cache", "--verbose"];

    let inProcess = "";
    const append = (text: string) => {
      inProcess += text;
    };
    const code = await main(args, { stdout: append, stderr: append, stderrIsTerminal: false }, dir.path);
    rmSync(join(dir.path, "out"), { recursive: true, force: true });

    // One file behind both streams, as on a terminal: the order of the writes is kept.
    const combined = join(dir.path, "combined.txt");
    const fd = openSync(combined, "w");
    const run = spawnSync(process.execPath, [BIN, ...args], { cwd: dir.path, stdio: ["ignore", fd, fd] });
    closeSync(fd);
    const onThread = readFileSync(combined, "utf8");

    expect(code).toBe(0);
    expect(run.status).toBe(code);
    expect(inProcess).toMatch(/apigen: load[\s\S]*APIGEN_SCHEMA_REQUIRED_UNDECLARED[\s\S]*apigen: wrote out/);
    expect(withoutTimings(onThread)).toBe(withoutTimings(inProcess));
  });

  it.each([
    [{}, "1"],
    [{ UV_THREADPOOL_SIZE: "3" }, "3"],
  ])("a generation with %j runs with the thread pool size %s (one thread creates the docs' files; a user's value is kept)", (env, expected) => {
    dir.write("pool.yaml", toYaml(miniSpec()));
    // The generate thread reports the size the pool is made with: the process environment it sees when it starts.
    dir.write("report-pool.js", 'require("node:worker_threads").isMainThread || process.on("exit", () => require("node:fs").writeFileSync(process.env.POOL_REPORT, String(process.env.UV_THREADPOOL_SIZE)));\n');
    const report = join(dir.path, `pool-${expected}.txt`);
    const { UV_THREADPOOL_SIZE: _ignored, ...inherited } = process.env;
    const run = spawnSync(process.execPath, ["-r", join(dir.path, "report-pool.js"), BIN, "generate", "--spec", "pool.yaml", "--out", `pool-out-${expected}`, "--no-cache"], { cwd: dir.path, encoding: "utf8", env: { ...inherited, ...env, POOL_REPORT: report } });
    expect(run.status).toBe(0);
    expect(readFileSync(report, "utf8")).toBe(expected);
  });

  it("exits 1 with the diagnostic and no stack trace when the spec is bad, on the generate thread too", () => {
    const spec = dir.write("bad.yaml", "openapi: 3.0.3\ninfo: [not, an, object]\npaths: {}\n");
    const run = spawnSync(process.execPath, [BIN, "generate", "--spec", spec, "--out", join(dir.path, "bad-out"), "--no-cache"], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:2:1 \(#\/info\): error APIGEN_SPEC_INVALID: /);
    expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it("prints progress unasked when stderr is a terminal (the thread is told: its own stderr is not one)", () => {
    const spec = dir.write("tty.yaml", toYaml(miniSpec()));
    const command = [process.execPath, BIN, "generate", "--spec", spec, "--out", join(dir.path, "tty-out"), "--no-cache"].map((a) => `'${a}'`).join(" ");
    // `script` runs the command with a pseudo-terminal as its stdin, stdout and stderr.
    const onTerminal = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8" });
    expect(onTerminal.status).toBe(0);
    expect(onTerminal.stdout).toMatch(/apigen: load .* ms/);
    const piped = spawnSync(process.execPath, [BIN, "generate", "--spec", spec, "--out", join(dir.path, "piped-out"), "--no-cache"], { encoding: "utf8" });
    expect(piped.status).toBe(0);
    expect(piped.stderr).not.toMatch(/apigen: load/);
  });
});
