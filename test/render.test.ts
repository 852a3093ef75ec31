// Stage 3: escaping per context, type expressions, and the behaviour of generated validators — all from
// models built in memory, the generated code compiled with TypeScript's transpiler and run in a fresh VM context.
import { runInNewContext } from "node:vm";
import { commentText, identifier, INVISIBLE_IN_LITERAL, jsdoc, jsonLiteral, propertyKey, stringLiteral } from "../generator/render/escape";

const INVISIBLE = new RegExp(INVISIBLE_IN_LITERAL.source);
import { tsType } from "../generator/render/ts-type";
import type { SchemaModel } from "../generator/model/types";
import { checkSyntax } from "../generator/write/syntax-gate";
import { codeTokens, miniSpec } from "./helpers";
import { render, validatorsFor } from "./validators-harness";

describe("escapers", () => {
  it.each([
    ["plain", '"plain"'],
    ['quote " and \\ backslash', '"quote \\" and \\\\ backslash"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["sep\u2028arator", '"sep\\u2028arator"'],
    ["${template}`", '"${template}`"'],
  ])("stringLiteral(%j) evaluates back to the same text", (text, literal) => {
    expect(stringLiteral(text)).toBe(literal);
    expect(runInNewContext(stringLiteral(text))).toBe(text);
  });

  it.each([
    ["id", "id"],
    ["$ok_1", "$ok_1"],
    ["with-dash", '"with-dash"'],
    ["1st", '"1st"'],
    ["__proto__", '["__proto__"]'],
    ['a"b', '"a\\"b"'],
  ])("propertyKey(%j) = %s", (name, key) => {
    expect(propertyKey(name)).toBe(key);
  });

  it("keeps comment text inside the comment", () => {
    const text = "ends */ here; process.exit(1) /* and \r\n new line";
    expect(commentText(text)).not.toContain("*/");
    const block = jsdoc(["summary", text, "@deprecated"]);
    expect(block.startsWith("/**\n")).toBe(true);
    expect(block.match(/\*\//g)).toHaveLength(1);
    expect(runInNewContext(`${block}\n42`)).toBe(42);
  });

  it("lays out a JSDoc block: paragraphs' inner blank lines kept, trailing ones and empty paragraphs dropped", () => {
    expect(jsdoc(["first\n\n  second  ", undefined, false, "   ", "@deprecated"])).toBe("/**\n * first\n *\n *   second\n * @deprecated\n */");
    expect(jsdoc(["text\n\n\n", "next"])).toBe("/**\n * text\n * next\n */");
    // A paragraph that is only an invisible character leaves a blank line between others, and nothing at the end.
    expect(jsdoc(["a", "\u200b", "b"])).toBe("/**\n * a\n *\n * b\n */");
    expect(jsdoc(["a", "\u200b"])).toBe("/**\n * a\n */");
    expect(jsdoc([" ", undefined])).toBe("");
  });

  it("refuses a name that is not an identifier every time, not only the first", () => {
    expect(identifier("okName")).toBe("okName");
    expect(identifier("okName")).toBe("okName");
    expect(() => identifier("not-ok")).toThrow(/not an identifier/);
    expect(() => identifier("not-ok")).toThrow(/not an identifier/);
  });

  it("leaves no character that needs escaping in comment text, whichever path the escaper takes", () => {
    // commentText returns plain text untouched: every character of the first 0x10000 must either be kept or go.
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const text = commentText(`a${ch}b`);
      const kept = text === `a${ch}b`;
      const dropped = /^a\n?b$/.test(text);
      expect(kept || dropped).toBe(true);
      if (kept) expect(ch === "\r" || /[\u2028\u2029\u0085\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(ch) || INVISIBLE.test(ch)).toBe(false);
    }
    expect(commentText("a */ b")).toBe("a *\\/ b");
    expect(commentText("a *\u200b/ b")).toBe("a *\\/ b");
  });

  it("renders JSON values as expressions that evaluate to exactly that value", () => {
    expect(jsonLiteral("x\u2029")).toBe('"x\\u2029"');
    expect(jsonLiteral(1.5)).toBe("1.5");
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": [1, "\u202e"]}');
    const back = runInNewContext(jsonLiteral(value));
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(Object.prototype.hasOwnProperty.call(back, "__proto__")).toBe(true);
    expect((back as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("escapes bidirectional controls in strings and drops them from comments", () => {
    expect(stringLiteral("a\u202eb")).toBe('"a\\u202eb"');
    expect(commentText("a\u202eb\u0085c")).toBe("ab\nc");
  });
});

describe("tsType", () => {
  const s = (schema: Omit<SchemaModel, "pointer">): SchemaModel => ({ pointer: "", ...schema });
  it.each<[string, SchemaModel, string]>([
    ["string", s({ types: ["string"] }), "string"],
    ["nullable integer", s({ types: ["integer", "null"] }), "number | null"],
    ["enum", s({ types: ["string"], enum: ["A", "B"] }), '"A" | "B"'],
    ["array of union", s({ types: ["array"], items: s({ types: ["string", "number"] }) }), "Array<string | number>"],
    ["any", s({}), "unknown"],
    ["map", s({ types: ["object"], additionalProperties: s({ types: ["integer"] }) }), "{\n[key: string]: number;\n}"],
    ["closed empty object", s({ types: ["object"], additionalProperties: false }), "{}"],
    ["allOf with a union member", s({ allOf: [s({ types: ["string"] }), s({ anyOf: [s({ const: { value: "a" } }), s({ const: { value: 1 } })] })] }), 'string & ("a" | 1)'],
    ["ref", s({ ref: { name: "Pet", typeName: "Pet", validatorName: "validatePet", checkName: "$checkPet" } }), "Pet"],
  ])("%s", (_name, schema, want) => {
    expect(tsType(schema)).toBe(want);
  });

  it("leaves readOnly properties out of request types, and uses request-side names for refs", () => {
    const ref = { name: "Owner", typeName: "Owner", validatorName: "validateOwner", checkName: "$checkOwner", writableTypeName: "OwnerWritable" };
    const schema = s({
      types: ["object"],
      properties: [
        { name: "id", required: true, schema: s({ types: ["string"], access: "readOnly" }) },
        { name: "owner", required: false, schema: s({ ref }) },
      ],
    });
    expect(tsType(schema)).toContain("id: string;");
    expect(tsType(schema, "request")).not.toContain("id:");
    expect(tsType(schema, "request")).toContain("owner?: OwnerWritable;");
  });

  it("leaves out of request types a property that refers to a readOnly component", () => {
    const audit = { name: "Audit", typeName: "Audit", validatorName: "validateAudit", checkName: "$checkAudit", access: "readOnly" as const };
    const schema = s({ types: ["object"], properties: [{ name: "name", required: true, schema: s({ types: ["string"] }) }, { name: "audit", required: false, schema: s({ ref: audit }) }] });
    expect(tsType(schema)).toContain("audit?: Audit;");
    expect(tsType(schema, "request")).not.toContain("audit");
  });

  it("quotes hostile property names and keeps their docs inert", () => {
    const type = tsType(s({ types: ["object"], properties: [{ name: "a*/b", required: true, schema: s({ types: ["string"], description: "*/ evil" }) }] }));
    expect(type).toContain('"a*/b": string;');
    expect(type).not.toContain("*/ evil");
  });
});

describe("generated validators", () => {
  it.each<[string, unknown, unknown, boolean, string?]>([
    ["integer accepts 2.0", { type: "integer" }, 2.0, true],
    ["integer rejects 2.5", { type: "integer" }, 2.5, false, "type"],
    ["nullable accepts null", { type: "string", nullable: true }, null, true],
    ["nullable enum still needs null listed (3.0.3)", { type: "string", nullable: true, enum: ["a"] }, null, false, "enum"],
    ["pattern is unanchored", { type: "string", pattern: "b" }, "abc", true],
    ["pattern rejects", { type: "string", pattern: "^[a-f0-9]{24}$" }, "xyz", false, "pattern"],
    ["minLength counts code points", { type: "string", minLength: 2 }, "😀", false, "minLength"],
    ["maxLength counts code points", { type: "string", maxLength: 1 }, "😀", true],
    ["multipleOf is decimal-safe", { type: "number", multipleOf: 0.01 }, 0.07, true],
    ["multipleOf rejects", { type: "number", multipleOf: 0.01 }, 0.075, false, "multipleOf"],
    ["exclusiveMinimum (3.0 boolean)", { type: "number", minimum: 1, exclusiveMinimum: true }, 1, false, "exclusiveMinimum"],
    ["uniqueItems ignores key order", { type: "array", uniqueItems: true }, [{ a: 1, b: 2 }, { b: 2, a: 1 }], false, "uniqueItems"],
    ["date-time per RFC 3339", { type: "string", format: "date-time" }, "2025-05-04T09:42:00Z", true],
    ["date-time rejects Feb 30", { type: "string", format: "date-time" }, "2025-02-30T09:42:00Z", false, "format"],
    ["uuid", { type: "string", format: "uuid" }, "string", false, "format"],
    ["int32 range", { type: "integer", format: "int32" }, 2147483648, false, "format"],
    ["required is an own property", { type: "object", required: ["toString"] }, {}, false, "required"],
    ["__proto__ is a key like any other", { type: "object", properties: JSON.parse('{"__proto__": {"type": "string"}}') }, JSON.parse('{"__proto__": 5}'), false, "type"],
    ["additionalProperties false", { type: "object", properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 }, false, "additionalProperties"],
    ["additionalProperties schema", { type: "object", additionalProperties: { type: "integer" } }, { a: 1, b: "x" }, false, "type"],
    ["oneOf needs exactly one", { oneOf: [{ type: "integer" }, { type: "number" }] }, 1, false, "oneOf"],
    ["anyOf", { anyOf: [{ type: "integer" }, { type: "string" }] }, "x", true],
    ["not", { not: { type: "string" } }, "x", false, "not"],
    ["allOf collects every failure", { allOf: [{ type: "string" }, { minLength: 3 }] }, "ab", false, "minLength"],
  ])("%s", (...[_name, schema, value, valid, keyword]) => {
    // (a rest parameter: Jest would take a fifth named parameter for a `done` callback)
    const v = validatorsFor({ Subject: schema });
    const result = v["validateSubject"]!(value);
    expect(result.valid).toBe(valid);
    if (keyword) expect(result.errors?.map((e) => e.keyword)).toContain(keyword);
  });

  it("reports every issue with a JSON pointer into the value", async () => {
    const v = validatorsFor({
      Subject: {
        type: "object",
        required: ["id", "tags"],
        properties: { id: { type: "string", pattern: "^[0-9]+$" }, tags: { type: "array", items: { type: "string" } }, "a/b~c": { type: "integer" } },
      },
    });
    const result = v["validateSubject"]!({ id: "x1", tags: ["ok", 3], "a/b~c": "no" });
    expect(result.errors).toEqual([
      { path: "/a~1b~0c", keyword: "type", message: "must be integer" },
      { path: "/id", keyword: "pattern", message: 'must match pattern "^[0-9]+$"' },
      { path: "/tags/1", keyword: "type", message: "must be string" },
    ]);
  });

  it("follows recursive $refs and discriminators", async () => {
    const v = validatorsFor({
      Node: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } },
      Leaf: { type: "object", required: ["kind", "value"], properties: { kind: { type: "string" }, value: { type: "number" } } },
      Subject: { oneOf: [{ $ref: "#/components/schemas/Node" }, { $ref: "#/components/schemas/Leaf" }], discriminator: { propertyName: "kind", mapping: { node: "#/components/schemas/Node", leaf: "#/components/schemas/Leaf" } } },
    });
    expect(v["validateSubject"]!({ kind: "node", children: [{ kind: "x", children: [{}] }] }).errors).toEqual([
      { path: "/children/0/children/0", keyword: "required", message: 'must have required property "kind"' },
    ]);
    expect(v["validateSubject"]!({ kind: "leaf", value: 1 }).valid).toBe(true);
    expect(v["validateSubject"]!({ kind: "other" }).errors?.[0]).toMatchObject({ path: "/kind", keyword: "discriminator" });
    expect(Object.keys(v.schemaValidators).sort()).toEqual(["Leaf", "Node", "Pet", "Subject"]);
  });

  it("does not mutate or copy the value", async () => {
    const v = validatorsFor({ Subject: { type: "object", properties: { a: { type: "string", default: "x" } } } });
    const value = Object.freeze({ b: 1 });
    const result = v["validateSubject"]!(value) as { valid: true; value: unknown };
    expect(result.value).toBe(value);
  });
});

describe("hostile specs", () => {
  const hostile = "*/ }); process.exit(1); (function(){ /* ` ${globalThis} \u2028 </script>";

  it("turns every piece of spec text into inert literals and comments", async () => {
    const doc = miniSpec({
      info: { title: hostile, version: hostile, description: hostile },
      tags: [{ name: "Pets", description: hostile }],
      components: {
        schemas: {
          Pet: {
            type: "object",
            description: hostile,
            required: [hostile],
            properties: { [hostile]: { type: "string", enum: [hostile, "ok"], pattern: "^\\*/ \\}\\);|`", description: hostile, default: hostile } },
          },
          [`Evil${hostile.replace(/[^A-Za-z0-9._-]/g, "_")}`]: { type: "string", format: hostile, description: hostile },
          ...JSON.parse('{"__proto__": {"type": "string"}}'),
        },
      },
    });
    (doc["paths"] as any)["/pets/{petId}"].get.summary = hostile;
    (doc["paths"] as any)["/pets/{petId}"].get.description = hostile;
    const files = render(doc, { outputs: ["sdk", "cli"] }); // the CLI too: it prints spec text in help
    expect(() => checkSyntax(files)).not.toThrow();
    for (const file of files.filter((f) => !f.path.startsWith("runtime/"))) {
      // The hostile text may appear only inside string literals or comments: strip those and look again.
      const code = codeTokens(file.text);
      // cli.ts is a Node program and names `process` itself; the hostile text still must not reach its code.
      expect(code).not.toMatch(file.path === "cli.ts" ? /globalThis|<\/script>|hostile|alert/ : /process|globalThis|<\/script>/);
    }
    const v = validatorsFor((doc["components"] as any).schemas);
    expect(v["validatePet"]!({ [hostile]: hostile }).valid).toBe(true);
    expect(v["validatePet"]!({ [hostile]: "nope" }).errors?.[0]?.keyword).toBe("enum");
    expect(typeof v.schemaValidators["__proto__"]).toBe("function");
  });
});
