// allOf inheritance (OAS 3.1 §4.8.25.2, 3.0 §4.7.25, the Pet/Cat/Dog example): a base schema holds the discriminator
// and no oneOf/anyOf; each subtype says `allOf: [{$ref: base}, …]`. Read as the spec means it, `$ref: base` is "one of
// the base's subtypes, chosen by the discriminator value". Decided here, from the raw components:
// - which components are bases, intermediates (subtypes with subtypes of their own) and leaves;
// - the discriminator value(s) of each concrete member (the base's mapping first, else the component name);
// then, once the schemas are modelled, each base and intermediate becomes that union under its own name, and its
// plain shape (what a subtype's `allOf` extends) gets the name `<Name>Base`.
import { pointerJoin } from "../diagnostics";
import { compareStrings, isObject, type ModelContext } from "./context";
import type { DiscriminatorModel, NamedRef, SchemaDeclaration, SchemaModel } from "./types";

const COMPONENT_SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

export interface InheritancePlan {
  /** Every subtype (at any depth) → the base whose discriminator tags it. */
  rootOf: Map<string, string>;
  /** Bases and intermediates that have subtypes → those subtypes at every depth, sorted. Each one becomes a union. */
  descendants: Map<string, string[]>;
  /** Per base: its discriminator property and explicit mapping (value → component name), values sorted. */
  bases: Map<string, { propertyName: string; mapping: [string, string][] }>;
}

/** Bases, their subtypes at every depth and the mapping, from the raw components (the document after load). */
export function inheritancePlan(document: Record<string, unknown>): InheritancePlan {
  const components = isObject(document["components"]) && isObject(document["components"]["schemas"]) ? document["components"]["schemas"] : {};
  const names = Object.keys(components).sort(compareStrings);
  const parents = new Map(names.map((name) => [name, allOfParents(components[name], name)]));
  const plan: InheritancePlan = { rootOf: new Map(), descendants: new Map(), bases: new Map() };
  for (const base of names) {
    const node = components[base];
    const d = isObject(node) ? node["discriminator"] : undefined;
    // A base that lists its subtypes in oneOf/anyOf is already a union (see schema.ts).
    if (!isObject(node) || !isObject(d) || typeof d["propertyName"] !== "string" || Array.isArray(node["oneOf"]) || Array.isArray(node["anyOf"])) continue;
    // A base that is itself a subtype of an earlier one stays a member of that tree (one discriminator per value).
    if (plan.rootOf.has(base)) continue;
    const tree = subtypesOf(base, names, parents, plan);
    if (tree.length === 0) continue;
    const explicit = isObject(d["mapping"]) ? d["mapping"] : {};
    const mapping = Object.keys(explicit).sort(compareStrings).flatMap((value): [string, string][] => {
      const target = explicit[value];
      const name = typeof target === "string" ? mappingTarget(target) : undefined;
      return name !== undefined && Object.hasOwn(components, name) ? [[value, name]] : [];
    });
    plan.bases.set(base, { propertyName: d["propertyName"], mapping });
    for (const name of tree) plan.rootOf.set(name, base);
    for (const name of [base, ...tree]) {
      const below = descendantsOf(name, tree, parents);
      if (below.length > 0) plan.descendants.set(name, below);
    }
  }
  return plan;
}

/** The discriminator values a member of a hierarchy stands for: its mapped values, else (unless it is the base) its name. */
export function variantValues(plan: InheritancePlan, base: string, name: string): string[] {
  const mapped = (plan.bases.get(base)?.mapping ?? []).filter(([, target]) => target === name).map(([value]) => value);
  return mapped.length > 0 || name === base ? mapped : [name];
}

/**
 * The variant literal a subtype's schema requires (one more `allOf` member, so its type narrows and its validator
 * checks it). None for a member with subtypes of its own: its plain shape is what they extend, and the union it
 * becomes supplies the literal per member.
 */
export function inheritedLiteral(plan: InheritancePlan, name: string): SchemaModel | undefined {
  const base = plan.rootOf.get(name);
  const d = base !== undefined ? plan.bases.get(base) : undefined;
  if (base === undefined || !d || plan.descendants.has(name)) return undefined;
  const values = variantValues(plan, base, name);
  if (values.length === 0) return undefined;
  const at = pointerJoin("/components/schemas", base, "discriminator");
  const literal = (value: string): SchemaModel => ({ pointer: at, const: { value } });
  const [only] = values;
  return { pointer: at, properties: [{ name: d.propertyName, required: true, schema: values.length === 1 && only !== undefined ? literal(only) : { pointer: at, anyOf: values.map(literal) } }] };
}

/**
 * Each base and intermediate becomes the union of its concrete members, tagged by the discriminator, under its own
 * name (so `Pet[]` in a response is `Array<Cat | Dog>`); its plain shape moves to `<Name>Base`, which the subtypes'
 * `allOf` members now refer to (the union there would make every subtype contain itself).
 */
export function splitBases(schemas: SchemaDeclaration[], plan: InheritancePlan, ctx: ModelContext): SchemaDeclaration[] {
  const byName = new Map(schemas.map((d) => [d.ref.name, d]));
  const baseRefs = new Map<string, NamedRef>();
  for (const name of [...plan.descendants.keys()].sort(compareStrings)) {
    const ref = byName.get(name)?.ref;
    if (!ref) continue;
    const owner = { label: `the plain shape of component schema ${JSON.stringify(name)} (what its subtypes extend)`, pointer: pointerJoin("/components/schemas", name) };
    const typeName = ctx.names.exportName(`${ref.typeName}Base`, owner);
    // Component names match ^[a-zA-Z0-9.\-_]+$ (OAS §4.8.7.1): one with a space and parentheses cannot clash.
    baseRefs.set(name, { name: `${name} (base shape)`, typeName, validatorName: ctx.names.exportName(`validate${typeName}`, owner), checkName: `$check${typeName}`, shapeOf: name });
  }
  const plainRef = (ref: NamedRef): NamedRef => baseRefs.get(ref.name) ?? ref;
  // Subtypes extend the plain shapes.
  for (const d of schemas) {
    if (!plan.rootOf.has(d.ref.name) || !d.schema.allOf) continue;
    d.schema.allOf = d.schema.allOf.map((member) => (member.ref && plan.descendants.has(member.ref.name) ? { ...member, ref: plainRef(member.ref) } : member));
  }
  const out: SchemaDeclaration[] = [];
  for (const d of schemas) {
    const baseRef = baseRefs.get(d.ref.name);
    if (!baseRef) {
      out.push(d);
      continue;
    }
    const { discriminator: _plain, ...shape } = d.schema;
    // In the components' order: the union under the component's name, its plain shape right after it.
    out.push({ ref: d.ref, schema: unionOf(d, plan, byName, plainRef) }, { ref: baseRef, schema: shape });
  }
  return out;
}

/** The union a base or intermediate stands for: each concrete member (itself included, if mapped) by its values. */
function unionOf(d: SchemaDeclaration, plan: InheritancePlan, byName: Map<string, SchemaDeclaration>, plainRef: (ref: NamedRef) => NamedRef): SchemaModel {
  const name = d.ref.name;
  const base = plan.rootOf.get(name) ?? name;
  const info = plan.bases.get(base);
  const mapping: DiscriminatorModel["mapping"] = [];
  const members = [name, ...(plan.descendants.get(name) ?? [])];
  // The explicit mapping first (the base's own union also takes targets outside the tree; a base mapped to itself
  // is concrete), then each unmapped member by its component name (never the base: unmapped, it is abstract).
  const explicit = (info?.mapping ?? []).filter(([, target]) => members.includes(target) || name === base);
  const implicit = members.filter((m) => m !== base && !explicit.some(([, target]) => target === m)).map((m): [string, string] => [m, m]);
  for (const [value, target] of [...explicit, ...implicit]) {
    const ref = byName.get(target)?.ref;
    if (ref && !mapping.some((m) => m.value === value)) mapping.push({ value, ref: plainRef(ref) });
  }
  const oneOf = [...new Map(mapping.map((m) => [m.ref.typeName, m.ref])).values()].map((ref): SchemaModel => ({ pointer: d.schema.pointer, ref }));
  const union: SchemaModel = { pointer: d.schema.pointer, oneOf, discriminator: { propertyName: info?.propertyName ?? "", mapping, unlistedShape: plainRef(d.ref) } };
  for (const key of ["title", "description", "deprecated", "access"] as const) if (d.schema[key] !== undefined) Object.assign(union, { [key]: d.schema[key] });
  return union;
}

/** Components named by `$ref` in a component's own `allOf` (not itself). */
function allOfParents(node: unknown, name: string): string[] {
  if (!isObject(node) || !Array.isArray(node["allOf"])) return [];
  return node["allOf"].flatMap((member) => {
    const token = isObject(member) && typeof member["$ref"] === "string" ? COMPONENT_SCHEMA_REF.exec(member["$ref"])?.[1] : undefined;
    const parent = token === undefined ? undefined : decodeToken(token);
    return parent !== undefined && parent !== name ? [parent] : [];
  });
}

/** Components that extend the base through allOf at any depth; one already in another base's tree stays there. */
function subtypesOf(base: string, names: string[], parents: Map<string, string[]>, plan: InheritancePlan): string[] {
  const tree = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const name of names) {
      if (name === base || tree.has(name) || plan.rootOf.has(name) || plan.bases.has(name)) continue;
      if ((parents.get(name) ?? []).some((p) => p === base || tree.has(p))) {
        tree.add(name);
        grew = true;
      }
    }
  }
  return [...tree].sort(compareStrings);
}

/** Members of the tree below `name` (cycles in allOf end the walk, they do not loop). */
function descendantsOf(name: string, tree: string[], parents: Map<string, string[]>): string[] {
  const found = new Set<string>();
  const walk = (parent: string): void => {
    for (const child of tree) {
      if (child !== name && !found.has(child) && (parents.get(child) ?? []).includes(parent)) {
        found.add(child);
        walk(child);
      }
    }
  };
  walk(name);
  return [...found].sort(compareStrings);
}

/** A mapping target is a `$ref` string or a bare component name. */
function mappingTarget(target: string): string | undefined {
  const token = COMPONENT_SCHEMA_REF.exec(target)?.[1] ?? (target.includes("/") ? undefined : target);
  return token === undefined ? undefined : decodeToken(token);
}

function decodeToken(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");
}

