// The one schema walker: every SchemaModel key is declared once below as an applicator (it holds subschemas, and
// says how to list them), an assertion (it constrains values) or an annotation (it only documents). The model's
// reachability, the render stage's shape sharing and the validators' "nothing to check" test all read this table,
// and a key added to SchemaModel without a line here is a compile error.
import type { SchemaDeclaration, SchemaModel } from "./types";

type Children = (s: SchemaModel) => readonly SchemaModel[];

type KeyRole = { role: "applicator"; children: Children } | { role: "assertion" } | { role: "annotation" };

const none: readonly SchemaModel[] = [];
const one = (s: SchemaModel | undefined): readonly SchemaModel[] => (s ? [s] : none);
const applicator = (children: Children): KeyRole => ({ role: "applicator", children });
const assertion: KeyRole = { role: "assertion" };
const annotation: KeyRole = { role: "annotation" };

/** Every key of SchemaModel, by role. `ref` is an applicator whose target is a component, reached by name, not here. */
export const SCHEMA_KEYS: { readonly [K in keyof Required<SchemaModel>]: KeyRole } = {
  pointer: annotation,
  ref: applicator(() => none),
  types: assertion,
  enum: assertion,
  const: assertion,
  format: assertion,
  pattern: assertion,
  patternFlags: annotation, // read with `pattern`
  minLength: assertion,
  maxLength: assertion,
  minimum: assertion,
  maximum: assertion,
  exclusiveMinimum: assertion,
  exclusiveMaximum: assertion,
  multipleOf: assertion,
  items: applicator((s) => one(s.items)),
  minItems: assertion,
  maxItems: assertion,
  uniqueItems: assertion,
  prefixItems: applicator((s) => s.prefixItems ?? none),
  contains: applicator((s) => one(s.contains)),
  minContains: annotation, // read with `contains`
  maxContains: annotation, // read with `contains`
  properties: applicator((s) => s.properties?.map((p) => p.schema) ?? none),
  additionalProperties: applicator((s) => (typeof s.additionalProperties === "object" ? [s.additionalProperties] : none)),
  minProperties: assertion,
  maxProperties: assertion,
  patternProperties: applicator((s) => s.patternProperties?.map((pp) => pp.schema) ?? none),
  propertyNames: applicator((s) => one(s.propertyNames)),
  dependentRequired: assertion,
  dependentSchemas: applicator((s) => s.dependentSchemas?.map((d) => d.schema) ?? none),
  conditional: applicator((s) => (s.conditional ? [s.conditional.if, ...one(s.conditional.then), ...one(s.conditional.else)] : none)),
  allOf: applicator((s) => s.allOf ?? none),
  anyOf: applicator((s) => s.anyOf ?? none),
  oneOf: applicator((s) => s.oneOf ?? none),
  not: applicator((s) => one(s.not)),
  // Its targets are components (refs), listed so that reachability follows them.
  discriminator: applicator((s) => s.discriminator?.mapping.map((m) => ({ pointer: "", ref: m.ref })) ?? none),
  title: annotation,
  description: annotation,
  deprecated: annotation,
  default: annotation,
  access: annotation,
};

const APPLICATOR_KEYS = (Object.keys(SCHEMA_KEYS) as (keyof SchemaModel)[]).filter((k) => SCHEMA_KEYS[k].role === "applicator");
const CONSTRAINING_KEYS = (Object.keys(SCHEMA_KEYS) as (keyof SchemaModel)[]).filter((k) => SCHEMA_KEYS[k].role !== "annotation");

/** The direct subschemas of a schema (not through refs), discriminator targets included. */
export function subschemas(s: SchemaModel): SchemaModel[] {
  const found: SchemaModel[] = [];
  // Only the keys a schema has (most have few), in the table's order so that the walk is the same for every caller.
  for (const key of APPLICATOR_KEYS) if (s[key] !== undefined) found.push(...(SCHEMA_KEYS[key] as { children: Children }).children(s));
  return found;
}

/** A schema that constrains nothing (`{}`, or annotations only): every value is valid against it. */
export function isUnconstrained(s: SchemaModel): boolean {
  for (const key of CONSTRAINING_KEYS) {
    const value = s[key];
    // `uniqueItems: false` and `additionalProperties: true` (as the model may hold them) allow everything.
    if (value !== undefined && !(key === "uniqueItems" && value === false) && !(key === "additionalProperties" && value === true)) return false;
  }
  return true;
}

/** Names of the components reachable from the roots through $refs (cycles included). */
export function reachableComponents(roots: SchemaModel[], byName: ReadonlyMap<string, SchemaDeclaration>): Set<string> {
  const reachable = new Set<string>();
  const visit = (s: SchemaModel): void => {
    if (s.ref) {
      if (reachable.has(s.ref.name)) return;
      reachable.add(s.ref.name);
      const target = byName.get(s.ref.name);
      if (target) visit(target.schema);
      return;
    }
    subschemas(s).forEach(visit);
  };
  roots.forEach(visit);
  return reachable;
}
