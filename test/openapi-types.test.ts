// openapi.ts comes from openapi-typescript's transform, run without its Redocly pass: it must be exactly what
// `openapiTS()` itself prints for the same document and options.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { parseSource } from "../generator/load/source";
import { OPENAPI_TS_OPTIONS, renderOpenApiTypes } from "../generator/render/openapi-types";
import { ROOT } from "./helpers";

const SPECS = [
  join(ROOT, "spec", "atlas-restore-job.yaml"),
  ...readdirSync(join(ROOT, "test", "fixtures", "scenarios")).map((n) => join(ROOT, "test", "fixtures", "scenarios", n)),
];

describe("openapi.ts", () => {
  it.each(SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s: the direct transform prints what openapiTS() prints", async (_name, file) => {
    const document = parseSource(readFileSync(file, "utf8"), "spec").data as Record<string, unknown>;
    const expected = astToString(await openapiTS(structuredClone(document) as never, OPENAPI_TS_OPTIONS));
    expect(renderOpenApiTypes(document, "spec")).toBe(expected);
  });

  it("does not depend on the key order of examples", () => {
    const document = parseSource(readFileSync(SPECS[0] as string, "utf8"), "spec").data as Record<string, unknown>;
    const reversed = JSON.parse(JSON.stringify(document), (_key, value: unknown) =>
      value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as Record<string, unknown>;
    expect(renderOpenApiTypes(reversed, "spec")).toBe(renderOpenApiTypes(document, "spec"));
  });
});
