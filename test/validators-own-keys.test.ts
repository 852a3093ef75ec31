// Only own properties count (JSON Schema speaks of the instance's members; an inherited `id` is not one). The
// generated reads skip the hasOwnProperty call for a plain object whose prototype lacks the key: these cases pin
// that the shortcut never takes an inherited value, including after Object.prototype is polluted at run time, once
// the validator has run hot (V8 folded "Object.prototype has no such key" into its optimized code).
import ts from "typescript";
import { validatorsSource, type ValidateFn } from "./validators-harness";

/**
 * Loaded in the test's realm (the shared harness uses a fresh one; vm's runInThisContext would use Node's, not
 * Jest's): the shortcut applies only to objects whose prototype is the validators' own Object.prototype, so the
 * values below must come from the same realm to exercise it.
 */
function validatorsFor(schemas: Record<string, unknown>): Record<string, ValidateFn> {
  const js = ts.transpileModule(validatorsSource(schemas), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const module = { exports: {} as Record<string, ValidateFn> };
  new Function("module", "exports", js)(module, module.exports);
  return module.exports;
}

const { validateThing } = validatorsFor({
  Thing: { type: "object", required: ["id"], properties: { id: { type: "string" }, size: { type: "integer" } } },
});

const issuesOf = (value: unknown) => validateThing!(value).errors?.map((e) => `${e.path} ${e.keyword}`) ?? [];

describe("own properties only", () => {
  it("values here share the validators' realm (else the shortcut would go untested)", () => {
    const { validateThing: validate } = validatorsFor({ Thing: { type: "object", properties: { id: { type: "string" } } } });
    expect(validate!.constructor).toBe(Function);
  });

  it("an inherited required property is missing; an inherited optional one is not checked", () => {
    expect(issuesOf(Object.create({ id: "x", size: "big" }))).toEqual([" required"]);
  });

  it("an object without a prototype has its own properties checked", () => {
    expect(issuesOf(Object.assign(Object.create(null), { id: 1, size: 2 }))).toEqual(["/id type"]);
  });

  it("a key Object.prototype holds (constructor, toString) counts only when own", () => {
    const { validateThing: validate } = validatorsFor({ Thing: { type: "object", required: ["constructor"], properties: { toString: { type: "string" } } } });
    expect(validate!({}).errors?.map((e) => e.message)).toEqual(['must have required property "constructor"']);
    expect(validate!(JSON.parse('{"constructor": 1, "toString": 2}')).errors?.map((e) => `${e.path} ${e.keyword}`)).toEqual(["/toString type"]);
  });

  it("after Object.prototype is polluted, an optimized validator still ignores the inherited value and checks own ones", () => {
    for (let i = 0; i < 20_000; i++) issuesOf({ id: "a", size: 1 }); // hot: optimized with the prototype as it was
    const prototype = Object.prototype as Record<string, unknown>;
    prototype["id"] = "polluted";
    prototype["size"] = "polluted";
    try {
      expect(issuesOf({})).toEqual([" required"]);
      expect(issuesOf({ id: 7, size: 1.5 })).toEqual(["/id type", "/size type"]);
      expect(issuesOf({ id: "a" })).toEqual([]);
    } finally {
      delete prototype["id"];
      delete prototype["size"];
    }
    expect(issuesOf({ id: "a", size: 1 })).toEqual([]);
  });
});
