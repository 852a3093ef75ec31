// Workflows on the runtime's source against real servers on 127.0.0.1: paging in each style the generator infers
// (page numbers with a total, Link headers, cursors), waiting for a job that changes state on the server, and
// narrowing errors by status and errorCode.
import { ApiError, matchesApiError } from "../templates/runtime/errors";
import { items, pages, PaginationLimitError } from "../templates/runtime/pagination";
import type { Pagination } from "../templates/runtime/types";
import { waitFor, WaitFailedError, WaitTimeoutError } from "../templates/runtime/wait";
import { closeServers, json, rejectionOf, rt, serve, type Op } from "./runtime-harness";

afterEach(closeServers);

const ok = (value: unknown) => ({ valid: true as const, value });

function listOp(pagination: Pagination, query: { name: string; key: string }[]): Op & { pagination: Pagination } {
  return {
    operationId: "listThings",
    method: "GET",
    path: "/things",
    pathParams: [],
    queryParams: query,
    headerParams: [],
    accept: [{ mediaType: "application/json", version: null }],
    validateParams: ok,
    responses: { "200": { "application/json": null } },
    authenticated: false,
    pagination,
  };
}

/** The transport wrapped as a Core: the harness converts test descriptors the way generated ones look. */
async function coreFor(handler: Parameters<typeof serve>[0], options: Record<string, unknown> = {}) {
  const server = await serve(handler);
  const transport = rt.createTransport({ baseUrl: server.url, retry: { baseDelayMs: 1 }, ...options }, { baseUrl: "https://unused.test", userAgent: "t" });
  const core = { request: transport.request, requestWithResponse: transport.requestWithResponse } as never;
  return { server, core };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterator) out.push(x);
  return out;
}

describe("page-number pagination (Atlas: pageNum, itemsPerPage, { results, totalCount })", () => {
  const atlas = listOp({ style: "page", pageParam: "pageNum", sizeParam: "itemsPerPage", items: "results", total: "totalCount" }, [
    { name: "pageNum", key: "pageNum" },
    { name: "itemsPerPage", key: "itemsPerPage" },
  ]);
  const all = Array.from({ length: 7 }, (_, i) => ({ id: `job-${i}` }));

  test("walks every page until totalCount items have been seen; each page is an ordinary, retried call", async () => {
    let failedOnce = false;
    const { server, core } = await coreFor((req, res) => {
      const url = new URL(req.url, "http://x");
      const page = Number(url.searchParams.get("pageNum"));
      const size = Number(url.searchParams.get("itemsPerPage"));
      if (page === 2 && !failedOnce) {
        failedOnce = true;
        return json(res, 503, {});
      }
      json(res, 200, { results: all.slice((page - 1) * size, page * size), totalCount: all.length });
    });
    const got = await collect(items(core, atlas as never, { pageNum: 1, itemsPerPage: 3 }));
    expect(got).toEqual(all);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/things?pageNum=1&itemsPerPage=3",
      "/things?pageNum=2&itemsPerPage=3", // 503, retried
      "/things?pageNum=2&itemsPerPage=3",
      "/things?pageNum=3&itemsPerPage=3",
    ]);
  });

  test("an empty first page ends at once with no items", async () => {
    const { server, core } = await coreFor((_req, res) => json(res, 200, { results: [], totalCount: 0 }));
    expect(await collect(items(core, atlas as never, { itemsPerPage: 100 }))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  test("pages() yields each page with its status and headers; an AbortSignal stops the iteration", async () => {
    const { core } = await coreFor((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("pageNum") ?? 1);
      json(res, 200, { results: [{ id: page }], totalCount: 99 }, { "x-page": String(page) });
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await rejectionOf(
      (async () => {
        for await (const page of pages(core, atlas as never, {}, { signal: controller.signal })) {
          seen.push(page.headers["x-page"] as string);
          if (seen.length === 2) controller.abort(new Error("enough"));
        }
      })(),
    );
    expect(err.message).toBe("enough");
    expect(seen).toEqual(["1", "2"]);
  });
});

describe("Link headers (GitHub)", () => {
  test("follows rel=\"next\" until there is none, mapping its query back to the declared parameters", async () => {
    const op = listOp({ style: "link" }, [
      { name: "page", key: "page" },
      { name: "per_page", key: "perPage" },
    ]);
    const { server, core } = await coreFor((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page") ?? 1);
      const link = page < 3 ? `<https://api.example.test/things?per_page=2&page=${page + 1}>; rel="next", <https://api.example.test/things?per_page=2&page=3>; rel="last"` : `<https://api.example.test/things?per_page=2&page=1>; rel="first"`;
      json(res, 200, [page * 10, page * 10 + 1], { link });
    });
    expect(await collect(items(core, op as never, { perPage: 2 }))).toEqual([10, 11, 20, 21, 30, 31]);
    expect(server.requests.map((r) => r.url)).toEqual(["/things?per_page=2", "/things?page=2&per_page=2", "/things?page=3&per_page=2"]);
  });

  test("a server that keeps answering next: maxPages stops quietly; without it the safety limit is a typed error", async () => {
    const op = listOp({ style: "link" }, [{ name: "page", key: "page" }]);
    let n = 0;
    const { core } = await coreFor((_req, res) => {
      n += 1;
      json(res, 200, [n], { link: `</things?page=${n + 1}>; rel="next"` });
    });
    expect(await collect(items(core, op as never, {}, { maxPages: 4 }))).toEqual([1, 2, 3, 4]);

    // The same next page again is a loop: a typed error, not an endless iteration.
    const { core: looping } = await coreFor((_req, res) => json(res, 200, [1], { link: `</things?page=2>; rel="next"` }));
    const err = await rejectionOf(collect(items(looping, op as never, {})));
    expect(err).toBeInstanceOf(PaginationLimitError);
    expect(err).toBeInstanceOf(rt.ApiClientError);
  });
});

describe("cursors", () => {
  test("Stripe: starting_after = the last item's id while has_more", async () => {
    const op = listOp({ style: "cursor", cursorParam: "startingAfter", items: "data", hasMore: "has_more", cursorFromItem: "id" }, [{ name: "starting_after", key: "startingAfter" }]);
    const ids = ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5"];
    const { server, core } = await coreFor((req, res) => {
      const after = new URL(req.url, "http://x").searchParams.get("starting_after");
      const start = after === null ? 0 : ids.indexOf(after) + 1;
      const data = ids.slice(start, start + 2).map((id) => ({ id }));
      json(res, 200, { object: "list", data, has_more: start + 2 < ids.length });
    });
    expect((await collect(items<unknown, unknown, { id: string }>(core, op as never, {}))).map((c) => c.id)).toEqual(ids);
    expect(server.requests.map((r) => r.url)).toEqual(["/things", "/things?starting_after=cus_2", "/things?starting_after=cus_4"]);
  });

  test("a next-cursor property until it is empty", async () => {
    const op = listOp({ style: "cursor", cursorParam: "cursor", items: "items", nextCursor: "next_cursor" }, [{ name: "cursor", key: "cursor" }]);
    const { core } = await coreFor((req, res) => {
      const cursor = new URL(req.url, "http://x").searchParams.get("cursor");
      json(res, 200, cursor === null ? { items: ["a", "b"], next_cursor: "c2" } : { items: ["c"], next_cursor: "" });
    });
    expect(await collect(items(core, op as never, {}))).toEqual(["a", "b", "c"]);
  });
});

describe("waitFor", () => {
  test("polls a job that changes state on the server until it is final, backing off", async () => {
    const states = ["PENDING", "IN_PROGRESS", "IN_PROGRESS", "FINISHED"];
    let polls = 0;
    const { core } = await coreFor((_req, res) => json(res, 200, { id: "job", statusName: states[Math.min(polls++, states.length - 1)] }));
    const get = listOp({ style: "link" }, []);
    const poll = core as { request(op: Op, params: unknown, init: unknown): Promise<{ statusName: string }> };
    const job = await waitFor((signal) => poll.request(get, {}, { signal }), {
      until: (j) => j.statusName === "FINISHED",
      failWhen: (j) => j.statusName === "FAILED",
      intervalMs: 5,
    });
    expect(job.statusName).toBe("FINISHED");
    expect(polls).toBe(4);
  });

  test("a failure state ends the wait early with WaitFailedError carrying the value", async () => {
    const err = await rejectionOf(waitFor(async () => ({ statusName: "FAILED" }), { until: (j) => j.statusName === "FINISHED", failWhen: (j) => j.statusName === "FAILED" && "the restore failed", intervalMs: 1 }));
    expect(err).toBeInstanceOf(WaitFailedError);
    expect((err as WaitFailedError<{ statusName: string }>).value).toEqual({ statusName: "FAILED" });
    expect(err.message).toMatch(/the restore failed/);
  });

  test("the total timeout ends with WaitTimeoutError carrying the last value; a caller's abort ends it with the reason", async () => {
    let n = 0;
    const err = await rejectionOf(waitFor(async () => ({ n: ++n }), { until: () => false, intervalMs: 10, timeoutMs: 60 }));
    expect(err).toBeInstanceOf(WaitTimeoutError);
    expect((err as WaitTimeoutError<{ n: number }>).lastValue).toEqual({ n });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user cancelled")), 20);
    const aborted = await rejectionOf(waitFor(async () => 1, { until: () => false, intervalMs: 5, signal: controller.signal }));
    expect(aborted.message).toBe("user cancelled");
  });
});

describe("error helpers", () => {
  test("narrow by status, errorCode, or a list; anything else is not an ApiError", () => {
    const err = new ApiError("getThing", 404, {}, { errorCode: "RESTORE_JOB_NOT_FOUND", detail: "no such job" });
    expect(matchesApiError(err)).toBe(true);
    expect(matchesApiError(err, 404)).toBe(true);
    expect(matchesApiError(err, "RESTORE_JOB_NOT_FOUND")).toBe(true);
    expect(matchesApiError(err, [429, "RESTORE_JOB_NOT_FOUND"])).toBe(true);
    expect(matchesApiError(err, 500)).toBe(false);
    expect(matchesApiError(new Error("x"), 404)).toBe(false);
    expect(matchesApiError({ status: 404 }, 404)).toBe(false);
  });
});
