// A `$ref` into `#/paths/…` (a schema inside a request body, say) became an indexed access type in openapi.ts that
// does not compile (TS2339 through the optional `requestBody?`): the @readme/oas-examples spec `circular-paths.json`
// has one. openapi-typescript now gets such refs inlined; the output compiles under the strictest flags.
import { generate } from "../generator/api";
import { inlinePathRefs } from "../generator/render/openapi-types";
import { compileStrict, tempDir, toYaml } from "./helpers";

/** The shape of @readme/oas-examples 3.0 `circular-paths.json`: a response property refers into another operation's request body. */
const CIRCULAR_PATHS = {
  openapi: "3.0.0",
  info: { title: "API definition with a circular path $refs", version: "1.0.0" },
  servers: [{ url: "https://httpbin.org/anything" }],
  paths: {
    "/anything": {
      get: {
        responses: {
          "200": {
            description: "OK",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    offsetAfter: { $ref: "#/components/schemas/offset" },
                    offsetBefore: { $ref: "#/paths/~1anything/post/requestBody/content/application~1json/schema/properties/circular" },
                  },
                },
              },
            },
          },
        },
      },
      post: {
        requestBody: { content: { "application/json": { schema: { type: "object", properties: { circular: { $ref: "#/components/schemas/offset" } } } } } },
        responses: { "200": { description: "OK" } },
      },
    },
  },
  components: {
    schemas: {
      offset: { type: "object", properties: { id: { type: "string" }, rules: { $ref: "#/components/schemas/rules" } } },
      rules: { type: "object", properties: { transitions: { type: "array", items: { $ref: "#/components/schemas/offset" } } } },
    },
  },
};

describe("$refs into paths, for openapi-typescript", () => {
  const table: [string, unknown, unknown][] = [
    [
      "a ref into another operation's request body is replaced by its target",
      { paths: { "/a": { post: { requestBody: { schema: { $ref: "#/components/schemas/X" } } } } }, other: { $ref: "#/paths/~1a/post/requestBody/schema" } },
      { paths: { "/a": { post: { requestBody: { schema: { $ref: "#/components/schemas/X" } } } } }, other: { $ref: "#/components/schemas/X" } },
    ],
    [
      "a chain of path refs is followed to the end",
      { paths: { "/a": { x: { $ref: "#/paths/~1a/y" }, y: { type: "string" } } }, other: { $ref: "#/paths/~1a/x" } },
      { paths: { "/a": { x: { type: "string" }, y: { type: "string" } } }, other: { type: "string" } },
    ],
    [
      "a path ref that leads back to itself becomes {} (unknown)",
      { paths: { "/a": { x: { type: "object", properties: { self: { $ref: "#/paths/~1a/x" } } } } } },
      { paths: { "/a": { x: { type: "object", properties: { self: { type: "object", properties: { self: {} } } } } } } },
    ],
    [
      "component refs and arrays are left as they are",
      { paths: {}, list: [{ $ref: "#/components/schemas/X" }, 1, null] },
      { paths: {}, list: [{ $ref: "#/components/schemas/X" }, 1, null] },
    ],
  ];
  it.each(table)("%s", (_name, given, want) => {
    expect(inlinePathRefs(structuredClone(given))).toEqual(want);
  });

  it("openapi.ts of circular-paths.json compiles under the strictest flags", async () => {
    const dir = tempDir();
    try {
      dir.write("api.yaml", toYaml(CIRCULAR_PATHS));
      const outcome = await generate({ spec: "api.yaml", out: "out", cwd: dir.path, cache: false });
      expect(outcome.ok).toBe(true);
      expect(compileStrict(`${dir.path}/out`, { include: ["**/*.ts"] })).toBe("");
    } finally {
      dir.cleanup();
    }
  });
});
