// Stage 2: the model — table-driven given/want per module, built in memory (no disk).
import { GeneratorError } from "../generator/diagnostics";
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { camelCase, NameResolver, NameScope, operationIdFallback, parameterKey, pascalCase } from "../generator/model/names";
import { mediaTypeVersion } from "../generator/model/response";
import type { ApiModel, SchemaModel } from "../generator/model/types";
import { miniSpec, toYaml } from "./helpers";

function specOf(doc: Record<string, unknown>): LoadedSpec {
  const version = String(doc["openapi"]).startsWith("3.1") ? "3.1" : "3.0";
  return { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: version, name: "spec" };
}

function modelOf(doc: Record<string, unknown>): ApiModel {
  return buildModel(specOf(doc)).model;
}

/** The model of one component schema, in a 3.0 or 3.1 document. */
function schemaOf(schema: unknown, version = "3.0.3"): SchemaModel {
  const model = modelOf(miniSpec({ components: { schemas: { Pet: { type: "object" }, Subject: schema } } }, version));
  return model.schemas.find((s) => s.ref.name === "Subject")!.schema;
}

describe("names", () => {
  it.each([
    ["Legacy Backup", "LegacyBackup", "legacyBackup"],
    ["getClusterRestoreJob", "GetClusterRestoreJob", "getClusterRestoreJob"],
    ["API Keys", "APIKeys", "apiKeys"],
    ["cloud_backup-snapshots", "CloudBackupSnapshots", "cloudBackupSnapshots"],
    ["X.509 Authentication", "X509Authentication", "x509Authentication"],
  ])("%j → %s / %s", (text, pascal, camel) => {
    expect(pascalCase(text)).toBe(pascal);
    expect(camelCase(text)).toBe(camel);
  });

  it("keeps type names valid, unreserved and collision-free, in claim order", () => {
    const names = new NameResolver();
    const type = (name: string) => names.schemaNames(name).typeName;
    expect(names.schemaNames("BackupRestoreJob")).toEqual({ typeName: "BackupRestoreJob", validatorName: "validateBackupRestoreJob", checkName: "$checkBackupRestoreJob" });
    expect(type("ApiError")).toBe("ApiErrorSchema"); // the runtime's error class keeps its name
    expect(type("Date")).toBe("DateSchema"); // never shadow a global
    // types.ts and the runtime declare these themselves.
    expect(type("UnknownDiscriminatorValue")).toBe("UnknownDiscriminatorValueSchema");
    expect(type("ResponseForVersion")).toBe("ResponseForVersionSchema");
    expect(type("pet")).toBe("Pet");
    expect(type("Pet")).toBe("Pet2");
    expect(type("1st-thing")).toBe("_1stThing");
    expect(type("Ünïcode")).toBe("Unicode");
    expect(type("日本")).toMatch(/^Schema[0-9a-f]{8}$/);
    expect(type("日本")).not.toBe(type("中国"));
  });

  it("keeps an operation's names identifiers when its operationId starts with a digit", () => {
    expect(new NameResolver().operationNames("123").descriptorName).toBe("_123Operation");
  });

  it("gives every name of one operation the same stem, even after a collision", () => {
    const names = new NameResolver();
    names.schemaNames("GetThingParams"); // a schema takes the first choice of one member
    expect(names.operationNames("getThing")).toEqual({
      stem: "GetThing2",
      paramsTypeName: "GetThing2Params",
      paramsValidatorName: "validateGetThing2Params",
      responseTypeName: "GetThing2Response",
      responsesTypeName: "GetThing2Responses",
      descriptorName: "getThing2Operation",
    });
  });

  it("keeps parameter keys unique when locations share a name", () => {
    const taken = new Set<string>();
    expect(["path", "query", "header", "header"].map((location, i) => parameterKey(i === 1 ? "idHeader" : "id", location, taken))).toEqual(["id", "idHeader", "idHeader2", "idHeader3"]);
  });

  it("suffixes reserved words in a scope", () => {
    const scope = new NameScope();
    expect(scope.claim("delete")).toBe("delete_");
    expect(scope.claim("list")).toBe("list");
    expect(scope.claim("list")).toBe("list2");
  });

  it("derives an operation name from method and path when operationId is missing", () => {
    expect(operationIdFallback("get", "/groups/{groupId}/clusters")).toBe("getGroupsByGroupIdClusters");
  });
});

describe("media type versions", () => {
  it.each([
    ["application/vnd.atlas.2023-01-01+json", "2023-01-01"],
    ["application/vnd.atlas.2024-08-05+csv", "2024-08-05"],
    ["application/vnd.atlas.2023-02-01+gzip", "2023-02-01"],
    ["application/json", null],
    ["application/vnd.github+json", null],
  ])("%s → %s", (mediaType, version) => {
    expect(mediaTypeVersion(mediaType)).toBe(version);
  });
});

describe("schemas", () => {
  it.each<[string, unknown, string, Partial<SchemaModel>]>([
    ["3.0 nullable adds null to the type", { type: "string", nullable: true }, "3.0.3", { types: ["string", "null"] }],
    ["3.0 nullable without type changes nothing", { nullable: true }, "3.0.3", {}],
    ["3.0 boolean exclusiveMinimum", { type: "number", minimum: 1, exclusiveMinimum: true }, "3.0.3", { types: ["number"], exclusiveMinimum: 1 }],
    ["3.0 false exclusiveMaximum", { type: "number", maximum: 5, exclusiveMaximum: false }, "3.0.3", { types: ["number"], maximum: 5 }],
    ["3.1 numeric exclusiveMinimum", { type: "number", exclusiveMinimum: 2 }, "3.1.0", { types: ["number"], exclusiveMinimum: 2 }],
    ["3.1 type array with null", { type: ["integer", "null"] }, "3.1.0", { types: ["integer", "null"] }],
    ["3.1 nullable is not a keyword", { type: "string", nullable: true }, "3.1.0", { types: ["string"] }],
    ["readOnly becomes an access scope", { type: "string", readOnly: true }, "3.0.3", { types: ["string"], access: "readOnly" }],
    ["enum is copied", { type: "string", enum: ["a", "b"] }, "3.0.3", { types: ["string"], enum: ["a", "b"] }],
  ])("%s", (_name, schema, version, want) => {
    const got = schemaOf(schema, version);
    const { pointer: _pointer, ...rest } = got;
    expect(rest).toEqual(want);
  });

  it("sorts properties and keeps required ones not declared in properties", () => {
    const got = schemaOf({ type: "object", required: ["b", "z"], properties: { b: { type: "string" }, a: { type: "integer" } } });
    expect(got.properties?.map((p) => [p.name, p.required])).toEqual([["a", false], ["b", true], ["z", true]]);
  });

  it("turns component $refs into named references, and inlines other local refs", () => {
    const model = modelOf(
      miniSpec({
        components: {
          schemas: {
            Pet: { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" }, tag: { $ref: "#/components/schemas/Pet/properties/name" }, name: { type: "string" } } },
            Owner: { type: "string" },
          },
        },
      }),
    );
    const pet = model.schemas.find((s) => s.ref.name === "Pet")!.schema;
    expect(pet.properties?.find((p) => p.name === "owner")?.schema.ref?.typeName).toBe("Owner");
    expect(pet.properties?.find((p) => p.name === "tag")?.schema.types).toEqual(["string"]);
  });

  it("resolves discriminator mappings, explicit first, then implicit component names", () => {
    const model = modelOf(
      miniSpec({
        components: {
          schemas: {
            Pet: {
              oneOf: [{ $ref: "#/components/schemas/Dog" }, { $ref: "#/components/schemas/Cat" }],
              discriminator: { propertyName: "kind", mapping: { dog: "#/components/schemas/Dog", hound: "Dog" } },
            },
            Dog: { type: "object" },
            Cat: { type: "object" },
          },
        },
      }),
    );
    const pet = model.schemas.find((s) => s.ref.name === "Pet")!.schema;
    expect(pet.discriminator?.propertyName).toBe("kind");
    expect(pet.discriminator?.mapping.map((m) => [m.value, m.ref.typeName])).toEqual([["dog", "Dog"], ["hound", "Dog"], ["Cat", "Cat"]]);
  });

  it("drops a pattern that is not a valid regular expression from validation, with a located warning saying so", () => {
    const { model, warnings } = buildModel(specOf(miniSpec({ components: { schemas: { Pet: { type: "string", pattern: "^(vpce-[0-9a-f]{17}$" } } } })));
    expect(model.schemas[0]?.schema.pattern).toBeUndefined();
    const d = warnings.find((w) => w.code === "APIGEN_SCHEMA_PATTERN");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toMatch(/dropped it from validation/);
    expect(d?.location?.pointer).toBe("/components/schemas/Pet/pattern");
    expect(d?.location?.line).toBeGreaterThan(1);
  });

  it("makes that warning an error with --strict-spec", () => {
    try {
      buildModel({ ...specOf(miniSpec({ components: { schemas: { Pet: { type: "string", pattern: "([a-z]" } } } })), strictSpec: true });
      throw new Error("expected an error");
    } catch (error) {
      const d = (error as GeneratorError).diagnostics[0];
      expect([d?.severity, d?.code, d?.location?.pointer]).toEqual(["error", "APIGEN_SCHEMA_PATTERN", "/components/schemas/Pet/pattern"]);
    }
  });

  it("checks a pattern valid only without the unicode flag without it, and says so", () => {
    const { model, warnings } = buildModel(specOf(miniSpec({ components: { schemas: { Pet: { type: "string", pattern: "^[a-z]\\-[0-9]\\:$" } } } })));
    expect(model.schemas[0]?.schema).toMatchObject({ pattern: "^[a-z]\\-[0-9]\\:$", patternFlags: "" });
    expect(warnings.map((w) => [w.code, w.location?.pointer])).toEqual([["APIGEN_SCHEMA_PATTERN_LEGACY", "/components/schemas/Pet/pattern"]]);
  });

  it("warns about keywords it does not support instead of dropping them silently", () => {
    const { warnings } = buildModel(specOf(miniSpec({ openapi: "3.1.0", components: { schemas: { Pet: { type: "array", additionalItems: false } } } })));
    expect(warnings.map((w) => [w.code, w.location?.pointer])).toContainEqual(["APIGEN_SCHEMA_UNSUPPORTED", "/components/schemas/Pet/additionalItems"]);
  });

  it.each([["(a+)+$"], ["^(\\w*)*x"], ["(x{2,})+"]])("warns that %s may take exponential time", (pattern) => {
    const { warnings } = buildModel(specOf(miniSpec({ components: { schemas: { Pet: { type: "string", pattern } } } })));
    expect(warnings.map((w) => w.code)).toContain("APIGEN_SCHEMA_PATTERN_REDOS");
  });

  it("does not warn about safe quantifiers", () => {
    const { warnings } = buildModel(specOf(miniSpec({ components: { schemas: { Pet: { type: "string", pattern: "^([a-f0-9]{24})$" } } } })));
    expect(warnings).toEqual([]);
  });
});

describe("operations", () => {
  it("groups operations by tag and parameters by location, with defaults made explicit", () => {
    const doc = miniSpec();
    const get = (doc["paths"] as any)["/pets/{petId}"].get;
    get.parameters.push(
      { name: "verbose", in: "query", schema: { type: "boolean", default: false } },
      { name: "X-Trace", in: "header", schema: { type: "string" } },
      { name: "petId", in: "query", schema: { type: "string" } },
      { name: "session", in: "cookie", schema: { type: "string" } },
    );
    const { model, warnings } = buildModel(specOf(doc));
    const op = model.tags[0]!.operations[0]!;
    expect(model.tags.map((t) => t.propertyName)).toEqual(["pets"]);
    expect(op.parameters.path.map((p) => [p.name, p.key, p.required])).toEqual([["petId", "petId", true]]);
    expect(op.parameters.query.map((p) => [p.name, p.key, p.required])).toEqual([["petId", "petIdQuery", false], ["verbose", "verbose", false]]);
    expect(op.parameters.header.map((p) => p.name)).toEqual(["X-Trace"]);
    expect(warnings.map((w) => w.code)).toContain("APIGEN_PARAM_COOKIE");
  });

  it("refuses a path placeholder without a parameter", () => {
    const doc = miniSpec();
    (doc["paths"] as any)["/pets/{petId}"].get.parameters = [];
    expect(() => buildModel(specOf(doc))).toThrow(/declares no path parameter "petId"/);
  });

  it("refuses duplicate operationIds, naming the second one", () => {
    const doc = miniSpec();
    (doc["paths"] as any)["/pets"] = { get: { operationId: "getPet", responses: { "200": { description: "OK" } } } };
    try {
      buildModel(specOf(doc));
      throw new Error("expected an error");
    } catch (error) {
      const d = (error as GeneratorError).diagnostics[0];
      expect(d?.code).toBe("APIGEN_OPERATION_DUPLICATE_ID");
      expect(d?.message).toBe('operationId "getPet" is also used by GET /pets');
      expect(d?.location?.pointer).toBe("/paths/~1pets~1{petId}/get/operationId");
    }
  });

  it("finds versioned media types and the envelope flag", () => {
    const doc = miniSpec();
    const get = (doc["paths"] as any)["/pets/{petId}"].get;
    get.parameters.push({ name: "envelope", in: "query", schema: { type: "boolean" } });
    get.responses["200"].content = {
      "application/vnd.atlas.2024-01-01+json": { schema: { type: "object" } },
      "application/vnd.atlas.2023-01-01+json": { schema: { $ref: "#/components/schemas/Pet" } },
    };
    const op = modelOf(doc).tags[0]!.operations[0]!;
    expect(op.envelopeParam).toBe("envelope");
    expect(op.successResponses[0]!.content.map((m) => m.version)).toEqual(["2023-01-01", "2024-01-01"]);
    expect(op.successResponses[0]!.content[1]!.validatorName).toBe("validateGetPet200V20240101Response");
  });

  it.each([
    // [response versions, request body versions, versions, earliest apiVersion, ByVersion type]
    [[], [], [], undefined, undefined],
    [["2023-01-01"], [], ["2023-01-01"], "2023-01-01", undefined],
    [["2024-01-01", "2023-01-01"], [], ["2023-01-01", "2024-01-01"], "2023-01-01", "GetPetResponseByVersion"],
    // The runtime also needs a body version on or before the date: the later first version wins.
    [["2023-01-01", "2024-05-30"], ["2024-01-01"], ["2023-01-01", "2024-05-30"], "2024-01-01", "GetPetResponseByVersion"],
    [["2024-05-30"], ["2023-01-01"], ["2024-05-30"], "2024-05-30", undefined],
  ])("API versions of responses %j and body %j: versions %j, earliest %s, %s", (responses, body, versions, earliest, byVersion) => {
    const doc = miniSpec();
    const get = (doc["paths"] as any)["/pets/{petId}"].get;
    get.responses["200"].content = Object.fromEntries(
      (responses.length > 0 ? responses : [null]).map((v) => [v === null ? "application/json" : `application/vnd.example.${v}+json`, { schema: { $ref: "#/components/schemas/Pet" } }]),
    );
    if (body.length > 0) get.requestBody = { content: Object.fromEntries(body.map((v) => [`application/vnd.example.${v}+json`, { schema: { type: "object" } }])) };
    const op = modelOf(doc).tags[0]!.operations[0]!;
    expect(op.versions).toEqual(versions);
    expect(op.earliestVersion).toBe(earliest);
    expect(op.responseByVersionTypeName).toBe(byVersion);
  });

  it("allOf inheritance: each variant of a parent with a discriminator requires its mapped or component-name value", () => {
    const literal = (schema: SchemaModel) => {
      const tag = schema.allOf?.at(-1)?.properties?.[0];
      const values = tag?.schema.const ? [tag.schema.const.value] : tag?.schema.anyOf?.map((m) => m.const?.value);
      return tag ? { property: tag.name, required: tag.required, values } : undefined;
    };
    const model = modelOf(miniSpec({
      components: {
        schemas: {
          Pet: { type: "object", properties: { petType: { type: "string" } }, discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog", hound: "Dog" } } },
          Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object" }] },
          Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }] },
          // A parent that lists its variants in oneOf names them there: an unlisted, unmapped child gets no value.
          Shape: { type: "object", oneOf: [{ $ref: "#/components/schemas/Circle" }], discriminator: { propertyName: "kind" } },
          Circle: { type: "object", properties: { r: { type: "number" } } },
          Blob: { allOf: [{ $ref: "#/components/schemas/Shape" }] },
          Plain: { allOf: [{ $ref: "#/components/schemas/Circle" }] },
        },
      },
    }));
    const schema = (name: string) => model.schemas.find((d) => d.ref.name === name)!.schema;
    expect(literal(schema("Cat"))).toEqual({ property: "petType", required: true, values: ["Cat"] });
    expect(literal(schema("Dog"))).toEqual({ property: "petType", required: true, values: ["dog", "hound"] });
    expect(schema("Blob").allOf).toHaveLength(1);
    expect(schema("Plain").allOf).toHaveLength(1);
    expect(schema("Pet").allOf).toBeUndefined();
  });

  describe("allOf inheritance: a $ref to a base with subtypes means one of them", () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const extend = (parent: string, property: string) => ({ allOf: [ref(parent), { type: "object", required: [property], properties: { [property]: { type: "string" } } }] });
    const declarations = (schemas: Record<string, unknown>) => {
      const { model, warnings } = buildModel(specOf(miniSpec({ components: { schemas } })));
      const byType = new Map(model.schemas.map((d) => [d.ref.typeName, d]));
      const mapping = (typeName: string) => byType.get(typeName)?.schema.discriminator?.mapping.map((m) => [m.value, m.ref.typeName]);
      const members = (typeName: string) => byType.get(typeName)?.schema.oneOf?.map((m) => m.ref?.typeName);
      const parent = (typeName: string) => byType.get(typeName)?.schema.allOf?.[0]?.ref?.typeName;
      const literal = (typeName: string) => {
        const last = byType.get(typeName)?.schema.allOf?.at(-1)?.properties?.[0]?.schema;
        return last?.const?.value ?? last?.anyOf?.map((m) => m.const?.value);
      };
      return { model, warnings, byType, mapping, members, parent, literal };
    };
    const PET = { type: "object", required: ["petType"], properties: { petType: { type: "string" } }, discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog" } } };

    it("the base becomes the union of its subtypes at every depth, mapped values first; its shape is <Name>Base", () => {
      const m = declarations({ Pet: PET, Cat: extend("Pet", "hunts"), Dog: extend("Pet", "packs"), Lion: extend("Cat", "mane") });
      expect(m.model.schemas.map((d) => d.ref.typeName)).toEqual(["Cat", "CatBase", "Dog", "Lion", "Pet", "PetBase"]);
      expect(m.mapping("Pet")).toEqual([["dog", "Dog"], ["Cat", "CatBase"], ["Lion", "Lion"]]);
      expect(m.members("Pet")).toEqual(["Dog", "CatBase", "Lion"]);
      expect(m.byType.get("Pet")?.schema.discriminator?.unlistedShape?.typeName).toBe("PetBase");
      // An intermediate (a subtype with subtypes) is itself a union: itself by its name, and what extends it.
      expect(m.mapping("Cat")).toEqual([["Cat", "CatBase"], ["Lion", "Lion"]]);
      // Subtypes extend the plain shapes (the union there would contain itself); the leaf carries its literal, the
      // intermediate's shape none (a Lion is no "Cat" value).
      expect([m.parent("CatBase"), m.parent("Dog"), m.parent("Lion")]).toEqual(["PetBase", "PetBase", "CatBase"]);
      expect([m.literal("Dog"), m.literal("Lion"), m.byType.get("CatBase")?.schema.allOf]).toEqual(["dog", "Lion", expect.any(Array)]);
      expect(m.byType.get("CatBase")?.schema.allOf).toHaveLength(2);
      const base = m.byType.get("PetBase");
      expect([base?.ref.shapeOf, base?.schema.discriminator, base?.schema.properties?.map((p) => p.name)]).toEqual(["Pet", undefined, ["petType"]]);
    });

    it("a base the mapping names is concrete: its value selects its plain shape", () => {
      const m = declarations({ Pet: { ...PET, discriminator: { propertyName: "petType", mapping: { pet: "#/components/schemas/Pet", cat: "Cat" } } }, Cat: extend("Pet", "hunts") });
      expect(m.mapping("Pet")).toEqual([["cat", "Cat"], ["pet", "PetBase"]]);
      expect(m.literal("Cat")).toBe("cat");
    });

    it("a base without subtypes, and a base that lists them in oneOf, stay as they are", () => {
      const m = declarations({ Solo: PET, Shape: { oneOf: [ref("Circle")], discriminator: { propertyName: "kind" } }, Circle: { type: "object" }, Part: { allOf: [ref("Shape")] } });
      expect(m.model.schemas.map((d) => d.ref.typeName)).toEqual(["Circle", "Part", "Shape", "Solo"]);
      expect(m.byType.get("Solo")?.schema.oneOf).toBeUndefined();
      expect(m.byType.get("Solo")?.schema.properties?.map((p) => p.name)).toEqual(["petType"]);
      expect(m.byType.get("Part")?.schema.allOf).toHaveLength(1);
    });

    it("a base used inside its own subtypes keeps the union there; a component already named <Name>Base is not taken", () => {
      const m = declarations({
        Pet: { ...PET, properties: { petType: { type: "string" }, friends: { type: "array", items: ref("Pet") } } },
        PetBase: { type: "string" },
        Cat: extend("Pet", "hunts"),
      });
      expect(m.byType.get("PetBase")?.schema.types).toEqual(["string"]);
      expect(m.mapping("Pet")).toEqual([["Cat", "Cat"]]);
      expect(m.members("Pet")).toEqual(["Cat"]);
      expect(m.parent("Cat")).toBe("PetBase2");
      expect(m.byType.get("PetBase2")?.schema.properties?.find((p) => p.name === "friends")?.schema.items?.ref?.typeName).toBe("Pet");
      expect(m.warnings.map((w) => w.code)).toContain("APIGEN_NAME_COLLISION");
    });

    it("a cycle through allOf ends (every member is found once)", () => {
      const m = declarations({ Pet: PET, Cat: { allOf: [ref("Pet"), ref("Lion")] }, Lion: { allOf: [ref("Cat")] } });
      expect(m.mapping("Pet")).toEqual([["Cat", "CatBase"], ["Lion", "LionBase"]]);
      expect(m.mapping("Cat")).toEqual([["Cat", "CatBase"], ["Lion", "LionBase"]]);
    });
  });

  it("models request bodies and names request-side types without readOnly properties", () => {
    const doc = miniSpec();
    (doc["paths"] as any)["/pets"] = {
      post: {
        operationId: "createPet",
        parameters: [{ name: "body", in: "query", schema: { type: "string" } }],
        requestBody: {
          required: true,
          content: {
            "application/vnd.example.2024-01-01+json": { schema: { $ref: "#/components/schemas/Pet" } },
            "application/vnd.example.2023-01-01+json": { schema: { $ref: "#/components/schemas/Pet" } },
            "text/csv": { schema: { type: "string" } },
          },
        },
        responses: { "200": { description: "OK", content: { "application/vnd.example.2023-01-01+gzip": { schema: { type: "string", format: "binary" } } } } },
      },
    };
    (doc["components"] as any).schemas = {
      Pet: { type: "object", required: ["id", "name"], properties: { id: { type: "integer", readOnly: true }, name: { type: "string" }, owner: { $ref: "#/components/schemas/Owner" } } },
      Owner: { type: "object", properties: { since: { type: "string", readOnly: true } } },
      Plain: { type: "object", properties: { a: { type: "string" } } },
    };
    const model = modelOf(doc);
    const create = model.tags.flatMap((t) => t.operations).find((o) => o.operationId === "createPet")!;
    // A parameter named "body" keeps its name; the body moves over.
    expect(create.requestBody?.key).toBe("body2");
    expect(create.requestBody?.required).toBe(true);
    expect(create.requestBody?.content.map((m) => [m.mediaType, m.kind, m.version])).toEqual([
      ["text/csv", "text", null],
      ["application/vnd.example.2023-01-01+json", "json", "2023-01-01"],
      ["application/vnd.example.2024-01-01+json", "json", "2024-01-01"],
    ]);
    expect(create.successResponses[0]?.content[0]?.kind).toBe("binary");
    const ref = (name: string) => model.schemas.find((d) => d.ref.name === name)!.ref;
    expect(ref("Pet").writableTypeName).toBe("PetWritable");
    expect(ref("Owner").writableTypeName).toBe("OwnerWritable"); // readOnly reached through a $ref
    expect(ref("Plain").writableTypeName).toBeUndefined(); // never sent
  });

  it("reads security schemes from the spec", () => {
    const model = modelOf(
      miniSpec({
        security: [{ ServiceAccounts: [] }, { DigestAuth: [] }],
        components: {
          schemas: { Pet: { type: "object" } },
          securitySchemes: {
            ServiceAccounts: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.test/token", scopes: {} } } },
            DigestAuth: { type: "http", scheme: "digest" },
          },
        },
      }),
    );
    expect(model.securitySchemes).toEqual([
      { kind: "httpDigest", name: "DigestAuth" },
      { kind: "oauth2ClientCredentials", name: "ServiceAccounts", tokenUrl: "https://auth.test/token", scopes: [] },
    ]);
    expect(model.security).toEqual([[{ scheme: "ServiceAccounts", scopes: [] }], [{ scheme: "DigestAuth", scopes: [] }]]);
  });

  it("does not depend on the order of keys in the spec's maps", () => {
    const a = miniSpec();
    const b = JSON.parse(JSON.stringify(a), (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    expect(JSON.stringify(modelOf(b), (k, v) => (k === "pointer" ? undefined : v))).toBe(JSON.stringify(modelOf(a), (k, v) => (k === "pointer" ? undefined : v)));
  });
});
