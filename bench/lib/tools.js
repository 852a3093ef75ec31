"use strict";
// The generators and specs the benchmarks run, and the strict tsc check of generated code.
// Every tool is started as a fresh node child process on a spec file and writes into a folder it is given.
const { writeFileSync, mkdirSync, mkdtempSync, existsSync, readdirSync, rmSync, statSync, symlinkSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");
const { measure } = require("./run");
const { octokitSpec } = require("./octokit-spec");

const ROOT = join(__dirname, "..", "..");
const NODE_MODULES = join(ROOT, "node_modules");

const SPECS = {
  atlas: { name: "atlas", label: "Atlas Admin v2", file: join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml") },
  github: { name: "github", label: "GitHub REST (api.github.com)", get file() { return octokitSpec("api.github.com.json") ?? "(download of @octokit/openapi failed)"; } },
  ghes: { name: "ghes", label: "GitHub Enterprise Server 3.19", get file() { return octokitSpec("ghes-3.19.json") ?? "(download of @octokit/openapi failed)"; } },
};

function pkgVersion(name) {
  try {
    return require(join(NODE_MODULES, name, "package.json")).version;
  } catch {
    return "not installed";
  }
}

const APIGEN = join(ROOT, "bin", "apigen.js");
let apigenFlagsCache = null;
/**
 * Flags every apigen run gets: --no-cache when this apigen has an incremental cache (a benchmark must measure a
 * real generation, not a no-op), so the bench still runs apigen versions without the option.
 */
function apigenFlags() {
  if (apigenFlagsCache === null) {
    const help = spawnSync(process.execPath, [APIGEN, "--help"], { encoding: "utf8" });
    apigenFlagsCache = /--no-cache\b/.test(`${help.stdout}${help.stderr}`) ? ["--no-cache"] : [];
  }
  return apigenFlagsCache;
}

// apigen's cache records (if this version keeps any) go to a folder of this process, not to node_modules/.cache.
let cacheDir = null;
function apigenCacheDir() {
  if (cacheDir === null) {
    cacheDir = mkdtempSync(join(tmpdir(), "apigen-bench-cache-"));
    process.on("exit", () => rmSync(cacheDir, { recursive: true, force: true }));
  }
  return cacheDir;
}

/**
 * A no-op regeneration as a user's build runs it: apigen generate on an unchanged spec into the folder it last wrote,
 * with its cache (no --no-cache). The first call of a folder generates; later calls measure the no-op.
 */
function runApigenCached(spec, out, opts = {}) {
  const env = { ...opts.env, APIGEN_CACHE_DIR: apigenCacheDir() };
  return measure(process.execPath, [APIGEN, "generate", "--spec", spec, "--out", out], { ...opts, env });
}

/** Runs apigen (generate) on spec into out; extra are more CLI flags. */
function runApigen(spec, out, extra, opts = {}) {
  const env = { ...opts.env, APIGEN_CACHE_DIR: apigenCacheDir() };
  return measure(process.execPath, [APIGEN, "generate", "--spec", spec, "--out", out, ...apigenFlags(), ...extra], { ...opts, env });
}

/**
 * apigen: the repo's own CLI (whatever dist/ holds now).
 * openapi-typescript: its CLI, types only (one .ts file).
 * @hey-api/openapi-ts: fetch client, types, zod schemas and an sdk that validates with them, from a config file.
 */
const TOOLS = {
  apigen: {
    name: "apigen",
    apigen: true,
    version: () => require(join(ROOT, "package.json")).version,
    run: (spec, dir, opts) => runApigen(spec, join(dir, "out"), [], opts),
    outDir: (dir) => join(dir, "out"),
  },
  // The same apigen with every output (issue 14's goals are for "all outputs"): the SDK, cli.ts and the Markdown docs.
  "apigen-all": {
    name: "apigen --outputs sdk,cli,docs",
    apigen: true,
    version: () => require(join(ROOT, "package.json")).version,
    run: (spec, dir, opts) => runApigen(spec, join(dir, "out"), ["--outputs", "sdk,cli,docs"], opts),
    outDir: (dir) => join(dir, "out"),
  },
  "openapi-typescript": {
    name: "openapi-typescript",
    version: () => pkgVersion("openapi-typescript"),
    run: (spec, dir, opts) =>
      measure(process.execPath, [join(NODE_MODULES, "openapi-typescript", "bin", "cli.js"), spec, "--output", join(dir, "out", "schema.ts")], opts),
    outDir: (dir) => join(dir, "out"),
  },
  "hey-api": {
    name: "hey-api",
    version: () => pkgVersion("@hey-api/openapi-ts"),
    run: (spec, dir, opts) => {
      const config = join(dir, "openapi-ts.config.mjs");
      writeFileSync(
        config,
        `export default ${JSON.stringify(
          {
            input: spec,
            output: { path: join(dir, "out") },
            logs: { file: false },
            plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "zod", { name: "@hey-api/sdk", validator: true }],
          },
          null,
          2,
        )};\n`,
      );
      return measure(process.execPath, [join(NODE_MODULES, "@hey-api", "openapi-ts", "bin", "run.js"), "--file", config], { ...opts, cwd: dir });
    },
    outDir: (dir) => join(dir, "out"),
  },
};

/** Total bytes of the files under dir. */
function folderBytes(dir) {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

/** The strict settings generated code must compile under (repo's typescript, no @types, DOM lib for fetch). */
const STRICT_TSCONFIG = {
  compilerOptions: {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022", "dom"],
    types: [],
    noEmit: true,
  },
  include: ["**/*.ts"],
};

/**
 * Writes a tsconfig (and package.json, ESM) into folder and runs `tsc --noEmit -p folder` there. The repo's
 * node_modules is linked in, so that what an output imports resolves (hey-api's zod schemas import zod, a
 * devDependency for this reason); tsc leaves node_modules out of `include` by default.
 * The result has errors: the number of "error TS" lines, and codes: counts by TS code.
 */
async function tscCheck(folder, opts) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "tsconfig.json"), JSON.stringify(STRICT_TSCONFIG, null, 2));
  writeFileSync(join(folder, "package.json"), JSON.stringify({ type: "module", private: true }));
  if (!existsSync(join(folder, "node_modules"))) symlinkSync(NODE_MODULES, join(folder, "node_modules"), "dir");
  const result = await measure(process.execPath, [join(NODE_MODULES, "typescript", "bin", "tsc"), "--noEmit", "-p", folder], opts);
  const errorLines = (result.stdout + result.stderr).split("\n").filter((l) => /error TS\d+/.test(l));
  const codes = {};
  for (const l of errorLines) {
    const code = /error (TS\d+)/.exec(l)[1];
    codes[code] = (codes[code] ?? 0) + 1;
  }
  return { ...result, errors: errorLines.length, codes, errorLines };
}

/**
 * Counts apigen's diagnostics by severity and code. apigen prints at most ten warnings per code and then a summary
 * (`apigen: 92 warnings: 52 APIGEN_…, …`): warnings are taken from the summary when there is one.
 */
function apigenDiagnostics(stderr) {
  const counts = {};
  const summary = /^apigen: \d+ warnings: (.*)$/m.exec(stderr);
  if (summary) for (const m of summary[1].matchAll(/(\d+) (APIGEN_[A-Z0-9_]+)/g)) counts[`warning ${m[2]}`] = Number(m[1]);
  for (const m of stderr.matchAll(/\b(warning|error) (APIGEN_[A-Z0-9_]+)/g)) {
    if (summary && m[1] === "warning") continue;
    const key = `${m[1]} ${m[2]}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

module.exports = { ROOT, SPECS, TOOLS, runApigen, runApigenCached, apigenFlags, folderBytes, tscCheck, apigenDiagnostics, STRICT_TSCONFIG };
