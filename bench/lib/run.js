"use strict";
// Runs one command as a child process and measures its wall time, peak RSS and CPU time.
//
// Peak RSS and CPU seconds (user + system, all threads): with GNU time (/usr/bin/time -f "%M %U %S") when it
// exists — the child's (and its waited-for descendants') rusage; otherwise, for node children only, a preloaded
// hook (rss-hook.js, via NODE_OPTIONS) writes process.resourceUsage() at exit. CPU time hardly moves when other
// processes share the machine, where wall time does: on a busy machine it is the steadier comparison. Wall time is measured here (hrtime), around the whole spawn.
// The child runs in its own process group so a timeout can end it and everything it started.
const { spawn } = require("node:child_process");
const { existsSync, mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const GNU_TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p)) ?? null;
const RSS_HOOK = join(__dirname, "rss-hook.js");
const DEFAULT_TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 1800);

// Children still running, by process group, so that a bench stopped with Ctrl-C or kill ends them too.
const running = new Set();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1));
  });
}

/** How peak RSS is being measured, for the header of a report. */
function rssMethod() {
  return GNU_TIME ? `${GNU_TIME} -f %M (ru_maxrss of the child)` : "process.resourceUsage().maxRSS at exit (node children only)";
}

/**
 * Runs `command args` (command is an executable path; use process.execPath for node scripts).
 * Resolves { ok, code, signal, timedOut, seconds, peakMiB, cpuSeconds, stdout, stderr }; never rejects for a failing child.
 */
function measure(command, args, { cwd, env, timeoutS = DEFAULT_TIMEOUT_S } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "apigen-bench-rss-"));
  const rssFile = join(scratch, "rss");
  let file = command;
  let argv = args;
  const childEnv = { ...process.env, ...env };
  if (GNU_TIME) {
    file = GNU_TIME;
    argv = ["-f", "%M %U %S", "-o", rssFile, command, ...args];
  } else {
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ""} --require ${JSON.stringify(RSS_HOOK)}`.trim();
    childEnv.APIGEN_BENCH_RSS_FILE = rssFile;
  }
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
    if (child.pid) running.add(child.pid);
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, timeoutS * 1000);
    const finish = (code, signal, spawnError) => {
      clearTimeout(timer);
      running.delete(child.pid);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let peakMiB = NaN;
      let cpuSeconds = NaN;
      try {
        // GNU time writes "Command exited with non-zero status N" before the numbers when the child fails.
        const lines = readFileSync(rssFile, "utf8").trim().split("\n");
        const [kib, user, system] = (lines[lines.length - 1] ?? "").trim().split(/\s+/).map(Number);
        if (Number.isFinite(kib)) peakMiB = kib / 1024; // both report KiB
        if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system;
      } catch {
        /* the child died before anything was written */
      }
      rmSync(scratch, { recursive: true, force: true });
      const stderr = Buffer.concat(err).toString("utf8") + (spawnError ? `\n${spawnError.message}` : "");
      resolve({ ok: !timedOut && !spawnError && code === 0, code, signal, timedOut, seconds, peakMiB, cpuSeconds, stdout: Buffer.concat(out).toString("utf8"), stderr });
    };
    child.on("error", (e) => finish(null, null, e));
    child.on("close", (code, signal) => finish(code, signal, null));
  });
}

/** One line saying why a run failed, from its exit status and the last meaningful line of its output. */
function failureSummary(result) {
  if (result.timedOut) return "timed out";
  const lines = (result.stderr + "\n" + result.stdout)
    .split("\n")
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trim())
    .filter((l) => l && !/^Command exited with non-zero status/.test(l) && !/^\s*at /.test(l));
  const error = lines.find((l) => /error/i.test(l)) ?? lines[lines.length - 1] ?? "";
  const status = result.signal ? `signal ${result.signal}` : `exit ${result.code}`;
  return `${status}: ${error.slice(0, 160)}`;
}

module.exports = { measure, failureSummary, rssMethod };
