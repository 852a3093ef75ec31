// Identical inline schemas share one check function. Large specs repeat nested objects verbatim (GitHub's webhook
// payloads carry the same inline `user`, `repository`… objects dozens of times); checked inline, each copy is code
// to generate, parse, type-check and load. Two schemas are the same shape when they are equal in every keyword
// (their source pointers aside), so sharing never changes a verdict or a message.
import { subschemas } from "../model/schema-graph";
import type { SchemaModel } from "../model/types";

/** Only objects with a few properties are worth a function of their own. */
const MIN_PROPERTIES = 2;

export class ShapeTable {
  private readonly ids = new WeakMap<SchemaModel, number>();
  private readonly idBySignature = new Map<string, number>();
  private readonly uses = new Map<number, number>();

  /** Counts the inline object schemas under these roots (not through $refs: components have functions already). */
  count(roots: SchemaModel[]): void {
    const visit = (s: SchemaModel) => {
      if (worthSharing(s)) {
        const id = this.id(s);
        this.uses.set(id, (this.uses.get(id) ?? 0) + 1);
      }
      subschemas(s).forEach(visit);
    };
    roots.forEach(visit);
  }

  /** The shape's number when it occurs more than once among the counted roots. */
  repeated(s: SchemaModel): number | undefined {
    if (!worthSharing(s)) return undefined;
    const id = this.id(s);
    return (this.uses.get(id) ?? 0) > 1 ? id : undefined;
  }

  /** Structural identity, built bottom-up (children by their own number), so each node is serialized once. */
  id(s: SchemaModel): number {
    const known = this.ids.get(s);
    if (known !== undefined) return known;
    const signature = JSON.stringify(s, (key, value: unknown) => {
      if (IGNORED.has(key)) return undefined;
      return value !== s && isSchema(value) ? `#${this.id(value)}` : value;
    });
    let id = this.idBySignature.get(signature);
    if (id === undefined) {
      id = this.idBySignature.size;
      this.idBySignature.set(signature, id);
    }
    this.ids.set(s, id);
    return id;
  }
}

/** Where a schema came from and what only documents it: no check depends on these. */
const IGNORED = new Set(["pointer", "title", "description", "default", "deprecated"]);

function worthSharing(s: SchemaModel): boolean {
  return s.ref === undefined && (s.properties?.length ?? 0) >= MIN_PROPERTIES;
}

/** A SchemaModel is recognised by its source pointer: no other model object has one. */
function isSchema(value: unknown): value is SchemaModel {
  return value !== null && typeof value === "object" && !Array.isArray(value) && typeof (value as { pointer?: unknown }).pointer === "string";
}
