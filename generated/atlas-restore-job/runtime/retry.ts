// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Retries of idempotent calls: on the retryOn statuses and network errors, at least Retry-After, else exponential
// backoff with full jitter; the caller's AbortSignal ends the wait.
import { NetworkError, TimeoutError } from "./errors.js";
import type { RawResponse, RetryOptions } from "./types.js";
import { abortReason, checkTimeout } from "./util.js";

const IDEMPOTENT_METHODS: readonly string[] = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"];
const DEFAULT_RETRY: Required<RetryOptions> = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  retryOn: [429, 503],
  retryOnTimeout: false,
};

/** The effective policy: defaults, then the client's options, then the call's (field by field); undefined: no retries. */
/** @internal */
export function retryPolicy(
  method: string,
  client: RetryOptions | false | undefined,
  call: RetryOptions | false | undefined,
): Required<RetryOptions> | undefined {
  if (!IDEMPOTENT_METHODS.includes(method) || call === false || (client === false && call === undefined))
    return undefined;
  const policy: Required<RetryOptions> = { ...DEFAULT_RETRY };
  for (const source of [client === false ? undefined : client, call]) {
    if (source === undefined) continue;
    if (source.maxAttempts !== undefined) policy.maxAttempts = source.maxAttempts;
    if (source.baseDelayMs !== undefined) policy.baseDelayMs = source.baseDelayMs;
    if (source.maxDelayMs !== undefined) policy.maxDelayMs = source.maxDelayMs;
    if (source.retryOn !== undefined) policy.retryOn = source.retryOn;
    if (source.retryOnTimeout !== undefined) policy.retryOnTimeout = source.retryOnTimeout;
  }
  return policy.maxAttempts > 1 ? policy : undefined;
}

/** @internal */
export function checkRetry(retry: RetryOptions | false | undefined, what: string): void {
  if (retry === undefined || retry === false) return;
  if (typeof retry !== "object" || retry === null) throw new TypeError(`${what} must be an object or false`);
  const { maxAttempts, baseDelayMs, maxDelayMs, retryOn, retryOnTimeout } = retry;
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 100)) {
    throw new TypeError(`${what}.maxAttempts must be an integer from 1 to 100`);
  }
  checkTimeout(baseDelayMs, `${what}.baseDelayMs`);
  checkTimeout(maxDelayMs, `${what}.maxDelayMs`);
  if (
    retryOn !== undefined &&
    !(Array.isArray(retryOn) && retryOn.every((s) => Number.isInteger(s) && s >= 100 && s <= 599))
  ) {
    throw new TypeError(`${what}.retryOn must be an array of HTTP status codes`);
  }
  if (retryOnTimeout !== undefined && typeof retryOnTimeout !== "boolean")
    throw new TypeError(`${what}.retryOnTimeout must be a boolean`);
}

/**
 * Runs attempts until one is final: a status not in retryOn, an error other than NetworkError (or TimeoutError
 * with retryOnTimeout), or the last attempt, whose answer or error is what the caller gets.
 */
/** @internal */
export async function withRetries(
  policy: Required<RetryOptions> | undefined,
  signal: AbortSignal | undefined,
  attempt: (n: number) => Promise<RawResponse>,
): Promise<RawResponse> {
  if (policy === undefined) return attempt(1);
  for (let n = 1; ; n++) {
    const last = n >= policy.maxAttempts;
    let delayMs: number;
    try {
      const response = await attempt(n);
      if (last || !policy.retryOn.includes(response.status)) return response;
      const retryAfter = retryAfterMs(response.headers["retry-after"]);
      if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) return response; // more than we wait: the error stands
      delayMs = retryAfter ?? backoffMs(policy, n);
    } catch (err) {
      const retryable = err instanceof NetworkError || (policy.retryOnTimeout && err instanceof TimeoutError);
      if (last || !retryable) throw err;
      delayMs = backoffMs(policy, n);
    }
    await sleep(delayMs, signal);
  }
}

/** "Full jitter": random(0, min(maxDelayMs, baseDelayMs * 2^(n-1))) after attempt n. */
function backoffMs(policy: Required<RetryOptions>, attempt: number): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/** Retry-After as delta-seconds or HTTP-date, in ms from now; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3}/.test(text)) return undefined; // HTTP-dates start with the day name
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits, unless the caller's signal aborts first; the timer never outlives the wait. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal === undefined ? undefined : abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
