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

describe("openapi.ts", () => {
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
