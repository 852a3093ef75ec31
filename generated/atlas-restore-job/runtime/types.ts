// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// The shapes the generated code and the runtime agree on: options, operation descriptors, responses, hooks.

/**
 * One problem found by a validator: where (JSON pointer), which keyword, what. The same shape as validators.ts
 * exports; declared here too so the runtime compiles on its own.
 * @internal
 */
export interface ValidationIssue {
  path: string;
  keyword: string;
  message: string;
}
/** @internal */
export type ValidationResult<T> = { valid: true; value: T } | { valid: false; errors: ValidationIssue[] };

export type Validator<T> = (value: unknown) => ValidationResult<T>;

/**
 * Automatic retries. Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried, on the
 * `retryOn` statuses and on NetworkError; POST and PATCH never are. A TimeoutError ends the call unless
 * `retryOnTimeout` is set. The caller's AbortSignal also cancels the wait between attempts.
 */
export interface RetryOptions {
  /** Total attempts including the first. Default 3; 1 disables retries. */
  maxAttempts?: number;
  /** Without Retry-After, attempt n+1 waits random(0, min(maxDelayMs, baseDelayMs * 2^(n-1))) ms ("full jitter"). Default 500. */
  baseDelayMs?: number;
  /** Default 20000. A Retry-After asking for longer is not waited for: the error is thrown at once. */
  maxDelayMs?: number;
  /** Statuses to retry; the wait is at least the answer's Retry-After (seconds or HTTP-date). Default [429, 503]. */
  retryOn?: readonly number[];
  /** Retry an attempt that ran into timeoutMs too. Default false: timeoutMs ends the call with a TimeoutError. */
  retryOnTimeout?: boolean;
}

/**
 * What happens when a successful answer does not match the spec: `"throw"` a ResponseValidationError (the
 * default: the types promise the shape), `"report"` the issues to `hooks.onResponseIssues` and return the data as
 * it came, or `"off"`: no response validation at all.
 */
export type ResponseValidation = "throw" | "report" | "off";

/** The request as it is about to be sent, without credentials (they are added after the hook). */
export interface RequestInfo {
  readonly operationId: string;
  readonly method: string;
  /** Where it goes (the hook cannot change it: credentials follow the URL). */
  readonly url: string;
  /** Lower-case names. A hook may add or change headers here. */
  headers: Record<string, string>;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
}

/** The answer of one attempt (headers lower-case, `set-cookie` left out), before it is interpreted. */
export interface ResponseInfo {
  operationId: string;
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  attempt: number;
}

/** What "report" mode hands `onResponseIssues`: the operation, the status and every issue as a JSON pointer. */
export interface ResponseIssues {
  operationId: string;
  status: number;
  issues: ValidationIssue[];
}

/**
 * Hooks around every call (openapi-fetch's `use`, hey-api's interceptors). A hook that throws ends the call with
 * its error. Errors a hook receives hold no credentials: those never reach an error, message or field.
 */
export interface Hooks {
  /** Before each attempt is sent; may add headers (e.g. a trace id). */
  beforeRequest?: (request: RequestInfo) => void | Promise<void>;
  /** After each attempt's answer has arrived (any status), before it is interpreted. */
  afterResponse?: (response: ResponseInfo) => void | Promise<void>;
  /** When the call fails, with the error it is about to throw. */
  onError?: (error: unknown, operationId: string) => void | Promise<void>;
  /** Response validation issues, in "report" mode. */
  onResponseIssues?: (report: ResponseIssues) => void;
}

/** The options of a client (`createCore`, `createClient`); the generated client.ts names them `ClientOptions`, with its spec's auth types. */
export interface CoreOptions<A = never> {
  /** Default: the first server of the API description. A token URL on that server's origin follows it. */
  baseUrl?: string;
  /** No auth: no credentials are sent. Several (an array): each operation uses those its `security` asks for. */
  auth?: A | readonly A[];
  /** Transport to use instead of the global fetch (also for token requests). */
  fetch?: typeof fetch;
  /**
   * Per attempt: the request, its redirects, authentication round trips and reading the body. Token requests
   * get the same limit. Default 30000; 0 = none.
   */
  timeoutMs?: number;
  /** "YYYY-MM-DD": use the newest version of each operation released on or before it. Default: newest. */
  apiVersion?: string;
  userAgent?: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Retry policy for idempotent calls; false: never retry. Default: 3 attempts on 429, 503 and network errors. */
  retry?: RetryOptions | false;
  /** Default "throw"; see ResponseValidation. */
  responseValidation?: ResponseValidation;
  hooks?: Hooks;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Overrides the client's retry options for this call (field by field); false: no retries. */
  retry?: RetryOptions | false;
  /** "YYYY-MM-DD": this call's API version, instead of the client's. */
  apiVersion?: string;
  /** This call's response validation mode, instead of the client's. */
  responseValidation?: ResponseValidation;
}

/** name: as sent over HTTP; key: property of the params object; explode (query arrays): repeat the key (default) or comma-join. */
export interface ParamDescriptor {
  name: string;
  key: string;
  explode?: boolean;
  /** Query parameters only: objects as `name[key]=value` (OAS deepObject); otherwise form style. */
  style?: "deepObject";
}

/**
 * A parameter as a descriptor lists it: a bare name is its own params key, sent in the default style (what most are;
 * the generated descriptors are data that every consumer's tsc parses).
 */
export type ParamEntry = string | ParamDescriptor;

/** version: "YYYY-MM-DD" from e.g. application/vnd.atlas.2023-01-01+json, null when unversioned. */
export interface MediaTypeVersion {
  mediaType: string;
  version: string | null;
}

/**
 * Serialization of one form or multipart property (the OAS Encoding Object).
 * @internal
 */
export interface PartEncoding {
  /** Forms: `form` or `deepObject` (`a[b]=c`, as Stripe reads it). */
  style?: "form" | "deepObject";
  explode?: boolean;
  /** Multipart: the part's Content-Type. */
  contentType?: string;
}

/**
 * Turns a request body object into what is sent: a form or multipart encoder, emitted only where the spec needs one.
 * @internal
 */
export type BodyEncoder = (
  value: unknown,
  encoding: Readonly<Record<string, PartEncoding>>,
  mediaType: string,
) => { contentType: string; payload: BodyPayload } | undefined;

/**
 * A multipart/form-data body as an object: each string field may also be a file (Blob, File) or bytes, and each
 * array of strings a list of them; the runtime encodes one part per value.
 */
export type MultipartFields<T> = { [K in keyof T]: MultipartValue<T[K]> };
type FileLike = Blob | Uint8Array;
type MultipartValue<V> = V extends string
  ? V | FileLike
  : V extends readonly (infer I)[]
    ? (I extends string ? I | FileLike : I)[]
    : V;

/**
 * What fetch is given as a body.
 * @internal
 */
export type BodyPayload = string | Uint8Array | ArrayBuffer | Blob | FormData;

/**
 * One media type of a request body, by version; form and multipart types carry their encoder and Encoding Object.
 * @internal
 */
export interface RequestContentType extends MediaTypeVersion {
  encode?: BodyEncoder;
  encoding?: Readonly<Record<string, PartEncoding>>;
}

/** Everything the runtime needs to know about one operation; emitted by the generator. */
export interface OperationDescriptor<P, R> {
  operationId: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** Template such as "/api/atlas/v2/groups/{groupId}". */
  path: string;
  /**
   * The server the spec names for this operation instead of the API's (e.g. an uploads host). Used unless the
   * client was created with its own `baseUrl`, which then serves every call (a proxy, a test server).
   */
  server?: string;
  /** Each location's parameters; an absent list has none. */
  pathParams?: readonly ParamEntry[];
  queryParams?: readonly ParamEntry[];
  headerParams?: readonly ParamEntry[];
  /** Media types of the success responses, by version ascending (unversioned first). */
  accept: readonly MediaTypeVersion[];
  /** Checks the whole params object (path, query and header params). */
  validateParams: Validator<P>;
  /**
   * Every documented success status ("200", "2XX", "default"…) → its media types → the validator of that body, or
   * null when the spec gives it no schema; `{}` when the status has no body. A 2xx status without an entry is
   * undocumented and rejected (unless nothing is documented). Keyed by media type because each API version
   * (`application/vnd.atlas.2023-01-01+json`, …) may have its own schema.
   */
  responses: Readonly<Record<string, Readonly<Record<string, Validator<unknown> | null>>>>;
  /** Query flag that makes the server wrap the answer as { status, content }. */
  envelopeParam?: string;
  /**
   * The request body, when the operation takes one: the params key holding it, whether it is required, and its
   * media types by version ascending (the same version policy as Accept picks one).
   */
  requestBody?: {
    key: string;
    required: boolean;
    contentTypes: readonly RequestContentType[];
    /**
     * Media type → the validator of a JSON body as it is to be sent (readOnly properties must be absent), or null
     * when there is nothing to check. A body that fails it is refused before anything is sent.
     */
    validate?: Readonly<Record<string, Validator<unknown> | null>>;
  };
  /**
   * The security requirements: alternatives, each a list of scheme names that go together. `[]`: no credentials
   * are sent. Absent: whatever the client was given.
   */
  security?: readonly (readonly string[])[];
  /** How the operation pages, when the generator found it paginated. */
  pagination?: Pagination;
  /** Phantom: never set, only carries R. */
  _result?: R;
}

/**
 * How an operation pages; emitted by the generator.
 */
export type Pagination =
  | { style: "page"; pageParam: string; sizeParam?: string; items?: string; total?: string }
  | { style: "link"; items?: string }
  | {
      style: "cursor";
      cursorParam: string;
      items: string;
      nextCursor?: string;
      hasMore?: string;
      cursorFromItem?: string;
    };

/** The validated body with the status it was validated for (the envelope's status with envelope=true) and the response headers. */
export interface ApiResponse<R> {
  data: R;
  status: number;
  /** Lower-case names; `set-cookie` is left out. */
  headers: Record<string, string>;
}

/**
 * The client's connection: options bound once, used by every operation function (`getThing(core, params)`). `V` is
 * the client's `apiVersion` as the type system sees it: `undefined` (none: each operation's newest version), a date
 * literal, or `string` (not known until run time).
 */
export interface Core<V extends string | undefined = string | undefined> {
  /**
   * The client's `apiVersion` (undefined without one); the response types of operations with several versions follow
   * it. Typed `V` itself, not `V | undefined`, so that operation functions infer `V` from a core exactly.
   */
  readonly apiVersion: V;
  request<P, R>(op: OperationDescriptor<P, R>, params: P, init?: RequestOptions): Promise<R>;
  /** Like request, but also returns the status and headers (e.g. `ratelimit-remaining`). */
  requestWithResponse<P, R>(op: OperationDescriptor<P, R>, params: P, init?: RequestOptions): Promise<ApiResponse<R>>;
}

/**
 * Per-call options of an operation whose media types are versioned: an `apiVersion` before `Earliest` (from then on
 * the operation has a version) is a compile error here, as it is an UnsupportedVersionError at run time. `C` is the
 * version asked for, inferred from the call; `Options` the options it extends (a page iterator's `PageOptions`).
 */
export type VersionedRequestOptions<
  C extends string | undefined,
  Earliest extends string,
  Options extends RequestOptions = RequestOptions,
> = Options & {
  apiVersion?: C & NotBefore<C, Earliest>;
};

/**
 * A `Client` method: `(params, init?) => Promise<R>`. The generated Client names its methods' types through these
 * aliases (`VersionedClientMethod<GetThingParams, GetThingResponse, "2023-01-01">`) instead of spelling each signature
 * out: the same types, in a fraction of the syntax that every consumer's tsc parses (a big spec has ~1000 methods).
 */
export type ClientMethod<P, R> = (params: P, init?: RequestOptions) => Promise<R>;

/**
 * A `Client` method of an operation whose media types are versioned from `Earliest` on: the call's `apiVersion` is
 * inferred as `C`, and one before `Earliest` does not compile (see VersionedRequestOptions).
 */
export type VersionedClientMethod<P, R, Earliest extends string> = <C extends string | undefined = undefined>(
  params: P,
  init?: VersionedRequestOptions<C, Earliest>,
) => Promise<R>;

/**
 * A standalone operation function, `getThing(core, params, init?)`, as client.ts declares most of them:
 * `export const getThing: OperationFunction<GetThingParams, GetThingResponse> = operation(getThingOperation)` (see
 * `operation` in transport.ts). Precisely the signature a function declaration would have, in a short line for the
 * consumer's tsc.
 */
export type OperationFunction<P, R> = (core: Core, params: P, init?: RequestOptions) => Promise<R>;

/** Like OperationFunction, for an operation whose media types are versioned from `Earliest` on (see VersionedClientMethod). */
export type VersionedOperationFunction<P, R, Earliest extends string> = <C extends string | undefined = undefined>(
  core: Core,
  params: P,
  init?: VersionedRequestOptions<C, Earliest>,
) => Promise<R>;

/**
 * What an operation with several versions resolves to: `ByVersion` maps each of its `Versions` (ascending) to its
 * response type, and `V` is the date asked for (the call's, else the client's): the newest version on or before it,
 * the newest without one, `never` before the first, and any of them when the date is only known at run time.
 */
export type ResponseForVersion<ByVersion, Versions extends readonly string[], V> = V extends undefined
  ? ByVersion[Last<Versions> & keyof ByVersion]
  : V extends string
    ? string extends V
      ? ByVersion[Versions[number] & keyof ByVersion]
      : ByVersion[NewestOnOrBefore<Versions, V> & keyof ByVersion]
    : never;

/** An object type whose only purpose is to name the problem in the compiler's message. */
type NotBefore<C, Earliest extends string> = C extends string
  ? string extends C
    ? unknown
    : IsBefore<C, Earliest> extends true
      ? { readonly "apiVersion is before the operation's first version": Earliest }
      : unknown
  : unknown;

type Last<T extends readonly string[]> = T extends readonly [...string[], infer L extends string] ? L : never;

type NewestOnOrBefore<
  Versions extends readonly string[],
  V extends string,
  Found extends string = never,
> = Versions extends readonly [infer Head extends string, ...infer Rest extends string[]]
  ? IsBefore<V, Head> extends true
    ? Found
    : NewestOnOrBefore<Rest, V, Head>
  : Found;

/** `A < B` for two `YYYY-MM-DD` dates, character by character (a digit is smaller when "0123456789" has it first). */
type IsBefore<A extends string, B extends string> = A extends `${infer a}${infer restA}`
  ? B extends `${infer b}${infer restB}`
    ? a extends b
      ? IsBefore<restA, restB>
      : "0123456789" extends `${string}${a}${string}${b}${string}`
        ? true
        : false
    : false
  : B extends ""
    ? false
    : true;

/**
 * What one attempt produced: the body is read inside the attempt's deadline.
 * @internal
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  bytes: Uint8Array;
}
