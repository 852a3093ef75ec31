// Sanity check for the ReDoS analyser, not a test: for every pattern in test/fixtures/redos-cases.json, prints the
// analyser's verdict next to how long the pattern really takes on its attack string (prefix + pump × n + suffix; `long` repeats the pump LONG times),
// each run in a child process killed after TIMEOUT_MS. A flagged pattern should hit the timeout (or take far
// longer than the safe ones); a safe one should stay fast even with a long input. Run `make build` first.
"use strict";
const { spawnSync } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { redosRisk } = require("../dist/model/redos.js");

const TIMEOUT_MS = Number(process.env.REDOS_TIMEOUT_MS ?? 2000);
const SHORT = Number(process.env.REDOS_SHORT ?? 26); // exponential at 26 pumps: ~2^26 steps, seconds
const LONG = 5000; // safe patterns must stay fast on a long input too
const cases = JSON.parse(readFileSync(join(__dirname, "..", "test", "fixtures", "redos-cases.json"), "utf8"));

function flagsOf(pattern) {
  try {
    new RegExp(pattern, "u");
    return "u";
  } catch {
    return "";
  }
}

/** Milliseconds one `test` takes in a fresh process, or Infinity when it is killed at the timeout. */
function timeMatch(pattern, flags, input) {
  const script = "const [p, f, s] = JSON.parse(process.argv[1]); const r = new RegExp(p, f); const t = performance.now(); r.test(s); process.stdout.write(String(performance.now() - t));";
  const run = spawnSync(process.execPath, ["-e", script, JSON.stringify([pattern, flags, input])], { timeout: TIMEOUT_MS, encoding: "utf8" });
  return run.status === 0 ? Number(run.stdout) : Infinity;
}

const shorten = (text) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
const format = (ms) => (ms === Infinity ? `>${TIMEOUT_MS} ms` : `${ms.toFixed(1)} ms`);
const rows = [];
for (const c of cases) {
  const flags = flagsOf(c.pattern);
  const flagged = redosRisk(c.pattern, flags === "u") !== undefined;
  if (!c.attack) {
    rows.push({ verdict: flagged ? "flag" : "safe", want: c.want, pumps: "-", short: "-", long: "-", timing: "no failing input", source: c.source, pattern: shorten(c.pattern) });
    continue;
  }
  const input = (n) => c.attack.prefix + c.attack.pump.repeat(n) + c.attack.suffix;
  const pumps = c.attack.n ?? SHORT; // alternatives that overlap by length grow like Fibonacci, slower than 2^n
  const short = timeMatch(c.pattern, flags, input(pumps));
  const long = short === Infinity ? Infinity : timeMatch(c.pattern, flags, input(LONG));
  const slow = (ms) => ms > 100; // the noise on a busy machine stays well under this (a few to ~35 ms)
  // n^k shapes are fast at a few pumps and only show with the long input; exponential ones time out on the short.
  const agrees = flagged ? slow(short) || slow(long) : !slow(short) && !slow(long);
  rows.push({ verdict: flagged ? "flag" : "safe", want: c.want, pumps, short: format(short), long: flagged && short === Infinity ? "-" : format(long), timing: agrees ? "agrees" : flagged ? "FAST" : "SLOW", source: c.source, pattern: shorten(c.pattern) });
}
console.table(rows);
const disagree = rows.filter((r) => r.timing === "FAST" || r.timing === "SLOW");
console.log(`${rows.length} patterns, ${rows.filter((r) => r.verdict === "flag").length} flagged; timing disagrees with the verdict for ${disagree.length}${disagree.length ? ": " + disagree.map((r) => r.pattern).join("  ") : ""}`);
