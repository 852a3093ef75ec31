"use strict";
// Preloaded into node children (NODE_OPTIONS=--require) when GNU time is missing: at exit, writes the process's
// peak RSS in KiB and its user and system CPU seconds to the file named by APIGEN_BENCH_RSS_FILE (the format of
// GNU time -f "%M %U %S"). Worker threads share the process, so they count.
const file = process.env.APIGEN_BENCH_RSS_FILE;
if (file) {
  delete process.env.APIGEN_BENCH_RSS_FILE; // grandchildren must not overwrite it
  process.on("exit", () => {
    try {
      const usage = process.resourceUsage();
      require("node:fs").writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
    } catch {
      /* nothing to report to */
    }
  });
}
