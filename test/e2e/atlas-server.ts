// A stand-in for the MongoDB Atlas Administration API, limited to the one
// operation described by spec/atlas-restore-job.yaml. Everything it knows about
// the endpoint (path template, parameter patterns, response media types, the
// versions it serves, the headers each response declares and every example
// body) is read from the spec at start-up; nothing is copied by hand.
//
// Behaviour, in the order Atlas applies it:
//   1. unknown path → 404 (the spec's notFound example); other method → 405
//   2. Authorization must be "Bearer <one of server.tokens>" → else 401 example
//   3. Accept must be application/vnd.atlas.YYYY-MM-DD+json and select a
//      version the operation declares (newest on or before that date) → else 406
//   4. path/query parameters must match the spec's schemas → else 400 example
//   5. the scenario registered for the jobId (or clusterName), else the
//      200 example; `envelope=true` wraps the answer as { status, content } and
//      always answers HTTP 200, `pretty=true` indents the JSON.
// Every response carries RateLimit-Limit / RateLimit-Remaining; 429 carries
// Retry-After (headers declared by the spec get values from the server state).

import { once } from "node:events";
import { readFileSync } from "node:fs";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { parse } from "yaml";

export const SPEC_PATH = join(
  __dirname,
  "..",
  "..",
  "spec",
  "atlas-restore-job.yaml",
);
export const OPERATION_PATH =
  "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}";
export const DEFAULT_TOKEN = "atlas-e2e-secret-token-7f3a9c1d";

// ------------------------------------------------------------------ spec

type Json = unknown;
type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Follows local `$ref`s ("#/a/b~1c") until the node is not a reference. */
export function deref(doc: unknown, node: unknown): unknown {
  const seen = new Set<string>();
  let current = node;
  while (isObj(current) && typeof current["$ref"] === "string") {
    const ref = current["$ref"];
    if (!ref.startsWith("#/"))
      throw new Error(`only local $refs are supported: ${ref}`);
    if (seen.has(ref)) throw new Error(`$ref cycle at ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw)
        .replace(/~1/g, "/")
        .replace(/~0/g, "~");
      if (!isObj(target) || !(key in target))
        throw new Error(`unresolvable $ref ${ref}`);
      target = target[key];
    }
    current = target;
  }
  return current;
}

/** Deep copy with every local $ref replaced by its target (cycles rejected). */
export function derefDeep(
  doc: unknown,
  node: unknown,
  stack: unknown[] = [],
): unknown {
  const resolved = deref(doc, node);
  if (stack.includes(resolved)) throw new Error("recursive schema");
  if (Array.isArray(resolved))
    return resolved.map((item) => derefDeep(doc, item, [...stack, resolved]));
  if (isObj(resolved)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(resolved))
      out[k] = derefDeep(doc, v, [...stack, resolved]);
    return out;
  }
  return resolved;
}

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Obj;
}

export interface SpecResponse {
  status: number;
  mediaType: string;
  example: Json;
  /** Header names as the spec spells them (e.g. "Retry-After"). */
  headers: string[];
}

export interface AtlasSpec {
  document: Obj;
  path: string;
  method: string;
  parameters: SpecParameter[];
  /** Every documented response that has an example, by HTTP status. */
  responses: Map<number, SpecResponse>;
  /** "YYYY-MM-DD" versions of the success media types, ascending. */
  versions: string[];
  /** Success media type per version. */
  mediaTypeByVersion: Map<string, string>;
  /** The 200 example (a fresh deep copy on every call). */
  okExample(): Json;
  /** The example of an error status (a fresh deep copy on every call). */
  example(status: number): Json;
}

const VERSIONED = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/;

export function loadAtlasSpec(
  file = SPEC_PATH,
  path = OPERATION_PATH,
  method = "get",
): AtlasSpec {
  const document = parse(readFileSync(file, "utf8")) as unknown;
  if (!isObj(document)) throw new Error(`${file}: not an OpenAPI document`);
  const pathItem = deref(
    document,
    (document["paths"] as Obj | undefined)?.[path],
  );
  if (!isObj(pathItem)) throw new Error(`${file}: no path ${path}`);
  const operation = deref(document, pathItem[method]);
  if (!isObj(operation))
    throw new Error(`${file}: no ${method.toUpperCase()} ${path}`);

  const rawParams = [
    ...((pathItem["parameters"] as unknown[] | undefined) ?? []),
    ...((operation["parameters"] as unknown[] | undefined) ?? []),
  ];
  const byKey = new Map<string, SpecParameter>(); // operation-level params override path-level ones
  for (const raw of rawParams) {
    const p = derefDeep(document, raw);
    if (
      !isObj(p) ||
      typeof p["name"] !== "string" ||
      typeof p["in"] !== "string"
    )
      continue;
    byKey.set(`${p["in"]}:${p["name"]}`, {
      name: p["name"],
      in: p["in"] as SpecParameter["in"],
      required: p["required"] === true,
      schema: isObj(p["schema"]) ? p["schema"] : {},
    });
  }

  const responses = new Map<number, SpecResponse>();
  const versions: string[] = [];
  const mediaTypeByVersion = new Map<string, string>();
  for (const [code, raw] of Object.entries(
    (operation["responses"] as Obj | undefined) ?? {},
  )) {
    const status = Number(code);
    if (!Number.isInteger(status)) continue;
    const response = deref(document, raw);
    if (!isObj(response)) continue;
    const headers = Object.keys(
      isObj(response["headers"]) ? response["headers"] : {},
    );
    const content = isObj(response["content"]) ? response["content"] : {};
    for (const [mediaType, rawMedia] of Object.entries(content)) {
      const media = deref(document, rawMedia);
      if (!isObj(media)) continue;
      const version = VERSIONED.exec(mediaType)?.[1];
      if (status >= 200 && status < 300 && version !== undefined) {
        versions.push(version);
        mediaTypeByVersion.set(version, mediaType);
      }
      let example: unknown = media["example"];
      if (example === undefined && isObj(media["examples"])) {
        const first = Object.values(media["examples"])[0];
        example = isObj(deref(document, first))
          ? (deref(document, first) as Obj)["value"]
          : undefined;
      }
      if (example === undefined) continue;
      if (!responses.has(status))
        responses.set(status, { status, mediaType, example, headers });
    }
  }
  versions.sort();
  const copy = (v: unknown): unknown => structuredClone(v);
  return {
    document,
    path,
    method: method.toUpperCase(),
    parameters: [...byKey.values()],
    responses,
    versions,
    mediaTypeByVersion,
    okExample() {
      const ok = responses.get(200);
      if (ok === undefined) throw new Error("the spec has no 200 example");
      return copy(ok.example);
    },
    example(status: number) {
      const r = responses.get(status);
      if (r === undefined)
        throw new Error(`the spec has no example for HTTP ${status}`);
      return copy(r.example);
    },
  };
}

// ------------------------------------------------------------------ server

export interface RecordedRequest {
  method: string;
  /** req.url exactly as received (raw percent-encoding kept). */
  url: string;
  /** The path part of url, still raw. */
  path: string;
  /** Text after "?", or null when the URL has no "?". */
  rawQuery: string | null;
  /** Decoded query, every value of each name. */
  query: Record<string, string[]>;
  /** Lower-case names, as node parses them. */
  headers: IncomingHttpHeaders;
  /** Decoded path parameters, when the path matched the operation. */
  params: Record<string, string> | null;
  /** Monotonic arrival time (ms). */
  at: number;
}

/** How the server answers one request; registered per jobId or clusterName. */
export interface Scenario {
  /** Default 200. Without body/rawBody the spec's example for this status is sent. */
  status?: number;
  /** JSON body to send instead of the spec's example. */
  body?: unknown;
  /** Sent verbatim (e.g. truncated JSON); envelope/pretty do not apply. */
  rawBody?: string;
  /** Default: the spec's media type of that status. */
  contentType?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Wait this long before sending anything. */
  delayMs?: number;
  /** Send the status line and headers at once, then wait this long before the body. */
  bodyDelayMs?: number;
  /** Retry-After value on 429 (seconds). Default 1. */
  retryAfter?: number;
}

export interface AtlasServer {
  baseUrl: string;
  spec: AtlasSpec;
  /** Every request received since the last reset, in arrival order. */
  requests: RecordedRequest[];
  /** Keyed by jobId (checked first) or clusterName. */
  scenarios: Map<string, Scenario>;
  /** Bearer tokens the server accepts. */
  tokens: Set<string>;
  /** The default accepted token. */
  token: string;
  rateLimit: number;
  /** Resolves with the next request to arrive (or the oldest one not yet awaited). */
  nextRequest(): Promise<RecordedRequest>;
  /** Forget requests and scenarios, restore the tokens and rate limit. */
  reset(): void;
  /** Stops listening, ends every socket and pending timer. */
  close(): Promise<void>;
}

export interface AtlasServerOptions {
  token?: string;
  rateLimit?: number;
  specPath?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function startAtlasServer(
  options: AtlasServerOptions = {},
): Promise<AtlasServer> {
  const spec = loadAtlasSpec(options.specPath ?? SPEC_PATH);
  const token = options.token ?? DEFAULT_TOKEN;
  const rateLimit = options.rateLimit ?? 100;

  const pathNames: string[] = [];
  const pathRegex = new RegExp(
    "^" +
      spec.path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const m = /^\{([^}]+)\}$/.exec(part);
          if (m?.[1] === undefined)
            return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          pathNames.push(m[1]);
          return "([^/]+)";
        })
        .join("") +
      "$",
  );
  const compiled = new Map<string, RegExp>();
  for (const p of spec.parameters) {
    const pattern = p.schema["pattern"];
    if (typeof pattern === "string")
      compiled.set(`${p.in}:${p.name}`, new RegExp(pattern, "u"));
  }

  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const waiters: ((r: RecordedRequest) => void)[] = [];
  const unclaimed: RecordedRequest[] = [];
  let remaining = rateLimit;

  const state: AtlasServer = {
    baseUrl: "",
    spec,
    requests: [],
    scenarios: new Map(),
    tokens: new Set([token]),
    token,
    rateLimit,
    nextRequest() {
      const ready = unclaimed.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve) => waiters.push(resolve));
    },
    reset() {
      state.requests.length = 0;
      unclaimed.length = 0;
      state.scenarios.clear();
      state.tokens = new Set([token]);
      remaining = rateLimit;
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };

  function wait(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      const onClose = (): void => {
        clearTimeout(timer);
        timers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.off("close", onClose);
        resolve(!res.destroyed);
      }, ms);
      timers.add(timer);
      res.once("close", onClose);
    });
  }

  function specHeaders(
    status: number,
    scenario: Scenario | undefined,
  ): Record<string, string> {
    const out: Record<string, string> = {
      "RateLimit-Limit": String(state.rateLimit),
      "RateLimit-Remaining": String(remaining),
    };
    for (const name of spec.responses.get(status)?.headers ?? []) {
      if (/^retry-after$/i.test(name))
        out[name] = String(scenario?.retryAfter ?? 1);
    }
    if (
      status === 429 &&
      !Object.keys(out).some((n) => /^retry-after$/i.test(n))
    )
      out["Retry-After"] = String(scenario?.retryAfter ?? 1);
    return out;
  }

  async function answer(
    res: ServerResponse,
    status: number,
    body: unknown,
    opts: {
      scenario?: Scenario;
      envelope?: boolean;
      pretty?: boolean;
      mediaType?: string;
    } = {},
  ): Promise<void> {
    const { scenario } = opts;
    if (!(await wait(scenario?.delayMs ?? 0, res))) return;
    const wireStatus = opts.envelope ? 200 : status;
    const contentType =
      scenario?.contentType ??
      opts.mediaType ??
      spec.responses.get(status)?.mediaType ??
      "application/json";
    let text: string;
    if (scenario?.rawBody !== undefined) text = scenario.rawBody;
    else {
      const payload = opts.envelope ? { status, content: body } : body;
      text = opts.pretty
        ? JSON.stringify(payload, null, 2)
        : JSON.stringify(payload);
    }
    res.writeHead(wireStatus, {
      ...specHeaders(status, scenario),
      "Content-Type": contentType,
      "Content-Length": String(Buffer.byteLength(text)),
      ...scenario?.headers,
    });
    if (scenario?.bodyDelayMs !== undefined) {
      res.flushHeaders();
      if (!(await wait(scenario.bodyDelayMs, res))) return;
    }
    res.end(text);
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? null : url.slice(q + 1);
    const query: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(rawQuery ?? ""))
      (query[k] ??= []).push(v);

    const match = pathRegex.exec(rawPath);
    let params: Record<string, string> | null = null;
    let badEncoding = false;
    if (match) {
      params = {};
      pathNames.forEach((name, i) => {
        const raw = match[i + 1] ?? "";
        try {
          params![name] = decodeURIComponent(raw);
        } catch {
          badEncoding = true;
          params![name] = raw;
        }
      });
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      url,
      path: rawPath,
      rawQuery,
      query,
      headers: { ...req.headers },
      params,
      at: performance.now(),
    };
    state.requests.push(recorded);
    const waiter = waiters.shift();
    if (waiter) waiter(recorded);
    else unclaimed.push(recorded);
    remaining = Math.max(0, remaining - 1);

    // Drain any request body so keep-alive connections stay usable.
    req.resume();

    // 1. routing
    if (params === null) return answer(res, 404, spec.example(404));
    if (req.method !== spec.method) {
      return answer(
        res,
        405,
        {
          error: 405,
          errorCode: "METHOD_NOT_ALLOWED",
          reason: "Method Not Allowed",
        },
        {
          scenario: { headers: { Allow: spec.method } },
        },
      );
    }

    // 2. authentication
    const auth = req.headers["authorization"] ?? "";
    const bearer = /^Bearer (.+)$/.exec(auth)?.[1];
    if (bearer === undefined || !state.tokens.has(bearer))
      return answer(res, 401, spec.example(401));

    // 3. content negotiation: one versioned media type per request
    const accept = (req.headers["accept"] ?? "").trim();
    const requested = VERSIONED.exec(accept)?.[1];
    const served =
      requested === undefined
        ? undefined
        : spec.versions.filter((v) => DATE.test(v) && v <= requested).pop();
    if (served === undefined) {
      // Not in the spec: Atlas' answer to an Accept header it cannot serve.
      return answer(res, 406, {
        detail: `Invalid accept header or version date: ${JSON.stringify(accept)}. Supported: ${[
          ...spec.mediaTypeByVersion.values(),
        ].join(", ")}`,
        error: 406,
        errorCode: "INVALID_VERSION_DATE",
        parameters: [],
        reason: "Not Acceptable",
      });
    }
    const mediaType = spec.mediaTypeByVersion.get(served) ?? accept;

    // 4. parameters against the spec
    const envelopeFlag = query["envelope"]?.[0];
    const envelope = envelopeFlag === "true";
    const pretty = query["pretty"]?.[0] === "true";
    let invalid = badEncoding;
    for (const p of spec.parameters) {
      const value =
        p.in === "path"
          ? params[p.name]
          : p.in === "query"
            ? query[p.name]?.[0]
            : undefined;
      if (value === undefined) {
        if (p.required) invalid = true;
        continue;
      }
      const re = compiled.get(`${p.in}:${p.name}`);
      if (re !== undefined && !re.test(value)) invalid = true;
      if (
        p.schema["type"] === "boolean" &&
        value !== "true" &&
        value !== "false"
      )
        invalid = true;
    }
    if (invalid)
      return answer(res, 400, spec.example(400), { envelope, pretty });

    // 5. the scenario for this job or cluster
    const scenario =
      state.scenarios.get(params["jobId"] ?? "") ??
      state.scenarios.get(params["clusterName"] ?? "");
    const status = scenario?.status ?? 200;
    // The scenario's body, else the spec's example for that status; a status
    // the spec does not document (and no body given) gets an empty JSON object.
    const body =
      scenario?.body !== undefined
        ? scenario.body
        : scenario?.rawBody !== undefined
          ? undefined
          : spec.responses.has(status)
            ? structuredClone(spec.responses.get(status)?.example)
            : {};
    const opts = { envelope, pretty, ...(scenario ? { scenario } : {}) };
    return answer(
      res,
      status,
      body,
      status >= 200 && status < 300 ? { ...opts, mediaType } : opts,
    );
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`atlas test server: ${String(err)}`);
      } else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;
  return state;
}
