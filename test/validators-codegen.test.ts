// The validators' typed code builder and keyword emitters, given → want: the exact code emitted for small schemas,
// the builder's escaping, messages as human text, and the one schema walker. The `@ts-expect-error` lines are the
// type-level half: mixing text into code without a literal constructor must not compile.
import { isUnconstrained, subschemas } from "../generator/model/schema-graph";
import type { NamedRef, SchemaModel } from "../generator/model/types";
import { _, json, lit, name, regex, join, Code } from "../generator/render/validators/code";
import { propertyDoc } from "../generator/render/ts-type";
import { ValidatorCodegen } from "../generator/render/validators/codegen";
import { FORMAT_CHECKS, formatImports, PREAMBLE_HELPERS } from "../generator/render/validators/format";
import { issues, shown } from "../generator/render/validators/messages";
import { compileStrict, miniSpec, tempDir } from "./helpers";
import { loadValidators, render } from "./validators-harness";

const at = (s: Omit<SchemaModel, "pointer">): SchemaModel => ({ pointer: "", ...s });
const PET: NamedRef = { name: "Pet", typeName: "Pet", validatorName: "validatePet", checkName: "$checkPet" } as NamedRef;

describe("code builder", () => {
  const table: [string, () => Code, string][] = [
    ["names and numbers fill the holes", () => _`if (${name("$v0")}.length > ${3}) ${name("$E")}();`, "if ($v0.length > 3) $E();"],
    ["text enters only as a string literal, escaped", () => _`const s = ${lit('a"b\u2028*/')};`, 'const s = "a\\"b\\u2028*/";'],
    ["values enter as JSON (objects through JSON.parse)", () => _`f(${json(JSON.parse('{"__proto__":1}'))}, ${json("x")}, ${json(-1.5)})`, 'f(JSON.parse("{\\"__proto__\\":1}"), "x", -1.5)'],
    ["patterns enter as a RegExp built from a string literal", () => regex("^[a-z]+/$", "u"), 'new RegExp("^[a-z]+/$", "u")'],
    ["join keeps the separator", () => join([name("a"), name("b")], " || "), "a || b"],
  ];
  it.each(table)("%s", (_label, make, want) => {
    expect(make().text).toBe(want);
  });

  it("tracks the names code mentions, not text in its literals", () => {
    const v = name("v");
    const code = _`${name("$E")}(${name("e")}, ${lit("v is wrong")});`;
    expect(code.uses(v)).toBe(false);
    expect(code.uses(name("e"))).toBe(true);
    expect([...code.names].sort()).toEqual(["$E", "e"]);
  });

  it("refuses a name that is not one identifier", () => {
    expect(() => name("a b")).toThrow('internal error: "a b" is not an identifier');
    expect(() => name("x;alert(1)")).toThrow("not an identifier");
  });

  it("refuses a number that has no JavaScript literal", () => {
    expect(() => _`${Number.NaN}`).toThrow("not a finite number");
  });

  it("makes text in code a type error", () => {
    const text = "spec text";
    // @ts-expect-error a string is not Code: it needs lit(), json() or regex() (and at run time it throws)
    expect(() => _`f(${text})`).toThrow("text reaches code only through lit(), json() or regex()");
    // @ts-expect-error only code.ts makes Code
    expect(() => new Code("x", new Set())).not.toThrow();
  });
});

describe("emitted checks", () => {
  const emitted = (s: SchemaModel, direction: "response" | "request" = "response", components = new Map<string, SchemaModel>()) =>
    new ValidatorCodegen(components).inlineCheck(s, direction).statements.join("\n");
  const table: [string, SchemaModel, string][] = [
    ["a string with bounds, narrowed by its type", at({ types: ["string"], minLength: 1, format: "uuid" }),
      'if (typeof value !== "string") $T(errors, "", "string"); else {\nif ($len(value) < 1) $E(errors, "", "minLength", $msg0);\nif (!$isUuid(value)) $E(errors, "", "format", "must match format \\"uuid\\"");\n}'],
    ["an integer's type test narrows to number, so its bounds need no kind guard", at({ types: ["integer"], maximum: 9 }),
      'if (typeof value !== "number" || !Number.isInteger(value)) $T(errors, "", "integer"); else if (value > 9) $E(errors, "", "maximum", "must be <= 9");'],
    ["a short enum is a chain of ===", at({ enum: ["a", null] }), 'if (!(value === "a" || value === null)) $E(errors, "", "enum", "must be one of \\"a\\", null");'],
    ["an enum of objects compares deeply, and says its values as JSON", at({ enum: [{ a: 1 }] }),
      'if (!$enum0.some((x) => $deepEqual(value, x))) $E(errors, "", "enum", "must be one of {\\"a\\":1}");'],
    ["a required property: read directly from a plain object, else from $own's copy of its own properties; then $Q", at({ types: ["object"], properties: [{ name: "id/x", required: true, schema: at({ types: ["string"], minLength: 1 }) }] }),
      'if (!$isObj(value)) $T(errors, "", "object"); else {\nconst $o0 = Object.getPrototypeOf(value) === $proto && !("id/x" in $proto) ? value : $own(value);\nconst $v1 = $o0["id/x"];\nif ($v1 === undefined) $Q(errors, "", "id/x"); else if (typeof $v1 !== "string") $T(errors, "/id~1x", "string"); else if ($len($v1) < 1) $E(errors, "/id~1x", "minLength", $msg0);\n}'],
    ["a common property is one helper call: mode 1 (required), then the pattern and its message", at({ types: ["object"], properties: [{ name: "id", required: true, schema: at({ types: ["string"], pattern: "^a" }) }] }),
      'if (!$isObj(value)) $T(errors, "", "object"); else {\nconst $o0 = Object.getPrototypeOf(value) === $proto && !("id" in $proto) ? value : $own(value);\n$str(errors, "", "/id", $o0["id"], 1, $re0, "must match pattern \\"^a\\"");\n}'],
    ["an optional integer with a minimum of 0: the bound is kept, the absent maximum left out", at({ types: ["object"], properties: [{ name: "n", required: false, schema: at({ types: ["integer"], minimum: 0 }) }] }),
      'if (!$isObj(value)) $T(errors, "", "object"); else {\nconst $o0 = Object.getPrototypeOf(value) === $proto && !("n" in $proto) ? value : $own(value);\n$int(errors, "", "/n", $o0["n"], 0, 0);\n}'],
    ["a readOnly property is refused in a request", at({ properties: [{ name: "id", required: true, schema: at({ access: "readOnly" }) }] }),
      'if ($isObj(value)) {\nconst $o0 = Object.getPrototypeOf(value) === $proto && !("id" in $proto) ? value : $own(value);\nconst $v1 = $o0["id"];\nif ($v1 !== undefined) $R(errors, "/id");\n}'],
    ["a ref calls the component's check", at({ ref: PET }), '$checkPet(value, "", errors);'],
    ["not collects into its own list", at({ not: at({ types: ["null"] }) }),
      '{\nconst $e0: ValidationIssue[] = [];\nif (value !== null) $T($e0, "", "null");\nif ($e0.length === 0) $E(errors, "", "not", $msg0);\n}'],
  ];
  it.each(table)("%s", (label, schema, want) => {
    expect(emitted(schema, label.includes("request") ? "request" : "response")).toBe(want);
  });

  // The generator says when a validator's body is one check call, so views.ts need not read its text back.
  describe("a body that is one check call names it (soleCheck)", () => {
    const DIRECTIONAL = { ...PET, name: "Owner", checkName: "$checkOwner", directional: true } as NamedRef;
    const table: [string, SchemaModel, "response" | "request", string | undefined][] = [
      ["a ref", at({ ref: PET }), "response", "$checkPet"],
      ["allOf of one ref passes its call on", at({ allOf: [at({ ref: PET })] }), "response", "$checkPet"],
      ["a directional ref in a response: no direction argument", at({ ref: DIRECTIONAL }), "response", "$checkOwner"],
      ["a directional ref in a request takes `true`: not the validator's own call", at({ ref: DIRECTIONAL }), "request", undefined],
      ["allOf of a ref and more: two statements", at({ allOf: [at({ ref: PET }), at({ types: ["object"] })] }), "response", undefined],
      ["own checks", at({ types: ["string"] }), "response", undefined],
      ["nothing to check", at({}), "response", undefined],
      ["a ref under not: one statement, but not a call", at({ not: at({ ref: PET }) }), "response", undefined],
    ];
    it.each(table)("%s", (_label, schema, direction, want) => {
      const check = new ValidatorCodegen().inlineCheck(schema, direction);
      expect(check.soleCheck).toBe(want);
      if (want) expect(check.statements).toEqual([`${want}(value, "", errors);`]);
    });

    it("a repeated inline shape is called by its shared function's name", () => {
      const property = (n: string) => ({ name: n, required: true, schema: at({ types: ["string"] }) });
      const shape = () => at({ types: ["object"], properties: [property("a"), property("b")] });
      const codegen = new ValidatorCodegen();
      codegen.countShapes([shape(), shape()]);
      const check = codegen.inlineCheck(shape());
      expect(check).toEqual({ statements: ['$shape0(value, "", errors);'], soleCheck: "$shape0" });
      expect(codegen.shapeFunctions).toHaveLength(1);
    });
  });

  it("shares long messages and patterns as constants, each emitted once", () => {
    const codegen = new ValidatorCodegen();
    codegen.inlineCheck(at({ types: ["string"], pattern: "^a$", minLength: 2 }));
    codegen.inlineCheck(at({ types: ["string"], pattern: "^a$", minLength: 2 }));
    expect(codegen.constants).toEqual(['const $msg0 = "must NOT have fewer than 2 characters";', 'const $re1 = /* @__PURE__ */ new RegExp("^a$", "u");']);
    expect([...codegen.usedHelpers()].sort()).toEqual(["$E", "$T", "$len"]);
  });

  it("counts the helpers that helpers call", () => {
    const codegen = new ValidatorCodegen();
    codegen.inlineCheck(at({ const: { value: { a: 1 } } }));
    expect([...codegen.usedHelpers()].sort()).toEqual(["$E", "$deepEqual", "$has", "$hasOwn"]);
  });

  it("imports a format check from the runtime, not the checks it calls in turn (formats.ts keeps those to itself)", () => {
    const codegen = new ValidatorCodegen();
    codegen.inlineCheck(at({ types: ["string"], format: "email" }));
    codegen.inlineCheck(at({ types: ["integer"], format: "int32" }));
    codegen.inlineCheck(at({ types: ["string"], format: "password" })); // an annotation: nothing to check
    const used = codegen.usedHelpers();
    expect([...used].sort()).toEqual(["$E", "$T", "$isEmail", "$isInt32"]);
    expect(formatImports(used)).toEqual(["$isEmail", "$isInt32"]);
  });
});

describe("messages are human text", () => {
  const table: [string, ReturnType<typeof issues.enum>, string][] = [
    ["enum of objects shows JSON, not JSON.parse", issues.enum([{ retries: 3 }, "a"]), 'must be one of {"retries":3}, "a"'],
    ["const", issues.const([1, "x"]), 'must be equal to [1,"x"]'],
    ["dependentRequired names both properties", issues.dependentRequired("b", "a"), 'must have property "b" when property "a" is present'],
    ["contains, singular", issues.contains(1), "must contain at least 1 valid item"],
    ["contains, plural", issues.contains(2), "must contain at least 2 valid items"],
  ];
  it.each(table)("%s", (_label, issue, want) => {
    expect("message" in issue ? issue.message : undefined).toBe(want);
  });

  it("doc comments show a default as JSON, inert inside the comment", () => {
    expect(propertyDoc(at({ default: { value: { retries: 3 } } }))).toBe('/**\n * @default {"retries":3}\n */');
    expect(propertyDoc(at({ default: { value: "*/ evil()" } }))).toBe('/**\n * @default "*\\/ evil()"\n */');
  });

  it("shows undefined for a value JSON has no text for", () => {
    expect(shown(undefined)).toBe("undefined");
  });
});

describe("the one schema walker", () => {
  const child = at({ types: ["string"] });
  const table: [string, SchemaModel, SchemaModel[]][] = [
    ["properties, additionalProperties, patternProperties", at({ properties: [{ name: "a", required: false, schema: child }], additionalProperties: child, patternProperties: [{ pattern: "x", flags: "u", schema: child }] }), [child, child, child]],
    ["items, prefixItems, contains", at({ items: child, prefixItems: [child], contains: child }), [child, child, child]],
    ["if/then/else, not, allOf", at({ conditional: { if: child, then: child }, not: child, allOf: [child] }), [child, child, child, child]],
    ["no children for assertions and annotations", at({ types: ["object"], minProperties: 1, description: "d" }), []],
  ];
  it.each(table)("subschemas: %s", (_label, schema, want) => {
    expect(subschemas(schema)).toHaveLength(want.length);
    for (const s of subschemas(schema)) expect(s).toBe(child);
  });

  const unconstrained: [string, SchemaModel, boolean][] = [
    ["{}", at({}), true],
    ["annotations only", at({ title: "t", description: "d", default: { value: 1 }, deprecated: true, access: "readOnly" }), true],
    ["additionalProperties: true", at({ additionalProperties: true }), true],
    ["additionalProperties: false", at({ additionalProperties: false }), false],
    ["a ref", at({ ref: PET }), false],
    ["an empty enum still constrains", at({ enum: [] }), false],
    ["minContains alone (read with contains)", at({ minContains: 2 }), true],
  ];
  it.each(unconstrained)("isUnconstrained: %s", (_label, schema, want) => {
    expect(isUnconstrained(schema)).toBe(want);
  });
});

describe("the validators preamble", () => {
  it("compiles under the strictest flags with every helper in use", () => {
    const strings = Object.keys(FORMAT_CHECKS).filter((f) => f !== "int32" && f !== "int64");
    const properties = {
      ...Object.fromEntries(strings.map((f, i) => [`s${i}`, { type: "string", format: f, minLength: 1 }])),
      i: { type: "integer", format: "int32", multipleOf: 3 }, // multipleOf: statements, which call $isInt32
      l: { type: "integer", format: "int64", multipleOf: 2 },
      u: { type: "array", uniqueItems: true },
      k: { type: "object", additionalProperties: false, properties: { a: { const: { b: 1 } } }, required: ["a"] },
      r: { type: "string", readOnly: true }, // refused ($R) where All is sent
      // one of each compact property check (compact.ts)
      cs: { type: "string" },
      cf: { type: "string", format: "date-time" },
      cb: { type: "boolean" },
      ci: { type: "integer", minimum: 1 },
      cr: { $ref: "#/components/schemas/Pet" },
      ca: { type: "array", items: { $ref: "#/components/schemas/Pet" } },
    };
    const sendAll = { post: { operationId: "sendAll", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/All" } } } }, responses: { "204": { description: "sent" } } } };
    const spec = miniSpec({ components: { schemas: { Pet: { type: "object" }, All: { type: "object", properties } } } }, "3.1.0");
    const files = render({ ...spec, paths: { ...(spec["paths"] as object), "/all": sendAll } });
    const validators = files.find((f) => f.path === "validators.ts")!.text;
    const missing = PREAMBLE_HELPERS.filter((h) => !validators.includes(`$${h} =`) && !new RegExp(`function \\$${h}\\b`).test(validators));
    expect(missing).toEqual([]);
    // Every format check, imported from the runtime module the output holds.
    const imported = /import \{([^}]*)\} from "\.\/runtime\/formats\.js";/.exec(validators)?.[1]?.split(",").map((n) => n.trim()).filter(Boolean);
    expect(imported).toEqual([...new Set(Object.values(FORMAT_CHECKS))].sort());
    expect(files.map((f) => f.path)).toContain("runtime/formats.ts");
    const dir = tempDir();
    try {
      for (const f of files) dir.write(f.path, f.text);
      expect(compileStrict(dir.path, { files: ["validators.ts"] })).toBe("");
    } finally {
      dir.cleanup();
    }
  });
});

describe("exported validators made of one check call", () => {
  // Two operations with the same two query parameters share one params shape; a response body that is allOf of one
  // component is that component's check. Each becomes a `$validator` line, and still validates.
  const query = [
    { name: "limit", in: "query", schema: { type: "integer", minimum: 1 } },
    { name: "cursor", in: "query", schema: { type: "string" } },
  ];
  const listed = (operationId: string) => ({
    get: {
      operationId,
      parameters: query,
      responses: { "200": { description: "OK", content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/Pet" }] } } } } },
    },
  });
  const spec = miniSpec({ paths: { "/a": listed("listA"), "/b": listed("listB") } });
  const validators = render(spec).find((f) => f.path === "validators.ts")!.text;
  const exported = (validatorName: string) => new RegExp(`^export (const|function) ${validatorName}\\b.*$`, "m").exec(validators)?.[0];

  it("is one line that makes the validator from the function", () => {
    expect(exported("validateListAParams")).toMatch(/= \/\* @__PURE__ \*\/ \$validator<ListAParams>\(\$shape\d+\);$/);
    expect(exported("validateListBParams")).toBe(exported("validateListAParams")?.replace(/ListA/g, "ListB"));
    const responses = [...validators.matchAll(/^export (?:const|function) (validateListA\w*)/gm)].map((m) => m[1]).filter((n) => !n?.endsWith("Params"));
    expect(responses).toHaveLength(1);
    expect(exported(responses[0] as string)).toMatch(/\$validator<\w+>\(\$checkPet\);$/);
  });

  it("validates as the function would", () => {
    const loaded = loadValidators(validators);
    expect(loaded["validateListAParams"]?.({ limit: 2, cursor: "c" })).toEqual({ valid: true, value: { limit: 2, cursor: "c" } });
    expect(loaded["validateListBParams"]?.({ limit: 0, prety: true }).errors?.map((e) => `${e.path} ${e.keyword}`)).toEqual(["/limit minimum", "/prety additionalProperties"]);
  });
});
