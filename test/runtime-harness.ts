// Shared by the runtime tests: the runtime template itself, transpiled to CommonJS into a temporary folder and
// loaded, and real HTTP servers on 127.0.0.1 (no fetch mocks) that record what they receive.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ts from "typescript";

const VALIDATORS_STUB = [
  "export interface ValidationIssue { path: string; keyword: string; message: string }",
  "export type ValidationResult<T> = { valid: true; value: T } | { valid: false; errors: ValidationIssue[] };",
].join("\n");

/** The operation descriptor a test hands the runtime (the shape the generated client.ts emits). */
export interface Op {
  operationId: string;
  method: string;
  path: string;
  pathParams: { name: string; key: string }[];
  queryParams: { name: string; key: string }[];
  headerParams: { name: string; key: string }[];
  accept: { mediaType: string; version: string | null }[];
  validateParams: (value: unknown) => { valid: true; value: unknown };
  responses: Record<string, Record<string, unknown>>;
  authenticated: boolean;
}
export interface Transport {
  request(op: Op, params: unknown, init?: Record<string, unknown>): Promise<unknown>;
  requestWithResponse(op: Op, params: unknown, init?: Record<string, unknown>): Promise<{ data: unknown; status: number; headers: Record<string, string> }>;
}
type ErrorClass = abstract new (...args: never[]) => Error;
/** What the tests use of runtime.ts. */
export interface RuntimeModule {
  createTransport(options: Record<string, unknown>, defaults: { baseUrl: string; userAgent: string; tokenUrl?: string }): Transport;
  computeDigestAuthorization(
    challenge: string, credentials: { publicKey: string; privateKey: string }, request: { method: string; uri: string }, cnonce: string, nc: number,
  ): Promise<string>;
  ApiError: ErrorClass;
  TokenError: ErrorClass;
  AuthError: ErrorClass;
  NetworkError: ErrorClass;
  TimeoutError: ErrorClass;
  ResponseValidationError: abstract new (...args: never[]) => Error & { issues: { keyword: string; path: string; message: string }[] };
}

/** The runtime template, loaded once per test file by `useRuntimeTemplate()` (a live binding: read it in tests). */
export let rt: RuntimeModule;

/** Call at the top of a test file: loads the runtime before its tests and removes the temporary folder after. */
export function useRuntimeTemplate(): void {
  let cleanup = (): void => undefined;
  beforeAll(() => {
    ({ runtime: rt, cleanup } = loadRuntimeTemplate<RuntimeModule>());
  });
  afterAll(() => cleanup());
}

/** Loads templates/runtime.ts.hbs as a module; call `cleanup` in afterAll. */
function loadRuntimeTemplate<Runtime>(): { runtime: Runtime; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "apigen-runtime-"));
  const sources = { runtime: readFileSync(join(__dirname, "..", "templates", "runtime.ts.hbs"), "utf8"), validators: VALIDATORS_STUB };
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "commonjs" }));
  for (const [name, text] of Object.entries(sources)) {
    writeFileSync(join(dir, `${name}.ts`), text);
    const out = ts.transpileModule(text, { fileName: `${name}.ts`, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, `${name}.js`), out.outputText);
  }
  return { runtime: require(join(dir, "runtime.js")) as Runtime, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** performance.now() when the request ended. */
  at: number;
}
export interface TestServer {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}
export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

const open: TestServer[] = [];

/** Closes every server started since the last call; use in afterEach. */
export async function closeServers(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

/** A server on 127.0.0.1 (port 0) that records each request, then lets `handler` answer it. */
export async function serve(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rec: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: performance.now() };
      requests.push(rec);
      Promise.resolve(handler(rec, res)).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const handle: TestServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(handle);
  return handle;
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}


export { rejectionOf } from "./helpers";
