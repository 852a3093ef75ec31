// How the runtime picks the validator for a success body: by status, then by the media type actually received
// (each API version may have its own schema), against real servers on 127.0.0.1.
import { closeServers, json, rejectionOf, rt, serve, useRuntimeTemplate } from "./runtime-harness";

type Result = { valid: true; value: unknown } | { valid: false; errors: { path: string; keyword: string; message: string }[] };
type Validator = (value: unknown) => Result;
type ResponseValidationError = InstanceType<typeof rt.ResponseValidationError>;

useRuntimeTemplate();
afterEach(closeServers);

/** A validator that requires one string property. */
const requires = (key: string): Validator => (value) =>
  typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)[key] === "string"
    ? { valid: true, value }
    : { valid: false, errors: [{ path: "", keyword: "required", message: `must have required property "${key}"` }] };

const V1 = "application/vnd.example.2023-01-01+json";
const V2 = "application/vnd.example.2024-01-01+json";
const operation = {
  operationId: "getThing",
  method: "GET",
  path: "/thing",
  pathParams: [],
  queryParams: [],
  headerParams: [],
  accept: [{ mediaType: V1, version: "2023-01-01" }, { mediaType: V2, version: "2024-01-01" }],
  validateParams: (value: unknown) => ({ valid: true as const, value }),
  responses: { "200": { [V1]: requires("title"), [V2]: requires("name") }, "204": {} },
  authenticated: false,
};

async function call(answer: { status: number; contentType?: string; body?: unknown }, apiVersion?: string) {
  const server = await serve((req, res) => {
    if (answer.status === 204) {
      res.writeHead(204).end();
      return;
    }
    json(res, answer.status, answer.body ?? {}, answer.contentType ? { "content-type": answer.contentType } : {});
    void req;
  });
  const transport = rt.createTransport({ baseUrl: server.url, ...(apiVersion ? { apiVersion } : {}) }, { baseUrl: "https://unused.test", userAgent: "t" });
  return { server, result: transport.request(operation, {}) };
}

test.each([
  ["the v1 schema for a v1 body", V1, { title: "x" }],
  ["the v2 schema for a v2 body (with parameters on the media type)", `${V2}; charset=utf-8`, { name: "x" }],
])("validates with %s", async (_name, contentType, body) => {
  const { result } = await call({ status: 200, contentType, body });
  await expect(result).resolves.toEqual(body);
});

test("a v1 body labelled v2 fails the v2 schema", async () => {
  const { result } = await call({ status: 200, contentType: V2, body: { title: "x" } });
  const err = await rejectionOf(result);
  expect(err).toBeInstanceOf(rt.ResponseValidationError);
  expect((err as ResponseValidationError).issues[0]?.message).toBe('must have required property "name"');
});

test("a generic content type falls back to the version that was asked for", async () => {
  const { server, result } = await call({ status: 200, contentType: "application/json", body: { title: "x" } }, "2023-06-01");
  await expect(result).resolves.toEqual({ title: "x" });
  expect(server.requests[0]?.headers["accept"]).toBe(V1);
});

test("an undocumented media type is refused when several are documented", async () => {
  const { result } = await call({ status: 200, contentType: "application/xml", body: {} }, "2099-01-01");
  // Accept asked for V2, the server answered something else: neither matches, so nothing can vouch for the body.
  const err = await rejectionOf(result);
  expect((err as ResponseValidationError).issues[0]?.keyword).toBe("contentType");
});

test("a documented status without a body resolves to undefined", async () => {
  const { result } = await call({ status: 204 });
  await expect(result).resolves.toBeUndefined();
});

test("an undocumented 2xx status is refused", async () => {
  const { result } = await call({ status: 201, contentType: V1, body: { title: "x" } });
  const err = await rejectionOf(result);
  expect((err as ResponseValidationError).issues[0]?.keyword).toBe("status");
});
