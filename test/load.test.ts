// Stage 1: reading, validating and bundling specs; every error says where and what to do.
import { resolveContext } from "../generator/context";
import { GeneratorError, type Diagnostic } from "../generator/diagnostics";
import { loadSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { join } from "node:path";
import { loadDiagnostics, miniSpec, tempDir, toYaml } from "./helpers";

function loadErrors(files: Record<string, string>, entry = "spec.yaml", allowNetwork = false): Promise<Diagnostic[]> {
  return loadDiagnostics((dir) => {
    for (const [name, text] of Object.entries(files)) dir.write(name, text);
    return join(dir.path, entry);
  }, allowNetwork);
}

describe("parseSource", () => {
  it.each([
    ["a: 1\n  b: 2\n", 1],
    ["openapi: 3.0.3\ninfo: {title: x\n", 3],
    ["a: 1\na: 2\n", 2],
  ])("reports a YAML error with its line: %j", (text, line) => {
    try {
      parseSource(text, "bad.yaml");
      throw new Error("expected a parse error");
    } catch (error) {
      const d = (error as GeneratorError).diagnostics[0];
      expect(d?.code).toBe("APIGEN_LOAD_PARSE");
      expect(d?.location?.file).toBe("bad.yaml");
      expect(d?.location?.line).toBe(line);
    }
  });

  it("maps a JSON pointer to the line and column of its key", () => {
    const source = parseSource("openapi: 3.0.3\npaths:\n  /a~b/c:\n    get:\n      responses: {}\n", "s.yaml");
    expect(source.locate("/paths/~1a~0b~1c/get")).toEqual({ file: "s.yaml", pointer: "/paths/~1a~0b~1c/get", line: 4, column: 5 });
    // A pointer that goes deeper than the document stops at the deepest existing key.
    expect(source.locate("/paths/~1a~0b~1c/get/parameters/0").line).toBe(4);
  });

  it("refuses alias bombs instead of expanding them", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) bomb.push(`${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(10).fill(i === 0 ? "*a" : `*${"b".repeat(i)}`).join(", ")}]`);
    expect(() => parseSource(bomb.join("\n") + "\n", "bomb.yaml")).toThrow(/alias/i);
  });
});

describe("loadSpec", () => {
  it("loads a valid spec and keeps internal $refs (component names survive)", async () => {
    const dir = tempDir();
    try {
      dir.write("spec.yaml", toYaml(miniSpec()));
      const spec = await loadSpec(resolveContext({ spec: `${dir.path}/spec.yaml`, out: `${dir.path}/out` }));
      expect(spec.openapiVersion).toBe("3.0");
      expect(spec.name).toBe("spec");
      expect(JSON.stringify(spec.document)).toContain('"$ref":"#/components/schemas/Pet"');
      expect(spec.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      dir.cleanup();
    }
  });

  it("bundles external files from the spec's folder", async () => {
    const dir = tempDir();
    try {
      const doc = miniSpec();
      (doc["components"] as { schemas: Record<string, unknown> }).schemas["Pet"] = { $ref: "./schemas/pet.yaml" };
      dir.write("spec.yaml", toYaml(doc));
      dir.write("schemas/pet.yaml", toYaml({ type: "object", properties: { id: { type: "integer" } } }));
      const spec = await loadSpec(resolveContext({ spec: `${dir.path}/spec.yaml`, out: `${dir.path}/out` }));
      expect(JSON.stringify(spec.document)).not.toContain("pet.yaml");
      expect(JSON.stringify(spec.document)).toContain('"id":{"type":"integer"}');
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    ["a missing file", {}, "APIGEN_LOAD_READ", /file not found/],
    ["Swagger 2.0", { "spec.yaml": "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n" }, "APIGEN_LOAD_VERSION", /unsupported OpenAPI version/],
    ["a non-object", { "spec.yaml": "- 1\n- 2\n" }, "APIGEN_LOAD_NOT_OPENAPI", /not an object/],
  ])("refuses %s", async (_name, files, code, message) => {
    const [d] = await loadErrors(files as Record<string, string>);
    expect(d?.code).toBe(code);
    expect(d?.message).toMatch(message);
    expect(d?.hint).toBeTruthy();
  });

  it.each([
    ["swagger: '2.0'", "swagger: '2.0'"],
    ["openapi: 2.0 (a Swagger 2.0 document with the wrong field name)", "openapi: 2.0"],
  ])("%s: the hint says to convert it to OpenAPI 3.x", async (_name, line) => {
    const [d] = await loadErrors({ "spec.yaml": `${line}\ninfo: {title: x, version: '1'}\npaths: {}\n` });
    expect(d?.code).toBe("APIGEN_LOAD_VERSION");
    expect(d?.hint).toContain("Swagger 2.0 document; convert it to OpenAPI 3.x first (e.g. with swagger2openapi)");
  });

  it("reports schema violations with a JSON pointer and the line of the offending key", async () => {
    const doc = miniSpec();
    delete (doc["paths"] as any)["/pets/{petId}"].get.responses;
    const text = toYaml(doc);
    const errors = await loadErrors({ "spec.yaml": text });
    expect(errors.length).toBeGreaterThan(0);
    const d = errors.find((e) => e.location?.pointer === "/paths/~1pets~1{petId}/get");
    expect(d?.code).toBe("APIGEN_SPEC_INVALID");
    expect(d?.message).toMatch(/responses/);
    const expectedLine = text.split("\n").findIndex((l) => l.trim() === "get:") + 1;
    expect(d?.location?.line).toBe(expectedLine);
  });

  it.each([
    ["outside the folder", "../outside.yaml", "APIGEN_REF_OUTSIDE"],
    ["an absolute path elsewhere", "/etc/passwd", "APIGEN_REF_OUTSIDE"],
    ["the network", "https://example.com/pet.yaml", "APIGEN_REF_NETWORK"],
  ])("refuses a $ref to %s, naming the line", async (_name, ref, code) => {
    const doc = miniSpec();
    (doc["components"] as { schemas: Record<string, unknown> }).schemas["Pet"] = { $ref: ref };
    const text = toYaml(doc);
    const [d] = await loadErrors({ "spec.yaml": text });
    expect(d?.code).toBe(code);
    expect(d?.location?.pointer).toBe("/components/schemas/Pet/$ref");
    expect(d?.location?.line).toBe(text.split("\n").findIndex((l) => l.includes(`$ref: ${ref}`)) + 1);
  });

  it("applies the policy to $refs inside referenced files too", async () => {
    const doc = miniSpec();
    (doc["components"] as { schemas: Record<string, unknown> }).schemas["Pet"] = { $ref: "./a.yaml" };
    const errors = await loadErrors({ "spec/spec.yaml": toYaml(doc), "spec/a.yaml": toYaml({ $ref: "../secret.yaml" }), "secret.yaml": "type: string\n" }, "spec/spec.yaml");
    expect(errors[0]?.code).toBe("APIGEN_REF_OUTSIDE");
    expect(errors[0]?.message).toMatch(/secret\.yaml", outside the spec's folder/);
  });
});
