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
//
// Authentication, as Atlas documents it (step 2 above accepts any of these):
//   * Service accounts (the spec's oauth2 clientCredentials scheme): the token
//     endpoint is served at the path of the spec's tokenUrl (/api/oauth/token).
//     It takes POST, Content-Type application/x-www-form-urlencoded, body
//     grant_type=client_credentials and Authorization: Basic
//     base64(urlencode(clientId):urlencode(clientSecret)) (RFC 6749 §2.3.1),
//     answers { access_token, token_type: "Bearer", expires_in } with a fresh
//     random token, and 401 { error: "invalid_client", error_description } for
//     unknown credentials. Issued tokens are accepted as Bearer until they
//     expire (expires_in) or the test revokes them.
//   * HTTP Digest (the spec's http digest scheme) with programmatic API keys:
//     a 401 carries Atlas's challenge
//       Digest realm="MMS Public API", domain="", nonce="…", algorithm=MD5, qop="auth", stale=false
//     and an Authorization: Digest answer is verified (MD5 via node:crypto,
//     qop=auth, 8-hex-digit nc never replayed, cnonce, uri equal to the
//     request-target byte for byte, opaque when one was offered). A correct
//     answer with an expired nonce gets a new challenge with stale=true.
//   * The fixed Bearer tokens in server.tokens (DEFAULT_TOKEN).

import { createHash, randomBytes } from "node:crypto";
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
/** The realm of Atlas's Digest challenges. */
export const DIGEST_REALM = "MMS Public API";
/** Lifetime of issued service account tokens unless configured: Atlas's one hour. */
export const DEFAULT_TOKEN_EXPIRES_IN = 3600;

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
  /** The request body (token endpoint only), once it has been read. */
  body?: string;
}

/** A service account (client credentials) the token endpoint accepts. */
export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
}

/** A programmatic API key pair for HTTP Digest. */
export interface ApiKey {
  publicKey: string;
  privateKey: string;
}

/** A token issued by the token endpoint. */
export interface IssuedToken {
  token: string;
  clientId: string;
  expiresIn: number;
  /** Date.now() after which the API no longer accepts the token. */
  expiresAt: number;
  revoked: boolean;
}

/** How the server judged one Authorization: Digest header. */
export interface DigestVerdict {
  /** The parsed parameters of the Authorization header. */
  params: Record<string, string>;
  /** The request-target the header was sent with. */
  url: string;
  /** "ok", "stale" (correct answer, expired nonce), or why it was refused. */
  verdict: string;
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
  /**
   * Apply this scenario to the first `times` requests it matches only; later
   * ones are answered as if none were registered (the 200 example). Counted
   * per Scenario object: registering a new object starts again.
   */
  times?: number;
  /**
   * A misbehaving server: append the request's Authorization header to the
   * body's `detail` (to prove clients keep credentials out of their errors).
   */
  echoAuthorization?: boolean;
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
  /** Requests whose path matched the operation (no token requests, no 404s). */
  readonly apiRequests: RecordedRequest[];

  // ---- service accounts
  /** Absolute URL of the token endpoint (the spec's tokenUrl path on this server). */
  tokenUrl: string;
  /** Accepted client credentials: clientId → clientSecret. */
  serviceAccounts: Map<string, string>;
  /** expires_in (seconds) of the tokens issued from now on. */
  tokenExpiresIn: number;
  /** Every request to the token endpoint (successful or not), in arrival order. */
  tokenRequests: RecordedRequest[];
  /** Tokens issued, in order. */
  issuedTokens: IssuedToken[];
  /** Revokes one issued token, or every issued token; the API then answers 401. */
  revokeTokens(token?: string): void;

  // ---- HTTP Digest
  /** Accepted API keys: publicKey → privateKey. */
  apiKeys: Map<string, string>;
  /** Whether a 401 carries the Digest challenge. Default: on when apiKeys were configured. */
  digest: boolean;
  /** opaque sent with challenges; Atlas sends none (undefined). */
  digestOpaque: string | undefined;
  /** Digest challenges sent (one per 401 in digest mode). */
  challenges: { nonce: string; stale: boolean; header: string }[];
  /** The verdict on every Authorization: Digest received. */
  digestVerdicts: DigestVerdict[];
  /** Marks every nonce issued so far as expired: a correct answer with one gets stale=true. */
  expireNonces(): void;
  /** The next `count` correct Digest answers are told their nonce is stale. */
  forceStale(count?: number): void;

  /** Called with every request as it arrives, before it is answered (reset() removes it). */
  onRequest: ((request: RecordedRequest) => void) | undefined;
  /** Resolves with the next request to arrive (or the oldest one not yet awaited). */
  nextRequest(): Promise<RecordedRequest>;
  /** Forget requests, scenarios, issued tokens and nonces; restore the tokens, rate limit and auth configuration. */
  reset(): void;
  /** Stops listening, ends every socket and pending timer. */
  close(): Promise<void>;
}

export interface AtlasServerOptions {
  token?: string;
  rateLimit?: number;
  specPath?: string;
  /** Client credentials the token endpoint accepts. */
  serviceAccounts?: ServiceAccount[];
  /** expires_in of issued tokens (seconds). Default 3600. */
  tokenExpiresIn?: number;
  /** API key pairs accepted with HTTP Digest. */
  apiKeys?: ApiKey[];
  /** Send the Digest challenge with every 401. Default: true when apiKeys are given. */
  digest?: boolean;
  /** opaque to send with Digest challenges. Default: none, as Atlas. */
  digestOpaque?: string;
}

// ------------------------------------------------------------------ auth helpers

/** The spec's oauth2 clientCredentials tokenUrl (first one found). */
export function specTokenUrl(document: Obj): string | undefined {
  const schemes = (document["components"] as Obj | undefined)?.[
    "securitySchemes"
  ];
  if (!isObj(schemes)) return undefined;
  for (const raw of Object.values(schemes)) {
    const scheme = deref(document, raw);
    if (
      !isObj(scheme) ||
      scheme["type"] !== "oauth2" ||
      !isObj(scheme["flows"])
    )
      continue;
    const flow = scheme["flows"]["clientCredentials"];
    if (isObj(flow) && typeof flow["tokenUrl"] === "string")
      return flow["tokenUrl"];
  }
  return undefined;
}

/** Whether the spec declares an http digest security scheme. */
export function specHasDigest(document: Obj): boolean {
  const schemes = (document["components"] as Obj | undefined)?.[
    "securitySchemes"
  ];
  if (!isObj(schemes)) return false;
  return Object.values(schemes).some((raw) => {
    const scheme = deref(document, raw);
    return (
      isObj(scheme) &&
      scheme["type"] === "http" &&
      typeof scheme["scheme"] === "string" &&
      scheme["scheme"].toLowerCase() === "digest"
    );
  });
}

export function md5Hex(text: string): string {
  return createHash("md5").update(text, "utf8").digest("hex");
}

/**
 * RFC 2617 §3.2.2 / RFC 7616 §3.4.1 with algorithm MD5 and qop=auth:
 * MD5(MD5(user:realm:password):nonce:nc:cnonce:auth:MD5(method:uri)).
 */
export function digestResponse(p: {
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  nc: string;
  cnonce: string;
}): string {
  const ha1 = md5Hex(`${p.username}:${p.realm}:${p.password}`);
  const ha2 = md5Hex(`${p.method}:${p.uri}`);
  return md5Hex(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
}

/**
 * Parses the parameters of an `Authorization: Digest …` value (quoted-string
 * escapes undone, names lower-cased). undefined when it is not Digest, is
 * malformed, or repeats a parameter.
 */
export function parseDigestAuthorization(
  header: string,
): Record<string, string> | undefined {
  const m = /^Digest[ \t]+/i.exec(header);
  if (m === null) return undefined;
  const out: Record<string, string> = Object.create(null) as Record<
    string,
    string
  >;
  let i = m[0].length;
  const ws = (): void => {
    while (header[i] === " " || header[i] === "\t") i++;
  };
  for (;;) {
    ws();
    const name = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(header.slice(i))?.[0];
    if (name === undefined) return undefined;
    i += name.length;
    ws();
    if (header[i] !== "=") return undefined;
    i++;
    ws();
    let value = "";
    if (header[i] === '"') {
      i++;
      for (;;) {
        const c = header[i];
        if (c === undefined) return undefined; // unterminated
        i++;
        if (c === '"') break;
        if (c === "\\") {
          const next = header[i];
          if (next === undefined) return undefined;
          value += next;
          i++;
        } else value += c;
      }
    } else {
      const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(header.slice(i))?.[0];
      if (token === undefined) return undefined;
      value = token;
      i += token.length;
    }
    const key = name.toLowerCase();
    if (Object.hasOwn(out, key)) return undefined;
    out[key] = value;
    ws();
    if (i >= header.length) return out;
    if (header[i] !== ",") return undefined;
    i++;
  }
}

/** application/x-www-form-urlencoded decoding of one component; undefined when malformed. */
function formDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/** [clientId, clientSecret] from `Basic base64(urlencode(id):urlencode(secret))`. */
export function decodeClientBasic(
  header: string | undefined,
): [string, string] | undefined {
  const b64 = /^Basic ([A-Za-z0-9+/]+={0,2})$/.exec(header ?? "")?.[1];
  if (b64 === undefined) return undefined;
  const text = Buffer.from(b64, "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon === -1) return undefined;
  const id = formDecode(text.slice(0, colon));
  const secret = formDecode(text.slice(colon + 1));
  return id === undefined || secret === undefined ? undefined : [id, secret];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function startAtlasServer(
  options: AtlasServerOptions = {},
): Promise<AtlasServer> {
  const spec = loadAtlasSpec(options.specPath ?? SPEC_PATH);
  const token = options.token ?? DEFAULT_TOKEN;
  const rateLimit = options.rateLimit ?? 100;
  const specToken = specTokenUrl(spec.document);
  const tokenPath =
    specToken === undefined ? "/api/oauth/token" : new URL(specToken).pathname;
  if (options.apiKeys !== undefined && !specHasDigest(spec.document))
    throw new Error(
      "apiKeys given, but the spec declares no http digest scheme",
    );
  const initialAuth = () => ({
    serviceAccounts: new Map(
      (options.serviceAccounts ?? []).map((a) => [a.clientId, a.clientSecret]),
    ),
    tokenExpiresIn: options.tokenExpiresIn ?? DEFAULT_TOKEN_EXPIRES_IN,
    apiKeys: new Map(
      (options.apiKeys ?? []).map((k) => [k.publicKey, k.privateKey]),
    ),
    digest: options.digest ?? (options.apiKeys ?? []).length > 0,
    digestOpaque: options.digestOpaque,
  });

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
  /** Per nonce: whether it has expired, and the nc values already used with it. */
  const nonces = new Map<string, { stale: boolean; used: Set<string> }>();
  let staleToForce = 0;
  /** How many requests each Scenario object (with `times`) has answered. */
  const scenarioUses = new WeakMap<Scenario, number>();

  const state: AtlasServer = {
    baseUrl: "",
    spec,
    requests: [],
    scenarios: new Map(),
    tokens: new Set([token]),
    token,
    rateLimit,
    get apiRequests() {
      return state.requests.filter((r) => r.params !== null);
    },
    tokenUrl: "",
    ...initialAuth(),
    tokenRequests: [],
    issuedTokens: [],
    revokeTokens(which?: string) {
      for (const t of state.issuedTokens)
        if (which === undefined || t.token === which) t.revoked = true;
    },
    challenges: [],
    digestVerdicts: [],
    expireNonces() {
      for (const n of nonces.values()) n.stale = true;
    },
    forceStale(count = 1) {
      staleToForce = count;
    },
    onRequest: undefined,
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
      Object.assign(state, initialAuth());
      state.tokenRequests = [];
      state.issuedTokens = [];
      state.challenges = [];
      state.digestVerdicts = [];
      nonces.clear();
      staleToForce = 0;
      state.onRequest = undefined;
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

  // ---------------------------------------------------------------- auth

  function challenge(stale: boolean): string {
    const nonce = randomBytes(24).toString("base64");
    nonces.set(nonce, { stale: false, used: new Set() });
    const opaque =
      state.digestOpaque === undefined
        ? ""
        : `, opaque="${state.digestOpaque}"`;
    // Atlas's exact shape (parameter order, domain="", unquoted algorithm and stale).
    const header = `Digest realm="${DIGEST_REALM}", domain="", nonce="${nonce}"${opaque}, algorithm=MD5, qop="auth", stale=${stale}`;
    state.challenges.push({ nonce, stale, header });
    return header;
  }

  /** "ok", "stale", or why an Authorization: Digest value is refused. */
  function verifyDigest(method: string, url: string, header: string): string {
    const p = parseDigestAuthorization(header);
    const judge = (verdict: string): string => {
      state.digestVerdicts.push({ params: p ?? {}, url, verdict });
      return verdict;
    };
    if (p === undefined) return judge("malformed Authorization: Digest");
    const password =
      p["username"] === undefined
        ? undefined
        : state.apiKeys.get(p["username"]);
    if (password === undefined) return judge("unknown publicKey");
    if (p["realm"] !== DIGEST_REALM) return judge("wrong realm");
    const nonce = p["nonce"] === undefined ? undefined : nonces.get(p["nonce"]);
    if (nonce === undefined) return judge("unknown nonce");
    if (p["uri"] !== url)
      return judge(`uri ${JSON.stringify(p["uri"])} is not the request-target`);
    if (p["algorithm"] !== undefined && p["algorithm"].toUpperCase() !== "MD5")
      return judge("algorithm is not MD5");
    if (p["qop"] !== "auth") return judge("qop is not auth");
    const nc = p["nc"];
    if (nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc))
      return judge("nc is not 8 hex digits");
    if (!p["cnonce"]) return judge("no cnonce");
    if (state.digestOpaque !== undefined && p["opaque"] !== state.digestOpaque)
      return judge("opaque not echoed");
    if (state.digestOpaque === undefined && p["opaque"] !== undefined)
      return judge("opaque sent but none was offered");
    const expected = digestResponse({
      username: p["username"]!,
      realm: DIGEST_REALM,
      password,
      method,
      uri: url,
      nonce: p["nonce"]!,
      nc,
      cnonce: p["cnonce"],
    });
    if (p["response"]?.toLowerCase() !== expected)
      return judge("wrong response");
    const ncKey = nc.toLowerCase();
    if (nonce.used.has(ncKey)) return judge("nc replayed");
    nonce.used.add(ncKey);
    if (nonce.stale) return judge("stale");
    if (staleToForce > 0) {
      staleToForce--;
      nonce.stale = true;
      return judge("stale");
    }
    return judge("ok");
  }

  /** Whether the Authorization header lets the request in; "stale" when a correct Digest answer used an expired nonce. */
  function authenticate(
    method: string,
    url: string,
    header: string,
  ): "ok" | "stale" | "refused" {
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    if (bearer !== undefined) {
      if (state.tokens.has(bearer)) return "ok";
      const issued = state.issuedTokens.find((t) => t.token === bearer);
      return issued !== undefined &&
        !issued.revoked &&
        Date.now() < issued.expiresAt
        ? "ok"
        : "refused";
    }
    if (/^Digest[ \t]/i.test(header)) {
      const verdict = verifyDigest(method, url, header);
      return verdict === "ok"
        ? "ok"
        : verdict === "stale"
          ? "stale"
          : "refused";
    }
    return "refused";
  }

  function oauthJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(text)),
      "Cache-Control": "no-store",
      Pragma: "no-cache",
      ...headers,
    });
    res.end(text);
  }

  /** POST /api/oauth/token (RFC 6749 §4.4 client credentials, client authenticated with Basic). */
  async function tokenEndpoint(
    req: IncomingMessage,
    res: ServerResponse,
    recorded: RecordedRequest,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    recorded.body = body;
    if (req.method !== "POST")
      return oauthJson(
        res,
        405,
        { error: "invalid_request", error_description: "Use POST." },
        { Allow: "POST" },
      );
    const credentials = decodeClientBasic(req.headers["authorization"]);
    if (
      credentials === undefined ||
      state.serviceAccounts.get(credentials[0]) !== credentials[1]
    ) {
      return oauthJson(
        res,
        401,
        {
          error: "invalid_client",
          error_description: "Invalid client credentials.",
        },
        { "WWW-Authenticate": 'Basic realm="Atlas"' },
      );
    }
    const contentType = (req.headers["content-type"] ?? "")
      .split(";")[0]!
      .trim()
      .toLowerCase();
    if (contentType !== "application/x-www-form-urlencoded")
      return oauthJson(res, 400, {
        error: "invalid_request",
        error_description:
          "Content-Type must be application/x-www-form-urlencoded.",
      });
    const grant = new URLSearchParams(body).getAll("grant_type");
    if (grant.length !== 1)
      return oauthJson(res, 400, {
        error: "invalid_request",
        error_description: "grant_type is required, once.",
      });
    if (grant[0] !== "client_credentials")
      return oauthJson(res, 400, {
        error: "unsupported_grant_type",
        error_description: "Only client_credentials is supported.",
      });
    const issued: IssuedToken = {
      token: randomBytes(32).toString("base64url"),
      clientId: credentials[0],
      expiresIn: state.tokenExpiresIn,
      expiresAt: Date.now() + state.tokenExpiresIn * 1000,
      revoked: false,
    };
    state.issuedTokens.push(issued);
    return oauthJson(res, 200, {
      access_token: issued.token,
      token_type: "Bearer",
      expires_in: issued.expiresIn,
    });
  }

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
    state.onRequest?.(recorded);

    // 0. the token endpoint (a separate service: no rate limit headers)
    if (rawPath === tokenPath) {
      state.tokenRequests.push(recorded);
      return tokenEndpoint(req, res, recorded);
    }
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
    const verdict = authenticate(req.method ?? "", url, auth);
    if (verdict !== "ok") {
      return answer(
        res,
        401,
        spec.example(401),
        state.digest || verdict === "stale"
          ? {
              scenario: {
                headers: { "WWW-Authenticate": challenge(verdict === "stale") },
              },
            }
          : {},
      );
    }

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

    // 5. the scenario for this job or cluster (unless it has been used up)
    let scenario =
      state.scenarios.get(params["jobId"] ?? "") ??
      state.scenarios.get(params["clusterName"] ?? "");
    if (scenario?.times !== undefined) {
      const used = scenarioUses.get(scenario) ?? 0;
      if (used >= scenario.times) scenario = undefined;
      else scenarioUses.set(scenario, used + 1);
    }
    const status = scenario?.status ?? 200;
    // The scenario's body, else the spec's example for that status; a status
    // the spec does not document (and no body given) gets an empty JSON object.
    let body =
      scenario?.body !== undefined
        ? scenario.body
        : scenario?.rawBody !== undefined
          ? undefined
          : spec.responses.has(status)
            ? structuredClone(spec.responses.get(status)?.example)
            : {};
    if (scenario?.echoAuthorization && isObj(body))
      body = {
        ...body,
        detail: `${String(body["detail"] ?? "")} (you sent Authorization: ${auth})`,
      };
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
  state.tokenUrl = `${state.baseUrl}${tokenPath}`;
  return state;
}
