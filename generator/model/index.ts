// Stage 2, model: the bundled document becomes the intermediate model (./types.ts) — plain data, names decided.
import { GeneratorError, pointerJoin, type Diagnostic } from "../diagnostics";
import type { LoadedSpec } from "../load";
import { compareStrings, isObject, sortedEntries, warn, type ModelContext } from "./context";
import { describeCollision, NAME_COLLISION, NameResolver, type NameOwner } from "./names";
import { operationModels, operationOwner } from "./operation";
import { directionalComponents, parameterSchemas, planRequestValidators } from "./request-validators";
import { inheritancePlan, splitBases, type InheritancePlan } from "./inheritance";
import { schemaModel } from "./schema";
import { serverModels } from "./servers";
import { reachableComponents } from "./schema-graph";
import { paginationOf } from "./pagination";
import { clientAuthModel, securityRequirements, securitySchemeModels } from "./security";
import { warnUnsupported } from "./unsupported";
import type { ApiModel, NamedRef, OperationModel, PaginationModel, SchemaDeclaration, TagGroupModel } from "./types";

export interface ModelResult {
  model: ApiModel;
  warnings: Diagnostic[];
}

const UNTAGGED = "default";

export function buildModel(spec: LoadedSpec): ModelResult {
  const ctx: ModelContext = {
    document: spec.document,
    openapiVersion: spec.openapiVersion,
    names: new NameResolver(),
    schemaRefs: new Map(),
    inlining: new Set(),
    diagnostics: [...(spec.warnings ?? [])],
    locate: spec.source.locate,
    inheritance: inheritancePlan(spec.document),
  };
  const rawSchemas = sortedEntries(isObject(spec.document["components"]) ? spec.document["components"]["schemas"] : undefined);
  // Names first (in sorted order, so they are stable), then bodies, which may reference any name.
  for (const [name] of rawSchemas) ctx.schemaRefs.set(name, namedRef(name, ctx));
  const modelled: SchemaDeclaration[] = rawSchemas.map(([name, raw]) => ({
    ref: ctx.schemaRefs.get(name) as NamedRef,
    schema: schemaModel(raw, pointerJoin("/components/schemas", name), ctx),
  }));
  // allOf inheritance: `$ref: Pet` means one of Pet's subtypes; Pet's own shape becomes `PetBase`.
  const schemas = splitBases(modelled, ctx.inheritance as InheritancePlan, ctx);
  for (const declaration of schemas) if (declaration.schema.access) declaration.ref.access = declaration.schema.access;
  const info = isObject(spec.document["info"]) ? spec.document["info"] : {};
  const securitySchemes = securitySchemeModels(ctx);
  const byName = new Map(schemas.map((d) => [d.ref.name, d]));
  const operations = operationModels(ctx);
  for (const op of operations) namePagination(op, paginationOf(op, byName), ctx);
  const tags = tagGroups(operations, spec.document["tags"], ctx);
  warnUnsupported(ctx);
  const openEnums = spec.closedEnums !== true;
  const directional = directionalComponents(schemas, openEnums);
  nameWritableTypes(schemas, tags, directional, ctx);
  planRequestValidators(schemas, tags, directional, ctx);
  // Every identifier is decided now: report the spec names that folded to the same one, at the renamed item.
  for (const collision of ctx.names.collisions) {
    const { message, hint } = describeCollision(collision);
    warn(ctx, NAME_COLLISION, message, collision.owner.pointer, hint);
  }
  const model: ApiModel = {
    title: typeof info["title"] === "string" ? info["title"] : spec.name,
    version: typeof info["version"] === "string" ? info["version"] : "",
    openapiVersion: spec.openapiVersion,
    servers: serverModels(spec.document["servers"]),
    schemas,
    tags,
    securitySchemes,
    security: securityRequirements(spec.document["security"]) ?? [],
    auth: clientAuthModel(securitySchemes, ctx),
    openEnums,
  };
  if (typeof info["description"] === "string") model.description = info["description"];
  if (spec.strictSpec) ctx.diagnostics = ctx.diagnostics.map(strictly);
  const errors = ctx.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new GeneratorError(errors);
  return { model, warnings: ctx.diagnostics };
}

/**
 * Warnings about the spec's own mistakes that apigen accepted and normalised (docs/spec-policy.md); --strict-spec
 * makes each of them an error. Warnings about what the generated client does not do (cookies, multipart, …) and
 * renames stay warnings: the spec is not wrong there.
 */
export const SPEC_DEFECTS: ReadonlySet<string> = new Set([
  "APIGEN_SCHEMA_REQUIRED_EMPTY",
  "APIGEN_SCHEMA_KEYWORD_TYPE",
  "APIGEN_SCHEMA_PATTERN",
  "APIGEN_SCHEMA_PATTERN_LEGACY",
  "APIGEN_SCHEMA_REQUIRED_UNDECLARED",
  "APIGEN_SCHEMA_DISCRIMINATOR",
  "APIGEN_SCHEMA_INVALID",
  "APIGEN_SCHEMA_CYCLE",
  "APIGEN_PARAM_UNUSED",
  "APIGEN_LIFECYCLE_INVALID",
]);

function strictly(d: Diagnostic): Diagnostic {
  if (d.severity !== "warning" || !SPEC_DEFECTS.has(d.code)) return d;
  return { ...d, severity: "error", message: `${d.message} (an error with --strict-spec)` };
}

function namedRef(name: string, ctx: ModelContext): NamedRef {
  return { name, ...ctx.names.schemaNames(name) };
}

/**
 * readOnly properties are never sent, writeOnly ones never returned (OAS §4.7.24), and response enums may be open:
 * a schema sent in a request (body or parameter) whose type depends on the direction, itself or through the schemas
 * it refers to, gets a request-side type; its plain name is the response side. Decided here, named once.
 */
function nameWritableTypes(schemas: SchemaDeclaration[], tags: TagGroupModel[], directional: ReadonlySet<string>, ctx: ModelContext): void {
  const byName = new Map(schemas.map((d) => [d.ref.name, d]));
  // Every component reachable from a request, in sorted order so names are stable.
  const ops = tags.flatMap((t) => t.operations);
  const roots = [...ops.flatMap((op) => (op.requestBody?.content ?? []).flatMap((m) => (m.schema ? [m.schema] : []))), ...ops.flatMap(parameterSchemas)];
  for (const name of [...reachableComponents(roots, byName)].sort(compareStrings)) {
    const declaration = byName.get(name);
    if (declaration && directional.has(name)) {
      declaration.ref.writableTypeName = ctx.names.exportName(`${declaration.ref.typeName}Writable`,
        { label: `the request type of component schema ${JSON.stringify(name)}`, pointer: pointerJoin("/components/schemas", name) });
    }
  }
}



/** A paginated operation's iterators get standalone exports named after its function (`listThingsPages`, `listThingsItems`). */
function namePagination(op: OperationModel, pagination: PaginationModel | undefined, ctx: ModelContext): void {
  if (!pagination) return;
  op.pagination = pagination;
  op.pagesExportName = ctx.names.exportName(`${op.exportName}Pages`);
  op.itemsExportName = ctx.names.exportName(`${op.exportName}Items`);
}

/** Groups operations by their first tag; groups sorted by tag, operations by operationId. */
function tagGroups(operations: OperationModel[], rawTags: unknown, ctx: ModelContext): TagGroupModel[] {
  const descriptions = new Map<string, string>();
  const declared = new Map<string, string>(); // tag → pointer of its name in the top-level `tags`
  if (Array.isArray(rawTags)) {
    rawTags.forEach((t, i) => {
      if (!isObject(t) || typeof t["name"] !== "string") return;
      if (!declared.has(t["name"])) declared.set(t["name"], pointerJoin("/tags", i, "name"));
      if (typeof t["description"] === "string") descriptions.set(t["name"], t["description"]);
    });
  }
  const byTag = new Map<string, OperationModel[]>();
  for (const op of operations) {
    const tag = op.tags[0] ?? UNTAGGED;
    byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
  }
  return [...byTag.keys()].sort(compareStrings).map((name) => {
    const methods = ctx.names.methodScope();
    const ops = (byTag.get(name) ?? []).sort((a, b) => compareStrings(a.operationId, b.operationId));
    // Plain names first, so a spec's own `fooWithResponse` operation keeps its name over the variant of `foo`.
    const owners = new Map(ops.map((op) => [op, operationOwner(op, ctx)]));
    for (const op of ops) op.functionName = methods.claim(op.functionName, owners.get(op));
    for (const op of ops) {
      const owner = owners.get(op) as NameOwner;
      op.withResponseName = methods.claim(`${op.functionName}WithResponse`, { label: `the WithResponse method of ${owner.label}`, pointer: owner.pointer });
    }
    for (const op of ops.filter((o) => o.pagination)) {
      const owner = owners.get(op) as NameOwner;
      op.pagesMethodName = methods.claim(`${op.functionName}Pages`, { label: `the page iterator of ${owner.label}`, pointer: owner.pointer });
      op.itemsMethodName = methods.claim(`${op.functionName}Items`, { label: `the item iterator of ${owner.label}`, pointer: owner.pointer });
    }
    // Where the tag is written: its declaration, else the first operation that uses it.
    const first = ops[0];
    const tagPointer = declared.get(name) ?? (first && first.tags.length > 0 ? pointerJoin(first.pointer, "tags", 0) : first?.pointer ?? "");
    const group: TagGroupModel = { name, propertyName: ctx.names.tagPropertyName(name, tagPointer), operations: ops };
    const description = descriptions.get(name);
    if (description !== undefined) group.description = description;
    return group;
  });
}
