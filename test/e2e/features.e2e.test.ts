// End-to-end tests of a GENERATED client for test/fixtures/scenarios/security-and-bodies.yaml (issue 17): the real
// CLI writes it into a temporary folder, the real tsc compiles it with a small consumer under the strictest flags
// (the consumer's `@ts-expect-error` lines are the type-level checks: a failing one is a compile error), and the
// compiled JavaScript is called against real HTTP servers on 127.0.0.1. Nothing is mocked: every request goes over
// TCP, multipart bodies are read by busboy (a real parser), forms by URLSearchParams.
//
// Covered: apiKey in header, query and cookie, HTTP basic and bearer, per operation (`security: []`, alternatives,
// two schemes together); multipart with an Encoding Object (objects with bytes and Files, and FormData); forms;
// response validation modes on the client and per call; the three request hooks; RedirectError on a loop;
// standalone `createCore` + operation functions as well as `createClient`.
import busboy from "busboy";
import { execFile, spawnSync } from "node:child_process";
import type { IncomingHttpHeaders } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { compileStrict, rejectionOf, renderings, ROOT, tempDir } from "../helpers";
import { closeServers, json, serve, type Recorded, type TestServer } from "../runtime-harness";

const SPEC = join(ROOT, "test", "fixtures", "scenarios", "security-and-bodies.yaml");

// Credentials with characters that encodings change (URL-encoding, base64 of UTF-8), long enough to be redacted.
const HEADER_KEY = "hdr-key-7f3a9c1e";
const QUERY_KEY = "qry key/8b+2d=e4";
const COOKIE_KEY = "cookie-key-5e6f7a8b";
const BEARER_TOKEN = "bearer-token-1a2b3c4d5e";
const USERNAME = "alice";
const PASSWORD = "pässwörd:with colon";

/**
 * The consumer compiled with the generated client by the real tsc. It is a type-level test (each `@ts-expect-error`
 * must be an error, every other line must compile) and a program: run with a base URL it calls the server.
 */
const CONSUMER = `
import {
  createClient, createCore, getWithHeaderKey, uploadDocument, getWidgetWithResponse,
  ApiClientError, RedirectError,
  type ClientAuth, type ClientOptions, type UploadDocumentParams, type Widget, type ResponseIssues, type RequestInfo,
} from "./client/index.js";

// Type-level checks: compiled, never run.
export function typeChecks(): void {
// Auth types the spec accepts compile; those it has no scheme for do not.
const accepted: ClientAuth[] = [
  { type: "apiKey", key: "k" },
  { type: "apiKey", key: "k", scheme: "ApiKeyQuery" },
  { type: "basic", username: "u", password: "p" },
  { type: "bearer", token: () => "t" },
];
// @ts-expect-error the spec has no Digest scheme
createClient({ auth: { type: "digest", username: "u", password: "p" } });
// @ts-expect-error nor an OAuth client-credentials scheme
createClient({ auth: { type: "serviceAccount", clientId: "i", clientSecret: "s" } });
// @ts-expect-error an API key needs its key
createClient({ auth: { type: "apiKey" } });
// @ts-expect-error basic needs a password
createClient({ auth: { type: "basic", username: "u" } });
createClient({ auth: accepted });

// Validation modes and hooks are typed.
const issues: ResponseIssues[] = [];
const options: ClientOptions = {
  responseValidation: "report",
  hooks: {
    beforeRequest: (r: RequestInfo) => { r.headers["x-trace-id"] = "t"; },
    afterResponse: (r) => { void r.status; },
    onError: (e, operationId) => { void (e instanceof ApiClientError && operationId); },
    onResponseIssues: (report) => { issues.push(report); },
  },
};
// @ts-expect-error no such mode
createClient({ responseValidation: "warn" });

// A multipart string field with format: binary takes a Blob or bytes, as do the items of an array of strings.
const fromBytes: UploadDocumentParams = { body: { title: "t", file: new Uint8Array([1, 2]), tags: ["a", new Uint8Array([3])] } };
const fromBlob: UploadDocumentParams = { body: { title: "t", file: new Blob(["x"]), notes: "n" } };
const fromForm: UploadDocumentParams = { body: new FormData() };
// @ts-expect-error a number is not a part
const notAPart: UploadDocumentParams = { body: { title: "t", file: 42 } };
// @ts-expect-error title is required
const noTitle: UploadDocumentParams = { body: { file: new Uint8Array([1]) } };
void [fromBytes, fromBlob, fromForm, notAPart, noTitle, options, RedirectError];
}

export async function main(baseUrl: string): Promise<string> {
  const client = createClient({ baseUrl, auth: { type: "apiKey", key: "consumer-key-123", scheme: "ApiKeyHeader" } });
  const echoed: { ok: boolean } = await client.keys.getWithHeaderKey();
  const core = createCore({ baseUrl, auth: { type: "bearer", token: "consumer-token-456" } });
  const viaCore = await getWithHeaderKey(core, {}, { headers: { "x-from": "core" } });
  const uploaded = await uploadDocument(core, { body: { title: "from consumer", file: new Uint8Array([0xff, 0x00, 0x80]) } });
  const widget = await getWidgetWithResponse(core, { id: "good" });
  const w: Widget = widget.data;
  // @ts-expect-error the widget has no such property
  void w.weight;
  return JSON.stringify({ echoed: echoed.ok, viaCore: viaCore.ok, uploaded: uploaded.ok, status: widget.status, name: w.name });
}

const url = process.argv[2];
if (url !== undefined) main(url).then((out) => console.log(out), (err: unknown) => { console.error(err); process.exitCode = 1; });
`;

// ------------------------------------------------------------------ generate, compile, load

// The compiled client (CommonJS, by tsc). Its types are checked by the consumer above; here it is plain JavaScript.
/* eslint-disable @typescript-eslint/no-explicit-any */
let g: any;
let work: ReturnType<typeof tempDir>;
let tscOutput = "";

beforeAll(() => {
  work = tempDir("apigen-features-e2e-");
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", SPEC, "--out", join(work.path, "client"), "--quiet"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`apigen generate failed: ${run.stderr}`);
  work.write("consumer.ts", CONSUMER);
  work.write("package.json", JSON.stringify({ type: "commonjs" }));
  tscOutput = compileStrict(
    work.path,
    { files: ["consumer.ts"] },
    { noEmit: false, outDir: "dist", rootDir: ".", types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")], skipLibCheck: true },
  );
  g = require(join(work.path, "dist", "client", "index.js"));
});
afterAll(() => work?.cleanup());
afterEach(closeServers);

it("the client and the consumer compile under the strictest flags (every @ts-expect-error is an error)", () => {
  expect(tscOutput).toBe("");
});

// ------------------------------------------------------------------ the server

const GOOD_WIDGET = { id: "good", name: "Sprocket", size: 3, color: "red" };
/**
 * Breaks the Widget schema two ways: name missing, size not an integer. The unlisted color is not an issue: response
 * enums are open unless `--closed-enums` (README, "Precise types").
 */
const BAD_WIDGET = { id: "bad", size: "large", color: "purple" };

/**
 * The API on 127.0.0.1 under /v1: records every request, answers as the spec says, except that `/keys/*` answers
 * 500 echoing everything it received when `echo` is set (a server that reflects credentials into its errors).
 */
async function startServer(opts: { echo?: boolean; fail503Times?: number } = {}): Promise<TestServer & { base: string }> {
  let failures = opts.fail503Times ?? 0;
  const server = await serve((req: Recorded, res): void => {
    const path = new URL(req.url, "http://x").pathname;
    if (path.startsWith("/v1/keys/")) {
      if (opts.echo) {
        const echoed = [req.headers["authorization"], req.headers["x-api-key"], req.headers["cookie"], req.url].filter((x) => x !== undefined).join(" | ");
        return json(res, 500, { detail: `rejected ${echoed}`, received: { url: req.url, headers: req.headers } }, { "x-echo": echoed });
      }
      if (failures > 0) {
        failures--;
        return json(res, 503, { detail: "busy" }, { "retry-after": "0" });
      }
      return json(res, 200, { ok: true }, { "set-cookie": "server-session=abc123456; HttpOnly" });
    }
    if (path === "/v1/uploads") return json(res, 201, { ok: true });
    if (path === "/v1/forms") return json(res, 200, { ok: true });
    if (path === "/v1/widgets/good") return json(res, 200, GOOD_WIDGET, { "x-widget": "yes" });
    if (path === "/v1/widgets/bad") return json(res, 200, BAD_WIDGET);
    if (path === "/v1/loop") {
      res.writeHead(302, { location: "/v1/loop" }).end();
      return;
    }
    return json(res, 404, { detail: "no such path" });
  });
  return Object.assign(server, { base: `${server.url}/v1` });
}

/** What one request carried that could be a credential. */
function credentialsOn(req: Recorded) {
  const url = new URL(req.url, "http://x");
  return {
    authorization: req.headers["authorization"],
    apiKeyHeader: req.headers["x-api-key"],
    cookie: req.headers["cookie"],
    apiKeyQuery: url.searchParams.get("api_key"),
  };
}
const NOTHING = { authorization: undefined, apiKeyHeader: undefined, cookie: undefined, apiKeyQuery: null };

const basicValue = `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`, "utf8").toString("base64")}`;
const ALL_CREDENTIALS = [
  { type: "apiKey", key: HEADER_KEY, scheme: "ApiKeyHeader" },
  { type: "apiKey", key: QUERY_KEY, scheme: "ApiKeyQuery" },
  { type: "apiKey", key: COOKIE_KEY, scheme: "ApiKeyCookie" },
  { type: "basic", username: USERNAME, password: PASSWORD },
  { type: "bearer", token: BEARER_TOKEN },
];
/** Each credential as configured and in every encoding it goes out in (a server may echo any of them). */
const SECRETS = [HEADER_KEY, QUERY_KEY, encodeURIComponent(QUERY_KEY), new URLSearchParams({ k: QUERY_KEY }).toString().slice(2), COOKIE_KEY, BEARER_TOKEN, PASSWORD, basicValue, basicValue.slice(6)];

// ------------------------------------------------------------------ security schemes

describe("security schemes, per operation", () => {
  test("apiKey in a header: X-Api-Key and nothing else", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "apiKey", key: HEADER_KEY } });
    expect(await client.keys.getWithHeaderKey()).toEqual({ ok: true });
    expect(credentialsOn(server.requests[0]!)).toEqual({ ...NOTHING, apiKeyHeader: HEADER_KEY });
  });

  test("apiKey in the query: api_key beside the operation's own parameters, URL-encoded", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "apiKey", key: QUERY_KEY } });
    await client.keys.getWithQueryKey({ q: "a b&c" });
    const req = server.requests[0]!;
    expect(credentialsOn(req)).toEqual({ ...NOTHING, apiKeyQuery: QUERY_KEY });
    expect(new URL(req.url, "http://x").searchParams.get("q")).toBe("a b&c");
    expect(req.url).toContain(`api_key=${new URLSearchParams({ k: QUERY_KEY }).toString().slice(2)}`);
  });

  test("apiKey in a cookie: session=<key>, beside a cookie the caller sends", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "apiKey", key: COOKIE_KEY } });
    await client.keys.getWithCookieKey();
    expect(credentialsOn(server.requests[0]!)).toEqual({ ...NOTHING, cookie: `session=${COOKIE_KEY}` });
    await client.keys.getWithCookieKey({}, { headers: { cookie: "theme=dark" } });
    expect(server.requests[1]!.headers["cookie"]?.split("; ").sort()).toEqual([`session=${COOKIE_KEY}`, "theme=dark"]);
  });

  test("HTTP basic: user name and password as UTF-8, base64 (RFC 7617)", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "basic", username: USERNAME, password: PASSWORD } });
    await client.keys.getWithBasic();
    const sent = server.requests[0]!.headers["authorization"]!;
    expect(sent).toBe(basicValue);
    expect(Buffer.from(sent.slice("Basic ".length), "base64").toString("utf8")).toBe(`${USERNAME}:${PASSWORD}`);
    expect(credentialsOn(server.requests[0]!)).toEqual({ ...NOTHING, authorization: basicValue });
  });

  test("HTTP bearer, and the top-level security (Bearer) for operations that name none", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    await client.keys.getWithBearer();
    await client.misc.getWidget({ id: "good" });
    for (const req of server.requests) expect(credentialsOn(req)).toEqual({ ...NOTHING, authorization: `Bearer ${BEARER_TOKEN}` });
  });

  test("every operation gets exactly its scheme's credential when all are configured; security: [] gets none", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: ALL_CREDENTIALS });
    await client.keys.getWithHeaderKey();
    await client.keys.getWithQueryKey();
    await client.keys.getWithCookieKey();
    await client.keys.getWithBasic();
    await client.keys.getWithBearer();
    await client.keys.getPublic();
    expect(server.requests.map(credentialsOn)).toEqual([
      { ...NOTHING, apiKeyHeader: HEADER_KEY },
      { ...NOTHING, apiKeyQuery: QUERY_KEY },
      { ...NOTHING, cookie: `session=${COOKIE_KEY}` },
      { ...NOTHING, authorization: basicValue },
      { ...NOTHING, authorization: `Bearer ${BEARER_TOKEN}` },
      NOTHING,
    ]);
  });

  test("two alternatives: the one the configured credentials satisfy; the first when both are", async () => {
    const server = await startServer();
    await g.createClient({ baseUrl: server.base, auth: { type: "apiKey", key: HEADER_KEY } }).keys.getWithEither();
    await g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } }).keys.getWithEither();
    await g.createClient({ baseUrl: server.base, auth: ALL_CREDENTIALS }).keys.getWithEither();
    expect(server.requests.map(credentialsOn)).toEqual([
      { ...NOTHING, apiKeyHeader: HEADER_KEY },
      { ...NOTHING, authorization: `Bearer ${BEARER_TOKEN}` },
      { ...NOTHING, apiKeyHeader: HEADER_KEY },
    ]);
  });

  test("two schemes together: the API key header and basic on the same request", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: ALL_CREDENTIALS });
    await client.keys.getWithBoth();
    expect(credentialsOn(server.requests[0]!)).toEqual({ ...NOTHING, apiKeyHeader: HEADER_KEY, authorization: basicValue });
  });

  test("an auth type the spec has no scheme for is refused when the client is created (for callers without types)", () => {
    expect(() => g.createClient({ auth: { type: "digest", username: "u", password: "p" } })).toThrow(/not one this API's security schemes accept.*bearer, basic, apiKey/);
  });
});

// ------------------------------------------------------------------ bodies

/** A multipart body as busboy reads it: each part with its name, bytes, file name and content type, in order. */
async function parseMultipart(headers: IncomingHttpHeaders, body: Buffer) {
  const parts: { name: string; bytes: Buffer; filename?: string | undefined; mimeType: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers });
    parser.on("field", (name, value, info) => parts.push({ name, bytes: Buffer.from(value, "utf8"), mimeType: info.mimeType }));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      const at = parts.push({ name, bytes: Buffer.alloc(0), filename: info.filename, mimeType: info.mimeType }) - 1;
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        parts[at]!.bytes = Buffer.concat(chunks);
      });
    });
    parser.on("close", () => resolve());
    parser.on("error", reject);
    Readable.from([body]).pipe(parser);
  });
  return parts;
}

/** Every byte value, high ones (≥ 0x80) included, and the sequences a multipart parser looks for. */
const ALL_BYTES = Uint8Array.from([...Array.from({ length: 256 }, (_, i) => i), 13, 10, 45, 45, 13, 10, 0xff, 0x80]);

describe("multipart/form-data, as the Encoding Object says", () => {
  test("an object with bytes: each part byte for byte, the part content types from the spec, one part per array item", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    expect(await client.bodies.uploadDocument({ body: { title: "Q1 \"report\" – ünïcode", file: ALL_BYTES, tags: ["a", "b c"], notes: "# Notes" } })).toEqual({ ok: true });
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=\S+$/);
    const parts = await parseMultipart(req.headers, req.raw);
    expect(parts.map((p) => [p.name, p.mimeType, p.filename])).toEqual([
      ["title", "text/plain", undefined],
      ["file", "image/png", "file"], // the Encoding Object's contentType
      ["tags", "text/plain", undefined],
      ["tags", "text/plain", undefined],
      ["notes", "text/markdown", undefined], // ditto
    ]);
    expect(parts.map((p) => p.bytes.toString("utf8"))).toEqual(["Q1 \"report\" – ünïcode", expect.any(String), "a", "b c", "# Notes"]);
    expect(Buffer.compare(parts[1]!.bytes, Buffer.from(ALL_BYTES))).toBe(0);
    expect(req.raw.includes(Buffer.from(ALL_BYTES))).toBe(true); // the bytes as they were, not re-encoded
  });

  test("a File keeps its name and bytes; the spec's content type is the part's", async () => {
    const server = await startServer();
    const core = g.createCore({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    const file = new File([ALL_BYTES], "photo.png", { type: "application/x-unknown" });
    await g.uploadDocument(core, { body: { title: "photo", file, tags: [new Uint8Array([0x80, 0x81])] } });
    const parts = await parseMultipart(server.requests[0]!.headers, server.requests[0]!.raw);
    const filePart = parts.find((p) => p.name === "file")!;
    expect([filePart.filename, filePart.mimeType]).toEqual(["photo.png", "image/png"]);
    expect(Buffer.compare(filePart.bytes, Buffer.from(ALL_BYTES))).toBe(0);
    const tagPart = parts.find((p) => p.name === "tags")!;
    expect([...tagPart.bytes]).toEqual([0x80, 0x81]);
    expect(tagPart.mimeType).toBe("application/octet-stream");
  });

  test("a FormData is sent as it is, with the boundary fetch writes", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    const form = new FormData();
    form.append("title", "from FormData");
    form.append("file", new Blob([ALL_BYTES], { type: "image/png" }), "x.png");
    await client.bodies.uploadDocument({ body: form });
    const req = server.requests[0]!;
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await parseMultipart(req.headers, req.raw);
    expect(parts.map((p) => [p.name, p.filename, p.mimeType])).toEqual([["title", undefined, "text/plain"], ["file", "x.png", "image/png"]]);
    expect(Buffer.compare(parts[1]!.bytes, Buffer.from(ALL_BYTES))).toBe(0);
  });
});

describe("application/x-www-form-urlencoded", () => {
  test("arrays repeat the key, deepObject properties nest, text is percent-encoded as UTF-8", async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    await client.bodies.submitForm({ body: { name: "A & B+C", colors: ["red", "green"], address: { city: "Zürich", zip: "8000" } } });
    const req = server.requests[0]!;
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.body).toBe("name=A+%26+B%2BC&colors=red&colors=green&address%5Bcity%5D=Z%C3%BCrich&address%5Bzip%5D=8000");
    expect([...new URLSearchParams(req.body)]).toEqual([
      ["name", "A & B+C"], ["colors", "red"], ["colors", "green"], ["address[city]", "Zürich"], ["address[zip]", "8000"],
    ]);
  });
});

// ------------------------------------------------------------------ response validation modes

describe("response validation modes", () => {
  // A missing property is reported on the object that lacks it (pointer ""), naming it, as ajv does.
  const paths = (issues: { path: string; keyword: string; message: string }[]) =>
    issues.map((i) => (i.keyword === "required" ? `${i.path} required ${i.message.match(/"(.*)"/)?.[1]}` : `${i.path} ${i.keyword}`)).sort();
  const EXPECTED = [" required name", "/size type"];

  test('"throw" (the default): a ResponseValidationError with each issue as a JSON pointer', async () => {
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN } });
    const err = (await rejectionOf(client.misc.getWidget({ id: "bad" }))) as any;
    expect(err).toBeInstanceOf(g.ResponseValidationError);
    expect(err).toBeInstanceOf(g.ApiClientError);
    expect([err.operationId, err.status]).toEqual(["getWidget", 200]);
    expect(paths(err.issues)).toEqual(EXPECTED);
    expect(err.body).toEqual(BAD_WIDGET);
  });

  test('"report" on the client: the data as it came, the issues to onResponseIssues; a valid body reports nothing', async () => {
    const server = await startServer();
    const reports: any[] = [];
    const client = g.createClient({
      baseUrl: server.base,
      auth: { type: "bearer", token: BEARER_TOKEN },
      responseValidation: "report",
      hooks: { onResponseIssues: (r: unknown) => reports.push(r) },
    });
    expect(await client.misc.getWidget({ id: "bad" })).toEqual(BAD_WIDGET);
    expect(reports).toHaveLength(1);
    expect([reports[0].operationId, reports[0].status]).toEqual(["getWidget", 200]);
    expect(paths(reports[0].issues)).toEqual(EXPECTED);
    expect(await client.misc.getWidget({ id: "good" })).toEqual(GOOD_WIDGET);
    expect(reports).toHaveLength(1);
  });

  test('"off" on the client: the data as it came, nothing reported', async () => {
    const server = await startServer();
    const reports: unknown[] = [];
    const client = g.createClient({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN }, responseValidation: "off", hooks: { onResponseIssues: (r: unknown) => reports.push(r) } });
    expect(await client.misc.getWidget({ id: "bad" })).toEqual(BAD_WIDGET);
    expect(reports).toEqual([]);
  });

  test("per call, the mode wins over the client's, both ways", async () => {
    const server = await startServer();
    const reports: any[] = [];
    const hooks = { onResponseIssues: (r: unknown) => reports.push(r) };
    const auth = { type: "bearer", token: BEARER_TOKEN };
    const throwing = g.createClient({ baseUrl: server.base, auth, hooks });
    expect(await throwing.misc.getWidget({ id: "bad" }, { responseValidation: "report" })).toEqual(BAD_WIDGET);
    expect(reports).toHaveLength(1);
    expect(await throwing.misc.getWidget({ id: "bad" }, { responseValidation: "off" })).toEqual(BAD_WIDGET);
    expect(reports).toHaveLength(1);
    const reporting = g.createCore({ baseUrl: server.base, auth, hooks, responseValidation: "report" });
    expect(await rejectionOf(g.getWidget(reporting, { id: "bad" }, { responseValidation: "throw" }))).toBeInstanceOf(g.ResponseValidationError);
    expect(reports).toHaveLength(1);
    const withResponse = await g.getWidgetWithResponse(reporting, { id: "bad" });
    expect([withResponse.status, withResponse.data]).toEqual([200, BAD_WIDGET]);
    expect(reports).toHaveLength(2);
  });

  test("an unknown mode is refused, on the client and per call", async () => {
    expect(() => g.createClient({ responseValidation: "warn" })).toThrow(TypeError);
    const server = await startServer();
    const client = g.createClient({ baseUrl: server.base });
    expect(await rejectionOf(client.keys.getPublic({}, { responseValidation: "lenient" }))).toBeInstanceOf(TypeError);
    expect(server.requests).toEqual([]);
  });
});

// ------------------------------------------------------------------ hooks

describe("hooks", () => {
  test("beforeRequest adds a header the server sees, and never sees a credential (header, query, cookie, basic, bearer)", async () => {
    const server = await startServer();
    const seen: any[] = [];
    const client = g.createClient({
      baseUrl: server.base,
      auth: ALL_CREDENTIALS,
      headers: { "x-static": "1" },
      hooks: {
        beforeRequest: (request: any) => {
          seen.push(JSON.parse(JSON.stringify(request)));
          request.headers["x-trace-id"] = `trace-${seen.length}`;
        },
      },
    });
    for (const call of ["getWithHeaderKey", "getWithQueryKey", "getWithCookieKey", "getWithBasic", "getWithBearer", "getWithBoth"]) await client.keys[call]();
    expect(server.requests.map((r) => r.headers["x-trace-id"])).toEqual(["trace-1", "trace-2", "trace-3", "trace-4", "trace-5", "trace-6"]);
    expect(seen.map((r) => r.operationId)).toEqual(["getWithHeaderKey", "getWithQueryKey", "getWithCookieKey", "getWithBasic", "getWithBearer", "getWithBoth"]);
    expect(seen[0]).toMatchObject({ method: "GET", url: `${server.base}/keys/header`, attempt: 1, headers: { "x-static": "1", accept: "application/json" } });
    for (const request of seen) {
      const text = JSON.stringify(request);
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(Object.keys(request.headers)).not.toEqual(expect.arrayContaining(["authorization"]));
    }
    // …while the credentials did go out, after the hook.
    expect(server.requests.map((r) => credentialsOn(r).apiKeyHeader ?? credentialsOn(r).apiKeyQuery ?? credentialsOn(r).cookie ?? credentialsOn(r).authorization)).toEqual([
      HEADER_KEY, QUERY_KEY, `session=${COOKIE_KEY}`, basicValue, `Bearer ${BEARER_TOKEN}`, HEADER_KEY,
    ]);
  });

  test("afterResponse sees each attempt (a 503 then the retry's 200), without set-cookie", async () => {
    const server = await startServer({ fail503Times: 1 });
    const responses: any[] = [];
    const before: number[] = [];
    const client = g.createClient({
      baseUrl: server.base,
      auth: { type: "apiKey", key: HEADER_KEY },
      retry: { baseDelayMs: 1 },
      hooks: { beforeRequest: (r: any) => void before.push(r.attempt), afterResponse: (r: any) => void responses.push(r) },
    });
    expect(await client.keys.getWithHeaderKey()).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(before).toEqual([1, 2]);
    expect(responses.map((r) => [r.operationId, r.method, r.status, r.attempt])).toEqual([
      ["getWithHeaderKey", "GET", 503, 1],
      ["getWithHeaderKey", "GET", 200, 2],
    ]);
    expect(responses[0].headers["retry-after"]).toBe("0");
    expect(responses[1].headers["set-cookie"]).toBeUndefined();
  });

  test.each([
    ["apiKey in a header", "getWithHeaderKey"],
    ["apiKey in the query", "getWithQueryKey"],
    ["apiKey in a cookie", "getWithCookieKey"],
    ["basic", "getWithBasic"],
    ["bearer", "getWithBearer"],
  ])("onError gets the error the call throws, which holds no secret when the server echoes the credential (%s)", async (_scheme, call) => {
    const server = await startServer({ echo: true });
    const errors: [unknown, string][] = [];
    const client = g.createClient({ baseUrl: server.base, auth: ALL_CREDENTIALS, hooks: { onError: (e: unknown, id: string) => void errors.push([e, id]) } });
    const err = (await rejectionOf(client.keys[call]())) as any;
    // The server did receive (and echo) a credential…
    expect(JSON.stringify(server.requests[0]!.headers) + server.requests[0]!.url).toMatch(new RegExp(SECRETS.map((s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("|")));
    // …the hook got exactly the thrown error…
    expect(errors).toHaveLength(1);
    expect(errors[0]![0]).toBe(err);
    expect(errors[0]![1]).toBe(call);
    expect(err).toBeInstanceOf(g.ApiError);
    expect(err.status).toBe(500);
    // …and no rendering of it holds the credential, in any encoding the server could echo it in.
    for (const text of renderings(err)) for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe("onError for calls that fail before anything is sent", () => {
  test.each([
    ["a missing required body (RequestValidationError)", "submitForm", {}, undefined, "RequestValidationError"],
    ["a body that is no multipart object (RequestValidationError)", "uploadDocument", { body: 42 }, undefined, "RequestValidationError"],
    ["a bad per-call option (TypeError)", "getPublic", {}, { timeoutMs: -1 }, "TypeError"],
  ])("%s", async (_what, call, params, init, name) => {
    const server = await startServer();
    const errors: [unknown, string][] = [];
    const core = g.createCore({ baseUrl: server.base, auth: { type: "bearer", token: BEARER_TOKEN }, hooks: { onError: (e: unknown, id: string) => void errors.push([e, id]) } });
    const err = await rejectionOf(g[call](core, params, init));
    expect(err.name).toBe(name);
    expect(errors).toEqual([[err, call]]);
    expect(server.requests).toEqual([]);
  });
});

// ------------------------------------------------------------------ redirects, standalone operations, the consumer

describe("redirect loop", () => {
  test("ends in a RedirectError, an ApiClientError, which onError receives", async () => {
    const server = await startServer();
    const errors: unknown[] = [];
    const client = g.createClient({ baseUrl: server.base, hooks: { onError: (e: unknown) => void errors.push(e) } });
    const err = (await rejectionOf(client.misc.followLoop())) as any;
    expect(err).toBeInstanceOf(g.RedirectError);
    expect(err).toBeInstanceOf(g.ApiClientError);
    expect(err.name).toBe("RedirectError");
    expect([err.operationId, err.status]).toEqual(["followLoop", 302]);
    expect(err.message).toMatch(/redirects/);
    expect(errors).toEqual([err]);
    // The first request and five redirects, all to the same path.
    expect(server.requests.map((r) => r.url)).toEqual(Array(6).fill("/v1/loop"));
  });
});

describe("standalone operations on createCore", () => {
  test("the same calls as createClient's methods, with status and headers from *WithResponse", async () => {
    const server = await startServer();
    const core = g.createCore({ baseUrl: server.base, auth: [{ type: "apiKey", key: HEADER_KEY }, { type: "bearer", token: BEARER_TOKEN }] });
    expect(await g.getWithHeaderKey(core)).toEqual({ ok: true });
    const res = await g.getWidgetWithResponse(core, { id: "good" });
    expect([res.status, res.data, res.headers["x-widget"]]).toEqual([200, GOOD_WIDGET, "yes"]);
    await g.submitForm(core, { body: { name: "n" } });
    expect(server.requests.map((r) => [r.method, r.url, credentialsOn(r).apiKeyHeader ?? credentialsOn(r).authorization])).toEqual([
      ["GET", "/v1/keys/header", HEADER_KEY],
      ["GET", "/v1/widgets/good", `Bearer ${BEARER_TOKEN}`],
      ["POST", "/v1/forms", `Bearer ${BEARER_TOKEN}`],
    ]);
  });

  test("the compiled consumer runs as its own node process against the server", async () => {
    const server = await startServer();
    const { stdout } = await promisify(execFile)(process.execPath, [join(work.path, "dist", "consumer.js"), server.base], { encoding: "utf8" });
    expect(JSON.parse(stdout)).toEqual({ echoed: true, viaCore: true, uploaded: true, status: 200, name: "Sprocket" });
    expect(server.requests.map((r) => [r.url, credentialsOn(r).apiKeyHeader ?? credentialsOn(r).authorization])).toEqual([
      ["/v1/keys/header", "consumer-key-123"],
      // createCore has only a bearer token: getWithHeaderKey wants an API key, which it does not have
      ["/v1/keys/header", "Bearer consumer-token-456"],
      ["/v1/uploads", "Bearer consumer-token-456"],
      ["/v1/widgets/good", "Bearer consumer-token-456"],
    ]);
    expect(server.requests[1]!.headers["x-from"]).toBe("core");
    const upload = await parseMultipart(server.requests[2]!.headers, server.requests[2]!.raw);
    expect(upload.map((p) => [p.name, p.mimeType, [...p.bytes].slice(0, 3)])).toEqual([
      ["title", "text/plain", [...Buffer.from("fro")]],
      ["file", "image/png", [0xff, 0x00, 0x80]],
    ]);
  });
});
