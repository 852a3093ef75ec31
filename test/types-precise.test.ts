// Issue 16 items 4–6: response types say what the spec says. Small specs generated with the real CLI, a consumer
// file full of `@ts-expect-error` lines type-checked with the real tsc, and the runtime against a real server.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { compileStrict, ROOT, tempDir, toYaml } from "./helpers";
import { closeServers, json, rejectionOf, serve } from "./runtime-harness";

const SPEC = {
  openapi: "3.0.3",
  info: { title: "Precise", version: "1.0.0" },
  servers: [{ url: "https://api.example.com" }],
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: "getThing",
        tags: ["things"],
        parameters: [{ name: "mode", in: "query", schema: { type: "string", enum: ["fast", "slow"] } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
      put: {
        operationId: "putThing",
        tags: ["things"],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: {
          "200": { description: "replaced", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
          "204": { description: "unchanged" },
        },
      },
      // Atlas's 204s list a media type without a schema: still no body.
      delete: { operationId: "deleteThing", tags: ["things"], responses: { "204": { description: "gone", content: { "application/json": {} } } } },
    },
    "/users": {
      post: {
        operationId: "createUser",
        tags: ["users"],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } },
        responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Circle: { type: "object", required: ["kind", "radius"], properties: { kind: { type: "string" }, radius: { type: "number" } } },
      Square: { type: "object", required: ["kind", "side"], properties: { kind: { type: "string" }, side: { type: "number" } } },
      // `circle` by mapping, `Square` by its component name (the implicit mapping).
      Shape: { oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/Square" }], discriminator: { propertyName: "kind", mapping: { circle: "#/components/schemas/Circle" } } },
      Status: { type: "string", enum: ["active", "paused"] },
      Thing: {
        type: "object",
        required: ["id", "status"],
        properties: { id: { type: "string" }, status: { $ref: "#/components/schemas/Status" }, shape: { $ref: "#/components/schemas/Shape" } },
      },
      User: {
        type: "object",
        required: ["id", "name", "password"],
        properties: { id: { type: "string", readOnly: true }, name: { type: "string" }, password: { type: "string", writeOnly: true } },
      },
    },
  },
};

const CONSUMER = `
import { createClient, type DeleteThingResponse, type GetThingParams, type PutThingResponse, type Shape, type ShapeWritable, type Status,
  type Thing, type ThingWritable, type UnknownDiscriminatorValue, type UnknownEnumValue, type User, type UserWritable } from "./client/index.js";

// Discriminated unions narrow on the discriminator (mapping and implicit names).
export function area(s: Shape): number {
  if (s.kind === "circle") return s.radius * s.radius * Math.PI;
  if (s.kind === "Square") return s.side * s.side;
  // @ts-expect-error what remains may be a variant the spec did not list
  return s.side * s.side;
}
export function describe(s: Shape): string {
  switch (s.kind) {
    case "circle": return String(s.radius);
    case "Square": return String(s.side);
    // A response union is open: a variant the spec did not list arrives as the unknown case.
    default: {
      const kind: UnknownDiscriminatorValue = s.kind;
      const asText: string = kind;
      return "unknown shape " + asText;
    }
  }
}
// @ts-expect-error a switch over the listed variants alone is not exhaustive: the unknown case remains
export function listedOnly(s: Shape): string {
  switch (s.kind) {
    case "circle": return String(s.radius);
    case "Square": return String(s.side);
  }
}
export function unknownRemains(s: Shape): void {
  if (s.kind === "circle" || s.kind === "Square") return;
  // @ts-expect-error the unknown variant remains after the listed ones
  const none: never = s;
  void none;
}
// @ts-expect-error a circle has no side (and needs its radius)
export const circleWithSide: Shape = { kind: "circle", side: 1 };
// @ts-expect-error an unlisted discriminator value cannot be written: only the server makes one
export const triangle: Shape = { kind: "triangle", radius: 1 };
export const circle: Shape = { kind: "circle", radius: 1 };
// Requests stay closed: an exhaustive switch over the listed variants needs no default.
export function sentArea(s: ShapeWritable): number {
  switch (s.kind) {
    case "circle": return s.radius;
    case "Square": return s.side;
  }
}

// writeOnly out of responses, readOnly out of requests; writeOnly required in requests.
declare const user: User;
export const userId: string = user.id;
// @ts-expect-error writeOnly: never returned
export const password = user.password;
export const newUser: UserWritable = { name: "n", password: "p" };
// @ts-expect-error readOnly: never sent
export const withId: UserWritable = { id: "1", name: "n", password: "p" };
// @ts-expect-error a required writeOnly property is required in a request
export const noPassword: UserWritable = { name: "n" };

// Bodiless answers are void; several statuses give the union, the absent body included.
declare const deleted: DeleteThingResponse;
export const nothing: void = deleted;
// @ts-expect-error void is not a body
export const deletedId = deleted.id;
declare const replaced: PutThingResponse;
export const replacedId: string | undefined = replaced !== undefined ? replaced.id : undefined;
// @ts-expect-error the 204 answer has no body: narrow first
export const unnarrowedId = replaced.id;

// Response enums are open: the listed values narrow, the unknown case stays, a switch needs its default.
declare const thing: Thing;
export function label(status: Status): string {
  switch (status) {
    case "active": return "on";
    case "paused": return "off";
    default: return "unknown: " + status;
  }
}
export function exhaustive(status: Status): void {
  if (status === "active" || status === "paused") return;
  const other: UnknownEnumValue = status;
  void other;
  // @ts-expect-error a value the spec did not list remains after the listed ones
  const none: never = status;
  void none;
}
export const first: string = thing.status;

// Request enums stay closed; params objects are closed.
export const sent: ThingWritable = { id: "1", status: "active", shape: { kind: "circle", radius: 2 } };
// @ts-expect-error request enums are closed
export const sentOther: ThingWritable = { id: "1", status: "archived" };
// @ts-expect-error request unions are closed
export const sentTriangle: ThingWritable = { id: "1", status: "active", shape: { kind: "triangle", radius: 1 } };
export const params: GetThingParams = { id: "1", mode: "fast" };
// @ts-expect-error request enums are closed (parameters too)
export const badMode: GetThingParams = { id: "1", mode: "medium" };
// @ts-expect-error an unknown key in the params object
export const typo: GetThingParams = { id: "1", prety: true };

const client = createClient({ baseUrl: "http://127.0.0.1:1" });
export async function calls(): Promise<void> {
  // @ts-expect-error an unknown key in a call's params
  await client.things.getThing({ id: "1", prety: true });
  const t = await client.things.getThing({ id: "1" });
  if (t.status === "active") console.log(t.id);
  const d: void = await client.things.deleteThing({ id: "1" });
  void d;
}
`;

/** The closed variant: with --closed-enums an exhaustive switch over the listed values needs no default. */
const CLOSED_CONSUMER = `
import type { Shape, Status, Thing } from "./client/index.js";
export function exhaustive(status: Status): number {
  switch (status) {
    case "active": return 1;
    case "paused": return 2;
  }
}
export function area(s: Shape): number {
  switch (s.kind) {
    case "circle": return s.radius;
    case "Square": return s.side;
  }
}
declare const thing: Thing;
export const only: "active" | "paused" = thing.status;
`;

/** allOf inheritance, as in the OpenAPI Specification's Pet/Cat/Dog example: the parent holds the discriminator. */
const PETS = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1.0.0" },
  servers: [{ url: "https://api.example.com" }],
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        tags: ["pets"],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/AnyPet" } } } } } },
      },
      post: {
        operationId: "addCat",
        tags: ["pets"],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Cat" } } } },
        responses: {
          "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Cat" } } } },
          "400": { description: "invalid", content: { "application/json": { schema: { $ref: "#/components/schemas/PolicyError" } } } },
          "409": { description: "exists", content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      // `dog` by mapping; Cat by its component name.
      Pet: { type: "object", required: ["petType", "name"], properties: { petType: { type: "string" }, name: { type: "string" } }, discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog" } } },
      Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", required: ["huntingSkill"], properties: { huntingSkill: { type: "string" } } }] },
      Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", required: ["packSize"], properties: { packSize: { type: "integer" } } }] },
      AnyPet: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] },
      // Two error schemas, one without an errorCode (as Atlas's ApiError and InvalidResourcePolicyCreateError).
      ApiError: { type: "object", required: ["errorCode"], properties: { errorCode: { type: "string" }, detail: { type: "string" } } },
      PolicyError: { type: "object", properties: { errorType: { type: "string" } } },
    },
  },
};

const PETS_CONSUMER = `
import { createClient, isApiError, type AnyPet, type Cat, type Dog } from "./client/index.js";

// Each variant's discriminator is its literal, so a union of variants narrows on it.
export function describe(pet: AnyPet): string {
  switch (pet.petType) {
    case "Cat": return pet.name + " hunts " + pet.huntingSkill;
    case "dog": return pet.name + " runs with " + String(pet.packSize);
  }
}
export function packSize(pet: AnyPet): number {
  if (pet.petType === "dog") return pet.packSize;
  // @ts-expect-error narrowed to Cat: no packSize
  return pet.packSize;
}
export const cat: Cat = { petType: "Cat", name: "Misty", huntingSkill: "lazy" };
// @ts-expect-error a Cat's petType is "Cat"
export const catAsDog: Cat = { petType: "dog", name: "Misty", huntingSkill: "lazy" };
// @ts-expect-error Dog is mapped as "dog", not by its component name
export const dogByName: Dog = { petType: "Dog", name: "Rex", packSize: 1 };
const client = createClient({ baseUrl: "http://127.0.0.1:1" });
export async function calls(): Promise<number> {
  const pets = await client.pets.listPets();
  return pets.filter((p) => p.petType === "dog").length;
}

// isApiError: matched by errorCode, the body is one of the error schemas that declare one.
export function explain(error: unknown): string | undefined {
  if (isApiError(error, "PET_EXISTS")) return error.body.detail;
  if (isApiError(error, 400)) {
    // @ts-expect-error matched by status, the body may be either error schema
    return error.body.detail;
  }
  return undefined;
}
`;

/** Versioned media types (Atlas style): the response type follows the version the call asks for. */
const V1 = "application/vnd.example.2023-01-01+json";
const V2 = "application/vnd.example.2024-05-30+json";
const VERSIONED = {
  openapi: "3.0.3",
  info: { title: "Versioned", version: "2.0" },
  servers: [{ url: "https://api.example.com" }],
  paths: {
    "/things/{id}": {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: "getThing",
        tags: ["things"],
        responses: { "200": { description: "ok", content: { [V1]: { schema: { $ref: "#/components/schemas/ThingV1" } }, [V2]: { schema: { $ref: "#/components/schemas/ThingV2" } } } } },
      },
      // A body only from 2024-01-01 on: the call's earliest version is the later of its body's and its answer's.
      put: {
        operationId: "putThing",
        tags: ["things"],
        requestBody: { required: true, content: { "application/vnd.example.2024-01-01+json": { schema: { $ref: "#/components/schemas/ThingV2" } } } },
        responses: { "204": { description: "stored" }, "200": { description: "ok", content: { [V1]: { schema: { $ref: "#/components/schemas/ThingV1" } } } } },
      },
    },
    // Paginated in both versions: the iterators' items follow the version too.
    "/things": {
      get: {
        operationId: "listThings",
        tags: ["things"],
        parameters: [{ name: "pageNum", in: "query", schema: { type: "integer" } }, { name: "itemsPerPage", in: "query", schema: { type: "integer" } }],
        responses: {
          "200": {
            description: "ok",
            content: {
              [V1]: { schema: { type: "object", required: ["results"], properties: { results: { type: "array", items: { $ref: "#/components/schemas/ThingV1" } }, totalCount: { type: "integer" } } } },
              [V2]: { schema: { type: "object", required: ["results"], properties: { results: { type: "array", items: { $ref: "#/components/schemas/ThingV2" } }, totalCount: { type: "integer" } } } },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      ThingV1: { type: "object", required: ["id", "name"], properties: { id: { type: "string" }, name: { type: "string" } } },
      ThingV2: { type: "object", required: ["id", "title"], properties: { id: { type: "string" }, title: { type: "string" } } },
    },
  },
};

/**
 * allOf inheritance used through the base itself: `$ref: Pet` means one of Pet's subtypes (OAS §Discriminator
 * Object), here at two depths (a Lion is a Cat), and Pet refers to itself.
 */
const BASES = {
  openapi: "3.0.3",
  info: { title: "Bases", version: "1.0.0" },
  servers: [{ url: "https://api.example.com" }],
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        tags: ["pets"],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } },
      },
      post: {
        operationId: "addPet",
        tags: ["pets"],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } },
      },
    },
    "/cats": {
      get: {
        operationId: "listCats",
        tags: ["pets"],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Cat" } } } } } },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["petType", "name"],
        properties: { petType: { type: "string" }, name: { type: "string" }, friends: { type: "array", items: { $ref: "#/components/schemas/Pet" } } },
        discriminator: { propertyName: "petType", mapping: { dog: "#/components/schemas/Dog" } },
      },
      Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", required: ["huntingSkill"], properties: { huntingSkill: { type: "string" } } }] },
      Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object", required: ["packSize"], properties: { packSize: { type: "integer" } } }] },
      Lion: { allOf: [{ $ref: "#/components/schemas/Cat" }, { type: "object", required: ["mane"], properties: { mane: { type: "boolean" } } }] },
    },
  },
};

const BASES_CONSUMER = `
import { createClient, type Cat, type Lion, type Pet, type PetBase } from "./client/index.js";

// \`Pet\` is the union of its subtypes: it narrows on petType; an unlisted subtype still has Pet's own properties.
export function describe(pet: Pet): string {
  switch (pet.petType) {
    case "dog": return pet.name + " runs with " + String(pet.packSize);
    case "Cat": return pet.name + " hunts " + pet.huntingSkill;
    case "Lion": return pet.name + (pet.mane ? " has" : " lacks") + " a mane and hunts " + pet.huntingSkill;
    default: return pet.name + " is a " + pet.petType;
  }
}
// A response may name a subtype the spec did not list: a switch over the listed ones needs a default.
// @ts-expect-error not every path returns
export function noDefault(pet: Pet): string {
  switch (pet.petType) {
    case "dog": return "dog";
    case "Cat": return "cat";
    case "Lion": return "lion";
  }
}
export function packSize(pet: Pet): number {
  if (pet.petType === "dog") return pet.packSize;
  // @ts-expect-error not narrowed to Dog: no packSize
  return pet.packSize;
}
// Code written against the plain Pet keeps compiling: every case has the base's properties.
export const names = (pets: Pet[]): string[] => pets.map((p) => p.name);
export const shapes: PetBase[] = [] as Pet[];
export const friends = (pet: Pet): Pet[] => pet.friends ?? [];
// \`$ref: Cat\` is a Cat or a Lion.
export const mane = (cat: Cat): boolean => (cat.petType === "Lion" ? cat.mane : false);
export const lion: Lion = { petType: "Lion", name: "Leo", huntingSkill: "ambush", mane: true };
// @ts-expect-error a Lion's petType is "Lion", not its parent's
export const lionAsCat: Lion = { petType: "Cat", name: "Leo", huntingSkill: "ambush", mane: true };
// @ts-expect-error the plain shape is no Pet: which subtype is it?
export const shapeAsPet: Pet = { petType: "Cat", name: "Misty" } as PetBase;

const client = createClient({ baseUrl: "http://127.0.0.1:1" });
export async function calls(): Promise<string[]> {
  await client.pets.addPet({ body: { petType: "Cat", name: "Misty", huntingSkill: "lazy" } });
  // @ts-expect-error the body is one of the subtypes: a Cat needs its huntingSkill
  await client.pets.addPet({ body: { petType: "Cat", name: "Misty" } });
  // @ts-expect-error requests are closed: no unlisted subtype
  await client.pets.addPet({ body: { petType: "Bird", name: "Tweety" } });
  return (await client.pets.listPets()).map(describe);
}
`;

/** With --closed-enums the union is closed: a switch over the listed subtypes is exhaustive. */
const BASES_CLOSED_CONSUMER = `
import type { Pet } from "./client/index.js";
export function describe(pet: Pet): string {
  switch (pet.petType) {
    case "dog": return String(pet.packSize);
    case "Cat": return pet.huntingSkill;
    case "Lion": return pet.huntingSkill + String(pet.mane);
  }
}
`;

const VERSIONED_CONSUMER = `
import { createClient, createCore, getThing, getThingWithResponse, isApiError, putThing, UnsupportedVersionError, type Client,
  type GetThingResponse, type ThingV1, type ThingV2 } from "./client/index.js";

const newest = createClient({ baseUrl: "http://127.0.0.1:1" });
const pinned = createClient({ baseUrl: "http://127.0.0.1:1", apiVersion: "2023-06-01" });
declare const runtimeDate: string;
const unknown = createClient({ baseUrl: "http://127.0.0.1:1", apiVersion: runtimeDate });

export async function calls(): Promise<string[]> {
  const names: string[] = [];
  // No apiVersion anywhere: the newest version.
  const a: ThingV2 = await newest.things.getThing({ id: "1" });
  // @ts-expect-error the newest version has no name
  void (await newest.things.getThing({ id: "1" })).name;
  // The call's date picks the newest version on or before it; it overrides the client's.
  const b: ThingV1 = await newest.things.getThing({ id: "1" }, { apiVersion: "2024-05-29" });
  const c: ThingV2 = await newest.things.getThing({ id: "1" }, { apiVersion: "2024-05-30" });
  const d: ThingV1 = await pinned.things.getThing({ id: "1" });
  const e: ThingV2 = await pinned.things.getThing({ id: "1" }, { apiVersion: "2025-01-01" });
  // @ts-expect-error the client's 2023-06-01 answers with version 2023-01-01
  const f: ThingV2 = await pinned.things.getThing({ id: "1" });
  const g: ThingV1 = (await newest.things.getThingWithResponse({ id: "1" }, { apiVersion: "2023-01-01" })).data;
  // A date only known at run time: either version.
  const h: GetThingResponse = await unknown.things.getThing({ id: "1" });
  // @ts-expect-error either version: narrow first
  void (await unknown.things.getThing({ id: "1" })).title;
  const i: ThingV1 | ThingV2 = await newest.things.getThing({ id: "1" }, { apiVersion: runtimeDate });
  // @ts-expect-error a date before every version of the operation
  await newest.things.getThing({ id: "1" }, { apiVersion: "2022-12-31" });
  // @ts-expect-error putThing's body has no version before 2024-01-01
  await newest.things.putThing({ id: "1", body: { id: "1", title: "t" } }, { apiVersion: "2023-06-01" });
  await newest.things.putThing({ id: "1", body: { id: "1", title: "t" } }, { apiVersion: "2024-01-01" });
  // The standalone functions follow their core's version.
  const core = createCore({ baseUrl: "http://127.0.0.1:1", apiVersion: "2023-01-01" });
  const j: ThingV1 = await getThing(core, { id: "1" });
  const k: ThingV2 = (await getThingWithResponse(createCore(), { id: "1" })).data;
  // @ts-expect-error a date before every version, standalone
  await getThing(core, { id: "1" }, { apiVersion: "2020-01-01" });
  // @ts-expect-error before the body's first version, standalone
  await putThing(core, { id: "1", body: { id: "1", title: "t" } }, { apiVersion: "2023-12-31" });
  // Page iterators follow the version as well.
  for await (const thing of newest.things.listThingsItems({}, { apiVersion: "2023-01-01", maxPages: 2 })) names.push(thing.name);
  for await (const thing of pinned.things.listThingsItems()) names.push(thing.name);
  for await (const page of newest.things.listThingsPages()) for (const thing of page.data.results) names.push(thing.title);
  // @ts-expect-error a date before every version, on an iterator
  newest.things.listThingsItems({}, { apiVersion: "2022-01-01" });
  // A client typed without its version still works, with either version.
  const typed: Client = pinned;
  const l: GetThingResponse = await typed.things.getThing({ id: "1" });
  try {
    await newest.things.getThing({ id: "1" });
  } catch (error) {
    if (error instanceof UnsupportedVersionError) return error.available;
    if (isApiError(error, 404)) return [];
  }
  return [a.title, b.name, c.title, d.name, e.title, f.id, g.name, h.id, i.id, j.name, k.title, l.id, ...names];
}
`;

const tmp = tempDir("apigen-types-precise-");
afterAll(() => tmp.cleanup());
afterEach(() => closeServers());

function generate(name: string, extra: string[] = [], document: object = SPEC): string {
  const spec = tmp.write(`${name}.yaml`, toYaml(document));
  const out = join(tmp.path, name, "client");
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", spec, "--out", out, "--quiet", "--no-cache", ...extra], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return out;
}

/** TypeScript 7's tsc over `dir` with the tsconfig compileStrict last wrote there (the strictest unless overridden). */
function compileWithTypeScript7(dir: string): string {
  const run = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript-7", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
  return run.stdout + run.stderr;
}

/** Transpiles the generated client to CommonJS beside its sources and loads it. */
function load(out: string): Record<string, any> {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  const build = join(dirname(out), "js");
  for (const file of walk(out).filter((f) => f.endsWith(".ts"))) {
    const target = join(build, file.slice(out.length + 1).replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText);
  }
  writeFileSync(join(build, "package.json"), JSON.stringify({ type: "commonjs" }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(build, "index.js")) as Record<string, any>;
}

describe("precise types: a consumer type-checks with the real tsc", () => {
  test("discriminated unions, writeOnly, void, open response enums, closed params", () => {
    const out = generate("open");
    writeFileSync(join(dirname(out), "consumer.ts"), CONSUMER);
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] })).toBe("");
    // The unknown variant's template literal must keep narrowing in TypeScript 7 too.
    expect(compileWithTypeScript7(dirname(out))).toBe("");
    // plain strict too: the most common setting
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] }, { noUncheckedIndexedAccess: false, exactOptionalPropertyTypes: false })).toBe("");
  }, 120_000);

  test("--closed-enums keeps response enums closed", () => {
    const out = generate("closed", ["--closed-enums"]);
    writeFileSync(join(dirname(out), "consumer.ts"), CLOSED_CONSUMER);
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] })).toBe("");
    expect(readFileSync(join(out, "types.ts"), "utf8")).not.toContain("UnknownEnumValue");
    expect(readFileSync(join(out, "types.ts"), "utf8")).not.toContain("UnknownDiscriminatorValue");
  }, 120_000);
});

describe("allOf inheritance: the parent's discriminator tags each variant", () => {
  test("a union of variants narrows on the literal", () => {
    const out = generate("pets", [], PETS);
    writeFileSync(join(dirname(out), "consumer.ts"), PETS_CONSUMER);
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] })).toBe("");
  }, 120_000);

  test("the validators check the variant's value, in responses and requests", async () => {
    const { createClient } = load(generate("pets-run", [], PETS));
    const good = [{ petType: "Cat", name: "Misty", huntingSkill: "lazy" }, { petType: "dog", name: "Rex", packSize: 2 }];
    const server = await serve((req, res) => {
      if (req.method === "POST") json(res, 201, { petType: "Cat", name: "Misty", huntingSkill: "lazy" });
      else json(res, 200, req.url?.includes("bad") ? [{ petType: "Cat", name: "Rex", packSize: 2 }] : good);
    });
    const client = createClient({ baseUrl: server.url, retry: false });
    await expect(client.pets.listPets()).resolves.toEqual(good);
    // A dog that calls itself a Cat matches no variant.
    const bad = createClient({ baseUrl: server.url + "/bad", retry: false });
    expect(await rejectionOf(bad.pets.listPets())).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/0", keyword: "oneOf" }] });
    const sent = await rejectionOf(client.pets.addCat({ body: { petType: "dog", name: "Misty", huntingSkill: "lazy" } }));
    expect(sent).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/body/petType", keyword: "const" }] });
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    await expect(client.pets.addCat({ body: { petType: "Cat", name: "Misty", huntingSkill: "lazy" } })).resolves.toMatchObject({ petType: "Cat" });
  }, 120_000);
});

describe("allOf inheritance: a $ref to the base is one of its subtypes", () => {
  test("typed as the union of the subtypes (open in responses, closed in requests and with --closed-enums)", () => {
    const out = generate("bases", [], BASES);
    writeFileSync(join(dirname(out), "consumer.ts"), BASES_CONSUMER);
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] })).toBe("");
    const closed = generate("bases-closed", ["--closed-enums"], BASES);
    writeFileSync(join(dirname(closed), "consumer.ts"), BASES_CLOSED_CONSUMER);
    expect(compileStrict(dirname(closed), { files: ["consumer.ts"] })).toBe("");
  }, 120_000);

  test("validated by the subtype the discriminator picks, against a real server", async () => {
    const { createClient } = load(generate("bases-run", [], BASES));
    const cat = { petType: "Cat", name: "Misty", huntingSkill: "lazy" };
    const good = [cat, { petType: "dog", name: "Rex", packSize: 2, friends: [cat] }, { petType: "Lion", name: "Leo", huntingSkill: "ambush", mane: true }, { petType: "Bird", name: "Tweety" }];
    const answers: Record<string, unknown> = {
      "/pets": good,
      "/bad/pets": [{ petType: "dog", name: "Rex" }, { petType: "Lion", name: "Leo", huntingSkill: "ambush" }, { petType: "Bird" }, 5, { petType: "Cat", name: "Misty", huntingSkill: "lazy", friends: [{ petType: "dog", name: "Rex" }] }],
      "/cats": [cat, { petType: "Lion", name: "Leo", huntingSkill: "ambush", mane: false }],
      "/bad/cats": [{ petType: "Lion", name: "Leo", huntingSkill: "ambush" }],
    };
    const server = await serve((req, res) => (req.method === "POST" ? json(res, 201, cat) : json(res, 200, answers[req.url ?? ""] ?? [])));
    const client = createClient({ baseUrl: server.url, retry: false });
    // Each subtype by its value; an unlisted one (Bird) is a good answer that still has the base's properties.
    await expect(client.pets.listPets()).resolves.toEqual(good);
    await expect(client.pets.listCats()).resolves.toEqual(answers["/cats"]);
    const bad = createClient({ baseUrl: server.url + "/bad", retry: false });
    const error = (await rejectionOf(bad.pets.listPets())) as Error & { issues: { path: string; keyword: string; message: string }[] };
    expect(error.name).toBe("ResponseValidationError");
    expect(error.issues.map((i: { path: string; keyword: string; message: string }) => [i.path, i.keyword, i.message])).toEqual([
      ["/0", "required", expect.stringContaining("packSize")],
      ["/1", "required", expect.stringContaining("mane")],
      ["/2", "required", expect.stringContaining("name")],
      ["/3", "type", expect.stringContaining("object")],
      ["/4/friends/0", "required", expect.stringContaining("packSize")],
    ]);
    expect(await rejectionOf(bad.pets.listCats())).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/0", keyword: "required" }] });
    // Requests are closed and checked by subtype before anything is sent.
    expect(await rejectionOf(client.pets.addPet({ body: { petType: "Cat", name: "Misty" } }))).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/body", keyword: "required" }] });
    expect(await rejectionOf(client.pets.addPet({ body: { petType: "Bird", name: "Tweety" } }))).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/body/petType", keyword: "discriminator" }] });
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
    await expect(client.pets.addPet({ body: cat })).resolves.toEqual(cat);
  }, 120_000);

  test("with --closed-enums an unlisted subtype is a ResponseValidationError", async () => {
    const { createClient } = load(generate("bases-run-closed", ["--closed-enums"], BASES));
    const server = await serve((_req, res) => json(res, 200, [{ petType: "Bird", name: "Tweety" }]));
    const client = createClient({ baseUrl: server.url, retry: false });
    expect(await rejectionOf(client.pets.listPets())).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/0/petType", keyword: "discriminator" }] });
  }, 120_000);
});

describe("API versions: the response type follows the version asked for", () => {
  test("per call, per client, standalone; a date before every version does not compile", () => {
    const out = generate("versioned", [], VERSIONED);
    writeFileSync(join(dirname(out), "consumer.ts"), VERSIONED_CONSUMER);
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] })).toBe("");
    // The type-level date comparison must hold in TypeScript 7 too.
    expect(compileWithTypeScript7(dirname(out))).toBe("");
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] }, { noUncheckedIndexedAccess: false, exactOptionalPropertyTypes: false })).toBe("");
    expect(compileStrict(dirname(out), { files: ["consumer.ts"] }, { strict: false, noUncheckedIndexedAccess: false, exactOptionalPropertyTypes: false })).toBe("");
  }, 120_000);

  test("the runtime sends the version the type names, and refuses one before every version with UnsupportedVersionError", async () => {
    const client = load(generate("versioned-run", [], VERSIONED));
    const server = await serve((req, res) => {
      const accept = String(req.headers["accept"]);
      const thing = accept === V1 ? { id: "1", name: "old" } : { id: "1", title: "new" };
      res.writeHead(200, { "content-type": accept }).end(JSON.stringify(req.url?.split("?")[0] === "/things" ? { results: [thing], totalCount: 1 } : thing));
    });
    const newest = client.createClient({ baseUrl: server.url, retry: false });
    await expect(newest.things.getThing({ id: "1" })).resolves.toEqual({ id: "1", title: "new" });
    await expect(newest.things.getThing({ id: "1" }, { apiVersion: "2024-05-29" })).resolves.toEqual({ id: "1", name: "old" });
    await expect(client.getThing(client.createCore({ baseUrl: server.url, apiVersion: "2023-01-01" }), { id: "1" })).resolves.toEqual({ id: "1", name: "old" });
    expect(server.requests.map((r) => r.headers["accept"])).toEqual([V2, V1, V1]);
    server.requests.length = 0;
    const listed: unknown[] = [];
    for await (const thing of newest.things.listThingsItems({}, { apiVersion: "2023-01-01" })) listed.push(thing);
    expect(listed).toEqual([{ id: "1", name: "old" }]);
    expect(server.requests.map((r) => [r.url.split("?")[0], r.headers["accept"]])).toEqual([["/things", V1]]);
    server.requests.length = 0;
    const early = await rejectionOf(newest.things.getThing({ id: "1" }, { apiVersion: "2022-12-31" }));
    expect(early).toBeInstanceOf(client.UnsupportedVersionError);
    expect(early).toMatchObject({ operationId: "getThing", apiVersion: "2022-12-31", available: ["2023-01-01", "2024-05-30"] });
    const body = await rejectionOf(newest.things.putThing({ id: "1", body: { id: "1", title: "t" } }, { apiVersion: "2023-06-01" }));
    expect(body).toBeInstanceOf(client.UnsupportedVersionError);
    expect(server.requests).toHaveLength(0);
  }, 120_000);
});

describe("precise types: the runtime agrees", () => {
  const answer = { id: "1", status: "archived", shape: { kind: "circle", radius: 1 } };

  test("an unlisted response enum value is a good answer by default", async () => {
    const { createClient } = load(generate("run-open"));
    const server = await serve((req, res) => {
      if (req.method === "DELETE") res.writeHead(204).end();
      else json(res, 200, answer);
    });
    const client = createClient({ baseUrl: server.url, retry: false });
    await expect(client.things.getThing({ id: "1" })).resolves.toEqual(answer);
    await expect(client.things.deleteThing({ id: "1" })).resolves.toBeUndefined();
  }, 120_000);

  test("with --closed-enums it is a ResponseValidationError", async () => {
    const { createClient } = load(generate("run-closed", ["--closed-enums"]));
    const server = await serve((_req, res) => json(res, 200, answer));
    const client = createClient({ baseUrl: server.url, retry: false });
    const error = await rejectionOf(client.things.getThing({ id: "1" }));
    expect(error).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/status", keyword: "enum" }] });
  }, 120_000);

  const triangle = { id: "1", status: "active", shape: { kind: "triangle", corners: 3 } };

  test("an unlisted discriminator value in a response is the unknown variant by default, an error with --closed-enums", async () => {
    const open = load(generate("run-union-open"));
    const server = await serve((_req, res) => json(res, 200, triangle));
    await expect(open.createClient({ baseUrl: server.url, retry: false }).things.getThing({ id: "1" })).resolves.toEqual(triangle);
    // The open case is any string: a discriminator that is not one is still an error, as is a listed variant that breaks its schema.
    const broken = await serve((req, res) => json(res, 200, req.url?.includes("number") ? { ...triangle, shape: { kind: 3 } } : { ...triangle, shape: { kind: "circle" } }));
    const client = open.createClient({ baseUrl: broken.url, retry: false });
    expect(await rejectionOf(client.things.getThing({ id: "number" }))).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/shape/kind", keyword: "discriminator" }] });
    expect(await rejectionOf(client.things.getThing({ id: "circle" }))).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/shape", keyword: "required", message: expect.stringContaining("radius") }] });
    const closed = load(generate("run-union-closed", ["--closed-enums"]));
    const error = await rejectionOf(closed.createClient({ baseUrl: server.url, retry: false }).things.getThing({ id: "1" }));
    expect(error).toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/shape/kind", keyword: "discriminator" }] });
  }, 120_000);

  test("an unlisted discriminator value in a request is refused before sending", async () => {
    const { createClient } = load(generate("run-union-request"));
    const server = await serve((_req, res) => json(res, 200, answer));
    const error = await rejectionOf(createClient({ baseUrl: server.url, retry: false }).things.putThing({ id: "1", body: triangle }));
    expect(error).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/body/shape/kind", keyword: "discriminator" }] });
    expect(server.requests).toHaveLength(0);
  }, 120_000);

  test("an unknown params key or an unlisted request enum value is refused before sending", async () => {
    const { createClient } = load(generate("run-params"));
    const server = await serve((_req, res) => json(res, 200, answer));
    const client = createClient({ baseUrl: server.url, retry: false });
    const typo = await rejectionOf(client.things.getThing({ id: "1", prety: true }));
    expect(typo).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/prety", keyword: "additionalProperties" }] });
    expect(typo.message).toContain("prety");
    const mode = await rejectionOf(client.things.getThing({ id: "1", mode: "medium" }));
    expect(mode).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/mode", keyword: "enum" }] });
    const body = await rejectionOf(client.things.putThing({ id: "1", body: { id: "1", status: "archived" } }));
    expect(body).toMatchObject({ name: "RequestValidationError", issues: [{ path: "/body/status", keyword: "enum" }] });
    expect(server.requests).toHaveLength(0);
    // The body key is a known key; a good call goes through.
    await expect(client.things.putThing({ id: "1", body: { id: "1", status: "active" } })).resolves.toEqual(answer);
    expect(server.requests).toHaveLength(1);
  }, 120_000);
});
