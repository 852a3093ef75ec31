// apigen as another repository uses it: `npm pack` → a fresh project installs the tarball (plus its own
// TypeScript) → apigen.config.json → `apigen generate` / `--check` → the project's own strict tsc → its code
// calls the generated client against a real HTTP server on 127.0.0.1. Nothing here imports from generator/:
// everything goes through the installed package, as a user would.
//
// The consumer project is an ES module project ("type": "module") with module/moduleResolution nodenext:
// that is what TypeScript recommends for new Node projects and what the README's example assumes (top-level
// await). CommonJS and bundler resolution are the compile matrix's concern (issue 10, part 7).
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ATLAS_RUNTIME_FILES, outputFiles, ROOT, tempDir } from "./helpers";
import { startAtlasServer, type AtlasServer } from "./e2e/atlas-server";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

// Asynchronous on purpose: the test's HTTP server lives in this process and must answer while a child runs.
function run(command: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv(), encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** `npx jest` (and `npm test`) put this repository's package and prefix into npm_* variables; the
 * consumer's npm must find its own project, so only the user's npm configuration is passed on. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("npm_") && !key.startsWith("npm_config_")) continue;
    if (key === "npm_config_local_prefix" || key === "npm_config_prefix" || key === "npm_config_global_prefix") continue;
    env[key] = value;
  }
  env["npm_config_update_notifier"] = "false";
  return env;
}

function describeRun(what: string, r: Run): string {
  return `${what} exited ${r.status} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** Fails with the command's whole output, so a CI log says what went wrong. */
function expectExit(what: string, r: Run, status = 0): void {
  if (r.status !== status) throw new Error(`expected exit ${status}: ${describeRun(what, r)}`);
}

const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
const lockedVersion = (name: string): string => {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry.version;
};
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };

const GENERATED = ["apigen.manifest.json", "client.ts", "index.ts", "openapi.ts", ...ATLAS_RUNTIME_FILES, "types.ts", "validators.ts"];

// The consumer's own code: strict TypeScript against the committed client. The @ts-expect-error lines
// prove the body and the config are typed (an `any` would make them unused directives, which tsc reports).
const CONSUMER_MAIN = `import { createClient, ResponseValidationError } from "./atlas/index.js";
import type { ApigenConfig } from "apigen-openapi";

const [baseUrl, token, groupId, clusterName, jobId, brokenJobId] = process.argv.slice(2) as [string, string, string, string, string, string];
const client = createClient({ baseUrl, auth: { type: "bearer", token } });

const job = await client.legacyBackup.getClusterRestoreJob({ groupId, clusterName, jobId });
const methodName: string = job.delivery.methodName;
// @ts-expect-error the body is a BackupRestoreJob, not any
job.noSuchField;

const config: ApigenConfig = { targets: [{ spec: "atlas-restore-job.yaml", out: "src/atlas" }] };
// @ts-expect-error the config type knows its keys
const wrong: ApigenConfig = { targets: [{ spec: "a.yaml", out: "b", noSuchOption: true }] };

let rejected: unknown;
try {
  await client.legacyBackup.getClusterRestoreJob({ groupId, clusterName, jobId: brokenJobId });
} catch (error) {
  rejected = error instanceof ResponseValidationError ? { name: error.name, status: error.status, issues: error.issues } : String(error);
}
console.log(JSON.stringify({ job, methodName, targets: config.targets.length + wrong.targets.length, rejected }));
`;

// The programmatic API as a plain ES module script: named imports from the CommonJS package, a good
// spec and a broken one (a result with located errors, never a throw).
const API_SCRIPT = `import * as api from "apigen-openapi";
import { generate, check } from "apigen-openapi";
const out = { exports: Object.keys(api).sort(), kinds: [typeof generate, typeof check] };
try {
  out.good = await check({ spec: "atlas-restore-job.yaml", out: "src/atlas" });
  out.broken = await generate({ spec: "broken.yaml", out: "src/broken" });
} catch (error) {
  out.threw = String(error && error.stack);
}
console.log(JSON.stringify(out));
`;

// Valid YAML, invalid OpenAPI: \`responses\` must be an object (line 9).
const BROKEN_SPEC = `openapi: 3.0.3
info:
  title: Broken
  version: "1.0"
paths:
  /pets:
    get:
      operationId: listPets
      responses: 42
`;

describe("consumer: the packed tarball installed in a fresh project", () => {
  const work = tempDir("apigen-consumer-");
  const app = join(work.path, "app");
  const timings: Record<string, number> = {};
  let packed: { filename: string; files: { path: string }[] };
  let server: AtlasServer;
  let tsc: Run;
  let installOutput = "";
  let sourceManifest = "";

  beforeAll(async () => {
    server = await startAtlasServer();

    // Pack a copy of the working tree, not the repository itself: `npm pack` runs `prepack`, which rebuilds dist/, and rewriting
    // the repository's dist/ would race the other test files that run bin/apigen.js meanwhile. The copy
    // has no dist/ of its own, as on a fresh clone, so the tarball holds what prepack built.
    const source = join(work.path, "source");
    cpSync(ROOT, source, {
      recursive: true,
      filter: (path) => !/[\\/](node_modules|dist|\.git|coverage)$/.test(path),
    });
    symlinkSync(join(ROOT, "node_modules"), join(source, "node_modules"), "dir");
    const pack = await run("npm", ["pack", "--json", "--pack-destination", work.path], source);
    timings["npm pack"] = pack.ms;
    expectExit("npm pack", pack);
    // npm prints a JSON array; lifecycle output, if any, comes before it.
    packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[")).trim()) as (typeof packed)[])[0]!;

    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "apigen-consumer", version: "1.0.0", private: true, type: "module" }, null, 2) + "\n");
    // --prefer-offline: the dependencies are in npm's cache after the repository's own `npm ci`.
    const install = await run(
      "npm",
      ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", join(work.path, packed.filename), `typescript@${lockedVersion("typescript")}`, `@types/node@${lockedVersion("@types/node")}`],
      app,
      180_000,
    );
    timings["npm install"] = install.ms;
    expectExit("npm install", install);
    installOutput = install.stdout + install.stderr;
    sourceManifest = readFileSync(join(source, "package.json"), "utf8");

    cpSync(join(ROOT, "spec", "atlas-restore-job.yaml"), join(app, "atlas-restore-job.yaml"));
    writeFileSync(join(app, "apigen.config.json"), JSON.stringify({ targets: [{ spec: "atlas-restore-job.yaml", out: "src/atlas" }] }, null, 2) + "\n");
    // A plain strict tsconfig, as a project writes it: no exactOptionalPropertyTypes or other extras.
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", outDir: "build", skipLibCheck: true }, include: ["src"] }, null, 2) + "\n",
    );
    mkdirSync(join(app, "src"));
    writeFileSync(join(app, "src", "main.ts"), CONSUMER_MAIN);
    writeFileSync(join(app, "api.mjs"), API_SCRIPT);
    writeFileSync(join(app, "broken.yaml"), BROKEN_SPEC);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    work.cleanup();
    // Wall time per step, for keeping CI's budget in view.
    if (Object.keys(timings).length > 0) process.stdout.write(`consumer test timings (ms): ${JSON.stringify(timings)}\n`);
  });

  it("the tarball holds the built generator, its templates, README and LICENSE, and nothing of the repository's own", () => {
    const files = packed.files.map((f) => f.path).sort();
    expect(packed.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    for (const required of ["package.json", "dist/api.js", "dist/api.d.ts", "dist/cli/main.js", "dist/cli/launch.js", "dist/cli/thread.js", "dist/cli/internal-error.js", "bin/apigen.js", "README.md", "LICENSE"]) {
      expect(files).toContain(required);
    }
    const templates = readdirSync(join(ROOT, "templates")).filter((f) => f.endsWith(".hbs"));
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) expect(files).toContain(`templates/${t}`);
    // The runtime's source, copied into every client, ships as it is.
    for (const m of ["templates/runtime/transport.ts", "templates/runtime/auth/digest.ts", "templates/runtime/encoding/multipart.ts"]) expect(files).toContain(m);

    const unwanted = files.filter(
      (f) => /^(test|bench|spec|generated|generator|node_modules|\.ci)\//.test(f) || /fixtures/.test(f) || /\.map$/.test(f) || /(^|\/)tsconfig[^/]*\.json$/.test(f),
    );
    expect(unwanted).toEqual([]);
  });

  it("the tarball's package.json has no prepare script (dist/ is built), so npm has no install script to warn about", () => {
    const installed = JSON.parse(readFileSync(join(app, "node_modules", pkg.name, "package.json"), "utf8")) as { scripts?: Record<string, string> };
    expect(installed.scripts?.["prepare"]).toBeUndefined();
    expect(installOutput).not.toMatch(/allowScripts|allow-scripts/);
    // postpack put the repository's own manifest back, prepare included (git-URL installs need it).
    expect(sourceManifest).toBe(readFileSync(join(ROOT, "package.json"), "utf8"));
  });

  it("npx apigen generate runs the config's target, then generate --check exits 0", async () => {
    // --no: never fall back to the registry, where `apigen` is someone else's package.
    const generate = await run("npx", ["--no", "--", "apigen", "generate"], app);
    timings["apigen generate"] = generate.ms;
    expectExit("npx apigen generate", generate);
    expect(outputFiles(join(app, "src", "atlas"))).toEqual(GENERATED);

    const check = await run("npx", ["--no", "--", "apigen", "generate", "--check"], app);
    timings["apigen generate --check"] = check.ms;
    expectExit("npx apigen generate --check", check);

    // tsc runs once here; the next tests read its output (it emits even with type errors). "--" because
    // npx itself would take -p as its own --package.
    tsc = await run("npx", ["--no", "--", "tsc", "-p", "."], app);
    timings["tsc"] = tsc.ms;
  });

  it("the project's own tsc with a plain strict tsconfig reports nothing, and emits the program", () => {
    expect(tsc).toBeDefined();
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    expect(existsSync(join(app, "build", "main.js"))).toBe(true);
  });

  it("the consumer's compiled program calls the client against a server on 127.0.0.1 and gets the typed, validated body", async () => {
    const example = server.spec.okExample() as Record<string, unknown>;
    const ids = { groupId: example["groupId"] as string, clusterName: example["clusterName"] as string, jobId: example["id"] as string };
    // A second job whose body lacks the required `delivery`: the client must refuse it, not pass it on.
    const brokenJobId = "0123456789abcdef01234567";
    const brokenBody = server.spec.okExample() as Record<string, unknown>;
    delete brokenBody["delivery"];
    server.scenarios.set(brokenJobId, { body: brokenBody });

    const program = await run(process.execPath, [join("build", "main.js"), server.baseUrl, server.token, ids.groupId, ids.clusterName, ids.jobId, brokenJobId], app);
    timings["consumer program"] = program.ms;
    expectExit("node build/main.js", program);
    const result = JSON.parse(program.stdout) as { job: unknown; methodName: string; targets: number; rejected: { name: string; status: number; issues: { path: string }[] } };
    expect(result.job).toEqual(example);
    expect(result.methodName).toBe((example["delivery"] as { methodName: string }).methodName);
    expect(result.targets).toBe(2);
    expect(result.rejected).toMatchObject({ name: "ResponseValidationError", status: 200 });
    expect(JSON.stringify(result.rejected.issues)).toContain("delivery");

    // Both calls really reached this server, with the path the spec declares.
    expect(server.apiRequests.map((r) => r.url)).toEqual([
      expect.stringContaining(`/groups/${ids.groupId}/clusters/${ids.clusterName}/restoreJobs/${ids.jobId}`),
      expect.stringContaining(`/restoreJobs/${brokenJobId}`),
    ]);
  });

  it("import('apigen-openapi') from an .mjs script exposes generate and check; a broken spec is a result with located errors, not a throw", async () => {
    const script = await run(process.execPath, ["api.mjs"], app);
    timings["api.mjs"] = script.ms;
    expectExit("node api.mjs", script);
    const out = JSON.parse(script.stdout) as {
      exports: string[];
      kinds: string[];
      threw?: string;
      good: { ok: boolean; errors: unknown[] };
      broken: { ok: boolean; errors: { severity: string; code: string; location?: { file: string; line?: number; column?: number } }[] };
    };
    expect(out.threw).toBeUndefined();
    expect(out.exports).toEqual(expect.arrayContaining(["generate", "check", "generateAll", "loadConfig", "defineConfig"]));
    expect(out.kinds).toEqual(["function", "function"]);
    expect(out.good).toMatchObject({ ok: true, errors: [] });
    expect(out.broken.ok).toBe(false);
    expect(out.broken.errors.length).toBeGreaterThan(0);
    const first = out.broken.errors[0]!;
    expect(first.severity).toBe("error");
    expect(first.code).toMatch(/^APIGEN_/);
    expect(first.location?.file).toMatch(/broken\.yaml$/);
    expect(first.location?.line).toBe(9);
    expect(existsSync(join(app, "src", "broken"))).toBe(false);
  });
});

// The git URL form: npm clones the repository, installs its devDependencies there, runs `prepare` (the
// build) and packs the clone. It installs the committed HEAD, not the working tree (in CI they are the same).
describe("consumer: installed from a git URL", () => {
  const work = tempDir("apigen-consumer-git-");

  afterAll(() => work.cleanup());

  it("npm install git+file://<repository> builds the package, and its apigen command and API work", async () => {
    writeFileSync(join(work.path, "package.json"), JSON.stringify({ name: "apigen-consumer-git", version: "1.0.0", private: true, type: "module" }, null, 2) + "\n");
    const install = await run("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", `git+file://${ROOT}`], work.path, 180_000);
    process.stdout.write(`consumer test timings (ms): {"npm install git+file":${install.ms}}\n`);
    expectExit("npm install git+file://", install);

    const installed = join(work.path, "node_modules", pkg.name);
    expect(existsSync(join(installed, "dist", "cli", "main.js"))).toBe(true);
    expect(existsSync(join(installed, "test"))).toBe(false);
    const version = await run("npx", ["--no", "--", "apigen", "--version"], work.path);
    expectExit("npx apigen --version", version);
    expect(version.stdout).toBe(`${pkg.version}\n`);
    const api = await run(process.execPath, ["--input-type=module", "-e", `const m = await import("${pkg.name}"); console.log(typeof m.generate, typeof m.check);`], work.path);
    expectExit("import()", api);
    expect(api.stdout).toBe("function function\n");
  }, 240_000);
});
