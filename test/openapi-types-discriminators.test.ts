// apigen's copy of openapi-typescript's scanDiscriminators (a cheaper walk) must find the same discriminators and
// leave the document exactly as the original does (it adds enum properties to mapped schemas), or fail where it fails.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseSource } from "../generator/load/source";
import { scanDiscriminators, type DiscriminatorHelpers } from "../generator/render/openapi-types-discriminators";
import { ROOT } from "./helpers";

const utils = require(join(dirname(require.resolve("openapi-typescript")), "lib", "utils.cjs")) as DiscriminatorHelpers & {
  scanDiscriminators(schema: unknown, options: { silent: boolean }): unknown;
};

/** The scan's result and the document after it, or the error it threw. */
function outcome(scan: (document: Record<string, unknown>) => unknown, document: Record<string, unknown>) {
  const copy = structuredClone(document);
  try {
    return { result: scan(copy), document: copy };
  } catch (error) {
    return { threw: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

function expectSameScan(document: Record<string, unknown>) {
  const theirs = outcome((d) => utils.scanDiscriminators(d, { silent: true }), document);
  const ours = outcome((d) => scanDiscriminators(d, { silent: true }, utils), document);
  expect(ours).toEqual(theirs);
  return theirs;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const pet = (extra: Record<string, unknown> = {}) => ({ type: "object", properties: { petType: { type: "string", description: "kind" } }, ...extra });

const CASES: [string, Record<string, unknown>][] = [
  ["oneOf with a mapping, an inferred member and a mapping to a missing schema", {
    components: { schemas: {
      Pet: { oneOf: [ref("Cat"), ref("Dog"), ref("Lizard")], discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat", kitty: "#/components/schemas/Cat", gone: "#/components/schemas/Gone" } } },
      Cat: pet({ required: ["name"] }), Dog: pet(), Lizard: { allOf: [ref("Base")] }, Base: pet(),
    } },
  }],
  ["allOf inheritance, subtypes of subtypes and a mapping that names them", {
    components: { schemas: {
      Pet: { type: "object", required: ["petType"], properties: { petType: { type: "string" } }, discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat", big: "#/components/schemas/BigCat" } } },
      Cat: { allOf: [ref("Pet"), { type: "object", properties: { meow: { type: "boolean" } } }] },
      BigCat: { allOf: [ref("Cat")] },
      Other: { allOf: [{ discriminator: { propertyName: "kind" } }, ref("Unrelated")] },
      Skipped: { allOf: [ref("Unrelated"), { discriminator: { propertyName: "kind" } }] }, // a $ref to no discriminator ends the allOf
      Unrelated: { type: "string" },
    } },
  }],
  ["discriminators in paths, arrays of schemas and keys that need escaping", {
    paths: { "/pets/{id}": { get: { responses: { "200": { content: { "application/json": { schema: { oneOf: [ref("A~B"), ref("C/D")], discriminator: { propertyName: "t" } } } } } } } } },
    components: { schemas: { "A~B": pet(), "C/D": { type: "object" }, List: { type: "array", items: [{ oneOf: [ref("A~B")], discriminator: { propertyName: "t" } }] } } },
  }],
  ["a mapping onto a schema that is neither an object nor an allOf (left alone)", {
    components: { schemas: { U: { oneOf: [ref("S")], discriminator: { propertyName: "k" } }, S: { type: "string" } } },
  }],
  ["a oneOf member that is not an object (both throw)", {
    components: { schemas: { U: { oneOf: [null], discriminator: { propertyName: "k" } } } },
  }],
];

describe("scanDiscriminators with one path stack", () => {
  it.each(CASES)("%s: same discriminators, same document", (_name, document) => {
    expectSameScan(document);
  });

  it("patches what the original patches (the cases above do change the document)", () => {
    const first = expectSameScan((CASES[0] as [string, Record<string, unknown>])[1]) as { document: { components: { schemas: Record<string, { required?: string[] }> } } };
    expect(first.document.components.schemas["Cat"]?.required).toEqual(["name", "petType"]);
    expect(expectSameScan((CASES[4] as [string, Record<string, unknown>])[1])).toHaveProperty("threw");
  });

  const specs = [join(ROOT, "spec", "atlas-restore-job.yaml"), join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml"),
    ...["scenarios", "hostile"].flatMap((folder) => readdirSync(join(ROOT, "test", "fixtures", folder)).map((n) => join(ROOT, "test", "fixtures", folder, n)))];
  it.each(specs.map((s) => [s.slice(ROOT.length + 1), s]))("%s: same discriminators, same document", (_name, file) => {
    expectSameScan(parseSource(readFileSync(file, "utf8"), "spec").data as Record<string, unknown>);
  });
});
