// State shared while one document becomes a model: the document, its dialect, the names, and the warnings.
import { diagnostic, type Diagnostic, type SourceLocation } from "../diagnostics";
import { resolvePointer } from "../json-pointer";
import type { NameResolver } from "./names";
import type { NamedRef } from "./types";
import type { InheritancePlan } from "./inheritance";

export interface ModelContext {
  document: Record<string, unknown>;
  openapiVersion: "3.0" | "3.1";
  names: NameResolver;
  /** Component schema name → its resolved names. */
  schemaRefs: Map<string, NamedRef>;
  /** Non-component `$ref`s currently being inlined: a cycle through them cannot be expressed inline. */
  inlining: Set<string>;
  /** allOf inheritance: bases, their subtypes and variant values, decided before the schemas are modelled. */
  inheritance?: InheritancePlan;
  /** Problems found while modelling: warnings are printed, errors stop the run after the whole model is built. */
  diagnostics: Diagnostic[];
  locate(pointer: string): SourceLocation;
}

export function warn(ctx: ModelContext, code: string, message: string, pointer: string, hint?: string): void {
  ctx.diagnostics.push(diagnostic("warning", code, message, ctx.locate(pointer), hint));
}

export function reportError(ctx: ModelContext, code: string, message: string, pointer: string, hint?: string): void {
  ctx.diagnostics.push(diagnostic("error", code, message, ctx.locate(pointer), hint));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const MAX_REF_HOPS = 32;

/** Follows `$ref` chains of non-schema objects (parameters, responses, headers); returns the target and its pointer. */
export function deref(node: unknown, pointer: string, ctx: ModelContext): { node: unknown; pointer: string } {
  let current = node;
  let where = pointer;
  for (let hops = 0; isObject(current) && typeof current["$ref"] === "string"; hops++) {
    const ref = current["$ref"];
    if (hops >= MAX_REF_HOPS || !ref.startsWith("#")) {
      warn(ctx, "APIGEN_MODEL_REF", `cannot follow $ref "${ref}"`, where, "use a local reference like #/components/…");
      return { node: undefined, pointer: where };
    }
    current = resolvePointer(ctx.document, ref);
    where = ref.slice(1);
  }
  return { node: current, pointer: where };
}

/** Entries of a map sorted by key, so reordering keys in the spec never changes the output. */
export function sortedEntries(value: unknown): [string, unknown][] {
  if (!isObject(value)) return [];
  return Object.keys(value)
    .sort(compareStrings)
    .map((key) => [key, value[key]]);
}

/** Code-unit order: locale-independent, so output is the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
