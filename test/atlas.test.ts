// The whole Atlas Administration API spec (test/fixtures/large/atlas-admin-v2.yaml, 514 operations) through the same
// pipeline: the output compiles under the strict flags, and a few operations — one with a request body — work
// against a loopback server.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import ts from "typescript";
import { compileStrict, ROOT, tempDir } from "./helpers";

const ATLAS_SPEC = join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml");
const out = tempDir("apigen-atlas-");
const OUT = join(out.path, "atlas");
afterAll(() => out.cleanup());

const GROUP = { id: "32b6e34b3d91647abb20e7b8", name: "Project0", orgId: "5e4f8f1b3d91647abb20e7c1", clusterCount: 0, created: "2025-05-04T09:42:00Z", links: [] };

interface AtlasClient {
  projects: {
    listGroups(params: object): Promise<{ results?: unknown[]; totalCount?: number }>;
    createGroup(params: object): Promise<{ id?: string; name: string }>;
    getGroup(params: object): Promise<unknown>;
    listGroupsItems(params: object): AsyncIterable<{ id?: string }>;
  };
}
interface AtlasModule {
  createClient(options: object): AtlasClient;
  isApiError(error: unknown, match?: number | string): boolean;
  waitFor<T>(poll: (signal: AbortSignal) => Promise<T>, options: { until: (value: T) => boolean; intervalMs?: number }): Promise<T>;
}

beforeAll(() => {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", ATLAS_SPEC, "--out", OUT, "--quiet"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
}, 300_000);

/** The README's restore-job workflow (start, wait, list, errors), importing the client generated here. */
function readmeWorkflow(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.indexOf("### Workflows: pages, waiting for a state, errors");
  const start = readme.indexOf("```ts\n", section) + "```ts\n".length;
  const code = readme.slice(start, readme.indexOf("```", start));
  expect(section).toBeGreaterThan(0);
  expect(code).toContain('from "./generated/atlas/index.js"');
  return code.replace('from "./generated/atlas/index.js"', 'from "./atlas/index.js"');
}

test("the whole Atlas spec generates a client that compiles under the strict flags, and so does the README's workflow", () => {
  // .mts: an ES module wherever it sits, for the snippet's top-level await. One compile for both (Atlas is big).
  writeFileSync(join(out.path, "readme-workflow.mts"), readmeWorkflow());
  expect(compileStrict(out.path, { files: ["atlas/index.ts", "readme-workflow.mts"] })).toBe("");
  const types = readFileSync(join(OUT, "types.ts"), "utf8");
  // readOnly properties never appear in what is sent: Group's id and created are readOnly.
  const writable = /export type GroupWritable = \{([\s\S]*?)\n\};/.exec(types)?.[1] ?? "";
  expect(writable).toMatch(/\n {2}name: string;/);
  expect(writable).not.toMatch(/\n {2}(id|created|clusterCount)\??:/);
}, 300_000);

describe("calls against a loopback server", () => {
  let server: http.Server;
  let baseUrl: string;
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let client: AtlasClient;
  let generated: AtlasModule;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const type = { "content-type": "application/vnd.atlas.2023-01-01+json" };
        if (req.method === "GET" && req.url?.startsWith("/api/atlas/v2/groups?")) {
          res.writeHead(200, type).end(JSON.stringify({ results: [GROUP], totalCount: 1, links: [] }));
        } else if (req.method === "POST" && req.url === "/api/atlas/v2/groups") {
          res.writeHead(200, type).end(JSON.stringify({ ...GROUP, ...(JSON.parse(body) as object) }));
        } else if (req.method === "GET" && req.url === `/api/atlas/v2/groups/${GROUP.id}`) {
          res.writeHead(200, type).end(JSON.stringify({ ...GROUP, created: "not a date" }));
        } else res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: 404, errorCode: "RESOURCE_NOT_FOUND", reason: "Not Found" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Run the generated TypeScript as CommonJS: transpile each module next to the sources.
    writeFileSync(join(OUT, "package.json"), JSON.stringify({ type: "commonjs" }));
    for (const file of readdirSync(OUT).filter((f) => f.endsWith(".ts"))) {
      const js = ts.transpileModule(readFileSync(join(OUT, file), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
      writeFileSync(join(OUT, file.replace(/\.ts$/, ".js")), js.outputText);
    }
    generated = require(join(OUT, "index.js")) as AtlasModule;
    client = generated.createClient({ baseUrl, auth: { type: "bearer", token: "t0ken" }, retry: false });
  }, 120_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  test("GET with query parameters resolves the validated page", async () => {
    const page = await client.projects.listGroups({ itemsPerPage: 5, includeCount: true });
    expect(page.totalCount).toBe(1);
    expect(seen[0]?.url).toBe("/api/atlas/v2/groups?includeCount=true&itemsPerPage=5");
    expect(seen[0]?.headers["accept"]).toBe("application/vnd.atlas.2023-01-01+json");
  });

  test("POST sends the body as JSON in the operation's versioned media type", async () => {
    const group = await client.projects.createGroup({ body: { name: "Project0", orgId: GROUP.orgId } });
    expect(group.name).toBe("Project0");
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.headers["content-type"]).toBe("application/vnd.atlas.2023-01-01+json");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ name: "Project0", orgId: GROUP.orgId });
  });

  test("a response that breaks its schema is refused with a pointer to the field", async () => {
    await expect(client.projects.getGroup({ groupId: GROUP.id })).rejects.toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/created", keyword: "format" }] });
  });

  test("bad parameters are refused before anything is sent", async () => {
    await expect(client.projects.getGroup({ groupId: "../admin" })).rejects.toMatchObject({ name: "RequestValidationError" });
    expect(seen).toHaveLength(0);
  });

  test("a paginated list operation iterates its items (pageNum, itemsPerPage, results, totalCount)", async () => {
    const groups: { id?: string }[] = [];
    for await (const group of client.projects.listGroupsItems({ itemsPerPage: 5 })) groups.push(group);
    expect(groups).toEqual([GROUP]);
    expect(seen.map((r) => r.url)).toEqual(["/api/atlas/v2/groups?itemsPerPage=5"]); // totalCount 1 reached: no second page
  });

  test("isApiError narrows by status and errorCode; waitFor polls a generated operation", async () => {
    const err = await client.projects.getGroup({ groupId: "0123456789abcdef01234567" }).catch((e: unknown) => e);
    expect(generated.isApiError(err, 404)).toBe(true);
    expect(generated.isApiError(err, "RESOURCE_NOT_FOUND")).toBe(true);
    expect(generated.isApiError(err, 500)).toBe(false);
    let polls = 0;
    const page = await generated.waitFor(async () => {
      polls += 1;
      return client.projects.listGroups({ itemsPerPage: polls });
    }, { until: (p) => (p as { totalCount?: number }).totalCount === 1 && polls >= 2, intervalMs: 1 });
    expect((page as { results?: unknown[] }).results).toEqual([GROUP]);
    expect(polls).toBe(2);
  });
});
