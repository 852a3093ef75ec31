// Differential property-based tests: fast-check generates schemas (the supported subset) and values that often sit
// on the edges of those schemas (most are built FROM the schema, so many are valid), and apigen's verdict is
// compared with ajv's — draft-04 plus OpenAPI's `nullable` for 3.0, draft 2020-12 for 3.1.
//
// Schemas are generated in batches and rendered into one validators.ts per batch (rendering per case would be
// far too slow); each disagreement is printed with its schema and value. Set APIGEN_DIFF_SEED to explore other
// seeds, APIGEN_DIFF_RUNS to change the number of schemas per batch.
//
// Documented departures from ajv (apigen follows the text; these shapes are re-checked as described, and a
// disagreement there is counted as a departure, not a failure):
// 1. multipleOf with a decimal divisor. JSON Schema (draft-04 §5.1.1, 2020-12 validation §6.2.1): "A numeric
//    instance is valid only if division by this keyword's value results in an integer." Decimal numbers are
//    meant: 0.07 is a multiple of 0.01. ajv divides in binary floating point (0.07 / 0.01 = 7.000000000000001)
//    and rejects it unless `multipleOfPrecision` is set. Where the verdicts differ on a schema with a non-integer
//    multipleOf, the case is re-checked with ajv `multipleOfPrecision: 9`, which approximates the decimal text.
// 2. `required` and inherited properties. ajv by default tests `data[prop] !== undefined`, so `{}` has
//    `toString` and `constructor`. JSON Schema speaks of the instance's own members (an object "has" a
//    property); ajv is configured with `ownProperties: true`, which follows the text, for the whole comparison.
// 3. `__proto__` as a key in `properties`: ajv ignores that entry (its properties map loses the key), so
//    `{"properties": {"__proto__": {"maximum": 0}}}` accepts `{"__proto__": 2}`. JSON Schema 2020-12 §10.3.2.1:
//    "Validation succeeds if, for each name that appears in both the instance and as a name within this keyword's
//    value, the child instance for that name successfully validates against the corresponding schema" — any name.
//    Where the verdicts differ on such a schema, schema and value are re-checked by ajv with the key renamed
//    (a plain key it handles), which must then agree with apigen.
// 4. date-time leap seconds: ajv-formats accepts second 60 only at 23:59:60 UTC; RFC 3339 §5.7 allows 60 "in
//    months which have a leap second" without a calendar in the grammar. Values with second 60 are not generated.
import Ajv04 from "ajv-draft-04";
import Ajv2020 from "ajv/dist/2020";
import type AjvCore from "ajv/dist/core";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { loadValidators, validatorsSource, type ValidateFn } from "./validators-harness";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;
type Version = "3.0" | "3.1";

const SEED = Number(process.env["APIGEN_DIFF_SEED"] ?? 20261129);
const RUNS = Number(process.env["APIGEN_DIFF_RUNS"] ?? 350);
const VALUES_PER_SCHEMA = 10;

// ---- schema arbitraries ----

const KEYS = ["a", "b", "c", "constructor", "__proto__"];
const PATTERNS: Record<string, string[]> = {
  "^a": ["a", "ab", "ba", ""],
  "b$": ["ab", "ba", "b"],
  "^[a-c]+$": ["abc", "abd", "", "c"],
  "\\d": ["a1", "ab", "٣"],
  "^\\p{L}+$": ["héllo", "a1", "日本"],
  "^.{2}$": ["😀😀", "ab", "😀", "abc"],
};
const FORMAT_VALUES: Record<string, string[]> = {
  "date-time": ["2025-05-04T09:42:00Z", "2025-05-04t09:42:00.5+02:00", "2025-02-30T09:42:00Z", "2025-05-04T24:00:00Z", "2025-05-04 09:42:00Z", "2025-05-04"],
  date: ["2024-02-29", "2025-02-29", "2025-13-01", "2025-1-01", "2000-02-29", "1900-02-29"],
  uuid: ["123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400", "123E4567-E89B-12D3-A456-426614174000", "not-a-uuid"],
  email: ["a@b.co", "a.b@example.com", "a@b", "@b.co", "a b@c.de"],
  ipv4: ["1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3"],
};
const NUMBERS = [-2, -1.5, -1, 0, 0.5, 1, 2, 3, 10];
const DIVISORS = [2, 3, 0.5, 0.1, 0.01, 1.5];

function schemaArb(version: Version): fc.Arbitrary<Schema> {
  const types = ["string", "number", "integer", "boolean", "null", "array", "object"] as const;
  const small = fc.integer({ min: 0, max: 3 });
  const num = fc.constantFrom(...NUMBERS);
  const enumValue = fc.constantFrom<Json>(null, true, false, 0, 1, 2.5, "a", "b", "", [1], { a: 1 });
  const { node } = fc.letrec<{ node: Schema }>((tie) => {
    const child = fc.oneof({ maxDepth: 3, depthIdentifier: "schema" }, fc.constant<Schema>({}), tie("node"));
    const members = fc.array(child, { minLength: 1, maxLength: 3 });
    const typeKw = version === "3.1"
      ? fc.oneof(fc.constantFrom(...types), fc.uniqueArray(fc.constantFrom(...types), { minLength: 1, maxLength: 3 }))
      : fc.constantFrom(...types.filter((t) => t !== "null"));
    const keywords: Record<string, fc.Arbitrary<unknown>> = {
      type: typeKw,
      enum: fc.uniqueArray(enumValue, { minLength: 1, maxLength: 4, selector: (x) => JSON.stringify(x) }),
      minLength: small,
      maxLength: small,
      pattern: fc.constantFrom(...Object.keys(PATTERNS)),
      format: fc.constantFrom("date-time", "date", "uuid", "email", "ipv4", "int32"),
      minimum: num,
      maximum: num,
      multipleOf: fc.constantFrom(...DIVISORS),
      items: child,
      minItems: small,
      maxItems: small,
      uniqueItems: fc.boolean(),
      properties: fc.dictionary(fc.constantFrom(...KEYS), child, { maxKeys: 3 }),
      required: fc.uniqueArray(fc.constantFrom(...KEYS, "d"), { minLength: 1, maxLength: 3 }),
      additionalProperties: fc.oneof(fc.boolean(), child),
      minProperties: small,
      maxProperties: small,
      allOf: members,
      anyOf: members,
      oneOf: members,
      not: child,
    };
    if (version === "3.0") {
      keywords["nullable"] = fc.boolean();
      keywords["exclusiveMinimum"] = fc.boolean();
      keywords["exclusiveMaximum"] = fc.boolean();
    } else {
      keywords["const"] = enumValue;
      keywords["exclusiveMinimum"] = num;
      keywords["exclusiveMaximum"] = num;
      keywords["prefixItems"] = members;
      keywords["contains"] = child;
      keywords["minContains"] = small;
      keywords["maxContains"] = small;
      keywords["propertyNames"] = fc.oneof(fc.constant<Schema>({ maxLength: 1 }), fc.constant<Schema>({ pattern: "^[a-c]+$" }), fc.constant<Schema>({ enum: ["a", "b"] }), child);
      keywords["dependentRequired"] = fc.dictionary(fc.constantFrom(...KEYS), fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 2 }), { maxKeys: 2 });
      keywords["dependentSchemas"] = fc.dictionary(fc.constantFrom(...KEYS), child, { maxKeys: 2 });
      keywords["if"] = child;
      keywords["then"] = child;
      keywords["else"] = child;
    }
    // Few keywords per node, so that many values pass: pick up to 4 keys, then generate just those.
    const names = Object.keys(keywords);
    const node = fc
      .uniqueArray(fc.constantFrom(...names), { maxLength: 4 })
      .chain((picked) => fc.record(Object.fromEntries(picked.map((k) => [k, keywords[k]!]))) as fc.Arbitrary<Schema>)
      .map((s) => {
        // OAS 3.0.3: nullable only has a meaning next to `type` (ajv refuses it otherwise).
        if (s["nullable"] !== undefined && s["type"] === undefined) delete s["nullable"];
        // Draft-04: the boolean exclusiveMinimum/Maximum needs its minimum/maximum (ajv's meta-schema insists).
        if (version === "3.0" && s["exclusiveMinimum"] !== undefined && s["minimum"] === undefined) delete s["exclusiveMinimum"];
        if (version === "3.0" && s["exclusiveMaximum"] !== undefined && s["maximum"] === undefined) delete s["exclusiveMaximum"];
        return s;
      });
    return { node };
  });
  return node;
}

// ---- values, mostly built from the schema ----

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GENERIC: Json[] = [null, true, false, 0, -1, 1, 2.5, 2147483648, 0.07, "", "a", "😀", [], [1, 1], [{ a: 1, b: 2 }, { b: 2, a: 1 }], {}, { a: 1 }, { constructor: 1 }];

function sample(s: unknown, r: () => number, depth = 0): Json {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (typeof s !== "object" || s === null || depth > 4 || r() < 0.08) return pick(GENERIC);
  const schema = s as Schema;
  if ("const" in schema && r() < 0.6) return schema["const"] as Json;
  if (Array.isArray(schema["enum"]) && r() < 0.7) return pick(schema["enum"] as Json[]);
  const composite = ["allOf", "anyOf", "oneOf"].filter((k) => Array.isArray(schema[k]));
  if (composite.length > 0 && r() < 0.5) {
    const member = pick(schema[pick(composite)] as unknown[]);
    // Merge the member's keywords under this node's, so the value tends to satisfy both.
    return sample({ ...(member as Schema), ...schema, [composite[0]!]: undefined, allOf: undefined, anyOf: undefined, oneOf: undefined }, r, depth + 1);
  }
  const declared = schema["type"];
  const type = Array.isArray(declared) ? pick(declared as string[]) : typeof declared === "string" ? declared : pick(["string", "number", "integer", "array", "object", "null", "boolean"]);
  const around = (n: unknown) => (typeof n === "number" ? [n - 1, n, n + 1] : []);
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return r() < 0.5;
    case "number":
    case "integer": {
      const candidates = [...NUMBERS, ...around(schema["minimum"]), ...around(schema["maximum"]), ...around(schema["exclusiveMinimum"]), ...around(schema["exclusiveMaximum"]), 2147483647, 2147483648];
      if (typeof schema["multipleOf"] === "number") {
        const m = schema["multipleOf"];
        for (let k = -3; k <= 12; k++) candidates.push(Number((k * m).toFixed(10)));
        candidates.push(Number((7.5 * m).toFixed(10)));
      }
      if (type === "number") candidates.push(0.5, 1.25, -0.75, 0.07, 0.075);
      return pick(candidates);
    }
    case "string": {
      const pool: string[] = ["", "a", "ab", "abc", "😀", "a😀", "héllo"];
      if (typeof schema["pattern"] === "string") pool.push(...(PATTERNS[schema["pattern"]] ?? []), ...(PATTERNS[schema["pattern"]] ?? []));
      if (typeof schema["format"] === "string") pool.push(...(FORMAT_VALUES[schema["format"]] ?? []), ...(FORMAT_VALUES[schema["format"]] ?? []));
      return pick(pool);
    }
    case "array": {
      const min = typeof schema["minItems"] === "number" ? schema["minItems"] : 0;
      const length = Math.max(0, min + Math.floor(r() * 4) - 1);
      const items: Json[] = [];
      const prefix = Array.isArray(schema["prefixItems"]) ? (schema["prefixItems"] as unknown[]) : [];
      for (let i = 0; i < length; i++) {
        const itemSchema = i < prefix.length ? prefix[i] : r() < 0.4 && schema["contains"] !== undefined ? schema["contains"] : (schema["items"] ?? {});
        items.push(r() < 0.2 && items.length > 0 ? items[0]! : sample(itemSchema, r, depth + 1));
      }
      return items;
    }
    default: {
      const o: { [key: string]: Json } = {};
      const properties = (schema["properties"] ?? {}) as Record<string, unknown>;
      const required = Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [];
      // defineProperty: `__proto__` must become an own key, as JSON.parse makes it, not set the prototype.
      const set = (key: string, value: Json) => Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
      const own = (key: string) => Object.prototype.hasOwnProperty.call(o, key);
      for (const key of required) if (r() < 0.9) set(key, sample(Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : {}, r, depth + 1));
      for (const key of Object.keys(properties)) if (!own(key) && r() < 0.6) set(key, sample(properties[key], r, depth + 1));
      if (r() < 0.3) set(pick(["x", "b", "constructor", "__proto__"]), sample(typeof schema["additionalProperties"] === "object" ? schema["additionalProperties"] : {}, r, depth + 1));
      return o;
    }
  }
}

// ---- the comparison ----

function ajvFor(version: Version, options: Record<string, unknown> = {}): AjvCore {
  const common = { strict: false, allErrors: true, ownProperties: true, validateFormats: true, ...options };
  const ajv: AjvCore = version === "3.0" ? new Ajv04(common) : new Ajv2020(common);
  addFormats(ajv as never);
  return ajv;
}

function hasDecimalMultipleOf(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  if (!Array.isArray(node) && typeof (node as Schema)["multipleOf"] === "number" && !Number.isInteger((node as Schema)["multipleOf"])) return true;
  return Object.values(node).some(hasDecimalMultipleOf);
}

/** The same JSON with every `"__proto__"` key or string renamed to a plain one. */
function renameProto<T>(json: T): T {
  return JSON.parse(JSON.stringify(json).replace(/"__proto__"/g, '"$proto"')) as T;
}

interface Outcome {
  cases: number;
  valid: number;
  departures: number;
  disagreements: { schema: Schema; value: Json; apigen: boolean; ajv: boolean }[];
}

function compare(version: Version, seed: number): Outcome {
  const pairs = fc.sample(fc.tuple(schemaArb(version), fc.integer()), { numRuns: RUNS, seed });
  const schemas = Object.fromEntries(pairs.map(([s], i) => [`S${i}`, s]));
  const validators = loadValidators(validatorsSource(schemas, version === "3.0" ? "3.0.3" : "3.1.0"));
  const ajv = ajvFor(version);
  const precise = ajvFor(version, { multipleOfPrecision: 9 });
  const outcome: Outcome = { cases: 0, valid: 0, departures: 0, disagreements: [] };
  pairs.forEach(([schema, valueSeed], i) => {
    const ours = validators[`validateS${i}`] as ValidateFn;
    const theirs = ajv.compile(schema);
    const r = prng(valueSeed);
    for (let n = 0; n < VALUES_PER_SCHEMA; n++) {
      const value = sample(schema, r);
      const a = ours(value).valid;
      const b = theirs(value) as boolean;
      outcome.cases++;
      if (a) outcome.valid++;
      if (a === b) continue;
      if (hasDecimalMultipleOf(schema) && precise.compile(schema)(value) === a) outcome.departures++;
      else if (JSON.stringify(schema).includes('"__proto__"') && ajv.compile(renameProto(schema) as Schema)(renameProto(value)) === a) outcome.departures++;
      else outcome.disagreements.push({ schema, value, apigen: a, ajv: b });
    }
  });
  return outcome;
}

describe.each<Version>(["3.0", "3.1"])("apigen agrees with ajv on OpenAPI %s schemas", (version) => {
  it(`${RUNS} schemas × ${VALUES_PER_SCHEMA} values (seed ${SEED})`, () => {
    const outcome = compare(version, SEED + (version === "3.0" ? 0 : 1));
    // Reported for the record (issue 4 asks for the counts).
    console.log(`[differential ${version}] ${outcome.cases} cases, ${outcome.valid} valid per apigen, ` +
      `${outcome.departures} documented departures (decimal multipleOf, __proto__ key), ${outcome.disagreements.length} disagreements`);
    const shown = outcome.disagreements.slice(0, 5).map((d) => JSON.stringify(d));
    expect(shown).toEqual([]);
    // The generator must produce a meaningful mix, not only rejections.
    expect(outcome.valid).toBeGreaterThan(outcome.cases * 0.2);
  });
});
