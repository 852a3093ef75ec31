// The generated cli.ts, run as a real process (compiled with tsc the way the README says) against servers on
// 127.0.0.1: help texts, exit codes 0/1/2, flags checked by the generated validators before anything is sent,
// credentials from the environment only, and no secret printed even when the server echoes it.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../generator/api";
import { startAtlasServer, type AtlasServer } from "./e2e/atlas-server";
import { ROOT, tempDir, toYaml } from "./helpers";
import { closeServers, json, serve } from "./runtime-harness";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** Generates a spec and compiles its cli.ts as the README says: tsc with nodenext, then node. */
async function buildCli(spec: string, dir: ReturnType<typeof tempDir>): Promise<string> {
  const out = join(dir.path, "client");
  const result = await generate({ spec, out, cache: false, outputs: ["sdk", "cli"] });
  expect(result.errors).toEqual([]);
  const built = join(dir.path, "cli-build");
  const tsc = spawnSync(process.execPath, [TSC, "--outDir", built, "--module", "nodenext", "--target", "es2022", "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types"), "--skipLibCheck", "--strict", join(out, "cli.ts")], { encoding: "utf8" });
  expect(tsc.stdout + tsc.stderr).toBe("");
  return join(built, "cli.js");
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(cli: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // Only what the test gives: no credentials leak in from the developer's environment.
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env["PATH"] ?? "", ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

const JOB = { groupId: "5f1e2d3c4b5a697887766554", clusterName: "Cluster0", jobId: "0123456789abcdef01234567" };
const JOB_FLAGS = ["--groupId", JOB.groupId, "--clusterName", JOB.clusterName, "--jobId", JOB.jobId];

describe("the restore-job spec's CLI", () => {
  const dir = tempDir("apigen-cli-");
  let cli = "";
  let server: AtlasServer;
  const secret = "sa-secret-do-not-print-91b2";
  const privateKey = "digest-private-do-not-print-77aa";
  beforeAll(async () => {
    cli = await buildCli(join(ROOT, "spec", "atlas-restore-job.yaml"), dir);
    server = await startAtlasServer({ serviceAccounts: [{ clientId: "sa-id", clientSecret: secret }], apiKeys: [{ publicKey: "pub-key", privateKey }] });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    dir.cleanup();
  });
  beforeEach(() => server.reset());
  const base = () => ({ MONGODB_ATLAS_BASE_URL: server.baseUrl });

  it("--help lists the tags and the MONGODB_ATLAS_ variables; a tag's help its operations", async () => {
    const main = await runCli(cli, ["--help"]);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain("legacyBackup");
    expect(main.stdout).toContain("MONGODB_ATLAS_CLIENT_ID");
    expect(main.stdout).toContain("MONGODB_ATLAS_PRIVATE_API_KEY");
    const tag = await runCli(cli, ["legacyBackup", "--help"]);
    expect(tag.code).toBe(0);
    expect(tag.stdout).toMatch(/getClusterRestoreJob\s+Return One Legacy Backup Restore Job \(deprecated\)/);
  });

  it("an operation's help lists every parameter as a flag with type, required, pattern, default, versions, deprecation", async () => {
    const help = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", "--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--groupId", "--clusterName", "--jobId", "--envelope", "--pretty", "--version"]) expect(help.stdout).toContain(flag);
    expect(help.stdout).toMatch(/--groupId\s+string, required \(path\)/);
    expect(help.stdout).toContain("pattern: ^([a-f0-9]{24})$");
    expect(help.stdout).toMatch(/--envelope\s+boolean, optional \(query\)[\s\S]*default: false/);
    expect(help.stdout).toContain("2023-01-01");
    expect(help.stdout).toContain("DEPRECATED");
    // Lifecycle facts from the spec's extensions: x-rolesRequirements and the media type's x-xgen-version.
    expect(help.stdout).toContain("Required roles (any one): Project Read Only");
    expect(help.stdout).toContain("API versions: 2023-01-01");
  });

  it("a bearer token from the environment: exit 0, JSON on stdout, the token never printed", async () => {
    const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("id");
    expect(server.apiRequests[0]?.headers["authorization"]).toBe(`Bearer ${server.token}`);
    expect(server.tokenRequests).toHaveLength(0);
    expect(run.stdout).not.toContain(server.token);
  });

  it("rejected credentials: exit 1 and no secret printed, for a service account and for a Digest key pair", async () => {
    const wrongSecret = "sa-wrong-secret-do-not-print-3f3f";
    const oauth = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_CLIENT_ID: "sa-id", MONGODB_ATLAS_CLIENT_SECRET: wrongSecret });
    expect(oauth.code).toBe(1);
    expect(oauth.stderr).toMatch(/^error: /);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.apiRequests).toHaveLength(0);
    const wrongKey = "digest-wrong-do-not-print-9e9e";
    const digest = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_PUBLIC_API_KEY: "pub-key", MONGODB_ATLAS_PRIVATE_API_KEY: wrongKey });
    expect(digest.code).toBe(1);
    expect(digest.stderr).toContain("401");
    for (const run of [oauth, digest]) {
      for (const secret of [wrongSecret, wrongKey, encodeURIComponent(wrongSecret)]) expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it("a service account from the environment: exit 0, JSON on stdout", async () => {
    const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS, "--version", "2023-01-01"], { ...base(), MONGODB_ATLAS_CLIENT_ID: "sa-id", MONGODB_ATLAS_CLIENT_SECRET: secret });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("id");
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.apiRequests[0]?.headers["accept"]).toBe("application/vnd.atlas.2023-01-01+json");
  });

  it("a Digest key pair from the environment: exit 0", async () => {
    const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_PUBLIC_API_KEY: "pub-key", MONGODB_ATLAS_PRIVATE_API_KEY: privateKey });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(server.digestVerdicts.map((v) => v.verdict)).toContain("ok");
    expect(run.stdout + run.stderr).not.toContain(privateKey);
  });

  it("an API error: exit 1, the error body on stderr, the echoed token masked", async () => {
    server.scenarios.set(JOB.jobId, { status: 404, echoAuthorization: true });
    const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HTTP 404");
    expect(server.apiRequests).toHaveLength(1);
    expect(server.apiRequests[0]?.headers["authorization"]).toBe(`Bearer ${server.token}`);
    expect(run.stdout + run.stderr).not.toContain(server.token);
  });

  it("a network error (nothing listening): exit 1", async () => {
    const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { MONGODB_ATLAS_BASE_URL: "http://127.0.0.1:1", MONGODB_ATLAS_ACCESS_TOKEN: "t" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: /);
  });

  it("usage errors exit 2 and name the flag; the validator refuses before anything is sent", async () => {
    const env = { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token };
    const missing = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", "--groupId", JOB.groupId, "--clusterName", "c"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--jobId is required");
    const badPattern = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS.slice(0, 4), "--jobId", "not-hex"], env);
    expect(badPattern.code).toBe(2);
    expect(badPattern.stderr).toMatch(/^usage error: --jobId: /);
    const unknown = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS, "--bogus", "1"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--bogus");
    const badVersion = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS, "--version", "yesterday"], env);
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain("--version");
    expect((await runCli(cli, ["noSuchTag"], env)).code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it("no credentials, or half a pair, is a usage error naming the variables; nothing is sent", async () => {
    const none = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], base());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^usage error: no credentials set: getClusterRestoreJob needs one of: MONGODB_ATLAS_CLIENT_ID \+ MONGODB_ATLAS_CLIENT_SECRET — service account/);
    expect(none.stderr).toContain("MONGODB_ATLAS_ACCESS_TOKEN");
    const half = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_PUBLIC_API_KEY: "pub-key" });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("MONGODB_ATLAS_PRIVATE_API_KEY is not set (MONGODB_ATLAS_PUBLIC_API_KEY is)");
    // Half a pair is refused even when another credential is complete: the user meant one of them.
    const mixed = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token, MONGODB_ATLAS_CLIENT_SECRET: secret });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("MONGODB_ATLAS_CLIENT_ID is not set (MONGODB_ATLAS_CLIENT_SECRET is)");
    expect(mixed.stdout + mixed.stderr).not.toContain(secret);
    expect(server.requests).toHaveLength(0);
  });

  it("a base URL that is not http(s) is a usage error naming MONGODB_ATLAS_BASE_URL, without its text", async () => {
    for (const url of ["ftp://user:pw-do-not-print@x", "not a url pw-do-not-print"]) {
      const run = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS], { MONGODB_ATLAS_BASE_URL: url, MONGODB_ATLAS_ACCESS_TOKEN: "token-do-not-print-4d4d" });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^usage error: MONGODB_ATLAS_BASE_URL (must be an http\(s\) URL, not ftp: |is not a URL: )/);
      expect(run.stderr).not.toContain("pw-do-not-print");
      expect(run.stderr).not.toContain("TypeError");
    }
  });

  it("a mistyped flag, tag or operation gets the nearest name and where the list is", async () => {
    const env = { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token };
    const flag = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS.slice(0, 4), "--jobid", JOB.jobId], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^usage error: unknown flag --jobid; did you mean --jobId\? `node \S*cli\.js legacyBackup getClusterRestoreJob --help` lists the flags\n$/);
    const noValue = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS, "--version"], env);
    expect(noValue.stderr).toMatch(/^usage error: --version needs a value; `node \S*cli\.js legacyBackup getClusterRestoreJob --help` lists the flags/);
    const tag = await runCli(cli, ["legacyBakup", "getClusterRestoreJob"], env);
    expect(tag.code).toBe(2);
    expect(tag.stderr).toMatch(/^usage error: unknown tag "legacyBakup"; did you mean legacyBackup\? `node \S*cli\.js --help` lists the tags/);
    const operation = await runCli(cli, ["legacyBackup", "getClusterRestorJob"], env);
    expect(operation.stderr).toContain("did you mean getClusterRestoreJob?");
    const far = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", ...JOB_FLAGS, "--zzzzzz", "1"], env);
    expect(far.stderr).toMatch(/^usage error: unknown flag --zzzzzz; `node /);
    expect(server.requests).toHaveLength(0);
  });

  it("the docs page's CLI example runs as written (its values pass the patterns) against a server", async () => {
    const page = readFileSync(join(ROOT, "generated", "atlas-restore-job", "docs", "getClusterRestoreJob.md"), "utf8");
    const line = /^node \.cli\/cli\.js (.*)$/m.exec(page)?.[1] as string;
    expect(line).toMatch(/^legacyBackup getClusterRestoreJob --groupId /);
    const run = await runCli(cli, line.split(" "), { ...base(), MONGODB_ATLAS_ACCESS_TOKEN: server.token });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(server.apiRequests).toHaveLength(1);
  });

  it("an operation's help indents the description evenly: no line of only spaces", async () => {
    const help = await runCli(cli, ["legacyBackup", "getClusterRestoreJob", "--help"]);
    expect(help.stdout).toContain("\n  Returns one legacy backup restore job for one cluster in the specified project.\n\n  Effective 23 March 2020,");
    expect(help.stdout).not.toMatch(/^ +$/m);
    // Spec Markdown as a terminal shows it: the in-page link's words, no ** markers.
    expect(help.stdout).toContain("      Unique 24-hexadecimal digit string that identifies your project. Use the /groups endpoint to retrieve");
    expect(help.stdout).not.toContain("](#tag/");
    expect(help.stdout).toMatch(/^Usage: node \S*cli\.js legacyBackup getClusterRestoreJob \[flags\]$/m);
  });
});

describe("a multi-tag spec's CLI: typed flags, --file -, an API key", () => {
  const dir = tempDir("apigen-cli-multi-");
  let cli = "";
  const key = "key-do-not-print-5c5c";
  const spec = {
    openapi: "3.0.3",
    info: { title: "Pet Store API", version: "1" },
    servers: [{ url: "https://pets.invalid" }],
    security: [{ ApiKey: [] }],
    tags: [{ name: "stores", description: `Stores. ${"A long second sentence that top-level help leaves out. ".repeat(10)}` }, { name: "pets", description: "Pets | and <b>tables</b>" }],
    components: { securitySchemes: { ApiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } } },
    paths: {
      "/pets": {
        get: {
          operationId: "listPets", tags: ["pets"], summary: "List pets",
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50 } },
            { name: "kind", in: "query", schema: { type: "array", items: { type: "string", enum: ["cat", "dog"] } } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { type: "object" } } } } } },
        },
        post: {
          operationId: "createPet", tags: ["pets"], summary: "Create a pet",
          requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" } } } } } },
          responses: { "201": { description: "made", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/ping": {
        get: {
          operationId: "ping", tags: ["stores"], summary: "No credentials needed", security: [],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
      "/stores/{storeId}": {
        get: {
          operationId: "getStore", tags: ["stores"], summary: "One store",
          parameters: [{ name: "storeId", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
  };
  beforeAll(async () => {
    cli = await buildCli(dir.write("pets.yaml", toYaml(spec)), dir);
  }, 120_000);
  afterAll(async () => {
    await closeServers();
    dir.cleanup();
  });

  it("the default prefix comes from the title: PET_STORE; --help lists both tags", async () => {
    const help = await runCli(cli, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/pets\s+Pets \| and <b>tables<\/b>/);
    expect(help.stdout).toContain("stores");
    expect(help.stdout).toContain("PET_STORE_API_KEY");
  });

  it("top-level help: tags sorted, each with its description's first sentence only", async () => {
    const help = await runCli(cli, ["--help"]);
    const tags = help.stdout.split("Tags:\n")[1]?.split("\n\n")[0]?.split("\n") ?? [];
    expect(tags.map((l) => l.trim().split(/\s+/)[0])).toEqual(["pets", "stores"]);
    expect(tags[1]).toMatch(/^ {2}stores\s+Stores\.$/);
  });

  it("an operation with `security: []` runs without credentials; one that needs them refuses to", async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }));
    const open = await runCli(cli, ["stores", "ping"], { PET_STORE_BASE_URL: server.url });
    expect(open.stderr).toBe("");
    expect(open.code).toBe(0);
    expect(JSON.parse(open.stdout)).toEqual({ ok: true });
    const closed = await runCli(cli, ["stores", "getStore", "--storeId", "7"], { PET_STORE_BASE_URL: server.url });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toBe("usage error: no credentials set: getStore needs one of: PET_STORE_API_KEY — API key\n");
    expect(server.requests).toHaveLength(1);
  });

  it("flags are parsed to the parameter's type and an array flag repeats", async () => {
    const server = await serve((_req, res) => json(res, 200, [{ name: "Rex" }]));
    const run = await runCli(cli, ["pets", "listPets", "--limit", "5", "--kind", "cat", "--kind", "dog"], { PET_STORE_BASE_URL: server.url, PET_STORE_API_KEY: key });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{ name: "Rex" }]);
    expect(server.requests[0]?.url).toBe("/pets?kind=cat&kind=dog&limit=5");
    expect(server.requests[0]?.headers["x-api-key"]).toBe(key);
  });

  it("a flag that is not its type, or out of range, is a usage error naming it; nothing is sent", async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const env = { PET_STORE_BASE_URL: server.url, PET_STORE_API_KEY: key };
    const notInt = await runCli(cli, ["stores", "getStore", "--storeId", "abc"], env);
    expect(notInt.code).toBe(2);
    expect(notInt.stderr).toContain("--storeId");
    const tooBig = await runCli(cli, ["pets", "listPets", "--limit", "500"], env);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/^usage error: --limit: /);
    const badEnum = await runCli(cli, ["pets", "listPets", "--kind", "fish"], env);
    expect(badEnum.code).toBe(2);
    expect(badEnum.stderr).toContain("--kind");
    const badBody = await runCli(cli, ["pets", "createPet", "--file", "-"], env, JSON.stringify({ nickname: "x" }));
    expect(badBody.code).toBe(2);
    expect(badBody.stderr).toContain("--file");
    expect(server.requests).toHaveLength(0);
  });

  it("--file - sends the body read from stdin; the key is masked when the server echoes it", async () => {
    const server = await serve((req, res) => json(res, 201, { got: JSON.parse(req.body) as unknown, echoed: req.headers["x-api-key"] }));
    const run = await runCli(cli, ["pets", "createPet", "--file", "-"], { PET_STORE_BASE_URL: server.url, PET_STORE_API_KEY: key }, JSON.stringify({ name: "Tom" }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ got: { name: "Tom" }, echoed: "***" });
    expect(run.stdout).not.toContain(key);
  });

  it("--file with a path", async () => {
    const server = await serve((req, res) => json(res, 201, JSON.parse(req.body) as unknown));
    const body = dir.write("body.json", JSON.stringify({ name: "Felix" }));
    const run = await runCli(cli, ["pets", "createPet", "--file", body], { PET_STORE_BASE_URL: server.url, PET_STORE_API_KEY: key });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ name: "Felix" });
  });
});

describe("a CLI for text and binary answers: --output-file, never raw to the terminal; lifecycle facts in help", () => {
  const dir = tempDir("apigen-cli-raw-");
  let cli = "";
  const token = "raw-token-do-not-print-1a1a";
  const spec = {
    openapi: "3.0.3",
    info: { title: "Logs API", version: "1" },
    servers: [{ url: "https://logs.invalid" }],
    security: [{ Bearer: [] }],
    components: { securitySchemes: { Bearer: { type: "http", scheme: "bearer" } } },
    paths: {
      "/logs.gz": {
        get: {
          operationId: "downloadLogs", tags: ["logs"], summary: "Compressed logs", deprecated: true, "x-sunset": "2099-02-04",
          description: "Returns the logs. Please use the Export Logs endpoint instead.",
          "x-rolesRequirements": ["Project Owner", "Project Data Access Admin"],
          responses: { "200": { description: "ok", content: { "application/vnd.logs.2024-05-30+gzip": { schema: { type: "string", format: "binary" }, "x-xgen-version": "2024-05-30" } } } },
        },
      },
      "/logs.csv": {
        get: {
          operationId: "exportLogs", tags: ["logs"], summary: "Export Logs", "x-sunset": "2020-01-01",
          responses: { "200": { description: "ok", content: { "text/csv": { schema: { type: "string" } } } } },
        },
      },
    },
  };
  const bytes = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x1b, 0x5b, 0x32, 0x4a]); // gzip magic, a NUL, an ESC sequence
  beforeAll(async () => {
    cli = await buildCli(dir.write("logs.yaml", toYaml(spec)), dir);
  }, 120_000);
  afterAll(async () => {
    await closeServers();
    dir.cleanup();
  });

  it("a binary answer goes to --output-file byte for byte; without it, a usage error before anything is sent", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/vnd.logs.2024-05-30+gzip" });
      res.end(bytes);
    });
    const env = { LOGS_BASE_URL: server.url, LOGS_ACCESS_TOKEN: token };
    const target = join(dir.path, "logs.gz");
    const run = await runCli(cli, ["logs", "downloadLogs", "--output-file", target], env);
    expect(run.stderr).toBe(`wrote ${target}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(target)).toEqual(bytes);
    const sent = server.requests.length;
    const refused = await runCli(cli, ["logs", "downloadLogs"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--output-file is required");
    expect(refused.stdout).toBe("");
    expect(server.requests).toHaveLength(sent); // refused before sending
  });

  it("a text answer goes to --output-file as text", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.end("id,name\n1,a\n");
    });
    const target = join(dir.path, "logs.csv");
    const run = await runCli(cli, ["logs", "exportLogs", "--output-file", target], { LOGS_BASE_URL: server.url, LOGS_ACCESS_TOKEN: token });
    expect(run.code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe("id,name\n1,a\n");
    // Its x-sunset (2020-01-01) has passed: a warning on stderr at run time, the answer still written.
    expect(run.stderr).toBe(`warning: exportLogs passed its sunset date 2020-01-01; the API may remove it at any time.\nwrote ${target}\n`);
  });

  it("help shows deprecation with its sunset date and replacement, the roles and the x-xgen-version", async () => {
    const tag = await runCli(cli, ["logs", "--help"]);
    expect(tag.stdout).toMatch(/downloadLogs\s+Compressed logs \(deprecated, sunset 2099-02-04\)/);
    const help = await runCli(cli, ["logs", "downloadLogs", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("DEPRECATED: this operation is deprecated by the API and may be removed after 2099-02-04. Please use the Export Logs endpoint instead.");
    expect(help.stdout).toContain("Required roles (any one): Project Owner, Project Data Access Admin");
    expect(help.stdout).toContain("API versions: 2024-05-30");
    expect(help.stdout).toContain("--output-file");
  });
});
