#!/usr/bin/env node
// Benchmark (issue 6): does apigen's cost grow linearly with the spec? Synthetic specs made from the Atlas spec
// at 1×, 2×, 4× (every path and component copied with a suffix, internal $refs and operationIds rewritten, see
// lib/synth.js), written to a temp folder, plus the one-endpoint fragment spec/atlas-restore-job.yaml.
// apigen runs on each as a child process, BENCH_SCALE_RUNS times (sizes interleaved), and the median is shown
// with time/MB and MiB/MB: for linear cost those columns stay flat from 1× to 4×.
//
//   make build && node bench/scale.bench.js
//   env: BENCH_SCALE (1,2,4), BENCH_SCALE_RUNS (3), BENCH_SCALE_FORMAT (yaml | json), BENCH_TIMEOUT_S (1800)
"use strict";
const { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } = require("node:fs");
const { tmpdir, cpus } = require("node:os");
const { join } = require("node:path");
const jsYaml = require("js-yaml");
const { failureSummary, rssMethod } = require("./lib/run");
const { multiply, counts } = require("./lib/synth");
const { ROOT, SPECS, runApigen, apigenFlags } = require("./lib/tools");
const { median, fixed, spread, table } = require("./lib/stats");

const FACTORS = (process.env.BENCH_SCALE ?? "1,2,4").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
const RUNS = Math.max(1, Number(process.env.BENCH_SCALE_RUNS ?? 3));
const FORMAT = process.env.BENCH_SCALE_FORMAT ?? "yaml";
const FRAGMENT = join(ROOT, "spec", "atlas-restore-job.yaml");

if (!["yaml", "json"].includes(FORMAT)) throw new Error(`BENCH_SCALE_FORMAT must be yaml or json, not ${FORMAT}`);
if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `make build` first");

const WORK = mkdtempSync(join(tmpdir(), "apigen-bench-scale-"));
const log = (line) => process.stderr.write(`${line}\n`);

async function main() {
  const cases = [];
  const fragment = jsYaml.load(readFileSync(FRAGMENT, "utf8"), { schema: jsYaml.CORE_SCHEMA });
  cases.push({ label: "fragment", file: FRAGMENT, format: "yaml", ...counts(fragment) });

  log(`scale bench: building ${FACTORS.map((k) => `${k}×`).join(", ")} from ${SPECS.atlas.file} (${FORMAT}) in ${WORK}`);
  const atlas = jsYaml.load(readFileSync(SPECS.atlas.file, "utf8"), { schema: jsYaml.CORE_SCHEMA });
  for (const k of FACTORS) {
    const document = multiply(atlas, k);
    const file = join(WORK, `atlas-x${k}.${FORMAT}`);
    writeFileSync(file, FORMAT === "json" ? JSON.stringify(document, null, 2) : jsYaml.dump(document, { lineWidth: -1, noRefs: true }));
    cases.push({ label: `atlas ${k}×`, file, format: FORMAT, ...counts(document) });
  }
  for (const c of cases) {
    c.bytes = statSync(c.file).size;
    c.runs = [];
  }

  for (let run = 0; run < RUNS; run++) {
    for (const c of cases) {
      const out = join(WORK, "out");
      const r = await runApigen(c.file, out, ["--quiet"]);
      rmSync(out, { recursive: true, force: true });
      c.runs.push(r);
      log(`  run ${run + 1}/${RUNS} ${c.label.padEnd(9)} ${r.ok ? "ok  " : "FAIL"} ${fixed(r.seconds, 2)} s ${fixed(r.peakMiB, 0)} MiB${r.ok ? "" : `  ${failureSummary(r)}`}`);
    }
  }

  const base = cases.find((c) => c.label === `atlas ${FACTORS[0]}×`);
  const baseTime = base ? median(base.runs.filter((r) => r.ok).map((r) => r.seconds)) : NaN;
  const baseMiB = base ? median(base.runs.filter((r) => r.ok).map((r) => r.peakMiB)) : NaN;
  const rows = cases.map((c) => {
    const ok = c.runs.filter((r) => r.ok);
    const mbytes = c.bytes / 1e6;
    if (ok.length === 0) return [c.label, c.format, fixed(mbytes, 2), c.operations, c.schemas, `FAILED: ${failureSummary(c.runs[0])}`, "", "", "", "", ""];
    const t = median(ok.map((r) => r.seconds));
    const m = median(ok.map((r) => r.peakMiB));
    return [
      c.label,
      c.format,
      fixed(mbytes, 2),
      c.operations,
      c.schemas,
      spread(ok.map((r) => r.seconds), 2) + (ok.length < c.runs.length ? ` [${c.runs.length - ok.length} failed]` : ""),
      spread(ok.map((r) => r.peakMiB), 0),
      fixed(t / mbytes, 2),
      fixed(m / mbytes, 0),
      c === base || c.label === "fragment" ? "" : fixed(t / baseTime, 2),
      c === base || c.label === "fragment" ? "" : fixed(m / baseMiB, 2),
    ];
  });
  console.log(`\nScale: apigen ${apigenFlags().join(" ")} on synthetic multiples of the Atlas spec; median (min–max) of ${RUNS} runs; node ${process.version}, ${cpus().length} cpus`);
  console.log(`peak RSS by ${rssMethod()}; linear cost keeps s/MB and MiB/MB flat across sizes (the fragment shows the fixed start-up cost)`);
  console.log(
    table(["spec", "format", "MB", "operations", "schemas", "time s", "peak MiB", "s/MB", "MiB/MB", `time ÷ ${FACTORS[0]}×`, `MiB ÷ ${FACTORS[0]}×`], rows),
  );
}

main()
  .catch((e) => {
    process.exitCode = 1;
    console.error(e);
  })
  .finally(() => rmSync(WORK, { recursive: true, force: true }));
