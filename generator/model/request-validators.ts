// Request direction of the validators (OAS 3.0 §4.7.24 / 3.1 §4.8.24 readOnly, writeOnly): a readOnly property must
// not be sent and is required only in responses; a writeOnly one is required (as declared) only in requests.
// Decided here, once: which component schemas need a request variant of their check function, and the exported
// name of each JSON request body's validator.
import { pointerJoin } from "../diagnostics";
import { compareStrings, type ModelContext } from "./context";
import { reachableComponents, subschemas } from "./schema-graph";
import type { OperationModel, SchemaDeclaration, SchemaModel, TagGroupModel } from "./types";

/**
 * Components whose type and verdict depend on the direction (a fixpoint over the ref graph, cycles included): some
 * property below them (through refs) is readOnly or writeOnly, or, with open enums, some schema below them is a
 * string enum or a discriminated union (open in responses, closed in requests).
 */
export function directionalComponents(schemas: SchemaDeclaration[], openEnums: boolean): Set<string> {
  const byName = new Map(schemas.map((d) => [d.ref.name, d]));
  const local = new Map<string, { access: boolean; refs: string[] }>();
  for (const d of schemas) {
    const facts = { access: false, refs: [] as string[] };
    // Access changes a verdict only where a property has it, on its schema or on the component it refers to.
    const walk = (s: SchemaModel): void => {
      if (s.ref) facts.refs.push(s.ref.name);
      else subschemas(s).forEach(walk);
      if (openEnums && !s.ref && (isOpenableEnum(s) || isOpenableDiscriminator(s))) facts.access = true;
      for (const prop of s.properties ?? []) {
        const target = prop.schema.ref ? byName.get(prop.schema.ref.name)?.schema : undefined;
        if (prop.schema.access !== undefined || target?.access !== undefined) facts.access = true;
      }
    };
    walk(d.schema);
    local.set(d.ref.name, facts);
  }
  const directional = new Set([...local].filter(([, f]) => f.access).map(([name]) => name));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, f] of local) {
      if (!directional.has(name) && f.refs.some((r) => directional.has(r))) {
        directional.add(name);
        changed = true;
      }
    }
  }
  return directional;
}

/** An enum that opens in responses: every value a string (null allowed, for nullable enums). */
export function isOpenableEnum(s: SchemaModel): boolean {
  return s.enum !== undefined && s.enum.some((v) => typeof v === "string") && s.enum.every((v) => v === null || typeof v === "string");
}

/**
 * A discriminated union that opens in responses (a value the spec did not list is an unknown variant, not an error):
 * a oneOf/anyOf whose discriminator maps at least one value, none of which could pass for the unknown case's type.
 */
export function isOpenableDiscriminator(s: SchemaModel): boolean {
  const d = s.discriminator;
  return d !== undefined && d.mapping.length > 0 && (s.oneOf !== undefined || s.anyOf !== undefined) && d.mapping.every((m) => !m.value.endsWith(UNKNOWN_DISCRIMINATOR_SUFFIX));
}

/** Ends the template literal type of an unknown discriminator value (a noncharacter: no real value ends with it). */
export const UNKNOWN_DISCRIMINATOR_SUFFIX = "\uffff";

/** Parameter schemas of an operation: sent in requests, so checked and typed in the request direction. */
export function parameterSchemas(op: OperationModel): SchemaModel[] {
  return [...op.parameters.path, ...op.parameters.query, ...op.parameters.header].map((p) => p.schema);
}

/**
 * A component's check function takes the direction only when the component is reachable from a request body or a
 * parameter and direction changes its verdict (see directionalComponents). A JSON request body gets its own
 * validator unless it is a plain reference to a component whose verdict does not depend on it (then the
 * component's validator serves).
 */
export function planRequestValidators(schemas: SchemaDeclaration[], tags: TagGroupModel[], directional: ReadonlySet<string>, ctx: ModelContext): void {
  const byName = new Map(schemas.map((d) => [d.ref.name, d]));
  const ops = tags.flatMap((t) => t.operations);
  const bodies = ops.flatMap((op) => (op.requestBody?.content ?? []).flatMap((m) => (m.kind === "json" && m.schema ? [m.schema] : [])));
  const reachable = reachableComponents([...bodies, ...ops.flatMap(parameterSchemas)], byName);
  for (const name of [...reachable].sort(compareStrings)) {
    const declaration = byName.get(name);
    if (declaration && directional.has(name)) declaration.ref.directional = true;
  }
  const sorted = [...ops].sort((a, b) => compareStrings(a.paramsValidatorName, b.paramsValidatorName));
  for (const op of sorted) {
    const stem = op.paramsValidatorName.replace(/^validate/, "").replace(/Params$/, "");
    for (const media of op.requestBody?.content ?? []) {
      if (media.kind !== "json" || !media.schema) continue;
      if (media.schema.ref && !media.schema.ref.directional) continue;
      const version = media.version ? `V${media.version.replace(/-/g, "")}` : "";
      media.validatorName = ctx.names.exportName(`validate${stem}${version}RequestBody`,
        { label: `the request body of operation ${JSON.stringify(op.operationId)}`, pointer: pointerJoin(op.pointer, "requestBody") });
    }
  }
}
