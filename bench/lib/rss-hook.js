"use strict";
// Preloaded into node children (NODE_OPTIONS=--require) when GNU time is missing: at exit, writes the process's
// peak RSS in KiB to the file named by APIGEN_BENCH_RSS_FILE. Worker threads share the process, so they count.
const file = process.env.APIGEN_BENCH_RSS_FILE;
if (file) {
  delete process.env.APIGEN_BENCH_RSS_FILE; // grandchildren must not overwrite it
  process.on("exit", () => {
    try {
      require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      /* nothing to report to */
    }
  });
}
