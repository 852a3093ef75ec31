// What a diff reports: one change of the generated surface, classified for the client's users.
import type { SourceLocation } from "../diagnostics";

export type ChangeClass = "breaking" | "warning" | "compatible";

export interface Change {
  class: ChangeClass;
  /** Stable kebab-case code, e.g. `operation-removed`, `response-property-removed`. */
  code: string;
  /** One sentence; spec text inside it is raw (each format escapes it). */
  message: string;
  /** The operation it belongs to (its operationId on the old side, or the new side for additions). */
  operation?: string;
  /** The named type it belongs to (the TypeScript name). */
  type?: string;
  /** The rendered type whose compatibility it affects (`GetPetParams`, `Pet`): what the checker verifies. */
  affects?: string;
  /** How `affects` is used: sent (request) or received (response). */
  direction?: "request" | "response";
  /** Where it is: the new side's spec, or the old side's for what was removed. */
  location?: SourceLocation;
}

export const CLASS_ORDER: readonly ChangeClass[] = ["breaking", "warning", "compatible"];

/** Deterministic order: by class, then code, then message. */
export function compareChanges(a: Change, b: Change): number {
  return CLASS_ORDER.indexOf(a.class) - CLASS_ORDER.indexOf(b.class) || cmp(a.code, b.code) || cmp(a.message, b.message);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
