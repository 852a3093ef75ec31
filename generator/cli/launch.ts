// Where the command line runs. `apigen generate` (without --watch) runs on a worker thread whose young generation is
// capped: the pipeline's garbage is short-lived, and the default nursery of a process grows to 32 MB of semi-spaces
// that stay committed to the end (Atlas: 20–35 MiB of the peak, for about 1.5% of the wall time: the thread's start-up). V8 fixes the
// nursery's size when a thread's heap is created, so only a new thread (or a new process, which costs more) gets a
// smaller one. This thread starts it, relays its writes in order and takes its exit code. Everything else runs here
// as before: help and version (no thread to start), diff, and --watch, whose Ctrl-C handler only this thread receives.
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { internalErrorText } from "./internal-error";

export { internalErrorText };

/** The generate thread's young generation (two semi-spaces and the space objects are promoted from): ~2 MB semi-spaces. */
const YOUNG_GENERATION_MB = 6;

/** What the generate thread needs from this one: the arguments, and whether stderr is a terminal (a worker's is not). */
export interface ThreadData {
  argv: string[];
  stderrIsTerminal: boolean;
}

/** Each write of the generate thread, in the order it made them; then its exit code. */
export type ThreadMessage = { kind: "write"; stream: "stdout" | "stderr"; text: string } | { kind: "exit"; code: number };

/** True when the command is a generation that can run on its own thread (not --watch, help or version). */
export function runsOnThread(argv: readonly string[]): boolean {
  if (argv[0] !== "generate") return false;
  return !argv.some((a) => a === "--watch" || a.startsWith("--watch=") || a === "-h" || a === "--help" || a === "-v" || a === "--version");
}

/** Runs the command line; sets process.exitCode when it is done. */
export function launch(argv: string[]): void {
  if (!runsOnThread(argv)) {
    (require("./main") as typeof import("./main")).main(argv).then((code) => {
      process.exitCode = code;
    });
    return;
  }
  tierUpLater();
  oneThreadForFiles();
  const workerData: ThreadData = { argv, stderrIsTerminal: process.stderr.isTTY === true };
  const thread = new Worker(join(__dirname, "thread.js"), { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  let exitCode: number | undefined;
  thread.on("message", (message: ThreadMessage) => {
    if (message.kind === "write") process[message.stream].write(message.text);
    else exitCode = message.code;
  });
  // Only a bug in apigen gets here (bad input comes back as diagnostics): no stack trace, as in process.
  let failed = false;
  thread.on("error", (error) => {
    failed = true;
    internalError(error);
  });
  thread.on("exit", () => {
    // Messages sent before the thread ended are all delivered before this event.
    if (exitCode === undefined && !failed) internalError("the generate thread ended without a result");
    process.exitCode = exitCode ?? 1;
  });
}

/**
 * A generation is a short batch job on every core: V8's default tiering optimizes any function that has run for 66 KB
 * of bytecode budget, and on Atlas its background compiles took over a quarter of the run's CPU (about 0.85 of 3.0 s,
 * read per thread from /proc: bench/thread-cpu.js) for functions that mostly ran only a little longer. A budget about
 * five times larger leaves those in baseline code and still optimizes the hot loops soon enough: about a sixth less
 * CPU in all on Atlas and GitHub's spec, while the two JavaScript threads themselves stay about as fast (a budget of
 * 1 MB saved as much in all but slowed them by 10–15%). Process-wide V8 flags are set only here, by the command line,
 * before the threads that run the job exist; a library caller's process is never changed. The flag is in the V8 of
 * every Node from 20 to 24; outside that range it is left alone, since an unknown flag makes V8 print an error.
 */
function tierUpLater(): void {
  const major = Number(process.versions.node.split(".")[0]);
  if (major >= 20 && major <= 24) setFlagsFromString(`--interrupt-budget=${GENERATION_INTERRUPT_BUDGET}`);
}

/** Bytecode budget before V8 considers optimizing a function (its default in Node 20: 66 KB; 132 KB from Node 22). */
const GENERATION_INTERRUPT_BUDGET = 350_000;

/**
 * The generate thread has the thread pool create the docs' files while it renders the code (write/files.ts,
 * OutputFolder.createAhead). libuv's default of four pool threads creating files in one folder at once contend in
 * the kernel and took about 0.1 s from the rendering thread on Atlas, on two cores; one thread creates them as fast,
 * beside it. Set here, on the main thread, before the pool's first use (libuv reads the variable then, once per
 * process); a value the user set is kept, and a library caller's process is never changed.
 */
function oneThreadForFiles(): void {
  process.env["UV_THREADPOOL_SIZE"] ??= "1";
}

function internalError(error: unknown): void {
  process.stderr.write(internalErrorText(error));
  process.exitCode = 1;
}
