// What apigen accepts with a warning and normalises, and what it still refuses (docs/spec-policy.md): each problem
// once, located, saying what apigen did; --strict-spec makes those warnings errors.
import { join } from "node:path";
import { main } from "../generator/cli/main";
import { generate } from "../generator/pipeline";
import { GeneratorError, type Diagnostic } from "../generator/diagnostics";
import { miniSpec, tempDir, toYaml } from "./helpers";

async function run(doc: unknown, options: { strictSpec?: boolean } = {}): Promise<{ warnings: Diagnostic[]; errors: Diagnostic[]; types?: string; validators?: string; text: string }> {
  const dir = tempDir();
  const text = toYaml(doc);
  try {
    const result = await generate({ spec: dir.write("spec.yaml", text), out: join(dir.path, "out"), cache: false, cwd: dir.path, ...options });
    const file = (name: string) => result.files.find((f) => f.path === name)?.text;
    return { warnings: result.warnings, errors: [], text, ...(file("types.ts") ? { types: file("types.ts") as string } : {}), ...(file("validators.ts") ? { validators: file("validators.ts") as string } : {}) };
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    return { warnings: [], errors: [...error.diagnostics], text };
  } finally {
    dir.cleanup();
  }
}

const withSchemas = (schemas: Record<string, unknown>, version = "3.0.3") =>
  miniSpec({ components: { schemas: { Pet: { type: "object", properties: { id: { type: "integer" } } }, ...schemas } } }, version);

describe("accepted with a located warning, normalised", () => {
  it("an empty `required` in OpenAPI 3.0: removed, one warning at its line", async () => {
    const { warnings, errors, text } = await run(withSchemas({ Tag: { type: "object", required: [], properties: { name: { type: "string" } } } }));
    expect(errors).toEqual([]);
    const w = warnings.filter((d) => d.code === "APIGEN_SCHEMA_REQUIRED_EMPTY");
    expect(w).toHaveLength(1);
    expect(w[0]?.location?.pointer).toBe("/components/schemas/Tag/required");
    expect(w[0]?.location?.line).toBe(text.split("\n").findIndex((l) => l.includes("required: []")) + 1);
    expect(w[0]?.message).toMatch(/apigen removed it/);
  });

  it("an empty `required` in OpenAPI 3.1 is valid: no warning", async () => {
    const { warnings, errors } = await run(withSchemas({ Tag: { type: "object", required: [], properties: { name: { type: "string" } } } }, "3.1.0"));
    expect(errors).toEqual([]);
    expect(warnings.map((d) => d.code)).not.toContain("APIGEN_SCHEMA_REQUIRED_EMPTY");
  });

  it("a non-string `pattern` and a string `maxLength` are ignored, each with one warning", async () => {
    const { warnings, errors, validators } = await run(withSchemas({ Code: { type: "string", pattern: 0, maxLength: "10", minLength: 2 } }));
    expect(errors).toEqual([]);
    expect(warnings.filter((d) => d.code === "APIGEN_SCHEMA_KEYWORD_TYPE").map((d) => d.location?.pointer).sort())
      .toEqual(["/components/schemas/Code/maxLength", "/components/schemas/Code/pattern"]);
    expect(validators).toMatch(/minLength/); // the valid keyword beside them still counts
  });

  it("repeated names in `required` are kept once", async () => {
    const { warnings, errors } = await run(withSchemas({ Tag: { type: "object", required: ["name", "name"], properties: { name: { type: "string" } } } }));
    expect(errors).toEqual([]);
    expect(warnings.map((d) => [d.code, d.location?.pointer])).toContainEqual(["APIGEN_SCHEMA_KEYWORD_TYPE", "/components/schemas/Tag/required"]);
  });

  it("a pattern that does not compile is dropped from validation (Atlas 2023's unbalanced group)", async () => {
    const { warnings, errors, validators } = await run(withSchemas({ Endpoint: { type: "string", pattern: "^(vpce-[0-9a-f]{17}$", maxLength: 40 } }));
    expect(errors).toEqual([]);
    const w = warnings.find((d) => d.code === "APIGEN_SCHEMA_PATTERN");
    expect(w?.location?.pointer).toBe("/components/schemas/Endpoint/pattern");
    expect(w?.message).toMatch(/dropped it from validation/);
    expect(validators).not.toContain("vpce");
  });

  it("a parent listing its subtypes in oneOf, each extending it with allOf: the cycle is broken with one warning per subtype", async () => {
    const { warnings, errors, types } = await run(withSchemas({
      Shape: { type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" }, oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }] },
      Circle: { allOf: [{ $ref: "#/components/schemas/Shape" }, { type: "object", properties: { r: { type: "number" } } }] },
      Square: { allOf: [{ $ref: "#/components/schemas/Shape" }, { type: "object", properties: { side: { type: "number" } } }] },
    }));
    expect(errors).toEqual([]);
    expect(warnings.filter((d) => d.code === "APIGEN_SCHEMA_CYCLE").map((d) => d.location?.pointer).sort())
      .toEqual(["/components/schemas/Circle/allOf/0", "/components/schemas/Square/allOf/0"]);
    expect(types).toMatch(/export type Circle = /);
  });
});

describe("refused: one diagnostic per problem", () => {
  it("a parameter without `in` gets one error, not one per alternative of the meta-schema", async () => {
    const doc = miniSpec();
    const op = (doc["paths"] as Record<string, Record<string, { parameters: Record<string, unknown>[] }>>)["/pets/{petId}"]!["get"]!;
    op.parameters.push({ name: "q", schema: { type: "string" } });
    const { errors } = await run(doc);
    expect(errors.map((d) => [d.code, d.location?.pointer, d.message])).toEqual([
      ["APIGEN_SPEC_INVALID", "/paths/~1pets~1{petId}/get/parameters/1", "invalid OpenAPI document: must have required property 'in'"],
    ]);
  });

  it("a schema with an unknown type gets one error at `type`", async () => {
    const { errors } = await run(withSchemas({ Tag: { type: "wrong" } }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.location?.pointer).toBe("/components/schemas/Tag/type");
  });

  it("a $ref that points to nothing is still refused", async () => {
    const { errors } = await run(withSchemas({ Tag: { $ref: "#/components/schemas/Nope" } }));
    expect(errors.map((d) => d.code)).toEqual(["APIGEN_REF_MISSING"]);
  });
});

describe("--strict-spec", () => {
  it("makes every normalising warning an error, and nothing is written", async () => {
    const dir = tempDir();
    try {
      const spec = dir.write("spec.yaml", toYaml(withSchemas({ Tag: { type: "object", required: [], properties: { name: { type: "string", pattern: 7 } } } })));
      const stderr: string[] = [];
      const io = { stdout: () => undefined, stderr: (t: string) => void stderr.push(t) };
      expect(await main(["generate", "--spec", spec, "--out", join(dir.path, "out"), "--strict-spec", "--no-cache"], io, dir.path)).toBe(1);
      const text = stderr.join("");
      expect(text).toMatch(/spec\.yaml:\d+:\d+ \(#\/components\/schemas\/Tag\/required\): error APIGEN_SCHEMA_REQUIRED_EMPTY/);
      expect(text).toMatch(/error APIGEN_SCHEMA_KEYWORD_TYPE/);
      expect(text).toMatch(/hint: /);
      expect(await main(["generate", "--spec", spec, "--out", join(dir.path, "out2"), "--no-cache", "--quiet"], io, dir.path)).toBe(0);
    } finally {
      dir.cleanup();
    }
  });
});
