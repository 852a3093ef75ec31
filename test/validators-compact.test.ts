// The compact property checks (render/validators/compact.ts: `$str`, `$fmt`, `$bool`, `$int`, `$ref`, `$arr`) must
// report exactly what the statements they replace report: the same issues, paths, keywords and messages, in the same
// order, in both directions. The statements are still what a key that needs JSON-pointer escaping gets (`a~`), so
// one spec holds each property twice — as `pN` (compact) and as `pN~` (statements) — and every value is checked
// through both, as a response and as a request body.
import { miniSpec } from "./helpers";
import { loadValidators, render, type ValidateFn } from "./validators-harness";

const PROPERTY_SCHEMAS: Record<string, unknown>[] = [
  { type: "string" },
  { type: "string", pattern: "^a" },
  { type: "string", format: "date-time" },
  { type: "string", format: "uuid" },
  { type: "string", format: "password" }, // not a checked format: a plain string
  { type: "boolean" },
  { type: "integer" },
  { type: "integer", minimum: 0, maximum: 10, format: "int32" },
  { type: "integer", minimum: -5 },
  { type: "integer", maximum: 3 },
  { type: "integer", format: "int32" },
  { type: "integer", format: "int64" },
  { $ref: "#/components/schemas/Item" },
  { type: "array", items: { $ref: "#/components/schemas/Item" } },
  { type: "string", readOnly: true },
  { type: "integer", minimum: 1, readOnly: true },
  { type: "string", writeOnly: true },
  { $ref: "#/components/schemas/Stamp" }, // a readOnly component: the property is readOnly too
  { type: "array", items: { $ref: "#/components/schemas/Secret" } }, // a directional component: told the direction
];

const VALUES: unknown[] = [
  undefined, null, "", "a", "ba", "2020-01-01T00:00:00Z", "2020-02-30T00:00:00Z", "123e4567-e89b-12d3-a456-426614174000",
  true, 0, 1, 10, 11, -5, -6, 2.5, 2 ** 31, -(2 ** 31) - 1, 1e20, {}, { n: 1 }, { n: "x" }, [], [{ n: 1 }, { n: 2.5 }, "x"],
  [{ s: "x" }, { s: 1 }],
];

function spec(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  PROPERTY_SCHEMAS.forEach((schema, i) => {
    for (const required_ of [false, true]) {
      const key = `p${i}${required_ ? "r" : ""}`;
      for (const name of [key, `${key}~`]) {
        properties[name] = schema;
        if (required_) required.push(name);
      }
    }
  });
  const body = (ref: string) => ({ required: true, content: { "application/json": { schema: { $ref: ref } } } });
  const doc = miniSpec({
    components: {
      schemas: {
        Pet: { type: "object" },
        Item: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
        Stamp: { type: "object", readOnly: true, properties: { at: { type: "string" } } },
        Secret: { type: "object", properties: { s: { type: "string", writeOnly: true } }, required: ["s"] },
        All: { type: "object", properties, required },
      },
    },
  });
  const paths = doc["paths"] as Record<string, unknown>;
  paths["/all"] = { post: { operationId: "sendAll", requestBody: body("#/components/schemas/All"), responses: { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/All" } } } } } } };
  return doc;
}

const source = render(spec()).find((f) => f.path === "validators.ts")!.text;
const validators = loadValidators(source);
const requestValidator = Object.entries(validators).find(([name]) => /^validateSendAll\w*Body$/.test(name))?.[1] as ValidateFn;

/** The issues about property `key`, with the statement twin's escaped key (`~0`) and name written as the compact one's. */
function issuesOf(validate: ValidateFn, key: string, value: unknown): unknown[] {
  const result = validate(value === undefined ? {} : { [key]: value });
  const escaped = key.replace(/~/g, "~0");
  return (result.errors ?? [])
    .filter((issue) => issue.path.startsWith(`/${escaped}`) || issue.message.includes(JSON.stringify(key)))
    .map((issue) => ({
      path: issue.path.replace(`/${escaped}`, `/${escaped.replace(/~0$/, "")}`),
      keyword: issue.keyword,
      message: issue.message.replace(JSON.stringify(key), JSON.stringify(key.replace(/~$/, ""))),
    }));
}

describe("compact property checks report what the statements report", () => {
  it("uses the helpers for the plain keys and the statements for the escaped ones", () => {
    for (const helper of ["$str(", "$fmt(", "$bool(", "$int(", "$ref(", "$arr("]) expect(source).toContain(helper);
    expect(source).toContain('$o0["p0"]');
    expect(source).toMatch(/const \$v\d+ = \$o\d+\["p0~"\];/);
    expect(typeof requestValidator).toBe("function");
    // the request direction is the one that refuses readOnly properties (p14 is a readOnly string)
    expect(issuesOf(requestValidator, "p14", "x")).toEqual([{ path: "/p14", keyword: "readOnly", message: "must not be sent: the property is readOnly" }]);
    expect(issuesOf(validators["validateAll"] as ValidateFn, "p14", "x")).toEqual([]);
  });

  const keys = PROPERTY_SCHEMAS.flatMap((schema, i) => [`p${i}`, `p${i}r`].map((key) => [key, JSON.stringify(schema)] as const));
  it.each(keys)("%s: %s", (key) => {
    for (const [direction, validate] of [["response", validators["validateAll"] as ValidateFn], ["request", requestValidator]] as const) {
      for (const value of VALUES) {
        const compact = issuesOf(validate, key, value);
        const statements = issuesOf(validate, `${key}~`, value);
        expect({ direction, value, issues: compact }).toEqual({ direction, value, issues: statements });
      }
    }
  });

  it("finds something wrong in the values, so that the comparison has issues to compare", () => {
    const found = keys.map(([key]) => VALUES.filter((value) => issuesOf(validators["validateAll"] as ValidateFn, key, value).length > 0).length);
    expect(found.every((n) => n > 0)).toBe(true);
  });
});
