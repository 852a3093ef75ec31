// Form bodies, deepObject query parameters and per-operation servers on the wire (a real server on 127.0.0.1 records what arrives):
// properties by the spec's Encoding Object — deepObject as `metadata[order]=1`, arrays by index inside it — and
// form style otherwise (arrays repeat the key); a pre-encoded string is sent as given.
import { formBody } from "../templates/runtime/encoding/form";
import { paramsIn } from "../templates/runtime/util";
import { closeServers, json, rt, serve, useRuntimeTemplate } from "./runtime-harness";

useRuntimeTemplate();
afterEach(closeServers);

const FORM = "application/x-www-form-urlencoded";

const createCustomer = () => ({
  operationId: "createCustomer",
  method: "POST",
  path: "/customers",
  pathParams: [],
  queryParams: [{ name: "created", key: "created", explode: true, style: "deepObject" }, { name: "expand", key: "expand", explode: true }],
  headerParams: [],
  accept: [{ mediaType: "application/json", version: null }],
  validateParams: (value: unknown) => ({ valid: true as const, value }),
  responses: { "200": { "application/json": null } },
  authenticated: false,
  requestBody: {
    key: "body",
    required: true,
    contentTypes: [{ mediaType: FORM, version: null, encode: formBody, encoding: { metadata: { style: "deepObject", explode: true }, expand: { style: "deepObject", explode: true } } }],
  },
});

async function send(params: Record<string, unknown>) {
  const server = await serve((_req, res) => json(res, 200, { id: "cus_1" }));
  const transport = rt.createTransport({ baseUrl: server.url }, { baseUrl: "https://unused.test", userAgent: "t" });
  await transport.request(createCustomer(), params);
  return server.requests[0]!;
}

test("encodes a form body property by property, as the Encoding Object says", async () => {
  const request = await send({
    body: { name: "Jo & Co", metadata: { order: "1", "a b": "x=y" }, expand: ["sources", "tax"], tags: ["red", "blue"], skipped: undefined, empty: null },
  });
  expect(request.headers["content-type"]).toBe(FORM);
  expect(request.body).toBe(
    "name=Jo+%26+Co&metadata%5Border%5D=1&metadata%5Ba+b%5D=x%3Dy&expand%5B0%5D=sources&expand%5B1%5D=tax&tags=red&tags=blue&empty=",
  );
  const form = new URLSearchParams(request.body);
  expect(form.get("metadata[a b]")).toBe("x=y");
  expect(form.getAll("tags")).toEqual(["red", "blue"]);
});

test("sends a pre-encoded form string as given", async () => {
  const request = await send({ body: "name=raw" });
  expect(request.body).toBe("name=raw");
});

test("serializes deepObject query parameters as name[key]=value, beside form-style ones", async () => {
  const request = await send({ body: { name: "n" }, created: { gt: 10, lte: 20 }, expand: ["a", "b"] });
  expect(request.url).toBe("/customers?created%5Bgt%5D=10&created%5Blte%5D=20&expand=a&expand=b");
});

test("an operation with its own server is sent there, unless the client was given a baseUrl", async () => {
  const uploads = await serve((_req, res) => json(res, 200, { id: "cus_1" }));
  const proxy = await serve((_req, res) => json(res, 200, { id: "cus_1" }));
  const op = { ...createCustomer(), server: uploads.url };
  await rt.createTransport({}, { baseUrl: "http://127.0.0.1:9/not-this-one", userAgent: "t" }).request(op, { body: "name=a" });
  expect(uploads.requests.map((r) => r.url)).toEqual(["/customers"]);
  await rt.createTransport({ baseUrl: proxy.url }, { baseUrl: "http://127.0.0.1:9/not-this-one", userAgent: "t" }).request(op, { body: "name=b" });
  expect(proxy.requests.map((r) => r.body)).toEqual(["name=b"]);
  expect(uploads.requests).toHaveLength(1);
});

describe("parameter lists", () => {
  // Lists of bare names, as client.ts emits them, counting how often their entries are read.
  function counted(entries: string[]): { list: string[]; reads: () => number } {
    let reads = 0;
    const list = new Proxy(entries, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { list, reads: () => reads };
  }

  test("are expanded once per descriptor, not on every request", async () => {
    const server = await serve((_req, res) => json(res, 200, { id: "j" }));
    const path = counted(["groupId", "jobId"]);
    const query = counted(["pretty"]);
    const header = counted(["x-trace"]);
    const op = {
      operationId: "getJob",
      method: "GET",
      path: "/groups/{groupId}/jobs/{jobId}",
      pathParams: path.list,
      queryParams: query.list,
      headerParams: header.list,
      accept: [{ mediaType: "application/json", version: null }],
      validateParams: (value: unknown) => ({ valid: true as const, value }),
      responses: { "200": { "application/json": null } },
      authenticated: false,
    } as unknown as Parameters<ReturnType<typeof rt.createTransport>["request"]>[0];
    const transport = rt.createTransport({ baseUrl: server.url }, { baseUrl: "https://unused.test", userAgent: "t" });
    await transport.request(op, { groupId: "g1", jobId: "j1", pretty: true, "x-trace": "a" });
    const afterFirst = [path.reads(), query.reads(), header.reads()];
    await transport.request(op, { groupId: "g2", jobId: "j2", "x-trace": "b" });
    expect(afterFirst).toEqual([2, 1, 1]); // each entry read once, to expand it
    expect([path.reads(), query.reads(), header.reads()]).toEqual(afterFirst);
    expect(server.requests.map((r) => [r.url, r.headers["x-trace"]])).toEqual([["/groups/g1/jobs/j1?pretty=true", "a"], ["/groups/g2/jobs/j2", "b"]]);
  });

  test("paramsIn: a bare name is its own key, a descriptor stays as given, and the same list gives the same array", () => {
    const deep = { name: "filter", key: "filter_", style: "deepObject" as const };
    const list = ["pretty", deep];
    const expanded = paramsIn(list);
    expect(expanded).toEqual([{ name: "pretty", key: "pretty" }, deep]);
    expect(expanded[1]).toBe(deep);
    expect(paramsIn(list)).toBe(expanded);
    expect(paramsIn(["pretty", deep])).not.toBe(expanded); // another list (another descriptor) is its own
    expect(paramsIn(undefined)).toEqual([]);
  });
});
