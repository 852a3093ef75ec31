// Stage 2, names: spec names that fold to one identifier keep both (the later one gets a suffix) and warn
// APIGEN_NAME_COLLISION at the renamed item; names never depend on the order of keys in the spec.
import type { Diagnostic } from "../generator/diagnostics";
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { NameResolver } from "../generator/model/names";
import type { ApiModel } from "../generator/model/types";
import { miniSpec, toYaml } from "./helpers";

function specOf(doc: Record<string, unknown>): LoadedSpec {
  const version = String(doc["openapi"]).startsWith("3.1") ? "3.1" : "3.0";
  return { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: version, name: "spec" };
}

function collisionsOf(doc: Record<string, unknown>): Diagnostic[] {
  return buildModel(specOf(doc)).warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION");
}

const OK = { "200": { description: "OK" } };

/** An operation with a JSON 200 response (optionally an inline schema) and the given tags. */
function op(operationId: string | undefined, tags: string[] = ["Pets"], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...(operationId !== undefined ? { operationId } : {}), tags, responses: OK, ...extra };
}

describe("APIGEN_NAME_COLLISION", () => {
  it("warns once per renamed component schema, at the renamed one, naming both spec names and both identifiers", () => {
    const doc = miniSpec({ components: { schemas: { "Foo-Bar": { type: "string" }, Foo_Bar: { type: "string" }, FooBar: { type: "string" } } } });
    const { model, warnings } = buildModel(specOf(doc));
    // Sorted by the raw name ("-" < "B" < "_"): the first keeps the name.
    expect(Object.fromEntries(model.schemas.map((s) => [s.ref.name, s.ref.typeName]))).toEqual({ "Foo-Bar": "FooBar", FooBar: "FooBar2", Foo_Bar: "FooBar3" });
    const collisions = warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION");
    expect(collisions.map((w) => [w.severity, w.location?.pointer])).toEqual([
      ["warning", "/components/schemas/FooBar"],
      ["warning", "/components/schemas/Foo_Bar"],
    ]);
    expect(collisions[0]?.message).toBe('name collision on "FooBar": component schema "Foo-Bar" keeps "FooBar", so component schema "FooBar" gets "FooBar2"');
    expect(collisions[1]?.message).toBe(
      'name collision on "FooBar": component schema "Foo-Bar" keeps "FooBar", component schema "FooBar" has "FooBar2", so component schema "Foo_Bar" gets "FooBar3"',
    );
    for (const w of collisions) {
      expect(w.hint).toMatch(/^rename one of them in the spec; apigen keeps both, the later one gets the suffix/);
      expect(w.location?.file).toBe("spec.yaml");
      expect(w.location?.line).toBeGreaterThan(0);
    }
    expect(warnings.map((w) => w.code)).not.toContain("APIGEN_NAME_CHANGED");
  });

  it("warns when operationIds fold to the same method and type names, renaming the later operationId everywhere", () => {
    // The later operationId ("get_thing") sits at the earlier path: naming follows operationIds, not paths.
    const doc = miniSpec({ paths: { "/a": { get: op("get_thing") }, "/b": { get: op("get-thing") } } });
    const { model, warnings } = buildModel(specOf(doc));
    const ops = model.tags.flatMap((t) => t.operations);
    expect(ops.map((o) => [o.operationId, o.functionName, o.withResponseName, o.paramsTypeName, o.descriptorName])).toEqual([
      ["get-thing", "getThing", "getThingWithResponse", "GetThingParams", "getThingOperation"],
      ["get_thing", "getThing2", "getThing2WithResponse", "GetThing2Params", "getThing2Operation"],
    ]);
    const collisions = warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION");
    expect(collisions.map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/paths/~1a/get/operationId",
        'name collision on "GetThingParams": operation "get-thing" keeps "GetThingParams", so operation "get_thing" gets "GetThing2Params" (all its names use the stem "GetThing2")'],
      ["/paths/~1a/get/operationId", 'name collision on "getThing": operation "get-thing" keeps "getThing", so operation "get_thing" gets "getThing2"'],
    ]);
  });

  it("warns when a WithResponse method meets an operation of that name; the spec's own operation keeps it", () => {
    const doc = miniSpec({ paths: { "/a": { get: op("list") }, "/b": { get: op("listWithResponse") } } });
    const { model, warnings } = buildModel(specOf(doc));
    expect(model.tags[0]?.operations.map((o) => [o.functionName, o.withResponseName])).toEqual([
      ["list", "listWithResponse2"],
      ["listWithResponse", "listWithResponseWithResponse"],
    ]);
    expect(warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION").map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/paths/~1a/get/operationId",
        'name collision on "listWithResponse": operation "listWithResponse" keeps "listWithResponse", so the WithResponse method of operation "list" gets "listWithResponse2"'],
    ]);
  });

  it("names an operation without operationId by its method and path", () => {
    const doc = miniSpec({ paths: { "/things": { get: op(undefined), post: op("get-things") } } });
    const collisions = collisionsOf(doc);
    expect(collisions.map((w) => w.location?.pointer)).toEqual(["/paths/~1things/get", "/paths/~1things/get"]);
    expect(collisions[0]?.message).toContain('operation "get-things" keeps "GetThingsParams", so operation GET "/things" gets "GetThings2Params"');
  });

  it("warns when tags fold to the same client property, at the tag's declaration or its first use", () => {
    const declared = miniSpec({
      tags: [{ name: "Legacy Backup" }, { name: "legacy-backup" }],
      paths: { "/a": { get: op("a", ["legacy-backup"]) }, "/b": { get: op("b", ["Legacy Backup"]) } },
    });
    const { model, warnings } = buildModel(specOf(declared));
    expect(model.tags.map((t) => [t.name, t.propertyName])).toEqual([["Legacy Backup", "legacyBackup"], ["legacy-backup", "legacyBackup2"]]);
    expect(warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION").map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/tags/1/name", 'name collision on "legacyBackup": tag "Legacy Backup" keeps "legacyBackup", so tag "legacy-backup" gets "legacyBackup2"'],
    ]);
    const undeclared = miniSpec({ paths: { "/a": { get: op("a", ["x", "legacy-backup"]) }, "/b": { get: op("b", ["legacy-backup"]) }, "/c": { get: op("c", ["Legacy Backup"]) } } });
    expect(collisionsOf(undeclared).map((w) => w.location?.pointer)).toEqual(["/paths/~1b/get/tags/0"]);
  });

  it("warns when parameters of two locations share a name, and when a parameter takes the body's key", () => {
    const doc = miniSpec({
      paths: {
        "/things/{id}": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          post: op("createThing", ["Pets"], {
            parameters: [
              { name: "id", in: "header", schema: { type: "string" } },
              { name: "id", in: "query", schema: { type: "string" } },
              { name: "body", in: "query", schema: { type: "string" } },
            ],
            requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          }),
        },
      },
    });
    const { model, warnings } = buildModel(specOf(doc));
    const thing = model.tags[0]!.operations[0]!;
    expect([...thing.parameters.path, ...thing.parameters.query, ...thing.parameters.header].map((p) => p.key)).toEqual(["id", "body", "idQuery", "idHeader"]);
    expect(thing.requestBody?.key).toBe("body2");
    expect(warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION").map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/paths/~1things~1{id}/post/parameters/1/name", 'name collision on "id": path parameter "id" keeps "id", so query parameter "id" gets "idQuery"'],
      ["/paths/~1things~1{id}/post/parameters/0/name", 'name collision on "id": path parameter "id" keeps "id", so header parameter "id" gets "idHeader"'],
      ["/paths/~1things~1{id}/post/requestBody", 'name collision on "body": query parameter "body" keeps "body", so the request body gets "body2"'],
    ]);
  });

  it("warns when a derived name (request type, inline validator) meets a component schema's name", () => {
    const doc = miniSpec({
      paths: {
        "/pets": {
          post: op("addPet", ["Pets"], {
            requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
            responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } },
          }),
        },
      },
      components: {
        schemas: {
          Pet: { type: "object", properties: { id: { type: "string", readOnly: true } } },
          PetWritable: { type: "string" },
          AddPet200Response: { type: "string" },
        },
      },
    });
    const { model, warnings } = buildModel(specOf(doc));
    expect(model.schemas.find((s) => s.ref.name === "Pet")?.ref.writableTypeName).toBe("PetWritable2");
    expect(model.tags[0]?.operations[0]?.successResponses[0]?.content[0]?.validatorName).toBe("validateAddPet200Response2");
    expect(warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION").map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/paths/~1pets/post/responses/200",
        'name collision on "validateAddPet200Response": component schema "AddPet200Response" keeps "validateAddPet200Response", so the 200 response of operation "addPet" gets "validateAddPet200Response2"'],
      ["/components/schemas/Pet",
        'name collision on "PetWritable": component schema "PetWritable" keeps "PetWritable", so the request type of component schema "Pet" gets "PetWritable2"'],
    ]);
  });

  it("does not warn for names that only change (reserved words, globals, case) or for two names from one spec item", () => {
    const doc = miniSpec({
      tags: [{ name: "then" }],
      paths: {
        "/a": { get: op("delete", ["then"]) },
        "/b": {
          get: op("getB", ["Pets"], {
            responses: {
              "200": {
                description: "OK",
                content: { "application/json": { schema: { type: "object" } }, "application/problem+json": { schema: { type: "object" } } },
              },
            },
          }),
        },
      },
      components: { schemas: { Date: { type: "string" }, ApiError: { type: "object" }, "backup_restore-job": { type: "object" }, string: { type: "string" } } },
    });
    const { model, warnings } = buildModel(specOf(doc));
    expect(model.schemas.map((s) => s.ref.typeName)).toEqual(["ApiErrorSchema", "DateSchema", "BackupRestoreJob", "StringSchema"]);
    expect(model.tags.map((t) => t.propertyName)).toEqual(["pets", "then_"]);
    expect(model.tags[0]?.operations[0]?.successResponses[0]?.content.map((m) => m.validatorName)).toEqual(["validateGetB200Response", "validateGetB200Response2"]);
    expect(warnings).toEqual([]);
    expect(collisionsOf(miniSpec())).toEqual([]);
  });

  it("reports a schema that takes a reserved name's replacement as a collision", () => {
    const doc = miniSpec({ components: { schemas: { Date: { type: "string" }, DateSchema: { type: "string" } } } });
    expect(collisionsOf(doc).map((w) => [w.location?.pointer, w.message])).toEqual([
      ["/components/schemas/DateSchema", 'name collision on "DateSchema": component schema "Date" keeps "DateSchema", so component schema "DateSchema" gets "DateSchema2"'],
    ]);
  });
});

describe("stable names", () => {
  /** Every identifier the model decided, as one string. */
  function namesOf(model: ApiModel): string {
    return JSON.stringify({
      schemas: model.schemas.map((s) => [s.ref.name, s.ref.typeName, s.ref.validatorName, s.ref.checkName, s.ref.writableTypeName ?? null]),
      tags: model.tags.map((t) => [
        t.name,
        t.propertyName,
        t.operations.map((o) => [
          o.operationId, o.functionName, o.withResponseName, o.paramsTypeName, o.paramsValidatorName, o.responseTypeName, o.responsesTypeName, o.descriptorName,
          [...o.parameters.path, ...o.parameters.query, ...o.parameters.header].map((p) => [p.location, p.name, p.key]),
          o.requestBody?.key ?? null,
          o.successResponses.map((r) => r.content.map((m) => m.validatorName ?? null)),
        ]),
      ]),
    }, null, 1);
  }

  function reversed(map: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(map).reverse());
  }

  function rotated(map: Record<string, unknown>, by: number): Record<string, unknown> {
    const entries = Object.entries(map);
    return Object.fromEntries([...entries.slice(by), ...entries.slice(0, by)]);
  }

  const inline = { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } } };
  const body = { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } };
  const spec = miniSpec({
    tags: [{ name: "Legacy Backup" }, { name: "legacy_backup" }],
    paths: {
      "/z/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: op("get_thing", ["legacy_backup"], { parameters: [{ name: "id", in: "query", schema: { type: "string" } }], responses: inline }),
        post: op("getThingWithResponse", ["Legacy Backup"], { requestBody: body, parameters: [{ name: "body", in: "header", schema: { type: "string" } }] }),
      },
      "/a": { get: op("get-thing", ["Legacy Backup"], { responses: inline }), put: op("getThing", ["legacy-backup"]) },
      "/m": { delete: op(undefined, ["then"]), get: op("GetThing200Response", ["Legacy Backup"]) },
    },
    components: {
      schemas: {
        Pet: { type: "object", properties: { id: { type: "string", readOnly: true } } },
        FooBar: { type: "string" },
        "Foo-Bar": { type: "string" },
        PetWritable: { type: "string" },
        Foo_Bar: { type: "string" },
        GetThingParams: { type: "string" },
        Date: { type: "string" },
        DateSchema: { type: "string" },
        "foo bar": { type: "string" },
      },
    },
  });
  const paths = spec["paths"] as Record<string, unknown>;
  const components = spec["components"] as Record<string, Record<string, unknown>>;
  const schemas = components["schemas"] as Record<string, unknown>;

  const variants: [string, Record<string, unknown>][] = [
    ["components.schemas reversed", { ...spec, components: { ...components, schemas: reversed(schemas) } }],
    ["paths reversed", { ...spec, paths: reversed(paths) }],
    ["both reversed, methods reversed", {
      ...spec,
      paths: Object.fromEntries(Object.entries(paths).reverse().map(([p, item]) => [p, reversed(item as Record<string, unknown>)])),
      components: { ...components, schemas: reversed(schemas) },
    }],
    ...[1, 2, 3, 4, 5].map((by): [string, Record<string, unknown>] => [
      `both rotated by ${by}`,
      { ...spec, paths: rotated(paths, by % 3), components: { ...components, schemas: rotated(schemas, by) } },
    ]),
  ];

  const base = buildModel(specOf(spec));

  it("the spec used has collisions of every kind", () => {
    const collisions = base.warnings.filter((w) => w.code === "APIGEN_NAME_COLLISION");
    expect(collisions.length).toBeGreaterThanOrEqual(8);
    expect(collisions.map((w) => w.location?.pointer)).toEqual(expect.arrayContaining([
      "/components/schemas/Foo_Bar",
      "/components/schemas/DateSchema",
      "/components/schemas/Pet",
      "/paths/~1a/put/operationId",
      "/paths/~1z~1{id}/get/parameters/0/name",
      "/paths/~1z~1{id}/post/requestBody",
      "/tags/1/name",
    ]));
  });

  it.each(variants)("%s: byte-identical model names and the same warnings", (_label, doc) => {
    const { model, warnings } = buildModel(specOf(doc));
    expect(namesOf(model)).toBe(namesOf(base.model));
    const summary = (ws: Diagnostic[]) => ws.map((w) => `${w.code} ${w.location?.pointer} ${w.message}`).sort();
    expect(summary(warnings)).toEqual(summary(base.warnings));
  });

  it("reserved-word and global renames do not depend on claim order", () => {
    const claimAll = (order: string[]) => {
      const names = new NameResolver();
      return Object.fromEntries(order.map((n) => [n, names.schemaNames(n).typeName]));
    };
    const order = ["Date", "ApiError", "string", "Promise", "Pet", "delete", "1st"];
    const forward = claimAll(order);
    expect(forward).toEqual({ Date: "DateSchema", ApiError: "ApiErrorSchema", string: "StringSchema", Promise: "PromiseSchema", Pet: "Pet", delete: "Delete", "1st": "_1st" });
    expect(claimAll([...order].reverse())).toEqual(forward);
    const tags = (order: string[]) => {
      const names = new NameResolver();
      return Object.fromEntries(order.map((n) => [n, names.tagPropertyName(n)]));
    };
    expect(tags(["then", "constructor", "default"])).toEqual(tags(["default", "constructor", "then"]));
    expect(tags(["then", "constructor", "default"])).toEqual({ then: "then_", constructor: "constructor_", default: "default" });
    expect(new NameResolver().collisions).toEqual([]);
  });
});
