// openapi.ts comes from openapi-typescript's transform, run without its Redocly pass: it must be exactly what
// `openapiTS()` itself prints for the same document and options.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { parseSource } from "../generator/load/source";
import { neutralizeInvisible, OPENAPI_TS_OPTIONS, renderOpenApiTypes } from "../generator/render/openapi-types";
import { ROOT } from "./helpers";

const SPECS = [
  join(ROOT, "spec", "atlas-restore-job.yaml"),
  ...readdirSync(join(ROOT, "test", "fixtures", "scenarios")).map((n) => join(ROOT, "test", "fixtures", "scenarios", n)),
];

/**
 * renderOpenApiTypes as it would be without apigen's fast paths: openapi-typescript's own getEntries, createRef and
 * scanDiscriminators, and its own astToString (TypeScript's text writer). A fresh copy of the module, so the one under test is untouched.
 */
function renderWithoutFastPaths(): typeof renderOpenApiTypes {
  let plain: typeof renderOpenApiTypes | undefined;
  jest.isolateModules(() => {
    jest.doMock("../generator/render/openapi-types-helpers", () => ({ withFastHelpers: <T>(_helpers: unknown, work: () => T) => work() }));
    jest.doMock("../generator/render/declarations-printer", () => ({ printDeclarations: (nodes: unknown[], print: (n: unknown[]) => string) => print(nodes) }));
    jest.doMock("../generator/render/openapi-types-discriminators", () => ({
      scanDiscriminators: (schema: unknown, options: unknown, helpers: { scanDiscriminators(s: unknown, o: unknown): unknown }) => helpers.scanDiscriminators(schema, options),
    }));
    plain = (require("../generator/render/openapi-types") as typeof import("../generator/render/openapi-types")).renderOpenApiTypes;
  });
  return plain as typeof renderOpenApiTypes;
}

// Keys and pointers with ~, /, %, # and __proto__ (where the fast paths hand over to the originals), and a large
// real spec.
const FAST_PATH_SPECS = [
  ...SPECS,
  ...readdirSync(join(ROOT, "test", "fixtures", "hostile")).map((n) => join(ROOT, "test", "fixtures", "hostile", n)),
  join(ROOT, "test", "fixtures", "large", "atlas-admin-v2-2023-03.yaml"),
];

describe("openapi.ts", () => {
  const withoutFastPaths = renderWithoutFastPaths();
  it.each(FAST_PATH_SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s: the same text without apigen's fast paths", (_name, file) => {
    const document = parseSource(readFileSync(file, "utf8"), "spec").data as Record<string, unknown>;
    const text = renderOpenApiTypes(document, "spec");
    expect(text.length).toBeGreaterThan(0);
    expect(text).toBe(withoutFastPaths(document, "spec"));
  });

  it.each(SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s: the direct transform prints what openapiTS() prints", async (_name, file) => {
    const document = parseSource(readFileSync(file, "utf8"), "spec").data as Record<string, unknown>;
    // The same text, after the scan that escapes invisible characters (a no-op for most specs).
    const expected = neutralizeInvisible(astToString(await openapiTS(structuredClone(document) as never, OPENAPI_TS_OPTIONS)));
    expect(renderOpenApiTypes(document, "spec")).toBe(expected);
  });

  it("a document handed over (a worker's copy) gives the same text; one lent is left as it was", () => {
    const document = parseSource(readFileSync(SPECS[0] as string, "utf8"), "spec").data as Record<string, unknown>;
    const before = JSON.stringify(document);
    const lent = renderOpenApiTypes(document, "spec");
    expect(JSON.stringify(document)).toBe(before); // openapi-typescript annotated a copy, not the caller's document
    expect(renderOpenApiTypes(() => JSON.parse(before) as Record<string, unknown>, "spec")).toBe(lent);
  });

  it("escapes line separators and bidi controls in string literals (same value) and drops them from comments", () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {},
      components: { schemas: { Thing: { type: "string", description: "a\u202eb\u2028c\u2066d", enum: ["x\u2028y", "p\u202eq"] } } },
    };
    const text = renderOpenApiTypes(document, "spec");
    expect(text).not.toMatch(/[\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"x\\u2028y" | "p\\u202eq"');
    expect(text).toMatch(/a ?b\s*c ?d/);
    expect(neutralizeInvisible('const s = "plain"; // nothing to do\n')).toBe('const s = "plain"; // nothing to do\n');
  });

  it("does not depend on the key order of examples", () => {
    const document = parseSource(readFileSync(SPECS[0] as string, "utf8"), "spec").data as Record<string, unknown>;
    const reversed = JSON.parse(JSON.stringify(document), (_key, value: unknown) =>
      value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as Record<string, unknown>;
    expect(renderOpenApiTypes(reversed, "spec")).toBe(renderOpenApiTypes(document, "spec"));
  });
});
