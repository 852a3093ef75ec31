// Spec-level rules for one schema seen from one direction. Request values flow from the consumer to the server:
// every value the old schema accepted must still be accepted (narrowing breaks). Response values flow to the
// consumer: the consumer's code handles only what the old schema promised (widening, removals and optionality
// break). Named components referenced on both sides by the same name are compared once, as named types.
import type { JsonType, PropertyModel, SchemaDeclaration, SchemaModel } from "../model/types";
import type { ChangeClass } from "./changes";

export type Direction = "request" | "response";

export interface SchemaScope {
  dir: Direction;
  oldByName: ReadonlyMap<string, SchemaDeclaration>;
  newByName: ReadonlyMap<string, SchemaDeclaration>;
  /** Adds a change at a schema of one side (the pointer locates it). */
  emit: (cls: ChangeClass, code: string, message: string, side: "old" | "new", pointer: string) => void;
}

const MAX_DEPTH = 24;

export function compareSchemas(o: SchemaModel, n: SchemaModel, at: string, scope: SchemaScope, seen: Set<string> = new Set(), depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (o.ref && n.ref) {
    if (o.ref.name === n.ref.name) return; // compared once as a named type
    const cls: ChangeClass = "breaking";
    scope.emit(cls, "type-changed", `${at}: type changed from ${o.ref.typeName} to ${n.ref.typeName}`, "new", n.pointer);
    return;
  }
  // One side inline, the other a reference: compare the referenced component's schema structurally (once per pair).
  if (o.ref || n.ref) {
    const key = `${o.ref?.name ?? o.pointer}\u0000${n.ref?.name ?? n.pointer}`;
    if (seen.has(key)) return;
    seen.add(key);
    const oo = o.ref ? scope.oldByName.get(o.ref.name)?.schema : o;
    const nn = n.ref ? scope.newByName.get(n.ref.name)?.schema : n;
    if (oo && nn) compareSchemas(oo, nn, at, scope, seen, depth + 1);
    return;
  }
  const request = scope.dir === "request";
  const narrowed = (code: string, message: string) => scope.emit(request ? "breaking" : "compatible", code, `${at}: ${message}`, "new", n.pointer);
  const widened = (code: string, message: string) => scope.emit(request ? "compatible" : "breaking", code, `${at}: ${message}`, "new", n.pointer);

  const changed = (code: string, message: string) => scope.emit("breaking", code, `${at}: ${message}`, "new", n.pointer);
  compareTypes(o.types, n.types, narrowed, widened, changed);
  compareEnums(o, n, at, scope, narrowed, widened);
  if (n.pattern !== undefined && n.pattern !== o.pattern) {
    if (request) narrowed("pattern-added", o.pattern === undefined ? `new pattern ${JSON.stringify(n.pattern)}` : `pattern changed from ${JSON.stringify(o.pattern)} to ${JSON.stringify(n.pattern)}`);
  }
  // Bounds only narrow what a request may send; in a response a tighter bound is a narrower promise (compatible).
  for (const key of ["minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"] as const) {
    const ov = o[key], nv = n[key];
    if (request && nv !== undefined && (ov === undefined || nv > ov)) narrowed("bound-narrowed", `${key} ${ov === undefined ? "added" : `raised from ${ov}`}: ${nv}`);
  }
  for (const key of ["maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"] as const) {
    const ov = o[key], nv = n[key];
    if (request && nv !== undefined && (ov === undefined || nv < ov)) narrowed("bound-narrowed", `${key} ${ov === undefined ? "added" : `lowered from ${ov}`}: ${nv}`);
  }
  if (n.deprecated && !o.deprecated) scope.emit("warning", "deprecated", `${at}: deprecated`, "new", n.pointer);
  compareProperties(o, n, at, scope, seen, depth);
  if (o.items && n.items) compareSchemas(o.items, n.items, `${at}[]`, scope, seen, depth + 1);
  if (typeof o.additionalProperties === "object" && typeof n.additionalProperties === "object") {
    compareSchemas(o.additionalProperties, n.additionalProperties, `${at}[*]`, scope, seen, depth + 1);
  }
  for (const kind of ["allOf", "anyOf", "oneOf"] as const) {
    const om = o[kind] ?? [], nm = n[kind] ?? [];
    if (om.length === nm.length) om.forEach((m, i) => compareSchemas(m, nm[i] as SchemaModel, at, scope, seen, depth + 1));
    else if (kind === "allOf" || !request || nm.length < om.length) {
      // Members added to a union widen a response; members removed narrow a request; allOf changes can do both.
      scope.emit("breaking", "composition-changed", `${at}: ${kind} changed from ${om.length} to ${nm.length} members`, "new", n.pointer);
    } else scope.emit("compatible", "composition-widened", `${at}: ${kind} gained ${nm.length - om.length} members`, "new", n.pointer);
  }
}

function visible(p: PropertyModel, dir: Direction): boolean {
  const access = p.schema.access ?? p.schema.ref?.access;
  return dir === "request" ? access !== "readOnly" : access !== "writeOnly";
}

function compareProperties(o: SchemaModel, n: SchemaModel, at: string, scope: SchemaScope, seen: Set<string>, depth: number): void {
  const dir = scope.dir;
  const oldProps = new Map((o.properties ?? []).filter((p) => !p.undeclared && visible(p, dir)).map((p) => [p.name, p]));
  const newProps = new Map((n.properties ?? []).filter((p) => !p.undeclared && visible(p, dir)).map((p) => [p.name, p]));
  const where = (name: string) => `${at}.${name}`;
  for (const [name, op] of oldProps) {
    const np = newProps.get(name);
    if (!np) {
      scope.emit("breaking", dir === "request" ? "request-property-removed" : "response-property-removed", `${where(name)}: property removed`, "old", op.schema.pointer);
      continue;
    }
    if (dir === "request" && np.required && !op.required) scope.emit("breaking", "request-property-required", `${where(name)}: now required`, "new", np.schema.pointer);
    if (dir === "request" && !np.required && op.required) scope.emit("compatible", "request-property-optional", `${where(name)}: now optional`, "new", np.schema.pointer);
    if (dir === "response" && op.required && !np.required) scope.emit("breaking", "response-property-optional", `${where(name)}: now optional`, "new", np.schema.pointer);
    compareSchemas(op.schema, np.schema, where(name), scope, seen, depth + 1);
  }
  for (const [name, np] of newProps) {
    if (oldProps.has(name)) continue;
    if (dir === "request") {
      scope.emit(np.required ? "breaking" : "compatible", np.required ? "request-property-added-required" : "request-property-added", `${where(name)}: ${np.required ? "required" : "optional"} property added`, "new", np.schema.pointer);
    } else scope.emit("compatible", "response-property-added", `${where(name)}: property added`, "new", np.schema.pointer);
  }
}

/** integer is a subset of number; undefined is any type. */
function covers(types: JsonType[] | undefined, t: JsonType): boolean {
  return types === undefined || types.includes(t) || (t === "integer" && types.includes("number"));
}

function compareTypes(o: JsonType[] | undefined, n: JsonType[] | undefined, narrowed: (c: string, m: string) => void, widened: (c: string, m: string) => void, changed: (c: string, m: string) => void): void {
  const show = (t: JsonType[] | undefined) => (t === undefined ? "any" : t.join(" | "));
  const lost = o === undefined ? n !== undefined : o.some((t) => !covers(n, t));
  const gained = n === undefined ? o !== undefined : n.some((t) => !covers(o, t));
  // Lost and gained at once (string → integer) breaks in either direction: one change.
  if (lost && gained) changed("type-changed", `type changed from ${show(o)} to ${show(n)}`);
  else if (lost) narrowed("type-narrowed", `type narrowed from ${show(o)} to ${show(n)}`);
  else if (gained) widened("type-widened", `type widened from ${show(o)} to ${show(n)}`);
}

function compareEnums(o: SchemaModel, n: SchemaModel, at: string, scope: SchemaScope, narrowed: (c: string, m: string) => void, widened: (c: string, m: string) => void): void {
  if (!o.enum && !n.enum) return;
  if (o.enum && !n.enum) return widened("enum-dropped", "enum dropped: any value of the type is now allowed");
  if (!o.enum && n.enum) return narrowed("enum-added", `now an enum: ${n.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  const os = new Set((o.enum ?? []).map((v) => JSON.stringify(v)));
  const ns = new Set((n.enum ?? []).map((v) => JSON.stringify(v)));
  const removed = [...os].filter((v) => !ns.has(v));
  const added = [...ns].filter((v) => !os.has(v));
  if (removed.length > 0) narrowed("enum-value-removed", `enum value${removed.length > 1 ? "s" : ""} removed: ${removed.join(", ")}`);
  if (added.length > 0) {
    // A new value in a response reaches exhaustive switches: a warning rather than a compile error.
    if (scope.dir === "response") scope.emit("warning", "enum-value-added", `${at}: enum value${added.length > 1 ? "s" : ""} added: ${added.join(", ")}`, "new", n.pointer);
    else scope.emit("compatible", "enum-value-added", `${at}: enum value${added.length > 1 ? "s" : ""} added: ${added.join(", ")}`, "new", n.pointer);
  }
}
