// End-to-end tests of the generated atlas-restore-job client against a real
// HTTP server (test/e2e/atlas-server.ts) whose behaviour and example bodies come
// from spec/atlas-restore-job.yaml. No fetch is mocked: every call goes over
// TCP to 127.0.0.1.

import {
  ApiError,
  createClient,
  RequestValidationError,
  ResponseValidationError,
  TimeoutError,
  validateBackupRestoreJob,
  type ClientOptions,
  type GetClusterRestoreJobParams,
} from "../../generated/atlas-restore-job/index.js";
import { rejectionOf, renderings } from "../helpers";
import { startAtlasServer, type AtlasServer } from "./atlas-server.js";

let server: AtlasServer;

beforeAll(async () => {
  server = await startAtlasServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  server.reset();
});

// ---------------------------------------------------------------- helpers

type Obj = Record<string, unknown>;

function okExample(): Obj {
  return server.spec.okExample() as Obj;
}

/** Identifiers taken from the spec's own 200 example. */
function ids(): { groupId: string; clusterName: string; jobId: string } {
  const ex = okExample();
  return {
    groupId: ex["groupId"] as string,
    clusterName: ex["clusterName"] as string,
    jobId: ex["id"] as string,
  };
}

function expectedPath(p: {
  groupId: string;
  clusterName: string;
  jobId: string;
}): string {
  return `/api/atlas/v2/groups/${p.groupId}/clusters/${p.clusterName}/restoreJobs/${p.jobId}`;
}

function makeClient(extra: ClientOptions = {}) {
  return createClient({
    baseUrl: server.baseUrl,
    auth: { type: "bearer", token: server.token },
    ...extra,
  });
}


interface WireResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * A pass-through around the real global fetch (nothing is mocked: the request
 * still goes over TCP), only to look at the response bytes and headers the
 * client received.
 */
function wireRecorder(): { fetch: typeof fetch; wire: WireResponse[] } {
  const wire: WireResponse[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    wire.push({ status: res.status, headers, text: await res.clone().text() });
    return res;
  };
  return { fetch: recordingFetch, wire };
}


/** The 200 example as printed on the (Chinese) Atlas docs page: "string" placeholders, masterKeyUUID "string". */
const DOCS_PAGE_200_EXAMPLE = {
  batchId: "32b6e34b3d91647abb20e7b8",
  clusterId: "32b6e34b3d91647abb20e7b8",
  clusterName: "string",
  created: "2025-05-04T09:42:00Z",
  delivery: {
    authHeader: "string",
    authValue: "string",
    expirationHours: 42,
    expires: "2025-05-04T09:42:00Z",
    maxDownloads: 42,
    methodName: "CLIENT_PIT_HTTP",
    statusName: "NOT_STARTED",
    targetClusterId: "32b6e34b3d91647abb20e7b8",
    targetClusterName: "string",
    targetGroupId: "32b6e34b3d91647abb20e7b8",
    url: "string",
    urlV2: "string",
  },
  encryptionEnabled: true,
  groupId: "32b6e34b3d91647abb20e7b8",
  hashes: [
    {
      fileName: "string",
      hash: "string",
      links: [{ href: "https://cloud.mongodb.com/api/atlas", rel: "self" }],
      typeName: "SHA1",
    },
  ],
  id: "32b6e34b3d91647abb20e7b8",
  links: [{ href: "https://cloud.mongodb.com/api/atlas", rel: "self" }],
  masterKeyUUID: "string",
  snapshotId: "32b6e34b3d91647abb20e7b8",
  statusName: "IN_PROGRESS",
  timestamp: { date: "2025-05-04T09:42:00Z", increment: 1199145600 },
};

// ---------------------------------------------------------------- the server itself

describe("spec-driven Atlas test server", () => {
  test("loads the operation, its versions and an example for every documented status from the spec", () => {
    expect(server.spec.path).toBe(
      "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}",
    );
    expect(server.spec.versions).toEqual(["2023-01-01"]);
    expect([...server.spec.responses.keys()].sort()).toEqual([
      200, 400, 401, 403, 404, 429, 500,
    ]);
    expect(server.spec.responses.get(200)?.mediaType).toBe(
      "application/vnd.atlas.2023-01-01+json",
    );
    expect(server.spec.responses.get(429)?.headers).toContain("Retry-After");
    expect(validateBackupRestoreJob(server.spec.okExample()).valid).toBe(true);
    for (const status of [400, 401, 403, 404, 429, 500]) {
      expect(server.spec.example(status)).toMatchObject({
        error: status,
        errorCode: expect.any(String),
      });
    }
  });
});

// ---------------------------------------------------------------- happy path

describe("getClusterRestoreJob: 200", () => {
  test("returns the spec's 200 example and sends exactly the documented request", async () => {
    const p = ids();
    const { fetch: recordingFetch, wire } = wireRecorder();
    const job = await makeClient({
      fetch: recordingFetch,
    }).legacyBackup.getClusterRestoreJob(p);

    expect(job).toEqual(okExample());
    const check = validateBackupRestoreJob(job);
    expect(check).toEqual({ valid: true, value: job });

    // What the server answered (headers declared by the spec).
    expect(wire).toHaveLength(1);
    expect(wire[0]?.status).toBe(200);
    expect(wire[0]?.headers["content-type"]).toBe(
      "application/vnd.atlas.2023-01-01+json",
    );
    expect(wire[0]?.headers["ratelimit-limit"]).toBe(String(server.rateLimit));
    expect(wire[0]?.headers["ratelimit-remaining"]).toBe(
      String(server.rateLimit - 1),
    );

    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe("GET");
    expect(req?.path).toBe(expectedPath(p));
    expect(req?.url).toBe(expectedPath(p)); // no "?" at all
    expect(req?.rawQuery).toBeNull();
    expect(req?.params).toEqual(p);
    expect(req?.headers["accept"]).toBe(
      "application/vnd.atlas.2023-01-01+json",
    );
    expect(req?.headers["authorization"]).toBe(`Bearer ${server.token}`);
    expect(req?.headers["user-agent"]).toBe("apigen (MongoDB Atlas Administration API Return One Legacy Backup Restore Job 2.0)");
  });

  test("pretty: true is sent as ?pretty=true and the (indented) answer still parses to the example", async () => {
    const p = ids();
    const job = await makeClient().legacyBackup.getClusterRestoreJob({
      ...p,
      pretty: true,
    });

    expect(job).toEqual(okExample());
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe(expectedPath(p));
    expect(server.requests[0]?.rawQuery).toBe("pretty=true");
    expect(server.requests[0]?.query).toEqual({ pretty: ["true"] });
  });

  test("userAgent option replaces the default User-Agent", async () => {
    await makeClient({
      userAgent: "my-tool/1.2",
    }).legacyBackup.getClusterRestoreJob(ids());
    expect(server.requests[0]?.headers["user-agent"]).toBe("my-tool/1.2");
  });
});

// ---------------------------------------------------------------- versioning

describe("getClusterRestoreJob: API version negotiation", () => {
  test('apiVersion "2025-03-12" (the docs\' date) still sends the newest declared version, 2023-01-01', async () => {
    const job = await makeClient({
      apiVersion: "2025-03-12",
    }).legacyBackup.getClusterRestoreJob(ids());
    expect(job).toEqual(okExample());
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers["accept"]).toBe(
      "application/vnd.atlas.2023-01-01+json",
    );
  });

  test('apiVersion "2020-01-01" (before every declared version) fails before any request is sent', async () => {
    const err = await rejectionOf(
      makeClient({
        apiVersion: "2020-01-01",
      }).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as Error).message).toMatch(/2020-01-01/);
    expect((err as Error).message).toMatch(/2023-01-01/);
    expect(server.requests).toHaveLength(0);
  });

  test('a malformed apiVersion ("2025-3-12") is refused by createClient', () => {
    expect(() => makeClient({ apiVersion: "2025-3-12" })).toThrow(TypeError);
  });

  test("an Accept header the server cannot serve gets HTTP 406 (server negotiation is real)", async () => {
    const client = makeClient({ headers: { Accept: "application/json" } });
    const err = await rejectionOf(
      client.legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(406);
    expect(server.requests[0]?.headers["accept"]).toBe("application/json");
  });
});

// ---------------------------------------------------------------- error statuses

describe("getClusterRestoreJob: documented error statuses", () => {
  test.each([400, 401, 403, 404, 429, 500])(
    "HTTP %i → ApiError with the spec example's status, errorCode, reason, detail and the response headers",
    async (status) => {
      const p = ids();
      server.scenarios.set(p.jobId, { status, retryAfter: 7 });
      const example = server.spec.example(status) as Obj;

      // retry: false — a 429 would otherwise be retried after its Retry-After (see runtime-retry tests)
      const err = await rejectionOf(
        makeClient({ retry: false }).legacyBackup.getClusterRestoreJob(p),
      );

      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e.name).toBe("ApiError");
      expect(e.operationId).toBe("getClusterRestoreJob");
      expect(e.status).toBe(status);
      expect(e.errorCode).toBe(example["errorCode"]);
      expect(e.reason).toBe(example["reason"]);
      expect(e.detail).toBe(example["detail"]);
      expect(e.body).toEqual(example);
      expect(e.message).toContain(String(status));
      expect(e.message).toContain(example["errorCode"] as string);

      expect(e.headers["content-type"]).toBe("application/json");
      expect(e.headers["ratelimit-limit"]).toBe(String(server.rateLimit));
      expect(e.headers["ratelimit-remaining"]).toBe(
        String(server.rateLimit - 1),
      );
      if (status === 429) expect(e.headers["retry-after"]).toBe("7");
      else expect(e.headers["retry-after"]).toBeUndefined();
      expect(server.requests).toHaveLength(1);
    },
  );

  test("a wrong bearer token is rejected by the server with the spec's 401 example", async () => {
    const client = makeClient({
      auth: { type: "bearer", token: "not-the-right-token" },
    });
    const err = await rejectionOf(
      client.legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).body).toEqual(server.spec.example(401));
    expect(server.requests[0]?.headers["authorization"]).toBe(
      "Bearer not-the-right-token",
    );
  });

  test("without auth no Authorization header is sent and the server answers 401", async () => {
    const client = createClient({ baseUrl: server.baseUrl });
    const err = await rejectionOf(
      client.legacyBackup.getClusterRestoreJob(ids()),
    );
    expect((err as ApiError).status).toBe(401);
    expect(server.requests[0]?.headers["authorization"]).toBeUndefined();
  });
});

// ---------------------------------------------------------------- response validation

describe("getClusterRestoreJob: response validation", () => {
  test('the docs page\'s own 200 example (masterKeyUUID "string", format uuid) → ResponseValidationError at /masterKeyUUID', async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { body: DOCS_PAGE_200_EXAMPLE });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ResponseValidationError);
    const e = err as ResponseValidationError;
    expect(e.status).toBe(200);
    expect(e.issues).toEqual([
      {
        path: "/masterKeyUUID",
        keyword: "format",
        message: expect.stringMatching(/uuid/),
      },
    ]);
    expect(e.body).toEqual(DOCS_PAGE_200_EXAMPLE);
    expect(e.message).toContain("/masterKeyUUID");
  });

  test("a 200 without the required `delivery` → ResponseValidationError naming delivery", async () => {
    const p = ids();
    const body = okExample();
    delete body["delivery"];
    server.scenarios.set(p.jobId, { body });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ResponseValidationError);
    const e = err as ResponseValidationError;
    // A "required" failure is located at the object that lacks the property
    // (JSON Schema / Ajv convention), so its path is the root "" and the
    // missing name is in the message.
    expect(e.issues).toEqual([
      {
        path: "",
        keyword: "required",
        message: expect.stringContaining('"delivery"'),
      },
    ]);
    expect(e.body).toEqual(body);
  });

  test("nested breaks are reported together, each with a JSON-pointer path", async () => {
    const p = ids();
    const body = okExample();
    const delivery = body["delivery"] as Obj;
    delete delivery["methodName"];
    delivery["expires"] = "tomorrow";
    ((((body["hashes"] as Obj[])[0] as Obj)["links"] as Obj[])[0] as Obj)[
      "href"
    ] = 42;
    (body["timestamp"] as Obj)["increment"] = 5;
    body["masterKeyUUID"] = "string";
    server.scenarios.set(p.jobId, { body });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ResponseValidationError);
    const e = err as ResponseValidationError;
    const found = e.issues.map((i) => `${i.path} ${i.keyword}`).sort();
    expect(found).toEqual(
      [
        "/delivery required",
        "/delivery/expires format",
        "/hashes/0/links/0/href type",
        "/masterKeyUUID format",
        "/timestamp/increment minimum",
      ].sort(),
    );
    expect(e.body).toEqual(body);
  });

  test("a 200 whose body is not JSON → ResponseValidationError whose body is the raw text", async () => {
    const p = ids();
    const raw = '{"id": "6577f2a3c4e8d91b2f0a7e15", "delivery": {';
    server.scenarios.set(p.jobId, { rawBody: raw });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ResponseValidationError);
    const e = err as ResponseValidationError;
    expect(e.body).toBe(raw);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: "", keyword: "json" });
  });
});

// ---------------------------------------------------------------- request validation

describe("getClusterRestoreJob: invalid parameters never reach the server", () => {
  const cases: [
    string,
    Partial<Record<keyof GetClusterRestoreJobParams, unknown>>,
    string,
    string,
  ][] = [
    ['groupId "not-hex"', { groupId: "not-hex" }, "/groupId", "pattern"],
    ["jobId too short", { jobId: "6577f2a3c4e8" }, "/jobId", "pattern"],
    [
      'clusterName "../../admin" (path traversal)',
      { clusterName: "../../admin" },
      "/clusterName",
      "pattern",
    ],
    [
      'clusterName "-leading-dash"',
      { clusterName: "-leading-dash" },
      "/clusterName",
      "pattern",
    ],
    [
      'pretty "yes" (wrong type, via a cast)',
      { pretty: "yes" },
      "/pretty",
      "type",
    ],
    [
      "envelope 1 (wrong type, via a cast)",
      { envelope: 1 },
      "/envelope",
      "type",
    ],
  ];

  test.each(cases)(
    "%s → RequestValidationError, nothing sent",
    async (_name, bad, path, keyword) => {
      const params = { ...ids(), ...bad } as GetClusterRestoreJobParams;

      const err = await rejectionOf(
        makeClient().legacyBackup.getClusterRestoreJob(params),
      );

      expect(err).toBeInstanceOf(RequestValidationError);
      const e = err as RequestValidationError;
      expect(e.operationId).toBe("getClusterRestoreJob");
      expect(e.issues).toEqual([
        { path, keyword, message: expect.any(String) },
      ]);
      expect(e.message).toContain(path);
      expect(server.requests).toHaveLength(0);
    },
  );

  test("two bad parameters give two issues, a missing one a third; nothing sent", async () => {
    const { clusterName } = ids();
    const params = {
      groupId: "not-hex",
      clusterName,
      pretty: "yes",
    } as unknown as GetClusterRestoreJobParams;

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(params),
    );

    expect(err).toBeInstanceOf(RequestValidationError);
    const e = err as RequestValidationError;
    expect(e.issues.map((i) => `${i.path} ${i.keyword}`).sort()).toEqual(
      ["/groupId pattern", "/pretty type", " required"].sort(),
    );
    expect(e.issues.find((i) => i.keyword === "required")?.message).toContain(
      '"jobId"',
    );
    expect(server.requests).toHaveLength(0);

    // The log works: a valid call afterwards is the only request the server saw.
    await makeClient().legacyBackup.getClusterRestoreJob(ids());
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe(expectedPath(ids()));
  });
});

// ---------------------------------------------------------------- envelope

describe("getClusterRestoreJob: envelope=true", () => {
  test("the server wraps the answer as { status: 200, content }; the client unwraps and returns the job", async () => {
    const p = ids();
    const { fetch: recordingFetch, wire } = wireRecorder();

    const job = await makeClient({
      fetch: recordingFetch,
    }).legacyBackup.getClusterRestoreJob({ ...p, envelope: true });

    expect(job).toEqual(okExample());
    expect(server.requests[0]?.rawQuery).toBe("envelope=true");
    expect(wire).toHaveLength(1);
    expect(wire[0]?.status).toBe(200);
    expect(JSON.parse(wire[0]?.text ?? "")).toEqual({
      status: 200,
      content: okExample(),
    });
  });

  test("an enveloped error (HTTP 200, { status: 404, content }) → ApiError 404 with the spec example", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 404 });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob({ ...p, envelope: true }),
    );

    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    const example = server.spec.example(404) as Obj;
    expect(e.status).toBe(404);
    expect(e.errorCode).toBe(example["errorCode"]);
    expect(e.detail).toBe(example["detail"]);
    expect(e.body).toEqual(example);
  });
});

// ---------------------------------------------------------------- timeouts and cancellation

describe("getClusterRestoreJob: timeouts and cancellation", () => {
  test("server answers after 2 s, timeoutMs 100 → TimeoutError well before the server answers", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    const started = performance.now();

    const err = await rejectionOf(
      makeClient({ timeoutMs: 100 }).legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(100);
    expect((err as TimeoutError).operationId).toBe("getClusterRestoreJob");
    expect(performance.now() - started).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  test("headers at once but the body after 2 s → TimeoutError (the deadline covers reading the body)", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { bodyDelayMs: 2000 });
    const started = performance.now();

    const err = await rejectionOf(
      makeClient({ timeoutMs: 100 }).legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test("a per-call timeoutMs overrides the client's", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { delayMs: 2000 });

    const err = await rejectionOf(
      makeClient({ timeoutMs: 60_000 }).legacyBackup.getClusterRestoreJob(p, {
        timeoutMs: 100,
      }),
    );

    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(100);
  });

  test("the caller's AbortController aborts an in-flight request: rejects with AbortError, not TimeoutError", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    const controller = new AbortController();
    const started = performance.now();

    const call = rejectionOf(
      makeClient({ timeoutMs: 60_000 }).legacyBackup.getClusterRestoreJob(p, {
        signal: controller.signal,
      }),
    );
    await server.nextRequest(); // the request is on the server
    controller.abort();
    const err = await call;

    expect(err).not.toBeInstanceOf(TimeoutError);
    expect((err as Error).name).toBe("AbortError");
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test("abort(reason) rejects with that reason; an already aborted signal sends nothing", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    const reason = new Error("user navigated away");
    const controller = new AbortController();

    const call = rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p, {
        signal: controller.signal,
      }),
    );
    await server.nextRequest();
    controller.abort(reason);
    expect(await call).toBe(reason);

    server.reset();
    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p, {
        signal: AbortSignal.abort(),
      }),
    );
    expect((err as Error).name).toBe("AbortError");
    expect(server.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- secrets and auth

describe("getClusterRestoreJob: credentials", () => {
  test("the bearer token never appears in ApiError, ResponseValidationError, TimeoutError or RequestValidationError", async () => {
    const p = ids();
    const client = makeClient({ timeoutMs: 100 });
    const errors: unknown[] = [];

    server.scenarios.set(p.jobId, { status: 403 });
    errors.push(await rejectionOf(client.legacyBackup.getClusterRestoreJob(p)));
    server.scenarios.set(p.jobId, { body: DOCS_PAGE_200_EXAMPLE });
    errors.push(await rejectionOf(client.legacyBackup.getClusterRestoreJob(p)));
    server.scenarios.set(p.jobId, { delayMs: 2000 });
    errors.push(await rejectionOf(client.legacyBackup.getClusterRestoreJob(p)));
    errors.push(
      await rejectionOf(
        client.legacyBackup.getClusterRestoreJob({ ...p, groupId: "not-hex" }),
      ),
    );

    expect(errors[0]).toBeInstanceOf(ApiError);
    expect(errors[1]).toBeInstanceOf(ResponseValidationError);
    expect(errors[2]).toBeInstanceOf(TimeoutError);
    expect(errors[3]).toBeInstanceOf(RequestValidationError);
    // The server did receive the token, so it was really in play.
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual([
      `Bearer ${server.token}`,
      `Bearer ${server.token}`,
      `Bearer ${server.token}`,
    ]);
    for (const err of errors) {
      for (const text of renderings(err))
        expect(text).not.toContain(server.token);
    }
  });

  test("a rejected (wrong) token does not leak into the 401 ApiError either", async () => {
    const wrong = "wrong-secret-5d1c0e9b";
    const err = await rejectionOf(
      makeClient({
        auth: { type: "bearer", token: wrong },
      }).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect((err as ApiError).status).toBe(401);
    for (const text of renderings(err)) expect(text).not.toContain(wrong);
  });

  test("a bearer token given as an async function is called once per request", async () => {
    const issued: string[] = [];
    const token = async (): Promise<string> => {
      await Promise.resolve();
      const next = `rotating-token-${issued.length + 1}`;
      issued.push(next);
      server.tokens.add(next);
      return next;
    };
    const client = makeClient({ auth: { type: "bearer", token } });

    for (let i = 0; i < 3; i++)
      expect(await client.legacyBackup.getClusterRestoreJob(ids())).toEqual(
        okExample(),
      );

    expect(issued).toEqual([
      "rotating-token-1",
      "rotating-token-2",
      "rotating-token-3",
    ]);
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual(
      issued.map((t) => `Bearer ${t}`),
    );
  });

  test("a token containing CR/LF is refused before sending, without echoing it", async () => {
    const evil = "secret-9e8d\r\nX-Injected: 1";
    const err = await rejectionOf(
      makeClient({
        auth: { type: "bearer", token: evil },
      }).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(TypeError);
    for (const text of renderings(err))
      expect(text).not.toContain("secret-9e8d");
    expect(server.requests).toHaveLength(0);
  });

  test("a token function that never settles is covered by timeoutMs", async () => {
    const token = (): Promise<string> => new Promise<string>(() => {});
    const err = await rejectionOf(
      makeClient({
        auth: { type: "bearer", token },
        timeoutMs: 100,
      }).legacyBackup.getClusterRestoreJob(ids()),
    );
    expect(err).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(0);
  });

  test("a redirect to another origin is not followed with the token attached", async () => {
    const p = ids();
    // Same server, other origin (host "localhost" instead of "127.0.0.1"):
    // if the client followed, the server would log a second request.
    const elsewhere = server.baseUrl.replace("127.0.0.1", "localhost");
    server.scenarios.set(p.jobId, {
      status: 302,
      body: {},
      headers: { Location: `${elsewhere}${expectedPath(p)}` },
    });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/redirect/);
    for (const text of renderings(err))
      expect(text).not.toContain(server.token);
    expect(server.requests).toHaveLength(1);
  });

  test("a same-origin redirect is followed and re-authenticated", async () => {
    const p = ids();
    const moved = { ...p, jobId: "6577f2a3c4e8d91b2f0a7e99" };
    server.scenarios.set(p.jobId, {
      status: 307,
      body: {},
      headers: { Location: expectedPath(moved) },
    });

    const job = await makeClient().legacyBackup.getClusterRestoreJob(p);

    expect(job).toEqual(okExample());
    expect(server.requests.map((r) => r.path)).toEqual([
      expectedPath(p),
      expectedPath(moved),
    ]);
    expect(server.requests[1]?.headers["authorization"]).toBe(
      `Bearer ${server.token}`,
    );
  });

  test("an invalid request does not call the token function", async () => {
    const token = jest.fn(async () => server.token);
    const client = makeClient({ auth: { type: "bearer", token } });
    await rejectionOf(
      client.legacyBackup.getClusterRestoreJob({ ...ids(), jobId: "short" }),
    );
    expect(token).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- edge cases found in review

describe("getClusterRestoreJob: edge cases", () => {
  // `{ pretty: undefined }` is type-correct for every caller compiled without
  // exactOptionalPropertyTypes (the TypeScript default): it means "not given".
  test("an optional parameter explicitly set to undefined is treated as absent", async () => {
    const params = {
      ...ids(),
      pretty: undefined,
    } as unknown as GetClusterRestoreJobParams;

    const job = await makeClient().legacyBackup.getClusterRestoreJob(params);

    expect(job).toEqual(okExample());
    expect(server.requests[0]?.rawQuery).toBeNull();
  });

  // Only 200 is documented: any other 2xx body would be returned untyped-but-typed.
  test("an undocumented 2xx status is a ResponseValidationError, not a BackupRestoreJob", async () => {
    const p = ids();
    server.scenarios.set(p.jobId, { status: 201, body: { hello: "world" } });

    const err = await rejectionOf(
      makeClient().legacyBackup.getClusterRestoreJob(p),
    );

    expect(err).toBeInstanceOf(ResponseValidationError);
    expect((err as ResponseValidationError).issues[0]?.keyword).toBe("status");
  });
});
