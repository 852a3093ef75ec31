// Preload (`node -r ./bench/thread-cpu.js bin/apigen.js generate …`): at exit, prints the CPU time of every OS thread
// of the process to stderr, read from /proc (Linux only; elsewhere it prints nothing). It tells the JavaScript threads
// (the launcher, the generate thread, the openapi.ts worker) from V8's own background threads (concurrent garbage
// collection and optimizing compiles), which `/usr/bin/time` and the profiler lump together or leave out.
"use strict";
const { readdirSync, readFileSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");

/** tid -> { name, ms }: threads that end before the process are kept at their last reading. */
const threads = new Map();

function sample() {
  let tids;
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return false;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime (fields 14 and 15 of stat, counted after the name) are in clock ticks of 10 ms
      threads.set(tid, { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), ms: (Number(fields[11]) + Number(fields[12])) * 10 });
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return true;
}

if (isMainThread && sample()) {
  setInterval(sample, 20).unref();
  process.on("exit", () => {
    sample();
    const rows = [...threads].map(([tid, t]) => ({ tid: Number(tid), ...t })).filter((t) => t.ms > 0);
    const main = rows.find((t) => t.tid === process.pid);
    const total = rows.reduce((sum, t) => sum + t.ms, 0);
    const lines = rows.sort((a, b) => b.ms - a.ms).map((t) => `  ${String(t.ms).padStart(6)} ms  thread ${t.tid}${t === main ? " (main: the launcher)" : ""}`);
    process.stderr.write(`CPU per thread (${total} ms in all; 10 ms ticks, the JavaScript threads are the largest):\n${lines.join("\n")}\n`);
  });
}
