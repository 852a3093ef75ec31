// openapi-typescript's `scanDiscriminators` (7.13.0, src/lib/utils.ts; MIT License, Copyright (c) 2020 Drew Powers),
// step for step, except for its walk: the original builds a new path array for every node of the document
// (`path.concat(key)`), and on GitHub's spec, whose examples are large, that was a sixth of the worker's time. This
// walk keeps one path stack and visits the same nodes in the same order. A test holds the result, and the document as
// it leaves, equal to the original's.

type Json = { [key: string]: unknown };
type Path = (string | number)[];
interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

/** The helpers of openapi-typescript's own that the scan calls. */
export interface DiscriminatorHelpers {
  createRef(parts: Path): string;
  resolveRef(schema: unknown, $ref: string, options: { silent: boolean }): unknown;
}

export interface DiscriminatorScan {
  objects: Record<string, Discriminator>;
  refsHandled: string[];
}

/** Every discriminator by the pointer of its schema, with the enum properties the original adds to mapped schemas. */
export function scanDiscriminators(schema: Json, options: { silent?: boolean }, helpers: DiscriminatorHelpers): DiscriminatorScan {
  const objects: Record<string, Discriminator> = {};
  const refsHandled: string[] = [];
  walk(schema, (obj, path) => {
    const discriminator = obj["discriminator"] as Discriminator | undefined;
    if (!discriminator?.propertyName) return;
    const ref = helpers.createRef(path);
    objects[ref] = discriminator;
    if (!obj["oneOf"] || !Array.isArray(obj["oneOf"])) return;
    const mapping: Record<string, { inferred?: string; defined?: string[] }> = {};
    for (const item of obj["oneOf"] as Json[]) {
      if ("$ref" in item) {
        const value = (item["$ref"] as string).split("/").pop();
        if (value) {
          if (!mapping[item["$ref"] as string]) mapping[item["$ref"] as string] = { inferred: value };
          else (mapping[item["$ref"] as string] as { inferred?: string }).inferred = value;
        }
      }
    }
    if (discriminator.mapping) {
      for (const mappedValue in discriminator.mapping) {
        const mappedRef = discriminator.mapping[mappedValue];
        if (!mappedRef) continue;
        if (!mapping[mappedRef]?.defined) mapping[mappedRef] = { defined: [] };
        mapping[mappedRef]?.defined?.push(mappedValue);
      }
    }
    for (const [mappedRef, { inferred, defined }] of Object.entries(mapping)) {
      if (refsHandled.includes(mappedRef)) continue;
      if (!inferred && !defined) continue;
      const mappedValues = defined ?? [inferred as string];
      if (patchDiscriminatorEnum(schema, mappedRef, mappedValues, discriminator, options, helpers)) refsHandled.push(mappedRef);
    }
  });
  walk(schema, (obj, path) => {
    if (!Array.isArray(obj["allOf"])) return;
    for (const item of obj["allOf"] as Json[]) {
      if ("$ref" in item) {
        const itemRef = item["$ref"] as string;
        if (!objects[itemRef]) return;
        const ref = helpers.createRef(path);
        const discriminator = objects[itemRef];
        const mappedValues: string[] = [];
        if (discriminator.mapping) {
          for (const mappedValue in discriminator.mapping) {
            if (discriminator.mapping[mappedValue] === ref) mappedValues.push(mappedValue);
          }
          if (mappedValues.length > 0) {
            if (patchDiscriminatorEnum(schema, ref, mappedValues, discriminator, options, helpers)) refsHandled.push(ref);
          }
        }
        objects[ref] = { ...(objects[itemRef] as Discriminator) };
      } else if ((item["discriminator"] as Discriminator | undefined)?.propertyName) {
        objects[helpers.createRef(path)] = { ...(item["discriminator"] as Discriminator) };
      }
    }
  });
  return { objects, refsHandled };
}

/** The original's walk: every object (not array) gets the callback before its keys are read; one path, pushed and popped. */
function walk(node: unknown, visit: (obj: Json, path: Path) => void, path: Path = []): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walk(node[i], visit, path);
      path.pop();
    }
    return;
  }
  visit(node as Json, path);
  for (const key of Object.keys(node)) {
    path.push(key);
    walk((node as Json)[key], visit, path);
    path.pop();
  }
}

/** The original's: the mapped schema gets the discriminator property as a required enum of its mapped values. */
function patchDiscriminatorEnum(schema: Json, ref: string, values: string[], discriminator: Discriminator, options: { silent?: boolean }, helpers: DiscriminatorHelpers): boolean {
  const resolved = helpers.resolveRef(schema, ref, { silent: options.silent ?? false }) as Json | undefined;
  if (resolved?.["allOf"]) {
    (resolved["allOf"] as unknown[]).push({
      type: "object",
      required: [discriminator.propertyName],
      properties: { [discriminator.propertyName]: discriminatorEnum(values) },
    });
    return true;
  } else if (typeof resolved === "object" && "type" in resolved && resolved["type"] === "object") {
    if (!resolved["properties"]) resolved["properties"] = {};
    if (!resolved["required"]) resolved["required"] = [discriminator.propertyName];
    else if (!(resolved["required"] as string[]).includes(discriminator.propertyName)) (resolved["required"] as string[]).push(discriminator.propertyName);
    const properties = resolved["properties"] as Json;
    properties[discriminator.propertyName] = discriminatorEnum(values, properties[discriminator.propertyName] as Json | undefined);
    return true;
  }
  return false; // the original warns here unless silent; apigen runs it silent
}

function discriminatorEnum(values: string[], previous?: Json): Json {
  return {
    type: "string",
    enum: values,
    description: previous?.["description"] ? `${previous["description"] as string} (enum property replaced by openapi-typescript)` : "discriminator enum property added by openapi-typescript",
  };
}
