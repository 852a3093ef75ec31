"use strict";
// openapi.ts on its worker thread: apigen's worker (dist/worker/entry.js: openapi-typescript's transform without its
// Redocly pass, apigen's fast paths, its own text writer) against openapi-typescript's own API on the same document
// (openapiTS + astToString, as its users call it), each in a fresh worker thread started as the pipeline starts its
// worker, alternating within each round. Measured per run: the worker thread's own CPU to load its modules, to
// receive the request and to answer it (from /proc/thread-self/stat, 10 ms ticks: Linux only), and the process's CPU
// while the request is handled (with V8's background threads). The document is loaded once, by apigen's load stage.
//   BENCH_ROUNDS=5 BENCH_SPECS=atlas,github node bench/openapi-types.bench.js
//   env: BENCH_ROUNDS (5), BENCH_SPECS (atlas,github),
//        BENCH_BASELINE=/path/to/another/apigen (built) adds its worker as "baseline", to compare two versions
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { setFlagsFromString } = require("node:v8");
const { Worker } = require("node:worker_threads");
const { SPECS, ROOT } = require("./lib/tools");
const { median, spread, table } = require("./lib/stats");

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const SPEC_NAMES = (process.env.BENCH_SPECS ?? "atlas,github").split(",").map((s) => s.trim()).filter(Boolean);
const APIGEN_ENTRY = join(ROOT, "dist", "worker", "entry.js");
const PEER_ENTRY = join(__dirname, "lib", "openapi-ts-worker.js");
const BASELINE_ENTRY = process.env.BENCH_BASELINE ? join(process.env.BENCH_BASELINE, "dist", "worker", "entry.js") : undefined;
const ENTRIES = { apigen: APIGEN_ENTRY, ...(BASELINE_ENTRY ? { baseline: BASELINE_ENTRY } : {}), "openapi-typescript": PEER_ENTRY };
const WRAPPER = join(__dirname, "lib", "thread-cpu-worker.js");
// The pipeline's worker settings (generator/worker/index.ts) and the CLI launcher's V8 flag (generator/cli/launch.ts).
const YOUNG_GENERATION_MB = 8;
setFlagsFromString("--interrupt-budget=1000000");

if (!existsSync("/proc/thread-self/stat")) throw new Error("this bench reads per-thread CPU from /proc (Linux only)");
for (const entry of Object.values(ENTRIES)) if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`make build\` first`);

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** One run: start the worker, let it load, send the request, wait for the reply. */
function run(entry, request) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WRAPPER, { workerData: { entry }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.once("error", reject);
    worker.once("online", () => {
      // The pipeline sends the document when its load stage ends, after the worker has loaded; a pause stands for it.
      setTimeout(() => {
        const before = processCpuMs();
        worker.postMessage({ kind: "render-openapi-types", id: 0, last: false, specFile: "spec", ...request });
        worker.once("message", (reply) => {
          const processCpu = processCpuMs() - before;
          void worker.terminate();
          if (!reply.ok) return reject(new Error(reply.message ?? "the worker failed"));
          resolve({ ...reply.threadCpu, processCpu, bytes: reply.text.length });
        });
      }, 1500);
    });
  });
}

async function main() {
  const { resolveContext } = require(join(ROOT, "dist", "context"));
  const { loadSpec } = require(join(ROOT, "dist", "load"));
  const rows = [];
  const ratios = [];
  for (const name of SPEC_NAMES) {
    const spec = SPECS[name];
    if (!spec) throw new Error(`unknown spec "${name}" (known: ${Object.keys(SPECS).join(", ")})`);
    const loaded = await loadSpec(resolveContext({ spec: spec.file, out: join(ROOT, "unused") }));
    // The request as worker/index.ts builds it: a JSON spec the load stage left as it was goes as its text.
    const asText = loaded.document === loaded.source.data && loaded.source.json === true;
    const request = asText ? { json: loaded.source.text } : { document: loaded.document };
    const tools = Object.keys(ENTRIES);
    const results = Object.fromEntries(tools.map((tool) => [tool, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = tools.map((_, i) => tools[(i + round) % tools.length]); // the first tool rotates
      for (const tool of order) {
        const result = await run(ENTRIES[tool], request);
        results[tool].push(result);
        process.stderr.write(`  ${name} round ${round + 1}/${ROUNDS} ${tool.padEnd(18)} load ${result.load} ms, receive ${result.receive} ms, answer ${result.answer} ms (thread); ${Math.round(result.processCpu)} ms process\n`);
      }
    }
    for (const [tool, list] of Object.entries(results)) {
      const column = (key) => spread(list.map((r) => r[key]), 0);
      rows.push([name, tool, column("load"), column("receive"), column("answer"), column("processCpu"), (median(list.map((r) => r.bytes)) / 1e6).toFixed(1)]);
    }
    for (const peer of tools.filter((t) => t !== "apigen")) {
      const perRound = (key) => results.apigen.map((r, i) => r[key] / results[peer][i][key]);
      ratios.push([name, `apigen ÷ ${peer}`, spread(perRound("load"), 2), spread(perRound("answer"), 2), spread(perRound("processCpu"), 2)]);
    }
  }
  console.log(`\nopenapi.ts on a worker thread, ${ROUNDS} rounds; CPU ms, median (min–max); node ${process.version}`);
  console.log(table(["spec", "worker", "load (thread)", "receive (thread)", "answer (thread)", "answer (process)", "out MB"], rows));
  console.log("\nRatios per round (same round); < 1 means apigen's worker costs less");
  console.log(table(["spec", "worker ÷ peer", "load (thread)", "answer (thread)", "answer (process)"], ratios));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
