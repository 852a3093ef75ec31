// Loading and escaping details behind the untrusted-spec guarantees (issue 5), checked in-process.
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { resolveContext } from "../generator/context";
import { formatDiagnostic, GeneratorError } from "../generator/diagnostics";
import { loadSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { commentText, jsdoc, stringLiteral } from "../generator/render/escape";
import { loadDiagnostics, miniSpec, tempDir, toYaml } from "./helpers";

const loadErrors = loadDiagnostics;

function withRef(ref: string): string {
  const doc = miniSpec();
  (doc["components"] as { schemas: Record<string, unknown> }).schemas["Pet"] = { $ref: ref };
  return toYaml(doc);
}

describe("$ref policy with real paths", () => {
  it("refuses a symlinked folder inside the spec's folder that points outside", async () => {
    const [d] = await loadErrors((dir) => {
      dir.write("outside/pet.yaml", "type: object\n");
      mkdirSync(join(dir.path, "spec"));
      symlinkSync(join(dir.path, "outside"), join(dir.path, "spec", "linked"));
      return dir.write("spec/spec.yaml", withRef("./linked/pet.yaml"));
    });
    expect(d?.code).toBe("APIGEN_REF_OUTSIDE");
    expect(d?.location?.line).toBeGreaterThan(0);
  });

  it("refuses a symlink reached from a referenced file", async () => {
    const errors = await loadErrors((dir) => {
      dir.write("secret.yaml", "type: string\n");
      dir.write("spec/a.yaml", toYaml({ $ref: "./link.yaml" }));
      symlinkSync(join(dir.path, "secret.yaml"), join(dir.path, "spec", "link.yaml"));
      return dir.write("spec/spec.yaml", withRef("./a.yaml"));
    });
    expect(errors[0]?.code).toBe("APIGEN_REF_OUTSIDE");
  });

  it.each(["%2e%2e/secret.yaml", "%2E%2E%2Fsecret.yaml", "sub/%2e%2e/%2e%2e/secret.yaml"])("refuses the encoded climb %s", async (ref) => {
    const [d] = await loadErrors((dir) => {
      dir.write("secret.yaml", "type: string\n");
      return dir.write("spec/spec.yaml", withRef(ref));
    });
    expect(d?.code).toBe("APIGEN_REF_OUTSIDE");
  });

  it("names the line of a $ref to a missing file and of a missing internal target", async () => {
    const [file] = await loadErrors((dir) => dir.write("spec.yaml", withRef("./nope.yaml")));
    expect(file).toMatchObject({ code: "APIGEN_REF_MISSING", location: { pointer: "/components/schemas/Pet/$ref" } });
    expect(file?.location?.line).toBeGreaterThan(0);
    const [internal] = await loadErrors((dir) => dir.write("spec.yaml", withRef("#/components/schemas/Nope")));
    expect(internal).toMatchObject({ code: "APIGEN_REF_MISSING", location: { pointer: "/components/schemas/Pet/$ref" } });
  });

  it("bundles a file in a subfolder and leaves no external $ref", async () => {
    const dir = tempDir();
    try {
      dir.write("schemas/pet.yaml", toYaml({ type: "object", properties: { tag: { $ref: "./tag.yaml" } } }));
      dir.write("schemas/tag.yaml", "type: string\n");
      const spec = await loadSpec(resolveContext({ spec: dir.write("spec.yaml", withRef("./schemas/pet.yaml")), out: join(dir.path, "out") }));
      expect(JSON.stringify(spec.document)).not.toMatch(/"\$ref":"[^#]/);
    } finally {
      dir.cleanup();
    }
  });
});

describe("positions and printing", () => {
  it("places an alias bomb at its first alias", () => {
    const bomb = ["openapi: 3.0.3", "a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) bomb.push(`${"a".repeat(i + 1)}: &${"a".repeat(i + 1)} [${Array(10).fill(`*${"a".repeat(i)}`).join(", ")}]`);
    try {
      parseSource(bomb.join("\n"), "bomb.yaml");
      throw new Error("expected a refusal");
    } catch (error) {
      expect((error as GeneratorError).diagnostics[0]?.location).toMatchObject({ file: "bomb.yaml", line: 3 });
    }
  });

  it("keeps spec text in a diagnostic on its line", () => {
    const text = formatDiagnostic({ severity: "error", code: "APIGEN_X", message: "bad\nerror APIGEN_FAKE: \u202eforged", location: { file: "s.yaml", pointer: "/a\u2028b" } });
    expect(text.split("\n")).toHaveLength(1);
    expect(text).toContain("(#/a\\u2028b)");
    expect(text).not.toMatch(/[\u202e\u2028]/);
  });
});

describe("escapers", () => {
  it("never lets a removed character join `*` and `/` in a comment", () => {
    for (const evil of ["*\ufeff/", "*\u200b/", "*\u202e/", "*\u0085/", "*\u0000/", "/*\ufeff//"]) {
      const block = jsdoc([evil]);
      expect(block.slice(3, -3)).not.toContain("*/");
      expect(commentText(evil)).not.toContain("*/");
    }
  });

  it("escapes NEL, C1 controls, zero-width characters and the BOM in strings", () => {
    const literal = stringLiteral("a\u0085b\u009fc\u200bd\ufeffe\u2028f\u202eg");
    expect(literal).toBe('"a\\u0085b\\u009fc\\u200bd\\ufeffe\\u2028f\\u202eg"');
    expect(JSON.parse(literal)).toBe("a\u0085b\u009fc\u200bd\ufeffe\u2028f\u202eg");
  });
});

describe("validation errors point at the written text", () => {
  it("maps a pointer into the dereferenced tree back through $ref hops", async () => {
    const doc = miniSpec();
    (doc["components"] as { schemas: Record<string, any> }).schemas["Pet"].enum = [];
    const text = toYaml(doc);
    const dir = tempDir();
    try {
      await loadSpec(resolveContext({ spec: dir.write("spec.yaml", text), out: join(dir.path, "out") }));
      throw new Error("expected a refusal");
    } catch (error) {
      const diagnostics = (error as GeneratorError).diagnostics;
      expect(diagnostics).toHaveLength(1); // not also the Reference Object's "must have required property '$ref'"
      const d = diagnostics[0];
      expect(d?.location?.pointer).toBe("/components/schemas/Pet/enum");
      expect(d?.location?.line).toBe(text.split("\n").findIndex((l) => l.includes("enum: []")) + 1);
    } finally {
      dir.cleanup();
    }
  });
});
