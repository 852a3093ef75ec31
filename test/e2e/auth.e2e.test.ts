// End-to-end tests of authentication and transport in the GENERATED client
// (generated/atlas-restore-job) against test/e2e/atlas-server.ts, which behaves
// as Atlas documents: the service account token endpoint, HTTP Digest with
// Atlas's challenge, versioned media types, 429 with Retry-After.
//
// The server's Digest verification and token endpoint are first checked with
// the real curl (an independent client), so that the server and the generated
// client cannot agree on a wrong implementation.
//
// Nothing is mocked: every request goes over TCP to 127.0.0.1. All clients get
// a pass-through fetch (`guard`) that records every URL and refuses anything
// but the test server, so nothing is ever sent to cloud.mongodb.com.
//
// The runtime-level cases (RFC test vectors, challenge parsing, backoff
// arithmetic, abort during waits) live in test/runtime-auth.test.ts and
// test/runtime-retry.test.ts; bearer tokens, API versions and plain timeouts in
// restore-job.e2e.test.ts.

import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { rejectionOf, renderings } from "../helpers";
import {
  ApiError,
  createClient,
  DEFAULT_TOKEN_URL,
  RequestValidationError,
  TimeoutError,
  TokenError,
  type ClientAuth,
  type ClientOptions,
  type GetClusterRestoreJobParams,
} from "../../generated/atlas-restore-job/index.js";
import {
  DIGEST_REALM,
  digestResponse,
  parseDigestAuthorization,
  startAtlasServer,
  type AtlasServer,
  type RecordedRequest,
} from "./atlas-server.js";

// Credentials shaped like Atlas's (service account ids/secrets, 8-letter
// public keys, UUID private keys). The secrets carry characters that
// form-urlencoding changes, so the Basic encoding is really exercised.
const CLIENT_ID = "mdb_sa_id_6650f1e2a3b4c5d6e7f8a9b0";
const CLIENT_SECRET = "mdb_sa_sk_Zq8+x/Y7 w%3D:k2!";
const PUBLIC_KEY = "qwhtkzdv";
const PRIVATE_KEY = "9f1c2b7e-54d3-4a8f-b6e1-0c7d3a2f9e48";
const ACCEPT = "application/vnd.atlas.2023-01-01+json";

let server: AtlasServer;
/** Every URL any client of this file asked its fetch for, since the last reset. */
let fetched: string[] = [];

beforeAll(async () => {
  // Like Atlas: both service accounts and API keys (so every 401 carries the Digest challenge).
  server = await startAtlasServer({
    serviceAccounts: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    apiKeys: [{ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY }],
  });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.reset();
  fetched = [];
});

// ---------------------------------------------------------------- helpers

type Obj = Record<string, unknown>;

function okExample(): Obj {
  return server.spec.okExample() as Obj;
}

/** Identifiers taken from the spec's own 200 example. */
function ids(): GetClusterRestoreJobParams {
  const ex = okExample();
  return {
    groupId: ex["groupId"] as string,
    clusterName: ex["clusterName"] as string,
    jobId: ex["id"] as string,
  };
}

function expectedPath(p: GetClusterRestoreJobParams): string {
  return `/api/atlas/v2/groups/${p.groupId}/clusters/${p.clusterName}/restoreJobs/${p.jobId}`;
}

/** The real fetch, except that only the test server may be contacted. */
const guard: typeof fetch = async (input, init) => {
  const url =
    input instanceof Request
      ? input.url
      : input instanceof URL
        ? input.href
        : input;
  fetched.push(url);
  if (new URL(url).origin !== new URL(server.baseUrl).origin)
    throw new Error(`test guard: not contacting ${new URL(url).origin}`);
  return fetch(input, init);
};

function client(auth: ClientAuth, extra: ClientOptions = {}) {
  return createClient({
    baseUrl: server.baseUrl,
    fetch: guard,
    auth,
    ...extra,
  });
}

function serviceAccount(over: { clientSecret?: string } = {}): ClientAuth {
  return {
    type: "serviceAccount",
    clientId: CLIENT_ID,
    clientSecret: over.clientSecret ?? CLIENT_SECRET,
    tokenUrl: server.tokenUrl,
  };
}

function digest(
  over: { publicKey?: string; privateKey?: string } = {},
): ClientAuth {
  return {
    type: "digest",
    publicKey: over.publicKey ?? PUBLIC_KEY,
    privateKey: over.privateKey ?? PRIVATE_KEY,
  };
}



function expectNoSecret(err: unknown, secrets: readonly string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const text of renderings(err))
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(8);
      expect(text).not.toContain(secret);
    }
}

function authorizations(requests: RecordedRequest[]): (string | undefined)[] {
  return requests.map((r) => r.headers["authorization"]);
}

function digestParams(r: RecordedRequest | undefined): Record<string, string> {
  const header = r?.headers["authorization"];
  const parsed =
    header === undefined ? undefined : parseDigestAuthorization(header);
  if (parsed === undefined)
    throw new Error(`no Digest Authorization in ${String(header)}`);
  return parsed;
}

const ATLAS_CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/=]+", algorithm=MD5, qop="auth", stale=(true|false)$/;

const execFileAsync = promisify(execFile);

/** Runs /usr/bin/curl; resolves with the body and the status code. */
async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const { stdout } = await execFileAsync(
    "/usr/bin/curl",
    [
      "--silent",
      "--noproxy",
      "*",
      "--globoff",
      "--write-out",
      "\n%{http_code}",
      ...args,
    ],
    { timeout: 10_000 },
  );
  const cut = stdout.lastIndexOf("\n");
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

// ---------------------------------------------------------------- the server, checked independently

describe("the Atlas test server, checked with curl and by hand", () => {
  test("an unauthenticated request gets 401, the spec's 401 example and Atlas's Digest challenge", async () => {
    const res = await fetch(`${server.baseUrl}${expectedPath(ids())}`, {
      headers: { accept: ACCEPT },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(server.spec.example(401));
    expect(res.headers.get("www-authenticate")).toMatch(ATLAS_CHALLENGE);
    expect(res.headers.get("www-authenticate")).toContain("stale=false");
    expect(server.challenges).toHaveLength(1);
  });

  test("curl --digest with the right key pair → 200 and the 200 example (challenge, then answer); with a query, uri is path and query", async () => {
    for (const query of ["", "?pretty=true"]) {
      server.reset();
      const url = `${server.baseUrl}${expectedPath(ids())}${query}`;
      const { status, body } = await curl([
        "--digest",
        "--user",
        `${PUBLIC_KEY}:${PRIVATE_KEY}`,
        "-H",
        `Accept: ${ACCEPT}`,
        url,
      ]);
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual(okExample());
      expect(server.requests).toHaveLength(2);
      expect(server.requests[0]?.headers["authorization"]).toBeUndefined();
      expect(server.digestVerdicts.map((v) => v.verdict)).toEqual(["ok"]);
      const p = digestParams(server.requests[1]);
      expect(p["uri"]).toBe(`${expectedPath(ids())}${query}`);
      expect(p["realm"]).toBe(DIGEST_REALM);
      expect(p["qop"]).toBe("auth");
      expect(p["nc"]).toBe("00000001");
    }
  });

  test("curl --digest with a wrong private key, or an unknown public key → 401", async () => {
    const url = `${server.baseUrl}${expectedPath(ids())}`;
    for (const user of [
      `${PUBLIC_KEY}:${PRIVATE_KEY.replace(/^9/, "8")}`,
      `zzzzzzzz:${PRIVATE_KEY}`,
    ]) {
      const { status, body } = await curl([
        "--digest",
        "--user",
        user,
        "-H",
        `Accept: ${ACCEPT}`,
        url,
      ]);
      expect(status).toBe(401);
      expect(JSON.parse(body)).toEqual(server.spec.example(401));
    }
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual([
      "wrong response",
      "unknown publicKey",
    ]);
  });

  test("hand-made answers: another uri, a replayed nc, a wrong realm or a missing cnonce are refused; a correct stale answer gets stale=true", async () => {
    const path = expectedPath(ids());
    const first = await fetch(`${server.baseUrl}${path}`, {
      headers: { accept: ACCEPT },
    });
    await first.arrayBuffer();
    const nonce = server.challenges[0]!.nonce;
    const header = (over: {
      uri?: string;
      signedUri?: string;
      nc?: string;
      realm?: string;
      cnonce?: string;
    }): string => {
      const uri = over.uri ?? path;
      const nc = over.nc ?? "00000001";
      const cnonce = over.cnonce ?? "0a4f113b";
      const response = digestResponse({
        username: PUBLIC_KEY,
        realm: over.realm ?? DIGEST_REALM,
        password: PRIVATE_KEY,
        method: "GET",
        uri: over.signedUri ?? uri,
        nonce,
        nc,
        cnonce,
      });
      return `Digest username="${PUBLIC_KEY}", realm="${over.realm ?? DIGEST_REALM}", nonce="${nonce}", uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
    };
    const send = async (authorization: string, target = path) => {
      const res = await fetch(`${server.baseUrl}${target}`, {
        headers: { accept: ACCEPT, authorization },
      });
      await res.arrayBuffer();
      return {
        status: res.status,
        challenge: res.headers.get("www-authenticate"),
      };
    };

    expect((await send(header({}))).status).toBe(200);
    expect((await send(header({}))).status).toBe(401); // nc 00000001 again
    expect(
      (await send(header({ nc: "00000002", uri: `${path}?pretty=true` })))
        .status,
    ).toBe(401); // signed for a target not sent
    expect(
      (await send(header({ nc: "00000003", signedUri: "/other" }))).status,
    ).toBe(401);
    expect(
      (await send(header({ nc: "00000004", realm: "Other" }))).status,
    ).toBe(401);
    expect((await send(header({ nc: "00000005", cnonce: "" }))).status).toBe(
      401,
    );
    expect((await send(header({ nc: "00000006" }))).status).toBe(200);
    server.expireNonces();
    const stale = await send(header({ nc: "00000007" }));
    expect(stale.status).toBe(401);
    expect(stale.challenge).toMatch(ATLAS_CHALLENGE);
    expect(stale.challenge).toContain("stale=true");
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual([
      "ok",
      "nc replayed",
      `uri ${JSON.stringify(`${path}?pretty=true`)} is not the request-target`,
      "wrong response",
      "wrong realm",
      "no cnonce",
      "ok",
      "stale",
    ]);
  });

  test("the token endpoint agrees with the docs' curl (--user id:secret --data grant_type=client_credentials); the token works as Bearer", async () => {
    // curl does not form-urlencode --user, so this account's id and secret need no encoding.
    server.serviceAccounts.set("mdb_sa_id_curl", "mdb_sa_sk_curl0123456789");
    const issued = await curl([
      "--user",
      "mdb_sa_id_curl:mdb_sa_sk_curl0123456789",
      "--data",
      "grant_type=client_credentials",
      server.tokenUrl,
    ]);
    expect(issued.status).toBe(200);
    const body = JSON.parse(issued.body) as Obj;
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: "Bearer",
      expires_in: 3600,
    });
    const api = await curl([
      "-H",
      `Authorization: Bearer ${String(body["access_token"])}`,
      "-H",
      `Accept: ${ACCEPT}`,
      `${server.baseUrl}${expectedPath(ids())}`,
    ]);
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toEqual(okExample());

    const wrong = await curl([
      "--user",
      "mdb_sa_id_curl:wrong-secret",
      "--data",
      "grant_type=client_credentials",
      server.tokenUrl,
    ]);
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: "invalid_client" });
    expect(server.tokenRequests).toHaveLength(2);
  });

  test("the token endpoint: form-urlencoded Basic, fresh tokens, 400 for a wrong grant or content type, revocation and expiry end a token", async () => {
    const basic = `Basic ${Buffer.from(
      `${encodeURIComponent(CLIENT_ID)}:${new URLSearchParams([["", CLIENT_SECRET]]).toString().slice(1)}`,
    ).toString("base64")}`;
    const ask = async (
      body: string,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; json: Obj }> => {
      const res = await fetch(server.tokenUrl, {
        method: "POST",
        headers: {
          authorization: basic,
          "content-type": "application/x-www-form-urlencoded",
          ...headers,
        },
        body,
      });
      expect(res.headers.get("cache-control")).toBe("no-store");
      return { status: res.status, json: (await res.json()) as Obj };
    };
    const a = await ask("grant_type=client_credentials");
    const b = await ask("grant_type=client_credentials");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.json["access_token"]).not.toBe(b.json["access_token"]);
    expect((await ask("grant_type=password")).json).toMatchObject({
      error: "unsupported_grant_type",
    });
    expect(
      (
        await ask("grant_type=client_credentials", {
          "content-type": "application/json",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await ask("grant_type=client_credentials", {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:nope`).toString("base64")}`,
        })
      ).json,
    ).toEqual({
      error: "invalid_client",
      error_description: expect.any(String),
    });
    // The raw (not form-urlencoded) secret is refused: "+", " ", "%3D" mean something else encoded.
    expect(
      (
        await ask("grant_type=client_credentials", {
          authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`,
        })
      ).status,
    ).toBe(401);

    const api = async (token: unknown): Promise<number> => {
      const res = await fetch(`${server.baseUrl}${expectedPath(ids())}`, {
        headers: { accept: ACCEPT, authorization: `Bearer ${String(token)}` },
      });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await api(a.json["access_token"])).toBe(200);
    expect(await api(b.json["access_token"])).toBe(200);
    server.revokeTokens(String(a.json["access_token"]));
    expect(await api(a.json["access_token"])).toBe(401);
    expect(await api(b.json["access_token"])).toBe(200);
    server.issuedTokens[1]!.expiresAt = Date.now() - 1;
    expect(await api(b.json["access_token"])).toBe(401);
  });

  test("a scenario with `times` answers that many requests, then the 200 example", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 503, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.baseUrl}${expectedPath(p)}`, {
        headers: { accept: ACCEPT, authorization: `Bearer ${server.token}` },
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses).toEqual([503, 503, 200]);
  });
});

// ---------------------------------------------------------------- service accounts

describe("generated client: service account (OAuth 2.0 client credentials)", () => {
  test("the call succeeds with the 200 example; the token request is Atlas's; the API sees Bearer <issued token>", async () => {
    const job =
      await client(serviceAccount()).legacyBackup.getClusterRestoreJob(ids());

    expect(job).toEqual(okExample());
    expect(server.tokenRequests).toHaveLength(1);
    const t = server.tokenRequests[0]!;
    expect(t.method).toBe("POST");
    expect(t.headers["content-type"]).toMatch(
      /^application\/x-www-form-urlencoded\b/,
    );
    expect(new URLSearchParams(t.body).get("grant_type")).toBe(
      "client_credentials",
    );
    expect(server.issuedTokens).toHaveLength(1);
    expect(authorizations(server.apiRequests)).toEqual([
      `Bearer ${server.issuedTokens[0]!.token}`,
    ]);
    expect(fetched).toEqual([
      server.tokenUrl,
      `${server.baseUrl}${expectedPath(ids())}`,
    ]);
  });

  // Measured: 1 token request for 100 parallel calls (and none for a later call within the hour).
  test("100 parallel calls → exactly 1 token request (measured: 1)", async () => {
    const c = client(serviceAccount());
    const jobs = await Promise.all(
      Array.from({ length: 100 }, () =>
        c.legacyBackup.getClusterRestoreJob(ids()),
      ),
    );

    expect(
      jobs.every((j) => JSON.stringify(j) === JSON.stringify(okExample())),
    ).toBe(true);
    expect(server.tokenRequests.length).toBe(1);
    expect(server.apiRequests).toHaveLength(100);
    expect(new Set(authorizations(server.apiRequests))).toEqual(
      new Set([`Bearer ${server.issuedTokens[0]!.token}`]),
    );
    await c.legacyBackup.getClusterRestoreJob(ids());
    expect(server.tokenRequests.length).toBe(1);
  });

  test("DEFAULT_TOKEN_URL is the spec's tokenUrl; a client with its own baseUrl asks that origin's token endpoint, never the spec's host", async () => {
    expect(DEFAULT_TOKEN_URL).toBe("https://cloud.mongodb.com/api/oauth/token");
    // The token URL is on the spec server's origin, so it follows the client's baseUrl: credentials meant for one
    // deployment (this test server, Atlas for Government, a proxy) never go to another.
    const job = await client(serviceAccount()).legacyBackup.getClusterRestoreJob(ids());
    expect(job).toEqual(okExample());
    expect(fetched[0]).toBe(`${server.baseUrl}/api/oauth/token`);
    expect(fetched.some((url) => url.startsWith("https://cloud.mongodb.com"))).toBe(false);

    // Without a baseUrl of its own, the client asks the spec's token endpoint (the guard refuses: nothing leaves 127.0.0.1).
    fetched.length = 0;
    const err = await rejectionOf(
      createClient({ fetch: guard, timeoutMs: 5000, auth: { type: "serviceAccount", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } }).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(TokenError);
    expect(fetched).toEqual([DEFAULT_TOKEN_URL]);
    expectNoSecret(err, [CLIENT_SECRET]);
  });

  test("a token whose expires_in has passed (1 s, minus the client's margin) is replaced before the call: 2 token requests, no 401", async () => {
    server.tokenExpiresIn = 1;
    const c = client(serviceAccount());
    await c.legacyBackup.getClusterRestoreJob(ids());
    await c.legacyBackup.getClusterRestoreJob(ids());
    expect(server.tokenRequests).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 1050)); // the server's expiry too
    expect(await c.legacyBackup.getClusterRestoreJob(ids())).toEqual(
      okExample(),
    );

    expect(server.tokenRequests).toHaveLength(2);
    const [first, second] = server.issuedTokens.map((t) => `Bearer ${t.token}`);
    expect(authorizations(server.apiRequests)).toEqual([first, first, second]);
  });

  test("a token revoked by the server → the API's 401 → one new token request, the call is sent once more and succeeds", async () => {
    const c = client(serviceAccount());
    await c.legacyBackup.getClusterRestoreJob(ids());
    server.revokeTokens();

    expect(await c.legacyBackup.getClusterRestoreJob(ids())).toEqual(
      okExample(),
    );

    expect(server.tokenRequests).toHaveLength(2);
    const [first, second] = server.issuedTokens.map((t) => `Bearer ${t.token}`);
    expect(authorizations(server.apiRequests)).toEqual([first, first, second]);
  });

  test("a token revoked again right after it is replaced → ApiError 401 after one replacement, no loop", async () => {
    const c = client(serviceAccount());
    await c.legacyBackup.getClusterRestoreJob(ids());
    server.revokeTokens();
    // Revoke every token the moment the API sees it.
    server.onRequest = (r) => {
      if (r.params !== null) server.revokeTokens();
    };
    const err = await rejectionOf(c.legacyBackup.getClusterRestoreJob(ids()));

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(server.tokenRequests).toHaveLength(2);
    expect(server.apiRequests).toHaveLength(3);
    expectNoSecret(err, [
      CLIENT_SECRET,
      ...server.issuedTokens.map((t) => t.token),
    ]);
  });

  test("a wrong client secret → TokenError 401 invalid_client, no API request; the secret is in no rendering", async () => {
    const wrong = "mdb_sa_sk_WRONG+secret value%21";
    const err = await rejectionOf(
      client(
        serviceAccount({ clientSecret: wrong }),
      ).legacyBackup.getClusterRestoreJob(ids()),
    );

    expect(err).toBeInstanceOf(TokenError);
    const e = err as TokenError;
    expect(e.status).toBe(401);
    expect(e.error).toBe("invalid_client");
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.apiRequests).toHaveLength(0);
    const sentBasic = server.tokenRequests[0]!.headers["authorization"]!;
    expectNoSecret(err, [
      wrong,
      CLIENT_SECRET,
      sentBasic,
      sentBasic.slice("Basic ".length),
      new URLSearchParams([["", wrong]]).toString().slice(1),
    ]);
  });
});

// ---------------------------------------------------------------- HTTP Digest

describe("generated client: HTTP Digest (API keys)", () => {
  test("first call: exactly one challenge round trip (2 requests); the answer is MD5, qop=auth, nc=00000001, uri = the request-target", async () => {
    const job = await client(digest()).legacyBackup.getClusterRestoreJob(ids());

    expect(job).toEqual(okExample());
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.headers["authorization"]).toBeUndefined();
    expect(server.challenges).toHaveLength(1);
    expect(server.challenges[0]?.header).toMatch(ATLAS_CHALLENGE);
    const p = digestParams(server.requests[1]);
    expect(p).toMatchObject({
      username: PUBLIC_KEY,
      realm: DIGEST_REALM,
      nonce: server.challenges[0]!.nonce,
      uri: expectedPath(ids()),
      qop: "auth",
      nc: "00000001",
    });
    expect(p["algorithm"] ?? "MD5").toBe("MD5");
    expect(p["cnonce"]).toMatch(/^[\x21\x23-\x7e]{8,}$/);
    expect(p["opaque"]).toBeUndefined(); // none offered (Atlas sends none)
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual(["ok"]);
  });

  test("second call on the same client: the runtime reuses the nonce (nc=00000002, new cnonce) in a single request; the query is part of uri", async () => {
    const c = client(digest());
    await c.legacyBackup.getClusterRestoreJob(ids());
    const job = await c.legacyBackup.getClusterRestoreJob({
      ...ids(),
      pretty: true,
    });

    expect(job).toEqual(okExample());
    expect(server.requests).toHaveLength(3); // 2 for the first call, 1 for the second
    expect(server.challenges).toHaveLength(1);
    const [first, second] = [
      digestParams(server.requests[1]),
      digestParams(server.requests[2]),
    ];
    expect(second["nonce"]).toBe(first["nonce"]);
    expect(second["nc"]).toBe("00000002");
    expect(second["cnonce"]).not.toBe(first["cnonce"]);
    expect(second["uri"]).toBe(`${expectedPath(ids())}?pretty=true`);
    expect(server.requests[2]?.url).toBe(second["uri"]);
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual(["ok", "ok"]);
  });

  test("an offered opaque is echoed", async () => {
    server.digestOpaque = "5ccc069c403ebaf9f0171e9517f40e41";
    await client(digest()).legacyBackup.getClusterRestoreJob(ids());
    expect(digestParams(server.requests[1])["opaque"]).toBe(
      server.digestOpaque,
    );
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual(["ok"]);
  });

  test("a nonce that expired between calls → stale=true → success with one extra request (2 instead of 1)", async () => {
    const c = client(digest());
    await c.legacyBackup.getClusterRestoreJob(ids());
    server.expireNonces();
    const before = server.requests.length;

    expect(await c.legacyBackup.getClusterRestoreJob(ids())).toEqual(
      okExample(),
    );

    expect(server.requests.length - before).toBe(2);
    expect(server.challenges.map((ch) => ch.stale)).toEqual([false, true]);
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual([
      "ok",
      "stale",
      "ok",
    ]);
    const last = digestParams(server.requests.at(-1));
    expect(last["nonce"]).toBe(server.challenges[1]!.nonce);
    expect(last["nc"]).toBe("00000001");
  });

  test("the first answer told stale → success with one extra request (3 instead of 2)", async () => {
    server.forceStale(1);

    expect(
      await client(digest()).legacyBackup.getClusterRestoreJob(ids()),
    ).toEqual(okExample());

    expect(server.requests).toHaveLength(3);
    expect(server.challenges.map((ch) => ch.stale)).toEqual([false, true]);
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual([
      "stale",
      "ok",
    ]);
  });

  test("a server that calls every answer stale is not looped on: ApiError 401 after a bounded number of requests", async () => {
    server.forceStale(1000);
    const err = await rejectionOf(
      client(digest()).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect((err as ApiError).status).toBe(401);
    // Measured: 3 (no credentials → challenge; answer → stale; answer with the new nonce → stale again: stop).
    expect(server.requests).toHaveLength(3);
    expectNoSecret(err, [PRIVATE_KEY]);
  });

  test.each([
    [
      "a wrong private key",
      { privateKey: "8f1c2b7e-54d3-4a8f-b6e1-0c7d3a2f9e48" },
      "wrong response",
    ],
    ["an unknown public key", { publicKey: "zzzzzzzz" }, "unknown publicKey"],
  ])(
    "%s → ApiError 401 after exactly 2 requests, no loop; the private key is in no rendering",
    async (_name, over, verdict) => {
      const err = await rejectionOf(
        client(digest(over)).legacyBackup.getClusterRestoreJob(ids()),
      );

      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(401);
      expect((err as ApiError).body).toEqual(server.spec.example(401));
      expect(server.requests).toHaveLength(2);
      expect(server.digestVerdicts.map((v) => v.verdict)).toEqual([verdict]);
      const sent = server.requests[1]!.headers["authorization"]!;
      expectNoSecret(err, [
        PRIVATE_KEY,
        "8f1c2b7e-54d3-4a8f-b6e1-0c7d3a2f9e48",
        sent,
      ]);
    },
  );

  test("10 parallel calls on a fresh client all succeed; no nc is used twice for a nonce", async () => {
    const c = client(digest());
    const jobs = await Promise.all(
      Array.from({ length: 10 }, () =>
        c.legacyBackup.getClusterRestoreJob(ids()),
      ),
    );
    expect(jobs).toHaveLength(10);
    expect(server.digestVerdicts.filter((v) => v.verdict !== "ok")).toEqual([]);
    const pairs = server.digestVerdicts.map(
      (v) => `${v.params["nonce"]} ${v.params["nc"]}`,
    );
    expect(new Set(pairs).size).toBe(pairs.length);
    // Measured: 20 requests and 10 challenges (each call of a fresh client is challenged once; every
    // call starts before the first challenge comes back, so none can reuse another's nonce).
    expect(server.apiRequests.length).toBeGreaterThanOrEqual(10);
    expect(server.apiRequests.length).toBeLessThanOrEqual(20);
  });
});

// ---------------------------------------------------------------- retries and timeouts

describe("generated client: retries and timeouts", () => {
  test("429 with Retry-After: 1, then 200 → success after waiting at least 1 s; 2 requests, 1 token request", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 429, retryAfter: 1, times: 1 });
    const started = performance.now();

    expect(
      await client(serviceAccount()).legacyBackup.getClusterRestoreJob(p),
    ).toEqual(okExample());

    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.apiRequests).toHaveLength(2);
    const [a, b] = server.apiRequests;
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(990);
    expect(server.tokenRequests).toHaveLength(1);
  });

  test("Digest and a 429: the retry re-authenticates with the same nonce (nc=00000002): 3 requests in all", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 429, retryAfter: 1, times: 1 });

    expect(await client(digest()).legacyBackup.getClusterRestoreJob(p)).toEqual(
      okExample(),
    );

    expect(server.requests).toHaveLength(3);
    expect(digestParams(server.requests[2])["nc"]).toBe("00000002");
    expect(server.digestVerdicts.map((v) => v.verdict)).toEqual(["ok", "ok"]);
  });

  test("a persistent 500 is not retried: exactly 1 request, ApiError 500 (also with retries configured)", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 500 });
    for (const extra of [{}, { retry: { maxAttempts: 3, baseDelayMs: 10 } }]) {
      server.requests.length = 0;
      const err = await rejectionOf(
        client(serviceAccount(), extra).legacyBackup.getClusterRestoreJob(p),
      );
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(500);
      expect((err as ApiError).body).toEqual(server.spec.example(500));
      expect(server.apiRequests).toHaveLength(1);
    }
  });

  test("a persistent 503 with retry { maxAttempts: 3, baseDelayMs: 10 } → exactly 3 requests, then ApiError 503", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 503 });

    const err = await rejectionOf(
      client(serviceAccount(), {
        retry: { maxAttempts: 3, baseDelayMs: 10 },
      }).legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect(server.apiRequests).toHaveLength(3);
    expect(server.tokenRequests).toHaveLength(1);
  });

  test.each([
    ["service account", () => serviceAccount()],
    ["digest", () => digest()],
  ])(
    "%s: timeoutMs 150 against a 2 s answer → TimeoutError, without credentials in it",
    async (_name, auth) => {
      const p = ids();
      server.scenarios.set(p.jobId, { delayMs: 2000 });
      const started = performance.now();

      const err = await rejectionOf(
        client(auth(), { timeoutMs: 150 }).legacyBackup.getClusterRestoreJob(p),
      );

      expect(err).toBeInstanceOf(TimeoutError);
      expect((err as TimeoutError).timeoutMs).toBe(150);
      expect(performance.now() - started).toBeLessThan(1500);
      const sent = server.apiRequests
        .map((r) => r.headers["authorization"])
        .filter((a): a is string => a !== undefined);
      expect(sent.length).toBeGreaterThan(0);
      expectNoSecret(err, [
        CLIENT_SECRET,
        PRIVATE_KEY,
        ...sent,
        ...server.issuedTokens.map((t) => t.token),
      ]);
    },
  );
});

// ---------------------------------------------------------------- the HTTP response

describe("generated client: getClusterRestoreJobWithResponse", () => {
  test.each([
    ["service account", () => serviceAccount()],
    ["digest", () => digest()],
  ])(
    "%s: { data, status: 200, headers } with ratelimit-remaining, as the Go SDK's (body, *http.Response)",
    async (_name, auth) => {
      const result =
        await client(auth()).legacyBackup.getClusterRestoreJobWithResponse(
          ids(),
        );

      expect(Object.keys(result).sort()).toEqual(["data", "headers", "status"]);
      expect(result.status).toBe(200);
      expect(result.data).toEqual(okExample());
      expect(result.headers["content-type"]).toBe(ACCEPT);
      expect(result.headers["ratelimit-limit"]).toBe(String(server.rateLimit));
      // The server counts every API request (a Digest challenge too): the last one's value.
      expect(result.headers["ratelimit-remaining"]).toBe(
        String(server.rateLimit - server.apiRequests.length),
      );
    },
  );
});

// ---------------------------------------------------------------- refused before any request

describe("generated client: invalid parameters are refused before any request, token request or challenge", () => {
  const bad: [string, Partial<GetClusterRestoreJobParams>, string][] = [
    [
      'clusterName "../../admin"',
      { clusterName: "../../admin" },
      "/clusterName",
    ],
    ['clusterName ".."', { clusterName: ".." }, "/clusterName"],
    ['clusterName "a/../../b"', { clusterName: "a/../../b" }, "/clusterName"],
    ['groupId "not-hex"', { groupId: "not-hex" }, "/groupId"],
    [
      'groupId "32b6e34b3d91647abb20e7b" (23 hex digits)',
      { groupId: "32b6e34b3d91647abb20e7b" },
      "/groupId",
    ],
  ];
  const modes: [string, () => ClientAuth][] = [
    ["service account", () => serviceAccount()],
    ["digest", () => digest()],
  ];
  const cases = modes.flatMap(([mode, auth]) =>
    bad.map(
      ([what, params, path]) => [mode, what, auth, params, path] as const,
    ),
  );

  test.each(cases)(
    "%s, %s → RequestValidationError, nothing sent",
    async (_mode, _what, auth, params, path) => {
      const err = await rejectionOf(
        client(auth()).legacyBackup.getClusterRestoreJob({
          ...ids(),
          ...params,
        }),
      );

      expect(err).toBeInstanceOf(RequestValidationError);
      expect(
        (err as RequestValidationError).issues.map((i) => i.path),
      ).toContain(path);
      expect(fetched).toEqual([]);
      expect(server.requests).toHaveLength(0);
      expect(server.tokenRequests).toHaveLength(0);
      expect(server.challenges).toHaveLength(0);
      expectNoSecret(err, [CLIENT_SECRET, PRIVATE_KEY]);
    },
  );
});

// ---------------------------------------------------------------- no secret in any error

describe("generated client: no secret in any error (message, JSON.stringify, util.inspect)", () => {
  test("service account: ApiError from a server that echoes the Authorization header, ApiError 404, TimeoutError, RequestValidationError", async () => {
    const p = ids();
    const c = client(serviceAccount(), { timeoutMs: 150, retry: false });
    const errors: unknown[] = [];
    server.scenarios.set(p.jobId, { status: 403, echoAuthorization: true });
    errors.push(await rejectionOf(c.legacyBackup.getClusterRestoreJob(p)));
    server.scenarios.set(p.jobId, { status: 404 });
    errors.push(await rejectionOf(c.legacyBackup.getClusterRestoreJob(p)));
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    errors.push(await rejectionOf(c.legacyBackup.getClusterRestoreJob(p)));
    errors.push(
      await rejectionOf(
        c.legacyBackup.getClusterRestoreJob({ ...p, groupId: "x" }),
      ),
    );

    expect(errors.map((e) => (e as Error).name)).toEqual([
      "ApiError",
      "ApiError",
      "TimeoutError",
      "RequestValidationError",
    ]);
    const token = server.issuedTokens[0]!.token;
    // The token really was on the wire, and the server really echoed it.
    expect(authorizations(server.apiRequests)).toEqual([
      `Bearer ${token}`,
      `Bearer ${token}`,
      `Bearer ${token}`,
    ]);
    expect((errors[0] as ApiError).status).toBe(403);
    expect((errors[0] as ApiError).detail).toContain("you sent Authorization:");
    for (const err of errors)
      expectNoSecret(err, [CLIENT_SECRET, token, `Bearer ${token}`]);
  });

  test("digest: ApiError from a server that echoes the Authorization header, a 401 for a wrong key, TimeoutError, RequestValidationError", async () => {
    const p = ids();
    const errors: unknown[] = [];
    server.scenarios.set(p.jobId, { status: 404, echoAuthorization: true });
    errors.push(
      await rejectionOf(client(digest()).legacyBackup.getClusterRestoreJob(p)),
    );
    errors.push(
      await rejectionOf(
        client(
          digest({ privateKey: "0000aaaa-1111-2222-3333-444455556666" }),
        ).legacyBackup.getClusterRestoreJob(p),
      ),
    );
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    errors.push(
      await rejectionOf(
        client(digest(), { timeoutMs: 150 }).legacyBackup.getClusterRestoreJob(
          p,
        ),
      ),
    );
    errors.push(
      await rejectionOf(
        client(digest()).legacyBackup.getClusterRestoreJob({
          ...p,
          clusterName: "../x",
        }),
      ),
    );

    expect(errors.map((e) => (e as Error).name)).toEqual([
      "ApiError",
      "ApiError",
      "TimeoutError",
      "RequestValidationError",
    ]);
    expect((errors[0] as ApiError).status).toBe(404);
    expect((errors[0] as ApiError).detail).toContain("you sent Authorization:");
    expect((errors[1] as ApiError).status).toBe(401);
    const sent = server.apiRequests
      .map((r) => r.headers["authorization"])
      .filter((a): a is string => a !== undefined);
    expect(sent.length).toBe(3); // one answered challenge per client that got as far as the server
    const responses = sent.map(
      (a) => parseDigestAuthorization(a)?.["response"] ?? "",
    );
    for (const err of errors)
      expectNoSecret(err, [
        PRIVATE_KEY,
        "0000aaaa-1111-2222-3333-444455556666",
        ...sent,
        ...responses,
      ]);
  });
});
