// JSON pointers (RFC 6901), resolved by the one implementation the load checks and the model share: both forms,
// every escape, and the pointers that name nothing; then the same table through both callers, which must agree.
import { resolvePointer } from "../generator/json-pointer";
import { missingRefs } from "../generator/load/checks";
import { buildModel } from "../generator/model";
import { miniSpec } from "./helpers";
import { specOf } from "./validators-harness";

const DOCUMENT = {
  x: {
    "a/b": { n: 1 },
    "m~n": { n: 2 },
    "~1": { n: 3 },
    "a b": { n: 4 },
    "/pets/{id}": { n: 5 },
    "100%": { n: 6 },
    "": { n: 7 },
    text: "a string",
    list: [{ n: 8 }, { n: 9 }],
  },
};
const x = DOCUMENT.x;

describe("resolvePointer", () => {
  const found: [string, string, unknown][] = [
    ["`~1` is a slash", "#/x/a~1b", x["a/b"]],
    ["`~0` is a tilde", "#/x/m~0n", x["m~n"]],
    ["`~01` is `~1`, not a slash: ~1 is decoded before ~0", "#/x/~01", x["~1"]],
    ["a percent-escape in a $ref's fragment", "#/x/a%20b", x["a b"]],
    ["percent-escapes, then ~1", "#/x/~1pets~1%7Bid%7D", x["/pets/{id}"]],
    ["`%25` is a percent sign", "#/x/100%25", x["100%"]],
    ["the plain form: no percent-decoding", "/x/100%", x["100%"]],
    ["the plain form with ~1", "/x/a~1b", x["a/b"]],
    ["an empty key", "#/x/", x[""]],
    ["an array item", "#/x/list/1", x.list[1]],
    ["the whole document, as a fragment", "#", DOCUMENT],
    ["the whole document, as a pointer", "", DOCUMENT],
  ];
  it.each(found)("finds: %s (%s)", (_label, pointer, want) => {
    expect(resolvePointer(DOCUMENT, pointer)).toBe(want);
  });

  const nothing: [string, string][] = [
    ["a missing key", "#/x/missing"],
    ["a key that is only similar (case)", "#/x/A~1B"],
    ["past the end of an array", "#/x/list/2"],
    ["an index with a leading zero", "#/x/list/01"],
    ["`-` (the item after the last)", "#/x/list/-"],
    ["an array's length", "#/x/list/length"],
    ["an inherited member", "#/x/constructor"],
    ["the prototype", "#/x/__proto__"],
    ["a method of the prototype", "#/x/a~1b/toString"],
    ["a member of a string", "#/x/text/length"],
    ["an anchor, not a pointer", "#x"],
    ["another document's pointer", "other.yaml#/x/a~1b"],
    ["a relative path", "x/a~1b"],
    ["a malformed percent-escape", "#/x/100%"],
    ["a truncated percent-escape", "#/x/%E0%A4%A"],
    ["`~` not followed by 0 or 1", "#/x/a~2b"],
    ["`~` at the end", "#/x/m~"],
  ];
  it.each(nothing)("finds nothing: %s (%s)", (_label, pointer) => {
    expect(resolvePointer(DOCUMENT, pointer)).toBeUndefined();
  });

  it("answers a repeated pointer with the same node, and a missing one with undefined every time", () => {
    const document = { components: { schemas: { "a/b": { type: "string" }, list: [{ type: "integer" }] } } };
    expect(resolvePointer(document, "#/components/schemas/a~1b")).toBe(document.components.schemas["a/b"]);
    expect(resolvePointer(document, "#/components/schemas/a~1b")).toBe(document.components.schemas["a/b"]);
    expect(resolvePointer(document, "#/components/schemas/list/0")).toBe(document.components.schemas.list[0]);
    expect(resolvePointer(document, "#/components/schemas/missing")).toBeUndefined();
    expect(resolvePointer(document, "#/components/schemas/missing")).toBeUndefined();
    // Another document with the same pointer gets its own answer.
    const other = { components: { schemas: { "a/b": { type: "boolean" } } } };
    expect(resolvePointer(other, "#/components/schemas/a~1b")).toBe(other.components.schemas["a/b"]);
  });

  it("follows a pointer in a value that is not an object (no cache to keep)", () => {
    expect(resolvePointer([{ a: 1 }], "/0/a")).toBe(1);
    expect(resolvePointer("text", "")).toBe("text");
    expect(resolvePointer(null, "/a")).toBeUndefined();
  });
});

describe("the load checks and the model agree on every $ref", () => {
  // One property per $ref of the table, each to a schema (a distinct const) under Targets. The load stage refuses
  // a $ref that names nothing (APIGEN_REF_MISSING); the model, handed the same document, inlines what it finds and
  // warns about the rest (APIGEN_SCHEMA_REF). A $ref one accepts and the other not would be a silent wrong type.
  const targets = { "a/b": 0, "m~n": 1, "~1": 2, "a b": 3, "/pets/{id}": 4, "100%": 5 };
  const refs: [string, number | undefined][] = [
    ["#/components/schemas/Targets/properties/a~1b", 0],
    ["#/components/schemas/Targets/properties/m~0n", 1],
    ["#/components/schemas/Targets/properties/~01", 2],
    ["#/components/schemas/Targets/properties/a%20b", 3],
    ["#/components/schemas/Targets/properties/~1pets~1%7Bid%7D", 4],
    ["#/components/schemas/Targets/properties/100%25", 5],
    ["#/components/schemas/Targets/properties/missing", undefined],
    ["#/components/schemas/Targets/properties/100%", undefined],
    ["#/components/schemas/Targets/properties/a~2b", undefined],
    ["#/components/schemas/Targets/required/01", undefined],
    ["#/components/schemas/Targets/constructor", undefined],
    ["#/components/schemas/Targets/properties/__proto__", undefined],
    ["#components", undefined],
  ];
  const spec = miniSpec({
    components: {
      schemas: {
        Pet: { type: "object" },
        Targets: { type: "object", required: ["a/b"], properties: Object.fromEntries(Object.entries(targets).map(([key, n]) => [key, { const: n }])) },
        Holder: { type: "object", properties: Object.fromEntries(refs.map(([ref], i) => [`p${i}`, { $ref: ref }])) },
      },
    },
  });

  it("the load check refuses exactly the $refs that name nothing", () => {
    const refused = missingRefs(spec, (pointer) => ({ file: "spec.yaml", pointer })).map((d) => {
      expect(d.code).toBe("APIGEN_REF_MISSING");
      return d.location?.pointer;
    });
    expect(refused).toEqual(refs.flatMap(([, want], i) => (want === undefined ? [`/components/schemas/Holder/properties/p${i}/$ref`] : [])));
  });

  it("the model finds what the load check accepts, and warns about the rest", () => {
    const { model, warnings } = buildModel(specOf(spec));
    const holder = model.schemas.find((s) => s.ref.name === "Holder")?.schema;
    const modelled = refs.map((_ref, i) => holder?.properties?.find((p) => p.name === `p${i}`)?.schema.const?.value);
    expect(modelled).toEqual(refs.map(([, want]) => want));
    const unresolved = warnings.filter((w) => w.code === "APIGEN_SCHEMA_REF").map((w) => w.location?.pointer);
    expect(unresolved.sort()).toEqual(refs.flatMap(([, want], i) => (want === undefined ? [`/components/schemas/Holder/properties/p${i}`] : [])).sort());
  });

  it("a parameter named through a percent-escaped $ref is modelled (the model used to drop it silently)", () => {
    const doc = miniSpec({
      paths: { "/pets": { get: { operationId: "listPets", parameters: [{ $ref: "#/components/parameters/page%20size" }], responses: { "204": { description: "none" } } } } },
      components: { parameters: { "page size": { name: "limit", in: "query", schema: { type: "integer" } } }, schemas: { Pet: { type: "object" } } },
    });
    expect(missingRefs(doc, (pointer) => ({ file: "spec.yaml", pointer }))).toEqual([]);
    const op = buildModel(specOf(doc)).model.tags.flatMap((t) => t.operations).find((o) => o.operationId === "listPets");
    expect(op?.parameters.query.map((p) => p.name)).toEqual(["limit"]);
  });
});
