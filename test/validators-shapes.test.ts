// Repeated inline schemas share one check function (render/shapes.ts): the sharing must be real (one function,
// several calls) and must change nothing a caller sees — verdicts, paths, keywords and messages.
import { ShapeTable } from "../generator/render/shapes";
import type { SchemaModel } from "../generator/model/types";
import { loadValidators, validatorsSource } from "./validators-harness";

const address = { type: "object", required: ["street", "city"], properties: { street: { type: "string" }, city: { type: "string", minLength: 2 } } };
const schemas = {
  Order: {
    type: "object",
    properties: {
      billing: address,
      shipping: { ...address, description: "Where it goes (documentation does not make a different shape)." },
      history: { type: "array", items: address },
      other: { type: "object", required: ["street"], properties: { street: { type: "string" }, city: { type: "string", minLength: 3 } } },
    },
  },
};

describe("repeated inline shapes", () => {
  const source = validatorsSource(schemas);
  const { validateOrder } = loadValidators(source);

  it("become one function, called from each place they occur", () => {
    const functions = source.match(/^function \$shape\d+\(/gm) ?? [];
    expect(functions).toHaveLength(1);
    const name = functions[0]!.slice("function ".length, -1);
    expect(source.split(`${name}(`).length - 1).toBe(4); // the declaration and three calls
    expect(source).not.toMatch(/minLength: 3[\s\S]*\$shape/); // `other` differs (minLength 3): checked inline
  });

  it("report each issue at its own path, as inline checks would", () => {
    const result = validateOrder!({ billing: { street: 1, city: "x" }, shipping: {}, history: [{ street: "a", city: "bc" }, { city: "y" }], other: { street: "s", city: "ab" } });
    expect(result.valid).toBe(false);
    const order = (a: { path: string; message: string }, b: { path: string; message: string }) => (a.path + a.message < b.path + b.message ? -1 : 1);
    expect([...(result.errors ?? [])].sort(order)).toEqual([
      { path: "/billing/street", keyword: "type", message: "must be string" },
      { path: "/billing/city", keyword: "minLength", message: "must NOT have fewer than 2 characters" },
      { path: "/shipping", keyword: "required", message: 'must have required property "street"' },
      { path: "/shipping", keyword: "required", message: 'must have required property "city"' },
      { path: "/history/1", keyword: "required", message: 'must have required property "street"' },
      { path: "/history/1/city", keyword: "minLength", message: "must NOT have fewer than 2 characters" },
      { path: "/other/city", keyword: "minLength", message: "must NOT have fewer than 3 characters" },
    ].sort(order));
    expect(validateOrder!({ billing: { street: "a", city: "bc" }, history: [] }).valid).toBe(true);
  });
});

describe("ShapeTable", () => {
  const s = (schema: Omit<SchemaModel, "pointer">, pointer = "/x"): SchemaModel => ({ pointer, ...schema });
  const obj = (pointer: string, extra: Partial<SchemaModel> = {}) =>
    s({ types: ["object"], properties: [{ name: "a", required: true, schema: s({ types: ["string"] }, `${pointer}/a`) }, { name: "b", required: false, schema: s({ types: ["integer"] }, `${pointer}/b`) }], ...extra }, pointer);

  it("identifies shapes by their keywords, not by where they are or how they are documented", () => {
    const table = new ShapeTable();
    expect(table.id(obj("/one"))).toBe(table.id(obj("/two", { description: "other words", title: "T" })));
    expect(table.id(obj("/one"))).not.toBe(table.id(obj("/three", { minProperties: 1 })));
  });

  it("shares only objects that occur more than once", () => {
    const table = new ShapeTable();
    const once = obj("/once", { maxProperties: 9 });
    const twice = [obj("/a"), obj("/b")];
    table.count([once, ...twice]);
    expect(table.repeated(once)).toBeUndefined();
    expect(table.repeated(twice[0]!)).toBe(table.repeated(twice[1]!));
    expect(table.repeated(s({ types: ["string"] }))).toBeUndefined();
  });
});
