// The runtime's retry policy against real HTTP servers on 127.0.0.1 (no fetch mocks): Retry-After, backoff with
// full jitter, bounded attempts, idempotent methods only, network errors, timeouts, and cancellation during a wait.
// The runtime is the template itself: templates/runtime.ts.hbs, transpiled to CommonJS into a temporary folder.
import * as http from "node:http";
import { closeServers, useRuntimeTemplate, rt, type Op, type Transport, rejectionOf, serve, type TestServer } from "./runtime-harness";

// ---------------------------------------------------------------- loading the runtime template

useRuntimeTemplate();

// ---------------------------------------------------------------- a scripted server

type Step = (res: http.ServerResponse) => void;

afterEach(closeServers);

/** Answers request n with steps[n], and every later one with the last step. */
async function scripted(...steps: Step[]): Promise<TestServer> {
  let count = 0;
  return serve((_req, res) => steps[Math.min(count++, steps.length - 1)]!(res));
}

const status = (code: number, headers: Record<string, string> = {}): Step => (res) => {
  res.writeHead(code, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(code < 300 ? { ok: true } : { error: code, errorCode: `E${code}`, detail: `HTTP ${code}` }));
};
const ok = status(200, { "ratelimit-remaining": "41" });
const drop: Step = (res) => {
  res.socket?.destroy();
};
const hang: Step = () => undefined;

function operation(method = "GET"): Op {
  return {
    operationId: method === "GET" ? "getThing" : "changeThing",
    method,
    path: "/things/{id}",
    pathParams: [{ name: "id", key: "id" }],
    queryParams: [],
    headerParams: [],
    accept: [],
    validateParams: (value) => ({ valid: true, value }),
    responses: {},
    authenticated: true,
  };
}

function client(server: { url: string }, options: Record<string, unknown> = {}): Transport {
  return rt.createTransport(
    { baseUrl: server.url, timeoutMs: 5000, retry: { baseDelayMs: 10 }, ...options },
    { baseUrl: "https://unused.test", userAgent: "apigen-test" },
  );
}


const statusOf = (err: unknown): number => (err as { status: number }).status;

// ---------------------------------------------------------------- Retry-After

describe("Retry-After", () => {
  test("429 with Retry-After: 1, then 200 → success after waiting at least a second", async () => {
    const server = await scripted(status(429, { "retry-after": "1" }), ok);
    const started = performance.now();
    expect(await client(server).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(950);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  test("Retry-After as an HTTP-date", async () => {
    const retryAt = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000); // a whole second, 1.5–2.5 s away
    const server = await scripted(status(503, { "retry-after": retryAt.toUTCString() }), ok);
    expect(await client(server).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(Date.now()).toBeGreaterThanOrEqual(retryAt.getTime() - 50);
  });

  test("a Retry-After longer than maxDelayMs is not waited for: the 429 is thrown at once", async () => {
    const server = await scripted(status(429, { "retry-after": "120" }), ok);
    const started = performance.now();
    const err = await rejectionOf(client(server, { retry: { maxDelayMs: 5000 } }).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.ApiError);
    expect(statusOf(err)).toBe(429);
    expect((err as unknown as { headers: Record<string, string> }).headers["retry-after"]).toBe("120");
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("an unreadable Retry-After falls back to the backoff", async () => {
    const server = await scripted(status(503, { "retry-after": "soon-ish" }), ok);
    expect(await client(server).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- what is retried

describe("what is retried", () => {
  test("a persistent 500 is not retried (not in retryOn): one request", async () => {
    const server = await scripted(status(500));
    const err = await rejectionOf(client(server).request(operation(), { id: "1" }));
    expect(statusOf(err)).toBe(500);
    expect(server.requests).toHaveLength(1);
  });

  test("a persistent 503: exactly maxAttempts requests (default 3), then the last ApiError 503 with its headers", async () => {
    const server = await scripted(status(503, { "x-attempt": "any" }));
    const err = await rejectionOf(client(server).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.ApiError);
    expect(statusOf(err)).toBe(503);
    expect((err as unknown as { headers: Record<string, string> }).headers["x-attempt"]).toBe("any");
    expect(server.requests).toHaveLength(3);
  });

  test("maxAttempts 5 makes 5 requests; maxAttempts 1 makes one", async () => {
    const server = await scripted(status(429));
    await rejectionOf(client(server, { retry: { baseDelayMs: 1, maxAttempts: 5 } }).request(operation(), { id: "1" }));
    expect(server.requests).toHaveLength(5);
    await rejectionOf(client(server, { retry: { maxAttempts: 1 } }).request(operation(), { id: "1" }));
    expect(server.requests).toHaveLength(6);
  });

  test("retryOn can name other statuses", async () => {
    const server = await scripted(status(500), status(502), ok);
    expect(await client(server, { retry: { baseDelayMs: 1, retryOn: [500, 502] } }).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  test.each(["PUT", "DELETE", "HEAD", "OPTIONS"])("%s is idempotent: retried", async (method) => {
    const server = await scripted(status(503), ok);
    await client(server).request(operation(method), { id: "1" });
    expect(server.requests.map((r) => r.method)).toEqual([method, method]);
  });

  test.each(["POST", "PATCH"])("%s with 503 or a dropped connection: one request, never retried", async (method) => {
    const server = await scripted(status(503));
    expect(statusOf(await rejectionOf(client(server).request(operation(method), { id: "1" })))).toBe(503);
    expect(server.requests).toHaveLength(1);
    const dropping = await scripted(drop);
    expect(await rejectionOf(client(dropping).request(operation(method), { id: "1" }))).toBeInstanceOf(rt.NetworkError);
    expect(dropping.requests).toHaveLength(1);
  });

  test("a dropped connection (NetworkError) is retried for GET", async () => {
    const server = await scripted(drop, drop, ok);
    expect(await client(server).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  test("a closed port: NetworkError after maxAttempts attempts", async () => {
    const gone = await scripted(ok);
    await gone.close();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const err = await rejectionOf(client(gone, { fetch: counting, retry: { baseDelayMs: 1, maxAttempts: 4 } }).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.NetworkError);
    expect(err.message).toMatch(/ECONNREFUSED/);
    // fetch's error is the cause, kept the way Error's { cause } option keeps it: own, not enumerable.
    const cause = Object.getOwnPropertyDescriptor(err, "cause");
    expect(cause).toMatchObject({ enumerable: false, writable: true, configurable: true });
    expect((cause?.value as Error).message).toBe("fetch failed");
    expect(calls).toBe(4);
  });

  test("a TimeoutError ends the call by default; retryOnTimeout retries it", async () => {
    const server = await scripted(hang, hang, ok);
    const started = performance.now();
    const err = await rejectionOf(client(server, { timeoutMs: 100 }).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.TimeoutError);
    expect(server.requests).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);

    const again = await scripted(hang, hang, ok);
    expect(await client(again, { timeoutMs: 100, retry: { baseDelayMs: 10, retryOnTimeout: true } }).request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(again.requests).toHaveLength(3);
  });

  test("the backoff never exceeds maxDelayMs (full jitter below min(maxDelayMs, baseDelayMs * 2^(n-1)))", async () => {
    const server = await scripted(status(503));
    const started = performance.now();
    await rejectionOf(client(server, { retry: { baseDelayMs: 60_000, maxDelayMs: 50, maxAttempts: 4 } }).request(operation(), { id: "1" }));
    expect(server.requests).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(1000); // 3 waits of at most 50 ms
  });

  test("requestWithResponse after a retry: the final status and headers", async () => {
    const server = await scripted(status(429, { "retry-after": "0" }), ok);
    const response = await client(server).requestWithResponse(operation(), { id: "1" });
    expect(response).toEqual({ data: { ok: true }, status: 200, headers: expect.objectContaining({ "ratelimit-remaining": "41" }) as unknown });
    expect(server.requests).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- turning retries off, cancelling

describe("turning retries off and cancelling", () => {
  test("retry: false per call, or for the client: one request", async () => {
    const server = await scripted(status(503));
    await rejectionOf(client(server).request(operation(), { id: "1" }, { retry: false }));
    expect(server.requests).toHaveLength(1);
    await rejectionOf(client(server, { retry: false }).request(operation(), { id: "1" }));
    expect(server.requests).toHaveLength(2);
    // A per-call policy overrides the client's, field by field.
    await rejectionOf(client(server, { retry: false }).request(operation(), { id: "1" }, { retry: { maxAttempts: 2, baseDelayMs: 1 } }));
    expect(server.requests).toHaveLength(4);
  });

  test("aborting during the wait for Retry-After rejects at once, with no further request", async () => {
    const server = await scripted(status(429, { "retry-after": "10" }), ok);
    const controller = new AbortController();
    const call = rejectionOf(client(server).request(operation(), { id: "1" }, { signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the 429 has arrived; the client is waiting
    const aborted = performance.now();
    controller.abort();
    const err = await call;
    expect(err.name).toBe("AbortError");
    expect(performance.now() - aborted).toBeLessThan(200);
    expect(server.requests).toHaveLength(1);
  });

  test("abort(reason) during the backoff rejects with that reason", async () => {
    // The retry hangs: should full jitter pick a wait shorter than 50 ms, the abort lands during that attempt, which
    // must reject with the same reason (a retry that answered would make this test flaky, about 1 run in 200).
    const server = await scripted(drop, hang);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const call = rejectionOf(client(server, { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } }).request(operation(), { id: "1" }, { signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(server.requests.length).toBeLessThanOrEqual(2); // full jitter may have picked a tiny wait
  });

  test("an abort during an attempt is not retried", async () => {
    const server = await scripted(hang);
    const controller = new AbortController();
    const call = rejectionOf(client(server).request(operation(), { id: "1" }, { signal: controller.signal }));
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    expect((await call).name).toBe("AbortError");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });

  test.each<[string, unknown]>([
    ["maxAttempts 0", { maxAttempts: 0 }],
    ["maxAttempts 1.5", { maxAttempts: 1.5 }],
    ["a negative baseDelayMs", { baseDelayMs: -1 }],
    ["an infinite maxDelayMs", { maxDelayMs: Infinity }],
    ["retryOn with a non-status", { retryOn: [429, 1000] }],
    ["retry: true", true],
  ])("invalid retry options (%s) are a TypeError", async (_name, retry) => {
    expect(() => rt.createTransport({ retry }, { baseUrl: "https://x.test", userAgent: "t" })).toThrow(TypeError);
    const server = await scripted(ok);
    const err = await rejectionOf(client(server).request(operation(), { id: "1" }, { retry }));
    expect(err).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});
