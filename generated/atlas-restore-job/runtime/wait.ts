// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Waiting for a long-running thing to reach a state: poll an operation until a predicate holds (a restore job's
// `statusName` reaching a final value), with backoff, a total timeout, an AbortSignal, and failure states that end
// the wait early. Each poll is an ordinary call: validated and retried like any other.
import { ApiClientError } from "./errors.js";
import { abortReason, checkTimeout } from "./util.js";

export interface WaitOptions<T> {
  /** The wait is over when this holds for the latest value. */
  until: (value: T) => boolean;
  /** A value for which this returns true (or a reason) ends the wait with WaitFailedError: a state that will not change. */
  failWhen?: (value: T) => boolean | string;
  /** First pause between polls, doubling up to maxIntervalMs. Default 1000. */
  intervalMs?: number;
  /** Default 30000. */
  maxIntervalMs?: number;
  /** Total time allowed, polls included. Default 10 minutes; 0: no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The wait ran out of time; `lastValue` is the latest state seen (undefined if no poll had answered). */
export class WaitTimeoutError<T = unknown> extends ApiClientError {
  override readonly name = "WaitTimeoutError";
  readonly operationId: string | undefined = undefined;
  readonly timeoutMs: number;
  readonly lastValue: T | undefined;
  readonly polls: number;
  constructor(timeoutMs: number, polls: number, lastValue: T | undefined) {
    super(`the awaited state was not reached within ${timeoutMs} ms (${polls} polls)`);
    this.timeoutMs = timeoutMs;
    this.polls = polls;
    this.lastValue = lastValue;
  }
}

/** A poll answered with a state `failWhen` names: waiting longer would not help. */
export class WaitFailedError<T = unknown> extends ApiClientError {
  override readonly name = "WaitFailedError";
  readonly operationId: string | undefined = undefined;
  readonly value: T;
  constructor(reason: string, value: T) {
    super(`the awaited state cannot be reached: ${reason}`);
    this.value = value;
  }
}

/**
 * Polls `poll` until `until` holds and returns that value: `await waitFor(() => getClusterRestoreJob(core, ids),
 * { until: (job) => job.statusName === "FINISHED", failWhen: (job) => job.statusName === "FAILED" })`. The poll
 * gets an AbortSignal that ends when the wait does; errors from a poll end the wait as they are.
 */
export async function waitFor<T>(poll: (signal: AbortSignal) => Promise<T>, options: WaitOptions<T>): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 600_000;
  const maxIntervalMs = options.maxIntervalMs ?? 30_000;
  checkTimeout(timeoutMs, "waitFor timeoutMs");
  checkTimeout(options.intervalMs, "waitFor intervalMs");
  checkTimeout(maxIntervalMs, "waitFor maxIntervalMs");
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal === undefined ? undefined : abortReason(options.signal));
  if (options.signal?.aborted) throw abortReason(options.signal);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let interval = options.intervalMs ?? 1000;
  let last: T | undefined;
  let polls = 0;
  try {
    for (;;) {
      last = await raceDeadline(
        poll(controller.signal),
        deadline,
        controller,
        () => new WaitTimeoutError(timeoutMs, polls, last),
      );
      polls++;
      if (options.until(last)) return last;
      const failed = options.failWhen?.(last);
      if (failed)
        throw new WaitFailedError(typeof failed === "string" ? failed : "failWhen matched the latest value", last);
      const pause = Math.min(interval, deadline - Date.now());
      if (pause <= 0) throw new WaitTimeoutError(timeoutMs, polls, last);
      await sleep(pause, controller.signal);
      interval = Math.min(interval * 2, maxIntervalMs);
    }
  } catch (error) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    controller.abort();
  }
}

/** The poll's answer, unless the deadline comes first (then the poll is aborted). */
async function raceDeadline<T>(
  work: Promise<T>,
  deadline: number,
  controller: AbortController,
  timeout: () => Error,
): Promise<T> {
  if (deadline === Infinity) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        const error = timeout();
        controller.abort(error);
        reject(error);
      },
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
