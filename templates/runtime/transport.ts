// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// The transport: one call = check params → build the request → attempts (each: hooks, auth, redirects, 401 round
// trips, the body, all under one deadline) wrapped by the retry policy → interpret the answer. Auth schemes and
// body encoders are handed in by the generated client, so a client carries only those its spec uses.
import type { AuthContext, AuthFactory, AuthSession, AuthStrategy, SecuritySchemeDescriptor } from "./auth/strategy.js";
import { ApiClientError, NetworkError, RedirectError, RequestValidationError, TimeoutError } from "./errors.js";
import {
  buildPath,
  buildQuery,
  checkBaseUrl,
  checkHeaders,
  chooseAccept,
  encodeBody,
  headerParams,
  mergeHeaders,
} from "./request.js";
import { interpret, isTextual } from "./response.js";
import { checkRetry, retryPolicy, withRetries } from "./retry.js";
import type {
  ApiResponse,
  BodyPayload,
  CoreOptions,
  Core,
  Hooks,
  OperationDescriptor,
  OperationFunction,
  RawResponse,
  RequestOptions,
  ResponseValidation,
} from "./types.js";
import { abortReason, checkTimeout, hasOwn, isRecord, redactor } from "./util.js";

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_REDIRECTS = 5;
/** 401 answers within one attempt: at most a Digest challenge, a reused nonce and a stale nonce. */
const MAX_AUTH_ROUNDS = 3;
const VALIDATION_MODES: readonly ResponseValidation[] = ["throw", "report", "off"];

/**
 * What the generated client knows about the API: its defaults, security schemes and the auth modules it has.
 * @internal
 */
export interface TransportDefaults {
  baseUrl: string;
  userAgent: string;
  /** The spec's security schemes by name. */
  schemes?: Readonly<Record<string, SecuritySchemeDescriptor>>;
  /** Credential type → the module that serves it. */
  auth?: Readonly<Record<string, AuthFactory>>;
}

/** One configured credential, made once per client. */
interface Credential {
  type: string;
  /** The spec scheme it was configured for (apiKey `scheme`), if any. */
  scheme: string | undefined;
  strategy: AuthStrategy;
}

/**
 * The standalone function of an operation: `getThing(core, params, init?)` sends the request its descriptor describes
 * on `core`. client.ts declares its type (OperationFunction, or VersionedOperationFunction, which this one is too).
 * @internal
 */
export function operation<P, R>(op: OperationDescriptor<P, R>): OperationFunction<P, R> {
  return (core, params, init) => core.request(op, params, init);
}

/**
 * Like `operation`, and the function also resolves the status and headers (`getThingWithResponse`).
 * @internal
 */
export function operationWithResponse<P, R>(op: OperationDescriptor<P, R>): OperationFunction<P, ApiResponse<R>> {
  return (core, params, init) => core.requestWithResponse(op, params, init);
}

/**
 * A client's methods: each operation function of each group with `core` bound as its first argument. createClient
 * names each function once instead of wrapping it in an arrow of its own (the consumer's tsc parses each one).
 * Object.fromEntries defines the keys as own properties, whatever their names.
 * @internal
 */
export function bindCore<C>(
  core: C,
  groups: Readonly<Record<string, Readonly<Record<string, (core: C, ...rest: never[]) => unknown>>>>,
): Record<string, Record<string, (...rest: never[]) => unknown>> {
  return Object.fromEntries(
    Object.entries(groups).map(([group, functions]) => [
      group,
      Object.fromEntries(
        Object.entries(functions).map(([method, fn]) => [method, (...rest: never[]) => fn(core, ...rest)]),
      ),
    ]),
  );
}

/** @internal */
export function createTransport<V extends string | undefined>(
  options: CoreOptions<{ type: string }> & { apiVersion?: V },
  defaults: TransportDefaults,
): Core<V> {
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaults.baseUrl);
  checkTimeout(options.timeoutMs, "timeoutMs");
  checkApiVersion(options.apiVersion, "apiVersion");
  checkMode(options.responseValidation, "responseValidation");
  checkRetry(options.retry, "retry");
  const hooks: Hooks = options.hooks ?? {};
  const userAgent = options.userAgent ?? defaults.userAgent;
  const currentFetch = (): typeof fetch => options.fetch ?? fetch; // looked up per call: fetch may be replaced after creation
  const schemes = defaults.schemes ?? {};
  const context: AuthContext = {
    tokenUrl: defaultTokenUrl(schemes, defaults.baseUrl, options.baseUrl),
    fetch: currentFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userAgent,
  };
  const credentials = configuredCredentials(options.auth, defaults.auth ?? {}, context);

  // Every failure of a call reaches onError, also those before anything is sent (invalid params or body, bad
  // per-call options, an API version the operation does not have): Hooks.onError promises "when the call fails".
  async function execute<P, R>(
    op: OperationDescriptor<P, R>,
    params: P,
    init: RequestOptions = {},
  ): Promise<ApiResponse<R>> {
    try {
      return await call(op, params, init);
    } catch (error) {
      await hooks.onError?.(error, op.operationId);
      throw error;
    }
  }

  async function call<P, R>(op: OperationDescriptor<P, R>, params: P, init: RequestOptions): Promise<ApiResponse<R>> {
    const checked = op.validateParams(params);
    // `=== false`, not `!`: narrows in projects compiled without strictNullChecks too.
    if (checked.valid === false) throw new RequestValidationError(op.operationId, checked.errors);
    const values = isRecord(checked.value) ? checked.value : {};
    checkApiVersion(init.apiVersion, "RequestOptions.apiVersion");
    checkMode(init.responseValidation, "RequestOptions.responseValidation");
    const apiVersion = init.apiVersion ?? options.apiVersion;
    const base = op.server !== undefined && options.baseUrl === undefined ? checkBaseUrl(op.server) : baseUrl;
    const url = base + buildPath(op, values) + buildQuery(op, values);
    const accept = chooseAccept(op, apiVersion);
    const body = encodeBody(op, values, apiVersion);
    const headers = mergeHeaders(
      { accept, "user-agent": userAgent, ...(body?.contentType ? { "content-type": body.contentType } : {}) },
      headerParams(op, values),
      options.headers,
      init.headers,
    );
    checkTimeout(init.timeoutMs, "RequestOptions.timeoutMs");
    checkRetry(init.retry, "RequestOptions.retry");
    const timeoutMs = init.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const policy = retryPolicy(op.method, options.retry, init.retry);
    const fetchFn = currentFetch();
    const chosen = credentialsFor(op, credentials, schemes);
    // What must never reach an error: configured secrets, credentials passed as headers, and (filled in by the
    // auth sessions) every token and Authorization value sent.
    const secrets = [...credentials.flatMap((c) => c.strategy.secrets), ...credentialHeaders(headers)];
    // One attempt = hooks + send (following redirects, answering auth challenges) + read the body, under one
    // deadline. The retry policy wraps attempts without knowing about any of that.
    const attempt = (n: number): Promise<RawResponse> =>
      withDeadline(op.operationId, timeoutMs, init.signal, async (signal) => {
        const request = { operationId: op.operationId, method: op.method, url, headers: { ...headers }, attempt: n };
        await hooks.beforeRequest?.(request);
        const sent = mergeHeaders(request.headers);
        secrets.push(...credentialHeaders(sent));
        const sessions = chosen.map(({ credential, scheme }) =>
          credential.strategy.session(op.operationId, secrets, scheme),
        );
        const response = await exchange(fetchFn, op, url, sent, body?.payload, sessions, signal);
        const { "set-cookie": _session, ...visible } = response.headers;
        await hooks.afterResponse?.({
          operationId: op.operationId,
          method: op.method,
          url,
          status: response.status,
          headers: visible,
          attempt: n,
        });
        return response;
      });
    const response = await withRetries(policy, init.signal, attempt);
    const mode = init.responseValidation ?? options.responseValidation ?? "throw";
    const { status, data } = interpret(op, values, accept, response, redactor(secrets), mode, hooks.onResponseIssues);
    const { "set-cookie": _session, ...safeHeaders } = response.headers;
    return { data: data as R, status, headers: safeHeaders };
  }

  return {
    // Absent only where V admits it: undefined (the default) or a `string` known at run time.
    apiVersion: options.apiVersion as V,
    async request<P, R>(op: OperationDescriptor<P, R>, params: P, init?: RequestOptions): Promise<R> {
      return (await execute(op, params, init)).data;
    },
    requestWithResponse: execute,
  };
}

/**
 * The spec's token URL. When it is on the spec server's origin and the client has its own baseUrl (Atlas for
 * Government, a proxy, a test server), it moves to that origin: credentials meant for one deployment never go to
 * another. An explicit `tokenUrl` in the auth option wins over both.
 */
function defaultTokenUrl(
  schemes: Readonly<Record<string, SecuritySchemeDescriptor>>,
  specBaseUrl: string,
  clientBaseUrl: string | undefined,
): string | undefined {
  const tokenUrl = Object.values(schemes).find((s) => s.tokenUrl !== undefined)?.tokenUrl;
  if (tokenUrl === undefined || clientBaseUrl === undefined) return tokenUrl;
  try {
    const token = new URL(tokenUrl);
    if (token.origin !== new URL(specBaseUrl).origin) return tokenUrl;
    return new URL(token.pathname + token.search, new URL(clientBaseUrl).origin).href;
  } catch {
    return tokenUrl; // an unusable URL is reported when a token is first needed
  }
}

function configuredCredentials(
  auth: CoreOptions<{ type: string }>["auth"],
  factories: Readonly<Record<string, AuthFactory>>,
  context: AuthContext,
): Credential[] {
  if (auth === undefined) return [];
  const list = Array.isArray(auth) ? (auth as readonly { type: string }[]) : [auth as { type: string }];
  return list.map((credential) => {
    const type = isRecord(credential) && typeof credential.type === "string" ? credential.type : "";
    const factory = hasOwn(factories, type) ? factories[type] : undefined;
    if (factory === undefined) {
      const known = Object.keys(factories).join(", ") || "none";
      throw new TypeError(
        `auth type ${JSON.stringify(type.slice(0, 40))} is not one this API's security schemes accept (they accept: ${known})`,
      );
    }
    const named = (credential as unknown as { scheme?: unknown }).scheme;
    const scheme = typeof named === "string" ? named : undefined;
    return { type, scheme, strategy: factory(credential, context) };
  });
}

/**
 * The credentials an operation gets: `security: []` none; else the first alternative whose every scheme a configured
 * credential serves; else (the spec's requirements and the client's credentials do not meet) every credential,
 * with the first scheme that accepts it, as a client without per-operation security would.
 */
function credentialsFor(
  op: OperationDescriptor<unknown, unknown>,
  credentials: readonly Credential[],
  schemes: Readonly<Record<string, SecuritySchemeDescriptor>>,
): { credential: Credential; scheme: SecuritySchemeDescriptor | undefined }[] {
  if (credentials.length === 0 || (op.security !== undefined && op.security.length === 0)) return [];
  const serves = (c: Credential, name: string): boolean => {
    const scheme = hasOwn(schemes, name) ? schemes[name] : undefined;
    return scheme !== undefined && scheme.accepts.includes(c.type) && (c.scheme === undefined || c.scheme === name);
  };
  for (const alternative of op.security ?? []) {
    if (alternative.length === 0) return []; // `{}` among the alternatives: anonymous access is allowed
    const picked = alternative.map((name) => ({ name, credential: credentials.find((c) => serves(c, name)) }));
    if (picked.every((p) => p.credential !== undefined)) {
      return picked.map((p) => ({ credential: p.credential as Credential, scheme: schemes[p.name] }));
    }
  }
  const names = [...(op.security ?? []).flat(), ...Object.keys(schemes)];
  return credentials.map((credential) => {
    const name = names.find((n) => serves(credential, n));
    return { credential, scheme: name === undefined ? undefined : schemes[name] };
  });
}

function credentialHeaders(headers: Record<string, string>): string[] {
  return ["authorization", "proxy-authorization", "cookie"].flatMap((name) => headers[name] ?? []);
}

function checkApiVersion(version: string | undefined, what: string): void {
  if (version !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
    throw new TypeError(
      `${what} must be a date like "2023-01-01", got ${JSON.stringify(String(version).slice(0, 40))}`,
    );
  }
}

function checkMode(mode: ResponseValidation | undefined, what: string): void {
  if (mode !== undefined && !VALIDATION_MODES.includes(mode))
    throw new TypeError(`${what} must be "throw", "report" or "off"`);
}

/** One attempt: the request, and the same request again while an auth session answers a 401 with new credentials. */
async function exchange(
  fetchFn: typeof fetch,
  op: OperationDescriptor<unknown, unknown>,
  url: string,
  headers: Record<string, string>,
  payload: BodyPayload | undefined,
  sessions: readonly AuthSession[],
  signal: AbortSignal,
): Promise<RawResponse> {
  for (let round = 0; ; round++) {
    const response = await send(fetchFn, op, url, headers, payload, sessions, signal);
    if (response.status !== 401 || round >= MAX_AUTH_ROUNDS) return response;
    let again = false;
    for (const session of sessions)
      if (session.unauthorized !== undefined && (await session.unauthorized(response))) again = true;
    if (!again) return response;
  }
}

async function send(
  fetchFn: typeof fetch,
  op: OperationDescriptor<unknown, unknown>,
  startUrl: string,
  headers: Record<string, string>,
  payload: BodyPayload | undefined,
  sessions: readonly AuthSession[],
  signal: AbortSignal,
): Promise<RawResponse> {
  let url = startUrl;
  let method: string = op.method;
  let body = payload;
  let sent = headers;
  for (let hops = 0; ; hops++) {
    // Auth runs per hop: signature schemes cover the method and URL actually sent.
    const all = await withCredentials(sent, sessions, method, url);
    checkHeaders(op.operationId, all);
    const target = withQuery(url, sessions);
    const res = await network(op.operationId, signal, () =>
      // (the cast: lib.dom's BodyInit wants Uint8Array<ArrayBuffer>; every fetch accepts any Uint8Array)
      fetchFn(target, {
        method,
        headers: all,
        redirect: "manual",
        signal,
        ...(body !== undefined ? { body: body as NonNullable<RequestInit["body"]> } : {}),
      }),
    );
    if (res.type === "opaqueredirect")
      throw new RedirectError(op.operationId, "got a redirect this fetch implementation cannot expose", 0);
    const location = res.headers.get("location");
    if (![301, 302, 303, 307, 308].includes(res.status) || location === null) {
      const responseHeaders: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value;
      });
      const bytes = new Uint8Array(await network(op.operationId, signal, () => res.arrayBuffer()));
      const text = isTextual(responseHeaders["content-type"]) ? new TextDecoder().decode(bytes) : "";
      return { status: res.status, headers: responseHeaders, text, bytes };
    }
    await res.arrayBuffer().catch(() => undefined); // release the connection
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new RedirectError(op.operationId, `HTTP ${res.status} redirect to an invalid location`, res.status);
    }
    if (hops >= MAX_REDIRECTS)
      throw new RedirectError(
        op.operationId,
        `more than ${MAX_REDIRECTS} redirects (a loop?)`,
        res.status,
        next.origin,
      );
    // Never hand credentials to another origin (scheme, host or port change).
    const hasCredentials =
      sessions.length > 0 || "authorization" in all || "cookie" in all || "proxy-authorization" in all;
    if (next.origin !== new URL(url).origin && hasCredentials) {
      throw new RedirectError(
        op.operationId,
        `refusing to follow a redirect to ${next.origin} with credentials attached`,
        res.status,
        next.origin,
      );
    }
    if (
      (res.status === 303 && method !== "HEAD") ||
      ((res.status === 301 || res.status === 302) && method === "POST")
    ) {
      method = "GET"; // and the body is dropped, as browsers do
      body = undefined;
      const { "content-type": _dropped, ...rest } = sent;
      sent = rest;
    }
    url = next.href;
  }
}

/** The sessions' headers over the request's; cookies from both are kept (an API key in a cookie beside the user's). */
async function withCredentials(
  headers: Record<string, string>,
  sessions: readonly AuthSession[],
  method: string,
  url: string,
): Promise<Record<string, string>> {
  let all = headers;
  for (const session of sessions) {
    const added = await session.headers({ method, url });
    const cookie = [all["cookie"], added["cookie"]].filter((c): c is string => c !== undefined).join("; ");
    all = mergeHeaders(all, added, cookie === "" ? undefined : { cookie });
  }
  return all;
}

/** An API key in the query: added to the URL as sent, never to the one hooks, redirects and errors see. */
function withQuery(url: string, sessions: readonly AuthSession[]): string {
  const extra = sessions.flatMap((s) => Object.entries(s.query?.() ?? {}));
  if (extra.length === 0) return url;
  const target = new URL(url);
  for (const [name, value] of extra) target.searchParams.set(name, value);
  return target.href;
}

/** Rejections that are not ours to explain (abort, timeout, our own errors) pass through; the rest are NetworkErrors. */
async function network<T>(operationId: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (signal.aborted || err instanceof ApiClientError) throw err;
    throw new NetworkError(operationId, err);
  }
}

/** Runs one attempt with its own timeout, linked to the caller's signal. */
async function withDeadline<T>(
  operationId: string,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (callerSignal?.aborted) throw abortReason(callerSignal);
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          if (!controller.signal.aborted) {
            timedOut = true;
            controller.abort();
          }
        }, timeoutMs)
      : undefined;
  const onCallerAbort = (): void => controller.abort();
  callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  // Settle on abort even if an injected fetch, a token provider or a shared token request ignores the signal.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  try {
    return await Promise.race([run(controller.signal), aborted]);
  } catch (err) {
    if (timedOut) throw new TimeoutError(operationId, timeoutMs);
    if (callerSignal?.aborted) throw abortReason(callerSignal);
    throw err;
  } finally {
    if (timer !== undefined) clearTimeout(timer); // never leave a timer holding the event loop open
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}
