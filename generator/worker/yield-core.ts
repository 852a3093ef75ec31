// Imported first by the worker's entry, so that it runs before TypeScript loads: the worker thread lowers its own
// scheduling priority. The pipeline's thread sets the run's wall time (the worker answers long before openapi.ts is
// needed: on Atlas about a second early), and on two cores the two threads and V8's background threads contend;
// when both want a core, the pipeline's gets it. A thread that is alone on a core runs as fast as before, so a
// pipeline waiting for the worker waits no longer. Measured on Atlas, 6 alternating runs: the SDK 1.36 against 1.42 s,
// every output 1.82 against 1.92 s. Linux only (a thread's id from /proc; setpriority on a thread id changes that
// thread alone); elsewhere, or if the system refuses, nothing changes.
import { readlinkSync } from "node:fs";
import { getPriority, setPriority } from "node:os";

/** Niceness of the worker thread (0 is normal, 19 the lowest priority); raising it needs no privilege. */
const WORKER_NICENESS = 10;

try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  // Only ever lower it: a process already started with `nice` keeps its own, lower, priority.
  if (Number.isInteger(threadId) && threadId > 0 && getPriority(threadId) < WORKER_NICENESS) setPriority(threadId, WORKER_NICENESS);
} catch {
  // not Linux, or not allowed: the worker runs at the process's priority
}
