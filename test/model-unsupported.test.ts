// Constructs the client does not generate are reported once each, at their own line, instead of vanishing.
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { miniSpec, toYaml } from "./helpers";

function warningsOf(doc: Record<string, unknown>) {
  const text = toYaml(doc);
  const spec: LoadedSpec = { source: parseSource(text, "spec.yaml"), document: doc, openapiVersion: String(doc["openapi"]).startsWith("3.1") ? "3.1" : "3.0", name: "spec" };
  return buildModel(spec).warnings.map((w) => ({ code: w.code, pointer: w.location?.pointer, line: w.location?.line }));
}

const ok = { "200": { description: "ok" } };

function buildWarnings(doc: Record<string, unknown>) {
  const spec: LoadedSpec = { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: "3.0", name: "spec" };
  return buildModel(spec).warnings;
}

describe("unsupported constructs", () => {
  it("has nothing to say about a plain spec", () => {
    expect(warningsOf(miniSpec())).toEqual([]);
  });

  it("warns about webhooks, callbacks, multipart bodies other than form-data and encodings, at each one", () => {
    const doc = miniSpec(
      {
        webhooks: { ping: { post: { responses: ok } } },
        paths: {
          "/upload": {
            servers: [{ url: "https://files.example.com" }],
            post: {
              operationId: "upload",
              servers: [{ url: "https://upload.example.com" }],
              callbacks: { done: { "{$request.body#/url}": { post: { responses: ok } } } },
              requestBody: {
                content: {
                  "multipart/mixed": { schema: { type: "object" } },
                  "multipart/form-data": { schema: { type: "object" } },
                  "application/x-www-form-urlencoded": { schema: { type: "object" }, encoding: { a: { style: "pipeDelimited" }, b: { style: "deepObject" } } },
                },
              },
              responses: ok,
            },
          },
        },
      },
      "3.1.0",
    );
    const found = warningsOf(doc);
    expect(found.map((w) => [w.code, w.pointer])).toEqual([
      ["APIGEN_UNSUPPORTED_WEBHOOKS", "/webhooks"],
      ["APIGEN_UNSUPPORTED_CALLBACKS", "/paths/~1upload/post/callbacks"],
      ["APIGEN_UNSUPPORTED_ENCODING", "/paths/~1upload/post/requestBody/content/application~1x-www-form-urlencoded/encoding/a"],
      ["APIGEN_UNSUPPORTED_MULTIPART", "/paths/~1upload/post/requestBody/content/multipart~1mixed"],
    ]);
    for (const w of found) expect(w.line).toBeGreaterThan(0);
  });
});

describe("form bodies and deepObject query parameters", () => {
  it("are modelled, not reported: the encoding per property and the query style", () => {
    const doc = miniSpec({
      paths: {
        "/c": {
          post: {
            operationId: "create",
            parameters: [{ name: "created", in: "query", style: "deepObject", schema: { type: "object" } }],
            requestBody: {
              content: {
                "application/x-www-form-urlencoded": {
                  schema: { type: "object", properties: { metadata: { type: "object" }, tags: { type: "array", items: { type: "string" } } } },
                  encoding: { metadata: { style: "deepObject", explode: true }, tags: { explode: false } },
                },
              },
            },
            responses: ok,
          },
        },
      },
    });
    const spec: LoadedSpec = { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: "3.0", name: "spec" };
    const { model, warnings } = buildModel(spec);
    expect(warnings).toEqual([]);
    const op = model.tags.flatMap((t) => t.operations).find((o) => o.operationId === "create")!;
    expect(op.parameters.query[0]).toMatchObject({ name: "created", style: "deepObject" });
    expect(op.requestBody?.content[0]).toMatchObject({
      kind: "form",
      encoding: [{ property: "metadata", style: "deepObject", explode: true }, { property: "tags", style: "form", explode: false }],
    });
  });
});

describe("servers on paths and operations", () => {
  const op = (id: string, servers?: unknown) => ({ get: { operationId: id, ...(servers ? { servers } : {}), responses: ok } });

  it("give those operations their own base URL: absolute, relative ones resolved, the document's own server left out", () => {
    const doc = miniSpec({
      servers: [{ url: "//api.example.test/v1" }],
      paths: {
        "/a": op("a", [{ url: "https://{host}.example.test", variables: { host: { default: "uploads" } } }]),
        "/b": { servers: [{ url: "/v2" }], ...op("b") },
        "/c": op("c", [{ url: "https://api.example.test/v1/" }]),
        "/d": op("d"),
      },
    });
    const spec: LoadedSpec = { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: "3.0", name: "spec" };
    const { model, warnings } = buildModel(spec);
    const servers = Object.fromEntries(model.tags.flatMap((t) => t.operations).map((o) => [o.operationId, o.server]));
    expect(servers).toEqual({ a: "https://uploads.example.test", b: "https://api.example.test/v2", c: undefined, d: undefined });
    expect(warnings).toEqual([]);
  });

  it("report a server that is no http(s) URL, and leave those calls on the client's baseUrl", () => {
    const found = buildWarnings(miniSpec({ paths: { "/a": op("a", [{ url: "ftp://files.example.test" }]) } }));
    expect(found.map((w) => [w.code, w.location?.pointer])).toEqual([["APIGEN_UNSUPPORTED_SERVERS", "/paths/~1a/get/servers"]]);
  });
});

describe("required names that no property declares", () => {
  const withSchema = (schema: unknown) => miniSpec({ components: { schemas: { Pet: { type: "object" }, Subject: schema } } });

  it("are reported beside `properties` (usually a typo)", () => {
    const found = warningsOf(withSchema({ type: "object", required: ["tags"], properties: { tag: { type: "string" } } }));
    expect(found.map((w) => [w.code, w.pointer])).toEqual([["APIGEN_SCHEMA_REQUIRED_UNDECLARED", "/components/schemas/Subject/required"]]);
  });

  it("are not reported in a composition branch, where the parent declares them", () => {
    const schema = {
      type: "object",
      properties: { status: { type: "string" }, conclusion: { type: "string" } },
      anyOf: [{ properties: { status: { enum: ["completed"] } }, required: ["conclusion"] }, { properties: { status: { enum: ["queued"] } } }],
    };
    expect(warningsOf(withSchema(schema))).toEqual([]);
  });
});
