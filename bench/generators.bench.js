#!/usr/bin/env node
// Benchmark (issue 6): apigen vs openapi-typescript (types only) vs @hey-api/openapi-ts (fetch client, types,
// zod schemas, sdk validating with zod) on large real specs — Atlas Admin v2 and GitHub's REST spec (from the
// pinned @octokit/openapi, fetched on first use by bench/lib/octokit-spec.js). Each generation is a separate node child process into a fresh temp folder;
// tools alternate within a round (the starting tool rotates each round), BENCH_ROUNDS rounds per spec.
// Measured per child: wall time and peak RSS (GNU time's %M). Then `tsc --noEmit` (strict flags) on apigen's
// vs openapi-typescript's Atlas output, alternating the same way, and a one-off strict compile of apigen's output
// for every other spec. A tool that fails on a spec is reported as failing; the bench carries on.
//
//   make build && node bench/generators.bench.js
//   BENCH_ROUNDS=3 BENCH_SPECS=atlas node bench/generators.bench.js
//   env: BENCH_ROUNDS (5), BENCH_SPECS (atlas,github; also: ghes), BENCH_TOOLS (apigen,apigen-all,openapi-typescript,hey-api),
//        BENCH_NOOP=0 skips the no-op regeneration,
//        BENCH_TSC=0 skips the tsc part, BENCH_TIMEOUT_S (1800) per child, BENCH_KEEP=1 keeps the temp folders.
"use strict";
const { existsSync, mkdtempSync, rmSync, statSync } = require("node:fs");
const { tmpdir, cpus, totalmem, loadavg } = require("node:os");
const { join } = require("node:path");
const { rssMethod, failureSummary } = require("./lib/run");
const { SPECS, TOOLS, ROOT, folderBytes, tscCheck, apigenDiagnostics, apigenFlags, runApigenCached } = require("./lib/tools");
const { measure } = require("./lib/run");
const { median, min, max, fixed, spread, table } = require("./lib/stats");

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const SPEC_NAMES = (process.env.BENCH_SPECS ?? "atlas,github").split(",").map((s) => s.trim()).filter(Boolean);
const TOOL_NAMES = (process.env.BENCH_TOOLS ?? "apigen,apigen-all,openapi-typescript,hey-api").split(",").map((s) => s.trim()).filter(Boolean);
const RUN_TSC = process.env.BENCH_TSC !== "0";
const KEEP = process.env.BENCH_KEEP === "1";
const PEERS = TOOL_NAMES.filter((t) => !TOOLS[t]?.apigen);
const APIGENS = TOOL_NAMES.filter((t) => TOOLS[t]?.apigen);
const RUN_NOOP = process.env.BENCH_NOOP !== "0";

for (const name of [...SPEC_NAMES]) if (!SPECS[name]) throw new Error(`unknown spec "${name}" in BENCH_SPECS (known: ${Object.keys(SPECS).join(", ")})`);
for (const name of TOOL_NAMES) if (!TOOLS[name]) throw new Error(`unknown tool "${name}" in BENCH_TOOLS (known: ${Object.keys(TOOLS).join(", ")})`);
if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is missing: run `make build` first");

const WORK = mkdtempSync(join(tmpdir(), "apigen-bench-gen-"));
const log = (line) => process.stderr.write(`${line}\n`);
const mb = (bytes) => bytes / 1e6;

/** Rotates list by k, so that no tool always runs first (or right after another one) in a round. */
const rotate = (list, k) => list.map((_, i) => list[(i + k) % list.length]);

/** Per-round ratios a/b over the rounds where both ran successfully. */
function ratios(a, b, field) {
  const out = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i].ok && b[i].ok) out.push(a[i][field] / b[i][field]);
  return out;
}

function ratioCell(values) {
  if (values.length === 0) return "n/a";
  return `${fixed(median(values), 2)} (${fixed(min(values), 2)}–${fixed(max(values), 2)})`;
}

async function main() {
  log(`generators bench: ${ROUNDS} rounds; apigen flags: ${apigenFlags().join(" ") || "(none)"}; specs ${SPEC_NAMES.join(", ")}; tools ${TOOL_NAMES.join(", ")}; work folder ${WORK}`);
  const loadBefore = loadavg()[0];
  const results = {}; // spec -> tool -> [per-round result]
  const kept = {}; // spec -> tool -> output folder of round 0 (for tsc)
  const apigenReport = {}; // spec -> { diagnostics, failure }

  for (const specName of SPEC_NAMES) {
    const spec = SPECS[specName];
    results[specName] = Object.fromEntries(TOOL_NAMES.map((t) => [t, []]));
    kept[specName] = {};
    if (!existsSync(spec.file)) {
      log(`  ${specName}: ${spec.file} is missing (needs the npm registry) — skipped`);
      continue;
    }
    spec.bytes = statSync(spec.file).size;
    for (let round = 0; round < ROUNDS; round++) {
      for (const toolName of rotate(TOOL_NAMES, round)) {
        const dir = mkdtempSync(join(WORK, `${specName}-${toolName}-`));
        const tool = TOOLS[toolName];
        const r = await tool.run(spec.file, dir);
        r.outBytes = folderBytes(tool.outDir(dir));
        results[specName][toolName][round] = r;
        log(`  ${specName} round ${round + 1}/${ROUNDS} ${toolName.padEnd(18)} ${r.ok ? "ok  " : "FAIL"} ${fixed(r.seconds, 2)} s ${fixed(r.cpuSeconds, 2)} CPU s ${fixed(r.peakMiB, 0)} MiB${r.ok ? "" : `  ${failureSummary(r)}`}`);
        if (toolName === "apigen" && round === 0) apigenReport[specName] = { diagnostics: apigenDiagnostics(r.stderr), result: r };
        if (round === 0 && r.ok) kept[specName][toolName] = tool.outDir(dir);
        else if (!KEEP) rmSync(dir, { recursive: true, force: true });
      }
    }
  }

  // ---- generation table ----
  const rows = [];
  for (const specName of SPEC_NAMES) {
    const spec = SPECS[specName];
    for (const toolName of TOOL_NAMES) {
      const runs = results[specName][toolName];
      const ok = runs.filter((r) => r && r.ok);
      const failed = runs.filter((r) => r && !r.ok);
      const label = `${spec.name} (${fixed(mb(spec.bytes ?? NaN), 1)} MB)`;
      if (ok.length === 0) {
        rows.push([label, `${toolName} ${TOOLS[toolName].version()}`, `0/${runs.length}`, `FAILED: ${failed[0] ? failureSummary(failed[0]) : "not run"}`, "", "", ""]);
        continue;
      }
      const time = ok.map((r) => r.seconds);
      const cpu = ok.map((r) => r.cpuSeconds);
      const rss = ok.map((r) => r.peakMiB);
      const outMB = fixed(mb(median(ok.map((r) => r.outBytes))), 1);
      const okCell = failed.length ? `${ok.length}/${runs.length} (failed: ${failureSummary(failed[0])})` : `${ok.length}/${runs.length}`;
      rows.push([label, `${toolName} ${TOOLS[toolName].version()}`, okCell, `${spread(time, 2)}`, `${spread(cpu, 2)}`, `${spread(rss, 0)}`, outMB]);
    }
  }
  console.log(`\nGeneration: wall time, CPU time (user + system, all threads) and peak RSS per child process, median (min–max) over ${ROUNDS} rounds; node ${process.version}, ${cpus().length} cpus, ${fixed(totalmem() / 2 ** 30, 0)} GiB; load average ${fixed(loadBefore, 1)} before, ${fixed(loadavg()[0], 1)} after`);
  console.log(`apigen runs with: ${apigenFlags().join(" ") || "(no flags)"} (apigen-all also with --outputs sdk,cli,docs); peak RSS by ${rssMethod()}`);
  console.log(table(["spec", "tool", "ok", "time s", "CPU s", "peak MiB", "out MB"], rows));

  // ---- ratios: each apigen variant ÷ each peer, per round ----
  const ratioRows = [];
  for (const specName of SPEC_NAMES) {
    for (const variant of APIGENS) {
      for (const peer of PEERS) {
        const a = results[specName][variant] ?? [];
        const b = results[specName][peer] ?? [];
        ratioRows.push([specName, `${variant} ÷ ${peer}`, ratioCell(ratios(a, b, "seconds")), ratioCell(ratios(a, b, "cpuSeconds")), ratioCell(ratios(a, b, "peakMiB"))]);
      }
    }
  }
  if (ratioRows.length) {
    console.log(`\nRatios, per round (same round, alternating order), median (min–max); < 1 means apigen is faster / smaller. Issue 14's goals: Atlas time ≤ 0.9× openapi-typescript and peak ≤ 250 MiB (all outputs); GitHub time ≤ 1.0× and peak below openapi-typescript's`);
    console.log(table(["spec", "apigen ÷ peer", "time", "CPU", "peak MiB"], ratioRows));
  }

  // ---- no-op regeneration: the unchanged spec into the folder apigen last wrote, with its cache ----
  if (RUN_NOOP && APIGENS.includes("apigen")) {
    for (const specName of SPEC_NAMES) {
      const spec = SPECS[specName];
      if (!existsSync(spec.file)) continue;
      const dir = mkdtempSync(join(WORK, `${specName}-noop-`));
      const first = await runApigenCached(spec.file, join(dir, "out"));
      if (!first.ok) {
        console.log(`\nno-op regeneration of ${specName}: the first generation failed (${failureSummary(first)})`);
        continue;
      }
      const noop = [];
      const bare = [];
      for (let round = 0; round < ROUNDS; round++) {
        // node's own start-up, alternating with the no-op, says how much of it is the floor
        bare.push(await measure(process.execPath, ["-e", "0"]));
        const r = await runApigenCached(spec.file, join(dir, "out"));
        noop.push(r);
        log(`  no-op ${specName} round ${round + 1}/${ROUNDS}: ${r.ok ? "ok" : "FAIL"} ${fixed(r.seconds, 2)} s (node -e 0: ${fixed(bare[round].seconds, 2)} s)${/\bup to date\b|no-op|unchanged/i.test(r.stderr + r.stdout) ? "" : "  (did not report a no-op)"}`);
      }
      const ok = noop.filter((r) => r.ok);
      const said = (noop[0].stdout + noop[0].stderr).trim().split("\n")[0] ?? "";
      console.log(`\nNo-op regeneration of the unchanged ${specName} spec (apigen generate with its cache, into the folder it wrote; goal ≤ 0.3 s): ${ok.length}/${noop.length} ok, ${spread(ok.map((r) => r.seconds), 2)} s, ${spread(ok.map((r) => r.peakMiB), 0)} MiB; \`node -e 0\` in the same rounds ${spread(bare.map((r) => r.seconds), 2)} s; apigen said: ${said.slice(0, 200)}`);
      if (!KEEP) rmSync(dir, { recursive: true, force: true });
    }
  }

  // ---- apigen's diagnostics per spec ----
  console.log("\napigen diagnostics (round 1) per spec:");
  for (const specName of SPEC_NAMES) {
    const rep = apigenReport[specName];
    if (!rep) continue;
    const counts = Object.entries(rep.diagnostics).sort((a, b) => b[1] - a[1]);
    const status = rep.result.ok ? "generated" : `FAILED (${failureSummary(rep.result)})`;
    console.log(`  ${specName}: ${status}; ${counts.length ? counts.map(([k, v]) => `${v}× ${k}`).join(", ") : "no diagnostics"}`);
    if (!rep.result.ok) {
      const errs = rep.result.stderr.split("\n").filter((l) => / error /.test(l) || /^apigen:/.test(l)).slice(0, 8);
      for (const l of errs) console.log(`      ${l.slice(0, 300)}`);
    }
  }

  // ---- tsc: apigen's Atlas output vs each peer's, alternating ----
  if (RUN_TSC) {
    const dirs = Object.fromEntries(["apigen", ...PEERS].filter((name) => kept.atlas?.[name]).map((name) => [name, kept.atlas[name]]));
    const names = Object.keys(dirs);
    if (dirs.apigen && names.length > 1) {
      const t = Object.fromEntries(names.map((name) => [name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of rotate(names, round)) {
          const r = await tscCheck(dirs[name]);
          r.ok = !r.timedOut; // a compile with type errors is still timed; the errors column says so
          t[name].push(r);
          log(`  tsc round ${round + 1}/${ROUNDS} ${name.padEnd(18)} ${fixed(r.seconds, 2)} s ${fixed(r.peakMiB, 0)} MiB, ${r.errors} errors`);
        }
      }
      const row = (name, list) => [
        name,
        fixed(mb(folderBytes(dirs[name])), 1),
        list[0].errors === 0 ? "0" : `${list[0].errors} (${Object.entries(list[0].codes).map(([k, v]) => `${v}× ${k}`).join(", ")})`,
        spread(list.map((r) => r.seconds), 2),
        spread(list.map((r) => r.peakMiB), 0),
        name === "apigen" ? "" : ratioCell(ratios(t.apigen, list, "seconds")),
        name === "apigen" ? "" : ratioCell(ratios(t.apigen, list, "peakMiB")),
      ];
      console.log(`\ntsc --noEmit (typescript ${require(join(ROOT, "node_modules", "typescript", "package.json")).version}; strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, skipLibCheck, module nodenext) on each tool's whole Atlas output, median (min–max) over ${ROUNDS} rounds; ratio columns: apigen ÷ that output, per round`);
      console.log(table(["output", "MB", "errors", "time s", "peak MiB", "apigen/peer time", "apigen/peer MiB"], names.map((name) => row(name, t[name]))));
      for (const name of names) if (t[name][0].errors) for (const l of t[name][0].errorLines.slice(0, 5)) console.log(`  ${name}: ${l.slice(0, 300)}`);
    } else {
      console.log("\ntsc: skipped (needs successful Atlas outputs of apigen and a peer)");
    }

    // One strict compile of apigen's output on every other spec.
    for (const specName of SPEC_NAMES.filter((s) => s !== "atlas")) {
      const dir = kept[specName]?.apigen;
      if (!dir) continue;
      const r = await tscCheck(dir);
      const codes = Object.entries(r.codes).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${v}× ${k}`).join(", ");
      console.log(`\ntsc strict on apigen's ${specName} output (${fixed(mb(folderBytes(dir)), 1)} MB): ${r.timedOut ? "timed out" : r.errors === 0 && r.code === 0 ? "compiles" : `${r.errors} errors${codes ? ` (${codes})` : ""}, exit ${r.code}`}; ${fixed(r.seconds, 2)} s, ${fixed(r.peakMiB, 0)} MiB`);
      for (const l of r.errorLines.slice(0, 10)) console.log(`  ${l.slice(0, 300)}`);
      if (r.errors === 0 && r.code !== 0) console.log(`  ${failureSummary(r)}`);
    }
  }
}

main()
  .catch((e) => {
    process.exitCode = 1;
    console.error(e);
  })
  .finally(() => {
    if (KEEP) log(`kept ${WORK}`);
    else rmSync(WORK, { recursive: true, force: true });
  });
