// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Iterating over pages and items of a paginated operation, in the style the generator read from the spec: page
// numbers (Atlas `pageNum`/`itemsPerPage` with `{ results, totalCount }`), `Link: <…>; rel="next"` headers (GitHub),
// or cursors (a next-cursor property, or Stripe's `starting_after` with `has_more`). Every page is an ordinary call:
// validated, retried and aborted like any other.
import { ApiClientError } from "./errors.js";
import type {
  ApiResponse,
  Core,
  OperationDescriptor,
  Pagination,
  RequestOptions,
  VersionedRequestOptions,
} from "./types.js";
import { abortReason, isRecord, paramsIn } from "./util.js";

export interface PageOptions extends RequestOptions {
  /** Stop after this many pages (quietly: you asked for it). Without it, more than 10000 pages is a PaginationLimitError. */
  maxPages?: number;
}

/** A `Client` method that iterates over a paginated operation: yields `T` (each page's ApiResponse, or each item). */
export type PageIteratorMethod<P, T> = (params: P, options?: PageOptions) => AsyncGenerator<T, void, undefined>;

/** Like PageIteratorMethod, for an operation whose media types are versioned from `Earliest` on (see VersionedClientMethod). */
export type VersionedPageIteratorMethod<P, T, Earliest extends string> = <C extends string | undefined = undefined>(
  params: P,
  options?: VersionedRequestOptions<C, Earliest, PageOptions>,
) => AsyncGenerator<T, void, undefined>;

const SAFETY_LIMIT = 10_000;

/** The server kept answering with a next page past 10000 pages (or repeated one): the iteration stops with this. */
export class PaginationLimitError extends ApiClientError {
  override readonly name = "PaginationLimitError";
  readonly operationId: string;
  readonly pages: number;
  constructor(operationId: string, pages: number, why: string) {
    super(`${operationId}: stopped paging after ${pages} pages: ${why}`);
    this.operationId = operationId;
    this.pages = pages;
  }
  toJSON(): Pick<PaginationLimitError, "name" | "message" | "operationId" | "pages"> {
    const { name, message, operationId, pages } = this;
    return { name, message, operationId, pages };
  }
}

/**
 * Every page of a paginated operation, first to last, each with its status and headers.
 * @internal
 */
export async function* pages<P, R>(
  core: Core,
  op: OperationDescriptor<P, R>,
  params: P,
  options: PageOptions = {},
): AsyncGenerator<ApiResponse<R>, void, undefined> {
  const pagination = op.pagination;
  if (pagination === undefined) throw new TypeError(`${op.operationId} is not paginated`);
  const { maxPages, ...init } = options;
  const limit = maxPages ?? SAFETY_LIMIT;
  let current: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  let seen = 0; // items so far, for `total`
  const cursors = new Set<string>();
  for (let count = 1; ; count++) {
    if (init.signal?.aborted) throw abortReason(init.signal);
    const page = await core.requestWithResponse(op, current as P, init);
    yield page;
    const items = itemsOf(page.data, pagination.items);
    seen += items.length;
    const next = nextParams(op, pagination, current, page, items, seen);
    if (next === undefined) return;
    if (count >= limit) {
      if (maxPages !== undefined) return;
      throw new PaginationLimitError(op.operationId, count, "the server keeps answering with a next page");
    }
    const key = JSON.stringify(next);
    if (cursors.has(key))
      throw new PaginationLimitError(op.operationId, count, "the server answered with a page it already gave");
    cursors.add(key);
    current = next;
  }
}

/**
 * Every item of every page, in order.
 * @internal
 */
export async function* items<P, R, I>(
  core: Core,
  op: OperationDescriptor<P, R>,
  params: P,
  options?: PageOptions,
): AsyncGenerator<I, void, undefined> {
  for await (const page of pages(core, op, params, options)) {
    for (const item of itemsOf(page.data, op.pagination?.items)) yield item as I;
  }
}

function itemsOf(body: unknown, property: string | undefined): unknown[] {
  const list = property === undefined ? body : isRecord(body) ? body[property] : undefined;
  return Array.isArray(list) ? list : [];
}

/** The params of the page after this one, or undefined when this was the last. */
function nextParams(
  op: OperationDescriptor<unknown, unknown>,
  pagination: Pagination,
  current: Record<string, unknown>,
  page: ApiResponse<unknown>,
  items: unknown[],
  seen: number,
): Record<string, unknown> | undefined {
  if (items.length === 0) return undefined;
  const body = isRecord(page.data) ? page.data : {};
  switch (pagination.style) {
    case "page": {
      const total = pagination.total === undefined ? undefined : body[pagination.total];
      if (typeof total === "number" && seen >= total) return undefined;
      const size = pagination.sizeParam === undefined ? undefined : current[pagination.sizeParam];
      if (typeof size === "number" && items.length < size) return undefined;
      const number = current[pagination.pageParam];
      return { ...current, [pagination.pageParam]: (typeof number === "number" ? number : 1) + 1 };
    }
    case "cursor": {
      if (pagination.hasMore !== undefined && body[pagination.hasMore] !== true) return undefined;
      const last = items[items.length - 1];
      const cursor =
        pagination.nextCursor !== undefined
          ? body[pagination.nextCursor]
          : pagination.cursorFromItem !== undefined && isRecord(last)
            ? last[pagination.cursorFromItem]
            : undefined;
      return typeof cursor === "string" && cursor !== "" ? { ...current, [pagination.cursorParam]: cursor } : undefined;
    }
    case "link": {
      const next = nextLink(page.headers["link"]);
      if (next === undefined) return undefined;
      // The next URL's query becomes the parameters the operation declares; anything else in it cannot be sent.
      const params: Record<string, unknown> = { ...current };
      let sendable = true;
      // forEach, not for-of: iterating URLSearchParams needs lib dom.iterable, which not every consumer has.
      new URL(next, "http://link.invalid").searchParams.forEach((value, name) => {
        const param = paramsIn(op.queryParams).find((p) => p.name === name);
        if (param === undefined) sendable = false;
        else params[param.key] = /^-?\d+$/.test(value) ? Number(value) : value;
      });
      return sendable ? params : undefined;
    }
  }
}

/** The `rel="next"` target of a Link header (RFC 8288), if any. */
function nextLink(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?/i.test(match[2] as string)) return match[1];
  }
  return undefined;
}
