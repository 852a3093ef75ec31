// A table of given/want cases per keyword, beyond those in render.test.ts: OpenAPI 3.0 edges and the JSON Schema
// 2020-12 keywords of OpenAPI 3.1. Every table's schemas are also rendered into one validators.ts that must
// compile under the strictest flags users may have.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { miniSpec, tempDir, withTypeChecking } from "./helpers";
import { diagnosticsFor, loadValidators, render, validatorsSource } from "./validators-harness";

type Case = [name: string, schema: unknown, value: unknown, valid: boolean, keyword?: string];

const CASES_30: Case[] = [
  ["type number rejects a numeric string", { type: "number" }, "1", false, "type"],
  ["type integer accepts a negative whole number", { type: "integer" }, -3, true],
  ["type object rejects an array", { type: "object" }, [], false, "type"],
  ["type array rejects an object", { type: "array" }, {}, false, "type"],
  ["nullable false keeps null out", { type: "string", nullable: false }, null, false, "type"],
  ["nullable without type has no effect (3.0.3)", { nullable: true, minLength: 1 }, null, true],
  ["nullable enum listing null accepts null", { type: "string", nullable: true, enum: ["a", null] }, null, true],
  ["enum of objects uses deep equality", { enum: [{ a: 1, b: [2] }] }, { b: [2], a: 1 }, true],
  ["enum rejects a near miss", { enum: [1, "1"] }, true, false, "enum"],
  ["enum of 9 strings (set lookup)", { enum: ["a", "b", "c", "d", "e", "f", "g", "h", "i"] }, "i", true],
  ["enum of 9 strings rejects", { enum: ["a", "b", "c", "d", "e", "f", "g", "h", "i"] }, "j", false, "enum"],
  ["minimum inclusive", { type: "number", minimum: 1 }, 1, true],
  ["maximum inclusive", { type: "number", maximum: 1 }, 1.0001, false, "maximum"],
  ["exclusiveMaximum (3.0 boolean)", { type: "number", maximum: 1, exclusiveMaximum: true }, 1, false, "exclusiveMaximum"],
  ["exclusiveMinimum false is inclusive", { type: "number", minimum: 1, exclusiveMinimum: false }, 1, true],
  ["numeric keywords ignore strings", { minimum: 5 }, "1", true],
  ["multipleOf integer", { type: "integer", multipleOf: 3 }, 9, true],
  ["multipleOf 0.1 accepts 0.3", { type: "number", multipleOf: 0.1 }, 0.3, true],
  ["multipleOf 0.01 accepts 19.99", { type: "number", multipleOf: 0.01 }, 19.99, true],
  ["multipleOf 1.5 rejects 4", { type: "number", multipleOf: 1.5 }, 4, false, "multipleOf"],
  ["string keywords ignore numbers", { maxLength: 1, pattern: "^a$" }, 12, true],
  ["maxLength counts a surrogate pair once", { type: "string", maxLength: 2 }, "a😀", true],
  ["pattern uses the u flag", { type: "string", pattern: "^.$" }, "😀", true],
  ["pattern \\p{L}", { type: "string", pattern: "^\\p{L}+$" }, "héllo", true],
  ["minItems", { type: "array", minItems: 2 }, [1], false, "minItems"],
  ["maxItems", { type: "array", maxItems: 1 }, [1, 2], false, "maxItems"],
  ["uniqueItems 1 and 1.0 are equal", { type: "array", uniqueItems: true }, [1, 1.0], false, "uniqueItems"],
  ["uniqueItems distinct arrays", { type: "array", uniqueItems: true }, [[1, 2], [2, 1]], true],
  ["uniqueItems 1 and \"1\" differ", { type: "array", uniqueItems: true }, [1, "1"], true],
  ["minProperties", { type: "object", minProperties: 1 }, {}, false, "minProperties"],
  ["maxProperties", { type: "object", maxProperties: 1 }, { a: 1, b: 2 }, false, "maxProperties"],
  ["required not in properties, additionalProperties false", { type: "object", required: ["a"], additionalProperties: false }, { a: 1 }, false, "additionalProperties"],
  ["constructor is not inherited as present", { type: "object", required: ["constructor"] }, {}, false, "required"],
  ["constructor as a declared key", { type: "object", properties: { constructor: { type: "integer" } } }, { constructor: "x" }, false, "type"],
  ["additionalProperties true", { type: "object", additionalProperties: true }, { z: 1 }, true],
  ["oneOf with zero matches", { oneOf: [{ type: "string" }, { type: "boolean" }] }, 1, false, "oneOf"],
  ["anyOf with none", { anyOf: [{ minimum: 3 }, { maximum: 1 }] }, 2, false, "anyOf"],
  ["not accepts the complement", { not: { type: "string" } }, 1, true],
  ["format date rejects Feb 29 of a common year", { type: "string", format: "date" }, "2025-02-29", false, "format"],
  ["format date accepts Feb 29 of 2000", { type: "string", format: "date" }, "2000-02-29", true],
  ["format date-time needs a time zone", { type: "string", format: "date-time" }, "2025-05-04T09:42:00", false, "format"],
  ["format ipv4 rejects leading zeros", { type: "string", format: "ipv4" }, "01.2.3.4", false, "format"],
  ["format ipv6", { type: "string", format: "ipv6" }, "::ffff:1.2.3.4", true],
  ["format email", { type: "string", format: "email" }, "a b@c.de", false, "format"],
  ["format byte", { type: "string", format: "byte" }, "aGk=", true],
  ["format int32 minimum", { type: "integer", format: "int32" }, -2147483648, true],
  ["format ignores other types", { format: "uuid" }, 42, true],
  ["unknown formats are annotations", { type: "string", format: "x-custom" }, "anything", true],
];

const CASES_31: Case[] = [
  ["type array with null accepts null", { type: ["string", "null"] }, null, true],
  ["type array with null rejects a number", { type: ["string", "null"] }, 1, false, "type"],
  ["type array integer or boolean", { type: ["integer", "boolean"] }, false, true],
  ["const", { const: "a" }, "b", false, "const"],
  ["const null", { const: null }, null, true],
  ["const object uses deep equality", { const: { a: [1, { b: 2 }] } }, { a: [1, { b: 2 }] }, true],
  ["numeric exclusiveMinimum", { type: "number", exclusiveMinimum: 1 }, 1, false, "exclusiveMinimum"],
  ["numeric exclusiveMinimum above", { type: "number", exclusiveMinimum: 1 }, 1.5, true],
  ["numeric exclusiveMaximum", { type: "number", exclusiveMaximum: 1 }, 1, false, "exclusiveMaximum"],
  ["nullable is not a 3.1 keyword", { type: "string", nullable: true }, null, false, "type"],
  ["prefixItems checks by position", { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] }, ["a", "b"], false, "type"],
  ["prefixItems allows shorter arrays", { prefixItems: [{ type: "string" }, { type: "integer" }] }, ["a"], true],
  ["items after prefixItems", { prefixItems: [{ type: "string" }], items: { type: "integer" } }, ["a", 1, 2], true],
  ["items after prefixItems rejects", { prefixItems: [{ type: "string" }], items: { type: "integer" } }, ["a", 1, "x"], false, "type"],
  ["items false closes the tuple", { prefixItems: [{}], items: false }, [1, 2], false, "not"],
  ["contains", { contains: { type: "integer" } }, ["a", "b"], false, "contains"],
  ["contains matches one", { contains: { type: "integer" } }, ["a", 1], true],
  ["contains ignores non-arrays", { contains: { type: "integer" } }, "a", true],
  ["minContains", { contains: { type: "integer" }, minContains: 2 }, [1, "a"], false, "contains"],
  ["minContains 0 accepts an empty array", { contains: { type: "integer" }, minContains: 0 }, [], true],
  ["maxContains", { contains: { type: "integer" }, maxContains: 1 }, [1, 2], false, "maxContains"],
  ["minContains without contains has no effect", { minContains: 2 }, [], true],
  ["a required writeOnly property is not required in what is received", { required: ["secret"], properties: { secret: { type: "string", writeOnly: true } } }, {}, true],
  ["a required readOnly property is required in what is received", { required: ["id"], properties: { id: { type: "string", readOnly: true } } }, {}, false, "required"],
  ["patternProperties checks matching keys", { patternProperties: { "^x-": { type: "string" } } }, { "x-a": 1 }, false, "type"],
  ["patternProperties ignores other keys", { patternProperties: { "^x-": { type: "string" } } }, { y: 1 }, true],
  ["patternProperties keys are not additional", { properties: { a: {} }, patternProperties: { "^x-": {} }, additionalProperties: false }, { a: 1, "x-b": 2 }, true],
  ["additionalProperties still applies to the rest", { patternProperties: { "^x-": {} }, additionalProperties: false }, { "x-b": 2, c: 3 }, false, "additionalProperties"],
  ["propertyNames", { propertyNames: { pattern: "^[a-z]+$" } }, { ok: 1, Bad: 2 }, false, "pattern"],
  ["propertyNames maxLength", { propertyNames: { maxLength: 2 } }, { ab: 1 }, true],
  ["propertyNames false allows only {}", { propertyNames: false }, { a: 1 }, false, "not"],
  ["dependentRequired", { dependentRequired: { card: ["billing"] } }, { card: 1 }, false, "dependentRequired"],
  ["dependentRequired satisfied", { dependentRequired: { card: ["billing"] } }, { card: 1, billing: 2 }, true],
  ["dependentRequired not triggered", { dependentRequired: { card: ["billing"] } }, { billing: 2 }, true],
  ["dependentSchemas", { dependentSchemas: { card: { required: ["billing"] } } }, { card: 1 }, false, "required"],
  ["dependentSchemas not triggered", { dependentSchemas: { card: { required: ["billing"] } } }, { other: 1 }, true],
  ["if/then", { if: { properties: { kind: { const: "a" } } }, then: { required: ["a"] } }, { kind: "a" }, false, "required"],
  ["if/then not triggered", { if: { properties: { kind: { const: "a" } } }, then: { required: ["a"] } }, { kind: "b" }, true],
  ["if/else", { if: { type: "string" }, then: { minLength: 2 }, else: { minimum: 10 } }, 5, false, "minimum"],
  ["if/then passes", { if: { type: "string" }, then: { minLength: 2 }, else: { minimum: 10 } }, "ab", true],
  ["then without if has no effect", { then: { type: "string" } }, 1, true],
  ["$ref with sibling keywords", { $ref: "#/components/schemas/Pet", required: ["id"] }, {}, false, "required"],
  ["$defs through $ref", { $defs: { Id: { type: "integer" } }, properties: { id: { $ref: "#/components/schemas/Subject/$defs/Id" } } }, { id: "x" }, false, "type"],
];


describe.each<[string, string, Case[]]>([
  ["OpenAPI 3.0", "3.0.3", CASES_30],
  ["OpenAPI 3.1", "3.1.0", CASES_31],
])("keywords, %s", (_label, version, cases) => {
  // One module for the whole table: case i is component K<i> (a $ref to "Subject" names the case itself).
  const schemas = Object.fromEntries(cases.map(([, schema], i) => [`K${i}`, JSON.parse(JSON.stringify(schema).replace(/Subject/g, `K${i}`))]));
  const validators = loadValidators(validatorsSource(schemas, version));
  it.each(cases.map((c, i) => [c[0], i] as [string, number]))("%s", (_name, i) => {
    const [, , value, valid, keyword] = cases[i]!;
    const result = validators[`validateK${i}`]!(value);
    expect(result.valid).toBe(valid);
    if (keyword) expect(result.errors?.map((e) => e.keyword)).toContain(keyword);
  });

  it("compiles under tsc --strict with every extra flag", () => {
    const dir = tempDir("apigen-validators-");
    try {
      const files = render(miniSpec({ components: { schemas: { Pet: { type: "object" }, ...schemas } } }, version));
      mkdirSync(join(dir.path, "runtime"), { recursive: true });
      const checked = ["validators.ts", "types.ts", "runtime/formats.ts"];
      for (const file of files) if (checked.includes(file.path)) writeFileSync(join(dir.path, file.path), withTypeChecking(file.text)); // bodies included
      const program = ts.createProgram([join(dir.path, "validators.ts")], {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noUnusedLocals: true, noUnusedParameters: true,
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, types: [],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      dir.cleanup();
    }
  });
});

describe("refusals and warnings", () => {
  it.each(["unevaluatedProperties", "unevaluatedItems"])("refuses %s at generation time with a location and a hint", (keyword) => {
    const diagnostics = diagnosticsFor({ Subject: { type: "object", [keyword]: false } }, "3.1.0");
    const error = diagnostics.find((d) => d.severity === "error");
    expect(error).toMatchObject({ code: "APIGEN_SCHEMA_UNSUPPORTED", location: { pointer: `/components/schemas/Subject/${keyword}` } });
    expect(error?.hint).toBeTruthy();
  });

  it("warns that 2020-12 keywords are ignored in an OpenAPI 3.0 document", () => {
    const diagnostics = diagnosticsFor({ Subject: { prefixItems: [{ type: "string" }] } }, "3.0.3");
    expect(diagnostics.map((d) => [d.severity, d.code, d.location?.pointer])).toContainEqual(["warning", "APIGEN_SCHEMA_UNSUPPORTED", "/components/schemas/Subject/prefixItems"]);
  });

  it("refuses a patternProperties pattern that does not compile, naming it", () => {
    const diagnostics = diagnosticsFor({ Subject: { patternProperties: { "([": {} } } }, "3.1.0");
    expect(diagnostics.map((d) => [d.severity, d.code, d.location?.pointer])).toContainEqual(["error", "APIGEN_SCHEMA_PATTERN", "/components/schemas/Subject/patternProperties/(["]);
  });
});

// readOnly/writeOnly by direction (OAS 3.0 §4.7.24): component validators and response bodies check values as
// received; each JSON request body gets a validator in the request direction, which refuses readOnly properties
// and requires writeOnly ones as declared.
type DirectionCase = [name: string, schema: unknown, value: unknown, response: true | string, request: true | string, requestPath?: string];

const SHARED = {
  Owner: { type: "object", required: ["id", "name"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } },
  Stamp: { type: "string", format: "date-time", readOnly: true },
  Node: { type: "object", properties: { id: { type: "integer", readOnly: true }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } },
  Cat: { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["Cat"] }, id: { type: "string", readOnly: true } } },
  Dog: { type: "object", required: ["kind"], properties: { kind: { type: "string", enum: ["Dog"] } } },
};

const DIRECTION_CASES: DirectionCase[] = [
  ["a required readOnly property: required in responses, not in requests", { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } }, {}, "required", true],
  ["a readOnly property present: fine in responses, refused in requests", { type: "object", properties: { id: { type: "string", readOnly: true } } }, { id: "x" }, true, "readOnly", "/id"],
  ["a readOnly property of the wrong type is refused for being sent, not for its type", { type: "object", properties: { id: { type: "string", readOnly: true } } }, { id: 1 }, "type", "readOnly", "/id"],
  ["a required writeOnly property: not required in responses, required in requests", { type: "object", required: ["secret"], properties: { secret: { type: "string", writeOnly: true } } }, {}, true, "required"],
  ["a writeOnly property present is checked in requests", { type: "object", properties: { secret: { type: "string", writeOnly: true } } }, { secret: 1 }, "type", "type", "/secret"],
  ["readOnly below a $ref", { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } }, { owner: { id: "o", name: "n" } }, true, "readOnly", "/owner/id"],
  ["a required readOnly property below a $ref", { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } }, { owner: { name: "n" } }, "required", true],
  ["a property referring to a readOnly component", { type: "object", properties: { stamp: { $ref: "#/components/schemas/Stamp" } } }, { stamp: "2025-05-04T09:42:00Z" }, true, "readOnly", "/stamp"],
  ["readOnly in array items", { type: "object", properties: { list: { type: "array", items: { type: "object", properties: { id: { readOnly: true } } } } } }, { list: [{}, { id: 1 }] }, true, "readOnly", "/list/1/id"],
  ["readOnly in a recursive tree", { $ref: "#/components/schemas/Node" }, { children: [{ children: [{ id: 3 }] }] }, true, "readOnly", "/children/0/children/0/id"],
  ["readOnly behind a discriminator", { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind" } }, { kind: "Cat", id: "c" }, true, "readOnly", "/id"],
  ["readOnly under allOf", { allOf: [{ $ref: "#/components/schemas/Owner" }, { type: "object", properties: { extra: { type: "integer" } } }] }, { id: "o", name: "n", extra: 1 }, true, "readOnly", "/id"],
  ["no readOnly or writeOnly: both directions agree", { type: "object", required: ["a"], properties: { a: { type: "integer" } } }, {}, "required", "required"],
];

describe.each<[string, string]>([["OpenAPI 3.0", "3.0.3"], ["OpenAPI 3.1", "3.1.0"]])("readOnly and writeOnly by direction, %s", (_label, version) => {
  // Case i: component D<i>, sent by operation `sendD<i>` (as a $ref) and `sendInlineD<i>` (inline, refs kept).
  const schemas = { ...SHARED, ...Object.fromEntries(DIRECTION_CASES.map(([, schema], i) => [`D${i}`, schema])) };
  const paths: Record<string, unknown> = {};
  DIRECTION_CASES.forEach(([, schema], i) => {
    const op = (operationId: string, body: unknown) => ({
      operationId,
      tags: ["Send"],
      requestBody: { required: true, content: { "application/json": { schema: body } } },
      responses: { "204": { description: "sent" } },
    });
    paths[`/d${i}`] = { post: op(`sendD${i}`, { $ref: `#/components/schemas/D${i}` }), put: op(`sendInlineD${i}`, schema) };
  });
  const spec = miniSpec({ paths, components: { schemas } }, version);
  const files = render(spec);
  const validators = loadValidators(files.find((f) => f.path === "validators.ts")!.text);
  const client = files.find((f) => f.path === "client.ts")!.text;

  it.each(DIRECTION_CASES.map((c, i) => [c[0], i] as [string, number]))("%s", (_name, i) => {
    const [, , value, response, request, requestPath] = DIRECTION_CASES[i]!;
    const verdict = (fn: (value: unknown) => { valid: boolean; errors?: { path: string; keyword: string }[] }, want: true | string, path?: string) => {
      const result = fn(value);
      expect(result.valid).toBe(want === true);
      if (want !== true) expect(result.errors?.map((e) => e.keyword)).toContain(want);
      if (want !== true && path !== undefined) expect(result.errors?.find((e) => e.keyword === want)?.path).toBe(path);
    };
    verdict(validators[`validateD${i}`]!, response);
    // The $ref body uses the component's validator when direction does not matter for it, its own otherwise.
    const refValidator = /validate: \{\n\s*"application\/json": (\w+),/.exec(client.slice(client.indexOf(`sendD${i}Operation`)))?.[1];
    expect(refValidator).toBeDefined();
    verdict(validators[refValidator!]!, request, requestPath);
    verdict(validators[`validateSendInlineD${i}RequestBody`]!, request, requestPath);
  });

  it("gives one check function both directions where direction matters, and leaves the rest alone", () => {
    const source = files.find((f) => f.path === "validators.ts")!.text;
    const signature = (fn: string) => new RegExp(`function \\${fn}\\(([^)]*)\\)`).exec(source)?.[1];
    expect(signature("$checkOwner")).toMatch(/, r\?: boolean$/);
    expect(signature("$checkNode")).toMatch(/, r\?: boolean$/);
    expect(signature("$checkDog")).not.toMatch(/r\?: boolean/);
    expect(source).not.toContain("$req");
    const last = DIRECTION_CASES.length - 1;
    expect(signature(`$checkD${last}`)).not.toMatch(/r\?: boolean/);
    expect(client).toMatch(new RegExp(`"application/json": validateD${last},`));
  });

  it("compiles under tsc --strict with every extra flag", () => {
    const dir = tempDir("apigen-validators-direction-");
    try {
      for (const file of files) {
        if (!["validators.ts", "types.ts", "client.ts"].includes(file.path) && !file.path.startsWith("runtime/")) continue;
        mkdirSync(dirname(join(dir.path, file.path)), { recursive: true });
        writeFileSync(join(dir.path, file.path), withTypeChecking(file.text)); // bodies included
      }
      const program = ts.createProgram([join(dir.path, "client.ts")], {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noUnusedLocals: true, noUnusedParameters: true,
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      expect(problems).toEqual([]);
    } finally {
      dir.cleanup();
    }
  });
});
