// The format checks are source (templates/runtime/formats.ts): the output gets runtime/formats.ts only when some
// schema names a checked format, validators.ts imports just the checks it calls, and a bundler keeps only those.
import { buildSync } from "esbuild";
import { RUNTIME_DIR } from "../generator/runtime-source";
import { miniSpec } from "./helpers";
import { render } from "./validators-harness";

const filesFor = (schemas: Record<string, unknown>) => render(miniSpec({ components: { schemas } }, "3.1.0"));
const validatorsText = (files: { path: string; text: string }[]) => files.find((f) => f.path === "validators.ts")!.text;

describe("runtime/formats.ts in the output", () => {
  it("is left out when no schema names a checked format (binary, password and custom formats are annotations)", () => {
    const files = filesFor({ Pet: { type: "object", properties: { name: { type: "string", format: "password" }, photo: { type: "string", format: "binary" }, x: { type: "string", format: "my-own" } } } });
    expect(files.map((f) => f.path)).not.toContain("runtime/formats.ts");
    expect(validatorsText(files)).not.toContain("./runtime/formats.js");
  });

  it("is there when a schema names one, and validators.ts imports only the checks it calls", () => {
    // exclusiveMinimum: the integer is checked by statements, which call $isInt64
    const files = filesFor({ Pet: { type: "object", properties: { born: { type: "string", format: "date-time" }, id: { type: "integer", format: "int64", exclusiveMinimum: 0 } } } });
    expect(files.map((f) => f.path)).toContain("runtime/formats.ts");
    expect(validatorsText(files)).toContain('import {\n$isDateTime,\n$isInt64,\n} from "./runtime/formats.js";');
  });

  it("is not imported for what the compact checks test inline (int32 and int64 of a plain integer property)", () => {
    const files = filesFor({ Pet: { type: "object", properties: { a: { type: "integer", format: "int32" }, b: { type: "integer", format: "int64" } } } });
    expect(files.map((f) => f.path)).toContain("runtime/formats.ts"); // a schema names a checked format: the module is there
    expect(validatorsText(files)).not.toContain("./runtime/formats.js");
  });

  it("is there for a format only a parameter's schema names", () => {
    const doc = miniSpec({}, "3.1.0") as Record<string, unknown>;
    doc["paths"] = { "/pets": { get: { operationId: "listPets", parameters: [{ name: "since", in: "query", schema: { type: "string", format: "date" } }], responses: { "204": { description: "none" } } } } };
    const files = render(doc);
    expect(files.map((f) => f.path)).toContain("runtime/formats.ts");
    expect(validatorsText(files)).toContain("$isDate,");
  });
});

describe("templates/runtime/formats.ts in a bundle", () => {
  it("only the checks a program calls, and what they call, are kept (named exports, no side effects)", () => {
    const result = buildSync({
      stdin: { contents: 'import { $isUuid } from "./formats.ts";\nconsole.log($isUuid(process.argv[2] ?? ""));', resolveDir: RUNTIME_DIR, loader: "ts" },
      bundle: true, format: "esm", platform: "neutral", write: false, logLevel: "silent", minify: false,
    });
    const text = result.outputFiles[0]!.text;
    expect(text).toContain("function $isUuid");
    for (const other of ["$isDateTime", "$isHostname", "$isEmail", "punyDecode", "$URI_REFERENCE", "$DURATION"]) expect(text).not.toContain(other);
  });
});
