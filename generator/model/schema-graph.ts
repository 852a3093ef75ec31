// Walking the schema graph of a model: the direct subschemas of a schema, and the components reachable from some
// roots through $refs. Shared by the decisions that depend on what a request body can reach (Writable types,
// request-direction validators).
import type { SchemaDeclaration, SchemaModel } from "./types";

/** The direct subschemas of a schema (not through refs), discriminator targets included. */
export function subschemas(s: SchemaModel): SchemaModel[] {
  return [
    ...(s.properties?.map((p) => p.schema) ?? []),
    ...(typeof s.additionalProperties === "object" ? [s.additionalProperties] : []),
    ...(s.patternProperties?.map((pp) => pp.schema) ?? []),
    ...(s.propertyNames ? [s.propertyNames] : []),
    ...(s.dependentSchemas?.map((d) => d.schema) ?? []),
    ...(s.items ? [s.items] : []),
    ...(s.prefixItems ?? []),
    ...(s.contains ? [s.contains] : []),
    ...(s.allOf ?? []),
    ...(s.anyOf ?? []),
    ...(s.oneOf ?? []),
    ...(s.not ? [s.not] : []),
    ...(s.conditional ? [s.conditional.if, ...(s.conditional.then ? [s.conditional.then] : []), ...(s.conditional.else ? [s.conditional.else] : [])] : []),
    ...(s.discriminator?.mapping.map((m) => ({ pointer: "", ref: m.ref })) ?? []),
  ];
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
