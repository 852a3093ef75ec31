// Shared by the runtime tests: the runtime's own source modules (templates/runtime/, compiled by ts-jest like any
// other source), wired as a generated client wires them, and real HTTP servers on 127.0.0.1 (no fetch mocks) that
// record what they receive.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { apiKeyAuth } from "../templates/runtime/auth/api-key";
import { basicAuth } from "../templates/runtime/auth/basic";
import { bearerAuth } from "../templates/runtime/auth/bearer";
import { computeDigestAuthorization, digestAuth } from "../templates/runtime/auth/digest";
import { serviceAccountAuth, TokenError } from "../templates/runtime/auth/oauth-client-credentials";
import type { SecuritySchemeDescriptor } from "../templates/runtime/auth/strategy";
import * as errors from "../templates/runtime/errors";
import { createTransport as create } from "../templates/runtime/transport";
import type { CoreOptions, Core, OperationDescriptor } from "../templates/runtime/types";

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
  /** false: the operation's security is `[]` (no credentials). */
  authenticated: boolean;
  security?: string[][];
}
export interface Transport {
  request(op: Op, params: unknown, init?: Record<string, unknown>): Promise<unknown>;
  requestWithResponse(op: Op, params: unknown, init?: Record<string, unknown>): Promise<{ data: unknown; status: number; headers: Record<string, string> }>;
}

/** Every scheme kind a spec can have, as createCore passes them (an Atlas-like spec plus basic and API keys). */
const SCHEMES: Record<string, SecuritySchemeDescriptor> = {
  DigestAuth: { accepts: ["digest"] },
  ServiceAccounts: { accepts: ["serviceAccount", "bearer"] },
  BasicAuth: { accepts: ["basic"] },
  ApiKeyHeader: { accepts: ["apiKey"], in: "header", name: "X-Api-Key" },
};
const FACTORIES = { bearer: bearerAuth, serviceAccount: serviceAccountAuth, digest: digestAuth, basic: basicAuth, apiKey: apiKeyAuth };

function descriptor(op: Op): OperationDescriptor<unknown, unknown> {
  const { authenticated, ...rest } = op;
  return { ...(rest as unknown as OperationDescriptor<unknown, unknown>), ...(authenticated === false ? { security: [] } : {}) };
}

/** What the tests use of the runtime: a transport wired like a generated client's, and the error classes. */
export const rt = {
  createTransport(options: Record<string, unknown>, defaults: { baseUrl: string; userAgent: string; tokenUrl?: string }): Transport {
    const schemes = { ...SCHEMES, ServiceAccounts: { accepts: ["serviceAccount", "bearer"], ...(defaults.tokenUrl !== undefined ? { tokenUrl: defaults.tokenUrl } : {}) } };
    const core: Core = create(options as CoreOptions<{ type: string }>, { baseUrl: defaults.baseUrl, userAgent: defaults.userAgent, schemes, auth: FACTORIES });
    return {
      request: (op, params, init) => core.request(descriptor(op), params, init),
      requestWithResponse: (op, params, init) => core.requestWithResponse(descriptor(op), params, init),
    };
  },
  computeDigestAuthorization,
  ...errors,
  TokenError,
};

/** Kept for the test files' setup: the runtime is plain source now, nothing to load or clean up. */
export function useRuntimeTemplate(): void {}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body's bytes as they arrived. */
  raw: Buffer;
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
      const rec: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), raw: Buffer.concat(chunks), at: performance.now() };
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
