// The runtime's authentication against real HTTP servers on 127.0.0.1 (no fetch mocks): HTTP Digest (RFC 7616 /
// RFC 2617 / RFC 2069) against a Digest server written here and checked with the real `curl --digest`, OAuth 2.0
// client credentials (service accounts) against a token endpoint, and no secret in any error.
// The runtime is the template itself: templates/runtime.ts.hbs, transpiled to CommonJS into a temporary folder.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as http from "node:http";
import { promisify } from "node:util";
import { renderings } from "./helpers";
import { closeServers, json, useRuntimeTemplate, rt, type Op, type Transport, rejectionOf, serve, type Recorded, type TestServer } from "./runtime-harness";

// ---------------------------------------------------------------- loading the runtime template

useRuntimeTemplate();

// ---------------------------------------------------------------- helpers

afterEach(closeServers);

/** GET /things/{id}?q=…: any body is accepted (no documented responses). */
function operation(overrides: Partial<Op> = {}): Op {
  return {
    operationId: "getThing",
    method: "GET",
    path: "/things/{id}",
    pathParams: [{ name: "id", key: "id" }],
    queryParams: [{ name: "q", key: "q" }],
    headerParams: [],
    accept: [],
    validateParams: (value) => ({ valid: true, value }),
    responses: {},
    authenticated: true,
    ...overrides,
  };
}



function expectNoSecrets(err: unknown, secrets: string[]): void {
  for (const text of renderings(err)) {
    for (const secret of [...secrets, "Basic ", "Digest username"]) expect(text).not.toContain(secret);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- a Digest server (RFC 7616), independent of the runtime

type Algorithm = "MD5" | "MD5-sess" | "SHA-256" | "SHA-256-sess";
interface DigestConfig {
  users: Record<string, string>;
  realm: string;
  /** null: the challenge names no algorithm (MD5). */
  algorithm: Algorithm | null;
  /** The qop parameter as sent, e.g. "auth" or "auth, auth-int"; null: none (RFC 2069). */
  qop: string | null;
  opaque: string | null;
  /** Extra text after the Digest challenge's parameters (unknown parameters). */
  extra: string;
  /** Turns the Digest challenge into the WWW-Authenticate value(s): other schemes, several headers. */
  wrap: (digest: string) => string | string[];
  nonce: () => string;
  /** Treat every correct answer as stale (to prove the client does not loop). */
  alwaysStale: boolean;
  /** Echo the Authorization header in 401 bodies (a server that must not leak it into errors). */
  echo: boolean;
}

function quoteParam(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** The server's own parser of an Authorization: Digest value. */
function parseDigestAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (header === undefined || !/^Digest\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))/g)) {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]!;
  }
  return out;
}

class DigestServer {
  readonly nonces = new Map<string, { stale: boolean; seen: Set<string> }>();
  /** Parsed Authorization values of the requests that were let in. */
  readonly accepted: Record<string, string>[] = [];
  readonly failures: string[] = [];
  config: DigestConfig;
  server!: TestServer;

  constructor(config: Partial<DigestConfig>) {
    this.config = {
      users: { Mufasa: "Circle Of Life" },
      realm: "MMS Public API",
      algorithm: "MD5",
      qop: "auth",
      opaque: "5ccc069c403ebaf9f0171e9517f40e41",
      extra: "",
      wrap: (digest) => digest,
      nonce: () => randomBytes(16).toString("base64"),
      alwaysStale: false,
      echo: false,
      ...config,
    };
  }

  static async start(config: Partial<DigestConfig> = {}): Promise<DigestServer> {
    const digest = new DigestServer(config);
    digest.server = await serve((req, res) => digest.handle(req, res));
    return digest;
  }

  get url(): string {
    return this.server.url;
  }
  get requests(): Recorded[] {
    return this.server.requests;
  }

  expireNonces(): void {
    for (const state of this.nonces.values()) state.stale = true;
  }

  private challenge(stale: boolean): string | string[] {
    const { realm, qop, algorithm, opaque, extra } = this.config;
    const nonce = this.config.nonce();
    this.nonces.set(nonce, { stale: false, seen: new Set() });
    const parts = [`realm=${quoteParam(realm)}`, `nonce=${quoteParam(nonce)}`];
    if (qop !== null) parts.push(`qop=${quoteParam(qop)}`);
    if (algorithm !== null) parts.push(`algorithm=${algorithm}`);
    if (opaque !== null) parts.push(`opaque=${quoteParam(opaque)}`);
    if (stale) parts.push("stale=true");
    return this.config.wrap(`Digest ${parts.join(", ")}${extra}`);
  }

  private verify(req: Recorded): "ok" | "stale" | string {
    const p = parseDigestAuthorization(req.headers.authorization);
    if (p === undefined) return "no Digest credentials";
    const { users, realm, algorithm, qop, opaque } = this.config;
    const password = p.username === undefined ? undefined : users[p.username];
    if (password === undefined) return "unknown user";
    if (p.realm !== realm) return "wrong realm";
    if (p.uri !== req.url) return `uri ${p.uri} is not the request-target ${req.url}`;
    if (opaque !== null && p.opaque !== opaque) return "opaque not echoed";
    const named = algorithm ?? "MD5";
    if ((p.algorithm ?? "MD5").toLowerCase() !== named.toLowerCase()) return "wrong algorithm";
    const nonce = p.nonce === undefined ? undefined : this.nonces.get(p.nonce);
    if (nonce === undefined) return "unknown nonce";
    const h = (text: string): string => createHash(named.startsWith("SHA-256") ? "sha256" : "md5").update(text, "utf8").digest("hex");
    let ha1 = h(`${p.username}:${realm}:${password}`);
    if (named.endsWith("-sess")) ha1 = h(`${ha1}:${p.nonce}:${p.cnonce}`);
    const ha2 = h(`${req.method}:${p.uri}`);
    let expected: string;
    if (qop !== null) {
      if (p.qop !== "auth") return "qop is not auth";
      if (!/^[0-9a-f]{8}$/.test(p.nc ?? "")) return "nc is not 8 lower-case hex digits";
      if (!p.cnonce) return "no cnonce";
      if (nonce.seen.has(p.nc!)) return "nc replayed";
      nonce.seen.add(p.nc!);
      expected = h(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`);
    } else {
      if (p.qop !== undefined || p.nc !== undefined || p.cnonce !== undefined) return "qop, nc or cnonce without qop offered";
      expected = h(`${ha1}:${p.nonce}:${ha2}`);
    }
    if (p.response !== expected) return "wrong response";
    if (nonce.stale || this.config.alwaysStale) return "stale";
    this.accepted.push(p);
    return "ok";
  }

  private handle(req: Recorded, res: http.ServerResponse): void {
    const verdict = this.verify(req);
    if (verdict === "ok") return json(res, 200, { ok: true, url: req.url });
    if (req.headers.authorization !== undefined && verdict !== "stale") this.failures.push(verdict);
    const body = { error: 401, errorCode: "NOT_AUTHORIZED", detail: this.config.echo ? `you sent ${req.headers.authorization}` : "Unauthorized." };
    json(res, 401, body, { "www-authenticate": this.challenge(verdict === "stale") });
  }
}

const execFileAsync = promisify(execFile);

async function curlDigest(url: string, user: string, password: string): Promise<string> {
  const { stdout } = await execFileAsync("/usr/bin/curl", [
    "--silent", "--noproxy", "*", "--globoff", "--digest", "--user", `${user}:${password}`, "--output", "/dev/null", "--write-out", "%{http_code}", url,
  ]);
  return stdout;
}

function digestClient(server: { url: string }, publicKey = "Mufasa", privateKey = "Circle Of Life", extra: Record<string, unknown> = {}): Transport {
  return rt.createTransport({ baseUrl: server.url, auth: { type: "digest", publicKey, privateKey }, timeoutMs: 5000, ...extra }, { baseUrl: "https://unused.test", userAgent: "apigen-test" });
}

// ---------------------------------------------------------------- Digest: test vectors

describe("computeDigestAuthorization: RFC test vectors", () => {
  test("RFC 2617 §3.5 (MD5, qop=auth)", async () => {
    const header = await rt.computeDigestAuthorization(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      { publicKey: "Mufasa", privateKey: "Circle Of Life" },
      { method: "GET", uri: "/dir/index.html" },
      "0a4f113b",
      1,
    );
    const p = parseDigestAuthorization(header)!;
    expect(p).toEqual({
      username: "Mufasa",
      realm: "testrealm@host.com",
      nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      uri: "/dir/index.html",
      qop: "auth",
      nc: "00000001",
      cnonce: "0a4f113b",
      response: "6629fae49393a05397450978507c4ef1",
      opaque: "5ccc069c403ebaf9f0171e9517f40e41",
    });
  });

  // RFC 7616 §3.9.1 sends both challenges; the server prefers SHA-256 and lists it first.
  const RFC7616 = (algorithm: string) =>
    `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
  const mufasa = { publicKey: "Mufasa", privateKey: "Circle of Life" };
  const cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

  test.each([
    ["SHA-256", RFC7616("SHA-256"), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
    ["MD5", RFC7616("MD5"), "8ca523f5e9506fed4657c9700eebdbec"],
    ["SHA-256 of two challenges (the first is used)", `${RFC7616("SHA-256")}, ${RFC7616("MD5")}`, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"],
  ])("RFC 7616 §3.9.1 %s", async (_name, challenge, response) => {
    const p = parseDigestAuthorization(await rt.computeDigestAuthorization(challenge, mufasa, { method: "GET", uri: "/dir/index.html" }, cnonce, 1))!;
    expect(p.response).toBe(response);
    expect(p.algorithm).toBe(response.length === 64 ? "SHA-256" : "MD5");
    expect(p.nc).toBe("00000001");
    expect(p.cnonce).toBe(cnonce);
    expect(p.opaque).toBe("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS");
  });

  test("the MD5 implementation matches node:crypto across block boundaries and UTF-8 passwords (RFC 2069 answers)", async () => {
    for (const length of [0, 1, 20, 27, 28, 29, 55, 56, 57, 63, 64, 65, 119, 120, 200, 1000]) {
      const password = length === 20 ? "pässwörd-☃-𝄞-" : randomBytes(length).toString("latin1").replace(/[^\x20-\x7e]/g, "x").slice(0, length);
      const header = await rt.computeDigestAuthorization('Digest realm="r", nonce="n"', { publicKey: "u", privateKey: password }, { method: "GET", uri: "/x?y=1" }, "c", 1);
      const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");
      expect(parseDigestAuthorization(header)!.response).toBe(md5(`${md5(`u:r:${password}`)}:n:${md5("GET:/x?y=1")}`));
    }
  });

  test("nc is 8 lower-case hex digits; -sess algorithms hash the nonce and cnonce into HA1", async () => {
    const header = await rt.computeDigestAuthorization('Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess', { publicKey: "u", privateKey: "p" }, { method: "PUT", uri: "/a" }, "cn", 0xabcdef);
    const p = parseDigestAuthorization(header)!;
    const md5 = (text: string) => createHash("md5").update(text).digest("hex");
    expect(p.nc).toBe("00abcdef");
    expect(p.algorithm).toBe("MD5-sess");
    expect(p.response).toBe(md5(`${md5(`${md5("u:r:p")}:n:cn`)}:n:00abcdef:cn:auth:${md5("PUT:/a")}`));
  });

  test("a username with quotes and backslashes is escaped; CR/LF or non-Latin-1 is refused", async () => {
    const challenge = 'Digest realm="r", nonce="n", qop="auth"';
    const header = await rt.computeDigestAuthorization(challenge, { publicKey: 'we"ird\\name', privateKey: "p" }, { method: "GET", uri: "/" }, "c", 1);
    expect(header).toContain('username="we\\"ird\\\\name"');
    expect(parseDigestAuthorization(header)!.username).toBe('we"ird\\name');
    for (const publicKey of ["evil\r\nX-Injected: 1", "line\nfeed", "snow☃man"]) {
      const err = await rejectionOf(rt.computeDigestAuthorization(challenge, { publicKey, privateKey: "p" }, { method: "GET", uri: "/" }, "c", 1));
      expect(err).toBeInstanceOf(rt.AuthError);
    }
  });

  test.each([
    ["CR/LF in the nonce", 'Digest realm="r", nonce="abc\r\nX-Injected: 1", qop="auth"', /nonce/],
    ["a quote in the nonce", 'Digest realm="r", nonce="abc\\"def", qop="auth"', /nonce/],
    ["LF in the realm", 'Digest realm="r\nx", nonce="n", qop="auth"', /realm/],
    ["a quote in opaque", 'Digest realm="r", nonce="n", opaque="o\\"o", qop="auth"', /opaque/],
    ["only auth-int", 'Digest realm="r", nonce="n", qop="auth-int"', /auth-int/],
    ["an unsupported algorithm", 'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256', /SHA-512-256/],
    ["no nonce", 'Digest realm="r", qop="auth"', /nonce/],
    ["MD5-sess without qop", 'Digest realm="r", nonce="n", algorithm=MD5-sess', /qop/],
    ["no Digest challenge at all", 'Basic realm="r", Bearer realm="x"', /no Digest/],
  ])("refuses %s with an AuthError", async (_name, challenge, message) => {
    const err = await rejectionOf(rt.computeDigestAuthorization(challenge, { publicKey: "u", privateKey: "secret-pw-4711" }, { method: "GET", uri: "/" }, "c", 1));
    expect(err).toBeInstanceOf(rt.AuthError);
    expect(err.name).toBe("AuthError");
    expect(err.message).toMatch(message);
    expectNoSecrets(err, ["secret-pw-4711"]);
  });

  test.each([
    ["other schemes around it", 'Bearer realm="x", error="invalid_token", Digest realm="r", nonce="n", qop="auth", Basic realm="b"'],
    ["a token68 scheme first", 'Negotiate YIIB/wYGKwYBBQUCoIIB8zCCAe8=, Digest realm="r", nonce="n", qop="auth"'],
    ["RFC 7235's Newauth example", 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Digest realm="r", nonce="n", qop="auth"'],
    ["upper-case scheme and names, spaces around =", 'DIGEST REALM = "r" , NONCE="n",QOP="auth"'],
    ["unknown parameters, tokens and a stray comma", 'Digest realm="r",, domain="/ /x", charset=UTF-8, userhash=false, foo=bar, nonce=n, qop="auth, auth-int"'],
    ["an unusable Digest first", 'Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256, Digest realm="r", nonce="n", qop="auth"'],
  ])("parses a WWW-Authenticate value with %s", async (_name, challenge) => {
    const p = parseDigestAuthorization(await rt.computeDigestAuthorization(challenge, { publicKey: "u", privateKey: "p" }, { method: "GET", uri: "/" }, "c", 1))!;
    const md5 = (text: string) => createHash("md5").update(text).digest("hex");
    expect(p).toMatchObject({ realm: "r", nonce: "n", qop: "auth", nc: "00000001" });
    expect(p.algorithm).toBeUndefined(); // a challenge without algorithm (MD5) is answered without one
    expect(p.response).toBe(md5(`${md5("u:r:p")}:n:00000001:c:auth:${md5("GET:/")}`));
  });
});

// ---------------------------------------------------------------- Digest: the test server is checked by curl

describe("the Digest test server agrees with curl --digest", () => {
  test.each<[string, Partial<DigestConfig>]>([
    ["MD5, qop=auth", {}],
    ["SHA-256", { algorithm: "SHA-256" }],
    ["MD5-sess", { algorithm: "MD5-sess" }],
    ["no algorithm named", { algorithm: null }],
    ['qop="auth,auth-int"', { qop: "auth,auth-int" }],
    ["RFC 2069 (no qop)", { qop: null, opaque: null }],
  ])("%s: 200 with the right password, 401 with a wrong one", async (_name, config) => {
    const server = await DigestServer.start({ users: { "public-key": "private key 1" }, ...config });
    const url = `${server.url}/things/1?q=a%20b&x=1`;
    expect(await curlDigest(url, "public-key", "private key 1")).toBe("200");
    expect(server.accepted).toHaveLength(1);
    expect(await curlDigest(url, "public-key", "wrong")).toBe("401");
    expect(server.failures).toEqual(["wrong response"]);
  });
});

// ---------------------------------------------------------------- Digest: the runtime against the server

describe("Digest auth in the transport", () => {
  test.each<[string, Partial<DigestConfig>]>([
    ["MD5, qop=auth", {}],
    ["SHA-256", { algorithm: "SHA-256" }],
    ["SHA-256-sess", { algorithm: "SHA-256-sess" }],
    ["MD5-sess", { algorithm: "MD5-sess" }],
    ["no algorithm named (MD5)", { algorithm: null }],
    ['qop="auth, auth-int"', { qop: "auth, auth-int" }],
    ["RFC 2069 (no qop)", { qop: null, opaque: null }],
    ["several challenges in one header", { wrap: (d) => `Bearer realm="atlas", error="invalid_token", ${d}, Basic realm="x"` }],
    ["several WWW-Authenticate headers", { wrap: (d) => ['Basic realm="x"', d, 'Newauth realm="apps", type=1'] }],
    ["unknown parameters", { extra: ', domain="/things", charset=UTF-8, userhash=false, x-custom=token' }],
  ])("%s: challenge answered, later calls reuse the nonce with nc counting up", async (_name, config) => {
    const server = await DigestServer.start(config);
    const client = digestClient(server);
    const op = operation();

    expect(await client.request(op, { id: "1", q: "a b/ü" })).toEqual({ ok: true, url: "/things/1?q=a%20b%2F%C3%BC" });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(await client.request(op, { id: "2" })).toEqual({ ok: true, url: "/things/2" });
    expect(await client.request(op, { id: "3" })).toEqual({ ok: true, url: "/things/3" });
    expect(server.requests).toHaveLength(4); // one round trip for the first call only
    expect(server.failures).toEqual([]);
    const ncs = server.accepted.map((p) => p.nc);
    if (config.qop === null) expect(ncs).toEqual([undefined, undefined, undefined]);
    else expect(ncs).toEqual(["00000001", "00000002", "00000003"]);
    expect(new Set(server.accepted.map((p) => p.nonce)).size).toBe(1);
    expect(server.accepted.map((p) => p.uri)).toEqual(["/things/1?q=a%20b%2F%C3%BC", "/things/2", "/things/3"]);
    if (config.qop !== null) expect(new Set(server.accepted.map((p) => p.cnonce)).size).toBe(3);
    for (const p of server.accepted) if (p.cnonce !== undefined) expect(p.cnonce).toMatch(/^[0-9a-f]{32}$/);
  });

  test("a wrong private key ends in ApiError 401 after exactly 2 requests", async () => {
    const server = await DigestServer.start({ echo: true });
    const err = await rejectionOf(digestClient(server, "Mufasa", "wrong-private-key-5b1f").request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.ApiError);
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(server.requests).toHaveLength(2);
    expect(server.failures).toEqual(["wrong response"]);
    // The server echoed our Authorization header in its body: it is scrubbed from the error.
    expect(JSON.stringify(err)).toContain("you sent [REDACTED]");
    expectNoSecrets(err, ["wrong-private-key-5b1f"]);
  });

  test("a stale nonce gets one more try with the new nonce (one extra request)", async () => {
    const server = await DigestServer.start({ algorithm: "SHA-256" });
    const client = digestClient(server);
    await client.request(operation(), { id: "1" });
    expect(server.requests).toHaveLength(2);

    server.expireNonces();
    expect(await client.request(operation(), { id: "2" })).toEqual({ ok: true, url: "/things/2" });
    expect(server.requests).toHaveLength(4); // reused nonce → 401 stale=true → new nonce → 200
    expect(server.requests[3]!.headers.authorization).toMatch(/nc=00000001/);
    expect(server.failures).toEqual([]);
    expect(new Set(server.accepted.map((p) => p.nonce)).size).toBe(2);
  });

  test("a server that calls every answer stale is not looped on", async () => {
    const server = await DigestServer.start({ alwaysStale: true });
    const err = await rejectionOf(digestClient(server).request(operation(), { id: "1" }));
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(server.requests).toHaveLength(3); // no credentials → answer → stale → answer with the new nonce → give up
  });

  test("a reused nonce rejected without stale is answered with the fresh challenge once", async () => {
    const server = await DigestServer.start();
    const client = digestClient(server);
    await client.request(operation(), { id: "1" });
    server.nonces.clear(); // the server forgot every nonce (restart): "unknown nonce", no stale flag
    expect(await client.request(operation(), { id: "2" })).toEqual({ ok: true, url: "/things/2" });
    expect(server.requests).toHaveLength(4);
  });

  test("concurrent calls: every one authenticates, no nc is used twice for a nonce", async () => {
    const server = await DigestServer.start();
    const client = digestClient(server);
    const first = await Promise.all(Array.from({ length: 20 }, (_, i) => client.request(operation(), { id: String(i) })));
    expect(first).toHaveLength(20);
    const second = await Promise.all(Array.from({ length: 20 }, (_, i) => client.request(operation(), { id: String(i) })));
    expect(second).toHaveLength(20);
    expect(server.failures).toEqual([]); // "nc replayed" would be listed here
    expect(server.accepted).toHaveLength(40);
  });

  test("a challenge whose nonce holds a quote is refused before anything is echoed", async () => {
    const server = await DigestServer.start({ nonce: () => 'abc"def' });
    const err = await rejectionOf(digestClient(server).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.AuthError);
    expect(err.message).toMatch(/^getThing: .*nonce/);
    expect((err as unknown as { operationId: string }).operationId).toBe("getThing");
    expect(server.requests).toHaveLength(1);
  });

  test("a challenge offering only auth-int is refused", async () => {
    const server = await DigestServer.start({ qop: "auth-int" });
    const err = await rejectionOf(digestClient(server).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.AuthError);
    expect(err.message).toMatch(/auth-int/);
    expect(server.requests).toHaveLength(1);
  });

  test("a 401 without a Digest challenge stays an ApiError 401", async () => {
    const server = await serve((_req, res) => json(res, 401, { error: 401, detail: "no" }, { "www-authenticate": 'Basic realm="x"' }));
    const err = await rejectionOf(digestClient(server).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.ApiError);
    expect(server.requests).toHaveLength(1);
  });

  test("an operation with empty security sends no credentials", async () => {
    const server = await DigestServer.start();
    const err = await rejectionOf(digestClient(server).request(operation({ authenticated: false }), { id: "1" }));
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  test("an invalid publicKey or an empty privateKey is refused when the client is created", () => {
    const make = (publicKey: string, privateKey: string) => () =>
      rt.createTransport({ auth: { type: "digest", publicKey, privateKey } }, { baseUrl: "https://x.test", userAgent: "t" });
    expect(make("a\r\nb", "p")).toThrow(/publicKey/);
    expect(make("snow☃man", "p")).toThrow(/publicKey/);
    expect(make("user", "")).toThrow(/privateKey/);
  });

  test("an auth type the runtime does not know is refused when the client is created, with its name", () => {
    const make = () => rt.createTransport({ auth: { type: "kerberos" } }, { baseUrl: "https://x.test", userAgent: "t" });
    expect(make).toThrow(TypeError);
    expect(make).toThrow('auth type "kerberos" is not one');
  });
});

// ---------------------------------------------------------------- service accounts: a token endpoint and an API

interface TokenReply { status: number; body: unknown; headers?: Record<string, string> }

class AtlasLike {
  readonly tokenRequests: Recorded[] = [];
  readonly apiRequests: Recorded[] = [];
  readonly issued: string[] = [];
  readonly valid = new Set<string>();
  clientId = "mdb_sa_id_6579a2b3c4";
  clientSecret = "mdb_sa_sk_Zx8vQ1w2E3r4T5y6";
  expiresIn: unknown = 3600;
  tokenDelayMs = 0;
  /** Replaces the token endpoint's answer. */
  tokenReply: ((req: Recorded) => TokenReply | "hang") | undefined;
  /** Echo the Authorization header and token in API 401 bodies and headers. */
  echo = false;
  /** The API rejects every token. */
  rejectAll = false;
  server!: TestServer;

  static async start(): Promise<AtlasLike> {
    const atlas = new AtlasLike();
    atlas.server = await serve((req, res) => atlas.handle(req, res));
    return atlas;
  }

  get url(): string {
    return this.server.url;
  }
  get tokenUrl(): string {
    return `${this.server.url}/api/oauth/token`;
  }

  private async handle(req: Recorded, res: http.ServerResponse): Promise<void> {
    if (req.url === "/api/oauth/token" || req.url === "/elsewhere/token") {
      if (req.url === "/api/oauth/token") this.tokenRequests.push(req);
      const custom = this.tokenReply?.(req);
      if (custom === "hang") return; // never answers
      if (this.tokenDelayMs > 0) await sleep(this.tokenDelayMs);
      if (custom !== undefined) {
        res.writeHead(custom.status, { "content-type": "application/json", ...custom.headers });
        res.end(typeof custom.body === "string" ? custom.body : JSON.stringify(custom.body));
        return;
      }
      if (req.method !== "POST" || req.headers["content-type"] !== "application/x-www-form-urlencoded") return json(res, 400, { error: "invalid_request" });
      if (new URLSearchParams(req.body).get("grant_type") !== "client_credentials") return json(res, 400, { error: "unsupported_grant_type" });
      const [id, secret] = decodeBasic(req.headers.authorization);
      if (id !== this.clientId || secret !== this.clientSecret) {
        return json(res, 401, { error: "invalid_client", error_description: `client authentication failed for ${secret}` });
      }
      const token = `eyJ.tok-${this.issued.length + 1}-${randomBytes(8).toString("hex")}`;
      this.issued.push(token);
      this.valid.add(token);
      return json(res, 200, { access_token: token, token_type: "Bearer", ...(this.expiresIn === undefined ? {} : { expires_in: this.expiresIn }) });
    }
    this.apiRequests.push(req);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (token !== undefined && this.valid.has(token) && !this.rejectAll) return json(res, 200, { ok: true }, { "ratelimit-remaining": "99", "set-cookie": "session=abc" });
    const detail = this.echo ? `rejected ${req.headers.authorization} (token ${token})` : "Unauthorized.";
    json(res, 401, { error: 401, errorCode: "NOT_AUTHORIZED", detail }, {
      "www-authenticate": 'Bearer error="invalid_token"',
      ...(this.echo ? { "x-echo": req.headers.authorization ?? "" } : {}),
    });
  }
}

/** RFC 6749 §2.3.1, decoded independently: base64, split at the first ":", then form-urldecode each part. */
function decodeBasic(header: string | undefined): [string | undefined, string | undefined] {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (m === null) return [undefined, undefined];
  const decoded = Buffer.from(m[1]!, "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  return [formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))];
}

function serviceAccountClient(atlas: AtlasLike, extra: Record<string, unknown> = {}, auth: Record<string, unknown> = {}): Transport {
  return rt.createTransport(
    { baseUrl: atlas.url, auth: { type: "serviceAccount", clientId: atlas.clientId, clientSecret: atlas.clientSecret, ...auth }, timeoutMs: 5000, ...extra },
    { baseUrl: "https://unused.test", userAgent: "apigen-test/1.0", tokenUrl: atlas.tokenUrl },
  );
}

describe("service accounts (OAuth 2.0 client credentials)", () => {
  test("100 parallel calls share exactly one token request", async () => {
    const atlas = await AtlasLike.start();
    atlas.tokenDelayMs = 50;
    const client = serviceAccountClient(atlas);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => client.request(operation(), { id: String(i) })));
    expect(results.every((r) => JSON.stringify(r) === '{"ok":true}')).toBe(true);
    expect(atlas.tokenRequests).toHaveLength(1);
    expect(atlas.apiRequests).toHaveLength(100);
    expect(new Set(atlas.apiRequests.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${atlas.issued[0]}`]));
    // A one-hour token is reused by later calls.
    await client.request(operation(), { id: "x" });
    expect(atlas.tokenRequests).toHaveLength(1);
  });

  test("the token request: POST, form body, Basic with form-urlencoded id and secret, Accept and User-Agent", async () => {
    const atlas = await AtlasLike.start();
    atlas.clientId = "id:with%special ü+";
    atlas.clientSecret = 's3cr:et%20 wörd+/"\\=☃';
    await serviceAccountClient(atlas, {}, { scopes: ["openid", "atlas:read"] }).request(operation(), { id: "1" });
    const req = atlas.tokenRequests[0]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req.headers.accept).toBe("application/json");
    expect(req.headers["user-agent"]).toBe("apigen-test/1.0");
    expect(req.body).toBe("grant_type=client_credentials&scope=openid+atlas%3Aread");
    expect(decodeBasic(req.headers.authorization)).toEqual([atlas.clientId, atlas.clientSecret]);
    // The exact bytes for a simple case: "a:b" / "p%ss wörd" → "a%3Ab:p%25ss+w%C3%B6rd", base64-encoded.
    atlas.clientId = "a:b";
    atlas.clientSecret = "p%ss wörd";
    await serviceAccountClient(atlas).request(operation(), { id: "1" });
    expect(atlas.tokenRequests[1]!.headers.authorization).toBe(`Basic ${Buffer.from("a%3Ab:p%25ss+w%C3%B6rd").toString("base64")}`);
    expect(atlas.tokenRequests[1]!.body).toBe("grant_type=client_credentials");
  });

  test("auth.tokenUrl overrides the API description's; without either, createTransport throws", async () => {
    const atlas = await AtlasLike.start();
    await serviceAccountClient(atlas, {}, { tokenUrl: `${atlas.url}/elsewhere/token` }).request(operation(), { id: "1" });
    expect(atlas.tokenRequests).toHaveLength(0); // the default endpoint was not used
    expect(atlas.apiRequests).toHaveLength(1);
    expect(() => rt.createTransport({ auth: { type: "serviceAccount", clientId: "a", clientSecret: "b" } }, { baseUrl: "https://x.test", userAgent: "t" })).toThrow(/tokenUrl/);
  });

  test("an expired token is replaced (expires_in 1 s, minus the 10% margin)", async () => {
    const atlas = await AtlasLike.start();
    atlas.expiresIn = 1;
    const client = serviceAccountClient(atlas);
    await client.request(operation(), { id: "1" });
    await client.request(operation(), { id: "2" });
    expect(atlas.tokenRequests).toHaveLength(1);
    await sleep(950);
    await client.request(operation(), { id: "3" });
    expect(atlas.tokenRequests).toHaveLength(2);
    expect(atlas.apiRequests.map((r) => r.headers.authorization)).toEqual([`Bearer ${atlas.issued[0]}`, `Bearer ${atlas.issued[0]}`, `Bearer ${atlas.issued[1]}`]);
  });

  test("a 401 with a cached token: the token is replaced once and the call retried once", async () => {
    const atlas = await AtlasLike.start();
    const client = serviceAccountClient(atlas);
    await client.request(operation(), { id: "1" });
    atlas.valid.clear(); // revoked
    expect(await client.request(operation(), { id: "2" })).toEqual({ ok: true });
    expect(atlas.tokenRequests).toHaveLength(2);
    expect(atlas.apiRequests.map((r) => r.headers.authorization)).toEqual([`Bearer ${atlas.issued[0]}`, `Bearer ${atlas.issued[0]}`, `Bearer ${atlas.issued[1]}`]);
  });

  test("a second 401 is an ApiError; the issued tokens never show up in it", async () => {
    const atlas = await AtlasLike.start();
    atlas.echo = true;
    const client = serviceAccountClient(atlas);
    atlas.rejectAll = true; // issued tokens are never accepted
    const err = await rejectionOf(client.request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.ApiError);
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(atlas.tokenRequests).toHaveLength(2);
    expect(atlas.apiRequests).toHaveLength(2);
    expect(JSON.stringify(err)).toContain("[REDACTED]");
    expectNoSecrets(err, [atlas.clientSecret, ...atlas.issued]);
  });

  test("the token endpoint's 401 is a TokenError without the secret, even when the endpoint echoes it", async () => {
    const atlas = await AtlasLike.start();
    const client = serviceAccountClient(atlas, {}, { clientSecret: "mdb_sa_sk_WRONG-secret-0042" });
    const err = await rejectionOf(client.request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.TokenError);
    expect(err.name).toBe("TokenError");
    const e = err as unknown as { status: number; error: string; errorDescription: string };
    expect(e.status).toBe(401);
    expect(e.error).toBe("invalid_client");
    expect(e.errorDescription).toBe("client authentication failed for [REDACTED]");
    expect(err.message).toContain("invalid_client");
    expect(atlas.apiRequests).toHaveLength(0);
    expectNoSecrets(err, ["mdb_sa_sk_WRONG-secret-0042", atlas.clientSecret]);
  });

  test.each<[string, TokenReply, RegExp]>([
    ["not JSON", { status: 200, body: "<html>hello</html>" }, /JSON object/],
    ["a JSON array", { status: 200, body: [] }, /JSON object/],
    ["no access_token", { status: 200, body: { token_type: "Bearer", expires_in: 3600 } }, /access_token/],
    ["an empty access_token", { status: 200, body: { access_token: "", token_type: "Bearer" } }, /access_token/],
    ["an access_token with a line break", { status: 200, body: { access_token: "abc\r\nX-Evil: 1", token_type: "Bearer" } }, /access_token/],
    ["token_type mac", { status: 200, body: { access_token: "abc", token_type: "mac" } }, /token_type/],
    ["a negative expires_in", { status: 200, body: { access_token: "abc", token_type: "Bearer", expires_in: -5 } }, /expires_in/],
    ["expires_in as text", { status: 200, body: { access_token: "abc", token_type: "Bearer", expires_in: "soon" } }, /expires_in/],
    ["HTTP 201", { status: 201, body: { access_token: "abc", token_type: "Bearer" } }, /HTTP 201/],
    ["HTTP 500 without a JSON body", { status: 500, body: "oops" }, /HTTP 500/],
    ["a redirect", { status: 302, body: {}, headers: { location: "/api/oauth/token2" } }, /redirect/],
  ])("a token response with %s is a TokenError", async (_name, reply, message) => {
    const atlas = await AtlasLike.start();
    atlas.tokenReply = () => reply;
    const err = await rejectionOf(serviceAccountClient(atlas).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.TokenError);
    expect(err.message).toMatch(message);
    expect(atlas.tokenRequests).toHaveLength(1); // a redirect is not followed
    expect(atlas.apiRequests).toHaveLength(0);
    expectNoSecrets(err, [atlas.clientSecret, "abc\r\nX-Evil"]);
  });

  test("a token_type of any case and expires_in as a digit string are accepted; a missing expires_in means one hour", async () => {
    const atlas = await AtlasLike.start();
    let n = 0;
    atlas.tokenReply = () => {
      n++;
      const token = `tok-${n}`;
      atlas.valid.add(token);
      atlas.issued.push(token);
      return { status: 200, body: n === 1 ? { access_token: token, token_type: "bEaReR", expires_in: "3600" } : { access_token: token } };
    };
    const client = serviceAccountClient(atlas);
    await client.request(operation(), { id: "1" });
    await client.request(operation(), { id: "2" });
    expect(atlas.tokenRequests).toHaveLength(1);
    const other = serviceAccountClient(atlas);
    await other.request(operation(), { id: "3" });
    await other.request(operation(), { id: "4" });
    expect(atlas.tokenRequests).toHaveLength(2);
  });

  test("a failed token request is not cached: the next call tries again", async () => {
    const atlas = await AtlasLike.start();
    atlas.tokenReply = () => ({ status: 503, body: { error: "temporarily_unavailable" } });
    const client = serviceAccountClient(atlas);
    const errors = await Promise.all(Array.from({ length: 5 }, () => rejectionOf(client.request(operation(), { id: "1" }))));
    expect(errors.every((e) => e instanceof rt.TokenError)).toBe(true);
    expect(atlas.tokenRequests).toHaveLength(1); // the failure was shared too
    atlas.tokenReply = undefined;
    expect(await client.request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(atlas.tokenRequests).toHaveLength(2);
  });

  test("the token request has the transport's timeout; a hanging endpoint does not block later calls", async () => {
    const atlas = await AtlasLike.start();
    atlas.tokenReply = () => "hang";
    const client = serviceAccountClient(atlas, { timeoutMs: 200 });
    const started = performance.now();
    const err = await rejectionOf(client.request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.TimeoutError); // the call's own deadline came first
    expect(performance.now() - started).toBeLessThan(1000);
    await sleep(150); // the token request's own timer has fired by now
    atlas.tokenReply = undefined;
    expect(await client.request(operation(), { id: "1" })).toEqual({ ok: true });
    expect(atlas.tokenRequests).toHaveLength(2);
  });

  test("an unreachable token endpoint is a TokenError without the secret", async () => {
    const atlas = await AtlasLike.start();
    const closed = await serve(() => undefined);
    await closed.close();
    const err = await rejectionOf(serviceAccountClient(atlas, {}, { tokenUrl: `${closed.url}/token` }).request(operation(), { id: "1" }));
    expect(err).toBeInstanceOf(rt.TokenError);
    expect(err.message).toMatch(/token request .* failed/);
    expectNoSecrets(err, [atlas.clientSecret]);
  });

  test("an operation with empty security sends no credentials and fetches no token", async () => {
    const atlas = await AtlasLike.start();
    const err = await rejectionOf(serviceAccountClient(atlas).request(operation({ authenticated: false }), { id: "1" }));
    expect((err as unknown as { status: number }).status).toBe(401);
    expect(atlas.tokenRequests).toHaveLength(0);
    expect(atlas.apiRequests[0]!.headers.authorization).toBeUndefined();
  });

  test("requestWithResponse returns status and headers (without set-cookie) next to the body", async () => {
    const atlas = await AtlasLike.start();
    const response = await serviceAccountClient(atlas).requestWithResponse(operation(), { id: "1" });
    expect(response.data).toEqual({ ok: true });
    expect(response.status).toBe(200);
    expect(response.headers["ratelimit-remaining"]).toBe("99");
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});

// ---------------------------------------------------------------- no secret in any error

describe("no secret in any error", () => {
  test("TimeoutError, NetworkError and ApiError with a service account, and bearer tokens echoed by the server", async () => {
    const atlas = await AtlasLike.start();
    atlas.echo = true;
    const errors: Error[] = [];
    const client = serviceAccountClient(atlas, { timeoutMs: 150, retry: false });
    await client.request(operation(), { id: "1" });
    // A server that hangs: TimeoutError.
    const slow = await serve(() => undefined);
    const slowClient = rt.createTransport(
      { baseUrl: slow.url, auth: { type: "serviceAccount", clientId: atlas.clientId, clientSecret: atlas.clientSecret, tokenUrl: atlas.tokenUrl }, timeoutMs: 150, retry: false },
      { baseUrl: "https://x.test", userAgent: "t" },
    );
    errors.push(await rejectionOf(slowClient.request(operation(), { id: "1" })));
    // A server that drops the connection: NetworkError.
    const rude = await serve((_req, res) => {
      res.socket?.destroy();
    });
    const rudeClient = rt.createTransport(
      { baseUrl: rude.url, auth: { type: "bearer", token: "bearer-secret-token-77aa" }, retry: false },
      { baseUrl: "https://x.test", userAgent: "t" },
    );
    errors.push(await rejectionOf(rudeClient.request(operation(), { id: "1" })));
    // An API that echoes the bearer token and Authorization header: ApiError.
    const bearer = rt.createTransport({ baseUrl: atlas.url, auth: { type: "bearer", token: () => "bearer-secret-token-77aa" } }, { baseUrl: "https://x.test", userAgent: "t" });
    errors.push(await rejectionOf(bearer.request(operation(), { id: "1" })));

    expect(errors[0]).toBeInstanceOf(rt.TimeoutError);
    expect(errors[1]).toBeInstanceOf(rt.NetworkError);
    expect(errors[2]).toBeInstanceOf(rt.ApiError);
    expect((errors[2] as unknown as { headers: Record<string, string> }).headers["x-echo"]).toBe("Bearer [REDACTED]");
    for (const err of errors) expectNoSecrets(err, [atlas.clientSecret, "bearer-secret-token-77aa", ...atlas.issued]);
  });
});
