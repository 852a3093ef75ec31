// The OpenAPI schema validation apigen runs in the load stage: the standalone validators the build writes
// (precompile-schema.ts), the ones compiled at run time without them, and swagger-parser's own validator must give
// the same verdict and the same errors, for 3.0 and 3.1 documents, valid or not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileValidator, schemaError, type OpenApiDocument } from "../generator/load/openapi-schema";
import { standaloneValidatorsSource } from "../generator/load/precompile-schema";
import { miniSpec } from "./helpers";

const swaggerParserValidate = require("@apidevtools/swagger-parser/lib/validators/schema.js") as (api: object) => void;

function swaggerParserVerdict(document: OpenApiDocument): { message: string; details?: unknown } | undefined {
  try {
    swaggerParserValidate(structuredClone(document));
    return undefined;
  } catch (error) {
    const e = error as { message: string; details?: unknown };
    return { message: e.message, details: e.details };
  }
}

const documents: [string, OpenApiDocument][] = [
  ["a valid 3.0 document", miniSpec()],
  ["a valid 3.1 document", miniSpec({}, "3.1.0")],
  ["3.0: a wrong type and a missing field", { ...miniSpec(), info: { title: 1 } }],
  ["3.1: a wrong type and a missing field", { ...miniSpec({}, "3.1.0"), info: { title: 1 } }],
  ["3.0: a schema keyword of the wrong type deep in a path", miniSpec({ paths: { "/a": { get: { operationId: ["x"], responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", required: "id" } } } } } } } } })],
  ["3.1: a parameter without `in`", miniSpec({ paths: { "/a": { get: { parameters: [{ name: "q", schema: { type: "string" } }], responses: { "200": { description: "ok" } } } } } }, "3.1.0")],
];

describe("OpenAPI schema validation", () => {
  // The build writes the module into dist/load/; here it goes to a folder of this repo, so that its requires resolve.
  const dir = mkdtempSync(join(__dirname, "..", "node_modules", ".apigen-test-standalone-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "validators.js"), standaloneValidatorsSource());
  const standalone = require(join(dir, "validators.js")) as Record<"3.0" | "3.1", () => ((d: unknown) => boolean) & { errors?: unknown }>;

  it.each(documents)("agrees with swagger-parser's validator on %s (standalone and compiled at run time)", (_name, document) => {
    const expected = swaggerParserVerdict(document);
    expect(schemaError(document)).toEqual(expected);
    const version = String(document["openapi"]).startsWith("3.1") ? "3.1" : "3.0";
    const validate = standalone[version]();
    expect(validate(document)).toBe(expected === undefined);
    expect(validate.errors ?? undefined).toEqual(expected?.details);
    expect(compileValidator(version).validate(document)).toBe(expected === undefined);
  });

  it("finds problems in the invalid documents (the comparison above is not between empty answers)", () => {
    expect(documents.filter(([, d]) => schemaError(d) !== undefined)).toHaveLength(4);
  });
});
