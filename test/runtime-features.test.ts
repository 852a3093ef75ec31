// The runtime's capabilities beyond a plain call, on its source, against real servers on 127.0.0.1: multipart
// bodies parsed by busboy, response-validation modes, hooks, API keys and Basic auth per operation security, the
// token URL following baseUrl, and typed errors for redirect loops and impossible API versions.
import busboy from "busboy";
import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { multipartBody } from "../templates/runtime/encoding/multipart";
import { closeServers, json, rejectionOf, rt, serve, type Op } from "./runtime-harness";

afterEach(closeServers);

const ok = (value: unknown) => ({ valid: true as const, value });
const requiresName = (value: unknown) =>
  typeof value === "object" && value !== null && typeof (value as { name?: unknown }).name === "string"
    ? ok(value)
    : { valid: false as const, errors: [{ path: "/name", keyword: "required", message: "must have required property \"name\"" }] };

function op(extra: Partial<Op> & Record<string, unknown> = {}): Op {
  return {
    operationId: "getThing",
    method: "GET",
    path: "/thing",
    pathParams: [],
    queryParams: [],
    headerParams: [],
    accept: [{ mediaType: "application/json", version: null }],
    validateParams: ok,
    responses: { "200": { "application/json": requiresName } },
    authenticated: true,
    ...extra,
  } as Op;
}

/** A multipart body as busboy (a real parser) reads it: fields and files, with each part's headers. */
async function parseMultipart(headers: IncomingHttpHeaders, body: Buffer) {
  const parts: { name: string; value: string; filename?: string | undefined; mimeType: string }[] = [];
  await new Promise<void>((resolve, reject) => {
    const parser = busboy({ headers });
    parser.on("field", (name, value, info) => parts.push({ name, value, mimeType: info.mimeType }));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => parts.push({ name, value: Buffer.concat(chunks).toString("latin1"), filename: info.filename, mimeType: info.mimeType }));
    });
    parser.on("close", () => resolve());
    parser.on("error", reject);
    Readable.from([body]).pipe(parser);
  });
  return parts;
}

describe("multipart/form-data bodies", () => {
  const MULTIPART = "multipart/form-data";
  const upload = op({
    operationId: "upload",
    method: "POST",
    path: "/upload",
    requestBody: {
      key: "body",
      required: true,
      contentTypes: [{ mediaType: MULTIPART, version: null, encode: multipartBody, encoding: { meta: { contentType: "application/vnd.meta+json" } } }],
    },
    responses: { "200": { "application/json": null } },
  });

  async function sendRaw(body: unknown) {
    const server = await serve((_req, res) => json(res, 200, {}));
    await rt.createTransport({ baseUrl: server.url }, { baseUrl: "https://unused.test", userAgent: "t" }).request(upload, { body });
    return { request: server.requests[0]!, raw: server.requests[0]!.raw };
  }

  test("objects become parts with the right content types, files keep their names and bytes, a real parser reads them", async () => {
    const bytes = new Uint8Array([0, 1, 2, 0xff, 0x80, 13, 10, 45, 45]); // NUL, high bytes, CR LF and "--" inside a part
    const file = new File(["hello, file"], "notes.txt", { type: "text/plain" });
    const { request, raw } = await sendRaw({
      title: "Backup \"Q1\"\r\nreport",
      count: 3,
      tags: ["a", "b"],
      meta: { retries: 3 },
      data: bytes,
      attachment: file,
      skipped: undefined,
    });
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=----apigen[0-9a-f]{32}$/);
    const parts = await parseMultipart(request.headers, raw);
    expect(parts).toEqual([
      { name: "title", value: "Backup \"Q1\"\r\nreport", mimeType: "text/plain" },
      { name: "count", value: "3", mimeType: "text/plain" },
      { name: "tags", value: "a", mimeType: "text/plain" },
      { name: "tags", value: "b", mimeType: "text/plain" },
      { name: "meta", value: "{\"retries\":3}", mimeType: "application/vnd.meta+json" },
      { name: "data", value: Buffer.from(bytes).toString("latin1"), filename: "data", mimeType: "application/octet-stream" },
      { name: "attachment", value: "hello, file", filename: "notes.txt", mimeType: "text/plain" },
    ]);
  });

  test("a FormData is sent as it is, with the boundary fetch chooses", async () => {
    const form = new FormData();
    form.append("name", "x");
    form.append("file", new Blob(["abc"], { type: "application/octet-stream" }), "a.bin");
    const { request, raw } = await sendRaw(form);
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const parts = await parseMultipart(request.headers, raw);
    expect(parts.map((p) => [p.name, p.value, p.filename])).toEqual([["name", "x", undefined], ["file", "abc", "a.bin"]]);
  });
});

describe("response validation modes", () => {
  async function client(mode: "throw" | "report" | "off" | undefined, hooks: Record<string, unknown> = {}) {
    const server = await serve((_req, res) => json(res, 200, { nom: "typo" }));
    return rt.createTransport({ baseUrl: server.url, ...(mode ? { responseValidation: mode } : {}), hooks }, { baseUrl: "https://unused.test", userAgent: "t" });
  }

  test("throw (the default) ends the call with ResponseValidationError", async () => {
    const err = await rejectionOf((await client(undefined)).request(op(), {}));
    expect(err).toBeInstanceOf(rt.ResponseValidationError);
    expect(err).toBeInstanceOf(rt.ApiClientError);
  });

  test("report returns the data and hands the issues, with operation, status and pointers, to the hook", async () => {
    const reports: unknown[] = [];
    const data = await (await client("report", { onResponseIssues: (r: unknown) => reports.push(r) })).request(op(), {});
    expect(data).toEqual({ nom: "typo" });
    expect(reports).toEqual([{ operationId: "getThing", status: 200, issues: [{ path: "/name", keyword: "required", message: "must have required property \"name\"" }] }]);
  });

  test("off skips validation; a call can choose its own mode", async () => {
    expect(await (await client("off")).request(op(), {})).toEqual({ nom: "typo" });
    const strict = await client("off");
    await expect(strict.request(op(), {}, { responseValidation: "throw" })).rejects.toBeInstanceOf(rt.ResponseValidationError);
    expect(() => rt.createTransport({ responseValidation: "lenient" }, { baseUrl: "https://x.test", userAgent: "t" })).toThrow(/"throw", "report" or "off"/);
  });
});

describe("hooks", () => {
  test("beforeRequest adds headers but sees no credentials; afterResponse sees every attempt; onError gets a redacted error", async () => {
    const token = "secret-token-value-123";
    let calls = 0;
    const server = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return json(res, 503, {});
      json(res, 500, { detail: `you sent ${String(req.headers["authorization"])}` });
    });
    const seen: { before: Record<string, string>[]; after: number[]; errors: unknown[] } = { before: [], after: [], errors: [] };
    const transport = rt.createTransport(
      {
        baseUrl: server.url,
        auth: { type: "bearer", token },
        retry: { baseDelayMs: 1 },
        hooks: {
          beforeRequest: (r: { headers: Record<string, string>; attempt: number }) => {
            seen.before.push({ ...r.headers });
            r.headers["x-trace-id"] = `trace-${r.attempt}`;
          },
          afterResponse: (r: { status: number }) => void seen.after.push(r.status),
          onError: (e: unknown) => void seen.errors.push(e),
        },
      },
      { baseUrl: "https://unused.test", userAgent: "t" },
    );
    const err = await rejectionOf(transport.request(op(), {}));
    expect(server.requests.map((r) => r.headers["x-trace-id"])).toEqual(["trace-1", "trace-2"]);
    expect(seen.before.every((h) => !("authorization" in h))).toBe(true);
    expect(seen.after).toEqual([503, 500]);
    expect(seen.errors).toEqual([err]);
    expect(JSON.stringify(err) + (err as Error).message).not.toContain(token);
  });
});

describe("every security scheme, chosen per operation", () => {
  test("an API key goes where its scheme says; Basic sends user and password; security [] sends nothing", async () => {
    const server = await serve((_req, res) => json(res, 200, { name: "n" }));
    const transport = rt.createTransport(
      { baseUrl: server.url, auth: [{ type: "apiKey", key: "k-123456" }, { type: "basic", username: "ann", password: "pw-secret" }] },
      { baseUrl: "https://unused.test", userAgent: "t" },
    );
    await transport.request(op({ security: [["ApiKeyHeader"]] }), {});
    await transport.request(op({ security: [["BasicAuth"]] }), {});
    await transport.request(op({ security: [["MissingScheme"], ["BasicAuth", "ApiKeyHeader"]] }), {});
    await transport.request(op({ authenticated: false }), {});
    const sent = server.requests.map((r) => [r.headers["x-api-key"], r.headers["authorization"]]);
    const basic = `Basic ${Buffer.from("ann:pw-secret").toString("base64")}`;
    expect(sent).toEqual([["k-123456", undefined], [undefined, basic], ["k-123456", basic], [undefined, undefined]]);
  });

  test("an auth type the spec's schemes do not accept is refused when the client is made", () => {
    expect(() => rt.createTransport({ auth: { type: "kerberos" } }, { baseUrl: "https://x.test", userAgent: "t" })).toThrow(/auth type "kerberos" is not one/);
  });

  test("a token URL on the spec server's origin follows the client's baseUrl; an explicit tokenUrl wins", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/api/oauth/token") return json(res, 200, { access_token: "tok-abcdef", expires_in: 3600 });
      json(res, 200, { name: "n" });
    });
    const specToken = { baseUrl: "https://cloud.mongodb.com", userAgent: "t", tokenUrl: "https://cloud.mongodb.com/api/oauth/token" };
    const auth = { type: "serviceAccount", clientId: "id", clientSecret: "client-secret" };
    await rt.createTransport({ baseUrl: server.url, auth }, specToken).request(op(), {});
    expect(server.requests.map((r) => r.url)).toEqual(["/api/oauth/token", "/thing"]);

    const other = await serve((_req, res) => json(res, 200, { access_token: "tok-ghijkl", expires_in: 3600 }));
    await rt.createTransport({ baseUrl: server.url, auth: { ...auth, tokenUrl: `${other.url}/token` } }, specToken).request(op(), {});
    expect(other.requests.map((r) => r.url)).toEqual(["/token"]);
  });
});

describe("every failure is a typed error", () => {
  test("a redirect loop ends in RedirectError (an ApiClientError) after 5 hops", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: "/thing" });
      res.end();
    });
    const err = await rejectionOf(rt.createTransport({ baseUrl: server.url }, { baseUrl: "https://unused.test", userAgent: "t" }).request(op({ authenticated: false }), {}));
    expect(err).toBeInstanceOf(rt.RedirectError);
    expect(err).toBeInstanceOf(rt.ApiClientError);
    expect(err.message).toMatch(/more than 5 redirects/);
    expect(server.requests).toHaveLength(6);
  });

  test("an apiVersion before every version is UnsupportedVersionError, and nothing is sent; a call can pick its own version", async () => {
    const server = await serve((req, res) => json(res, 200, { name: String(req.headers["accept"]) }));
    const versioned = op({
      accept: [{ mediaType: "application/vnd.x.2023-01-01+json", version: "2023-01-01" }, { mediaType: "application/vnd.x.2024-05-01+json", version: "2024-05-01" }],
      responses: { "200": { "application/vnd.x.2023-01-01+json": requiresName, "application/vnd.x.2024-05-01+json": requiresName } },
    });
    const transport = rt.createTransport({ baseUrl: server.url, apiVersion: "2022-01-01" }, { baseUrl: "https://unused.test", userAgent: "t" });
    const err = await rejectionOf(transport.request(versioned, {}));
    expect(err).toBeInstanceOf(rt.UnsupportedVersionError);
    expect((err as unknown as { available: string[] }).available).toEqual(["2023-01-01", "2024-05-01"]);
    expect(server.requests).toHaveLength(0);
    expect(await transport.request(versioned, {}, { apiVersion: "2024-06-01" })).toEqual({ name: "application/vnd.x.2024-05-01+json" });
  });
});
