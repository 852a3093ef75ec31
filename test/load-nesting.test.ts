// A spec nested deeper than apigen's limit is valid JSON/YAML, so it must be refused for its depth — located, with
// the limit stated, exit 1, nothing written — not reported as a syntax error or a stack overflow.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { GeneratorError } from "../generator/diagnostics";
import { MAX_NESTING, parseSource } from "../generator/load/source";
import { ROOT, tempDir } from "./helpers";

/** A valid OpenAPI document (JSON text) whose one component schema is `levels` arrays deep. */
function deepSpec(levels: number): string {
  const schema = `${'{"type":"array","items":'.repeat(levels)}{"type":"string"}${"}".repeat(levels)}`;
  return `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"components":{"schemas":{"Deep":${schema}}}}`;
}

function refusal(text: string, file: string): GeneratorError {
  try {
    parseSource(text, file);
  } catch (error) {
    if (error instanceof GeneratorError) return error;
    throw error;
  }
  throw new Error("the spec was accepted");
}

describe("nesting limit", () => {
  it("refuses a 2000-deep JSON spec with the limit and the position of the first bracket too deep", () => {
    const text = deepSpec(2000);
    const [d] = refusal(text, "deep.json").diagnostics;
    expect(d?.code).toBe("APIGEN_LOAD_NESTING");
    expect(d?.message).toBe(`the spec nests objects and arrays more than ${MAX_NESTING} levels deep, apigen's limit`);
    expect(d?.location).toMatchObject({ file: "deep.json", line: 1 });
    // The column is the "{" that opens level MAX_NESTING + 1 (no string in this document holds a brace).
    const before = text.slice(0, (d?.location?.column ?? 0) - 1);
    expect(text[before.length]).toBe("{");
    expect(before.split("{").length - before.split("}").length).toBe(MAX_NESTING);
  });

  it("refuses 600 levels (which the parsers survive) and 20000 (which they do not) before either parser runs", () => {
    expect(refusal(deepSpec(600), "deep.json").diagnostics[0]?.code).toBe("APIGEN_LOAD_NESTING");
    expect(refusal(deepSpec(20000), "deep.json").diagnostics[0]?.code).toBe("APIGEN_LOAD_NESTING");
  });

  it("refuses deep YAML flow collections too", () => {
    const text = `openapi: 3.0.3\ninfo: {title: Deep, version: "1"}\npaths: {}\nx-deep: ${"[".repeat(3000)}${"]".repeat(3000)}\n`;
    const [d] = refusal(text, "deep.yaml").diagnostics;
    expect(d?.code).toBe("APIGEN_LOAD_NESTING");
    expect(d?.location?.line).toBe(4);
  });

  it("refuses deep YAML block mappings, which have no brackets to count, once parsed", () => {
    const levels = MAX_NESTING + 50;
    const lines = Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}a:`);
    const text = `openapi: 3.0.3\ninfo: {title: Deep, version: "1"}\npaths: {}\nx-deep:\n${lines.map((l) => `  ${l}`).join("\n")} 1\n`;
    const [d] = refusal(text, "deep.yaml").diagnostics;
    expect(d?.code).toBe("APIGEN_LOAD_NESTING");
    expect(d?.location).toEqual({ file: "deep.yaml" });
  });

  it("accepts a deep spec within the limit", () => {
    expect(() => parseSource(deepSpec(MAX_NESTING - 10), "deep.json")).not.toThrow();
  });

  it("the CLI exits 1 with the located message, no stack trace, and writes nothing", () => {
    const dir = tempDir();
    try {
      const spec = dir.write("deep.json", deepSpec(2000));
      const out = join(dir.path, "out");
      const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", spec, "--out", out], { encoding: "utf8" });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/deep\.json:1:\d+: error APIGEN_LOAD_NESTING: the spec nests objects and arrays more than 512 levels deep/);
      expect(run.stderr).not.toMatch(/Maximum call stack|not valid YAML|\n\s+at /);
      expect(existsSync(out)).toBe(false);
    } finally {
      dir.cleanup();
    }
  });
});
