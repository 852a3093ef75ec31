// Checks on the loaded document that swagger-parser does not make (or makes without a position): every internal
// `$ref` and discriminator mapping names something that exists, and bundling left no external `$ref` behind.
import { diagnostic, pointerJoin, pointerTokens, type Diagnostic, type SourceLocation } from "../diagnostics";

/** Walks every object of a JSON tree with its pointer. */
export function walkObjects(node: unknown, pointer: string, visit: (node: Record<string, unknown>, pointer: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkObjects(item, pointerJoin(pointer, i), visit));
  } else if (node !== null && typeof node === "object") {
    visit(node as Record<string, unknown>, pointer);
    for (const [key, value] of Object.entries(node)) walkObjects(value, pointerJoin(pointer, key), visit);
  }
}

/** Resolves a local JSON pointer (`#/a/b`) in a document; `undefined` when any step is missing. */
export function resolvePointer(document: unknown, ref: string): { found: boolean; value?: unknown } {
  if (!ref.startsWith("#")) return { found: false };
  let node: unknown = document;
  let tokens: string[];
  try {
    tokens = pointerTokens(decodeURIComponent(ref.slice(1)));
  } catch {
    return { found: false };
  }
  for (const token of tokens) {
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return { found: false };
    node = (node as Record<string, unknown>)[token];
  }
  return { found: true, value: node };
}

/** Internal `$ref`s of the root document whose target does not exist, each at the line of its `$ref`. */
export function missingRefs(document: unknown, locate: (pointer: string) => SourceLocation): Diagnostic[] {
  const found: Diagnostic[] = [];
  walkObjects(document, "", (node, pointer) => {
    const ref = node["$ref"];
    if (typeof ref === "string" && ref.startsWith("#") && !resolvePointer(document, ref).found) {
      found.push(diagnostic("error", "APIGEN_REF_MISSING", `$ref ${JSON.stringify(ref)} points to nothing in this document`, locate(pointerJoin(pointer, "$ref")),
        "fix the reference or add the component it names (JSON pointers are case-sensitive; `/` in a name is written `~1`)"));
    }
    const discriminator = node["discriminator"];
    const mapping = discriminator !== null && typeof discriminator === "object" ? (discriminator as Record<string, unknown>)["mapping"] : undefined;
    if (mapping !== null && typeof mapping === "object" && !Array.isArray(mapping)) {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target === "string" && target.startsWith("#") && !resolvePointer(document, target).found) {
          found.push(diagnostic("error", "APIGEN_REF_MISSING", `discriminator mapping ${JSON.stringify(value)} points to ${JSON.stringify(target)}, which does not exist`,
            locate(pointerJoin(pointer, "discriminator", "mapping", value)), "map the value to an existing schema, e.g. #/components/schemas/<Name>"));
        }
      }
    }
  });
  return found;
}

/** After bundling every `$ref` must be internal: anything else would be resolved (or fetched) by a later tool. */
export function externalRefsLeft(document: unknown, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  walkObjects(document, "", (node, pointer) => {
    const ref = node["$ref"];
    if (typeof ref === "string" && !ref.startsWith("#")) {
      found.push(diagnostic("error", "APIGEN_REF_UNRESOLVED", `$ref ${JSON.stringify(ref)} was left unresolved after bundling`, { file, pointer: pointerJoin(pointer, "$ref") },
        "reference files inside the spec's folder by relative path; this is likely a bug in apigen if the file exists"));
    }
  });
  return found;
}

/**
 * swagger-parser reports pointers into the dereferenced tree; this maps one back to where the text is written in the
 * root document, following each internal `$ref` hop on the way (`/paths/~1a/get/responses/200/…/schema/required`
 * becomes `/components/schemas/Pet/required`). Stops at external references and after too many hops.
 */
export function sourcePointer(document: unknown, pointer: string): string {
  let node: unknown = document;
  let current = "";
  let hops = 0;
  for (const token of pointerTokens(pointer)) {
    while (node !== null && typeof node === "object" && !Array.isArray(node) && hops < 100) {
      const ref = (node as Record<string, unknown>)["$ref"];
      if (typeof ref !== "string" || !ref.startsWith("#")) break;
      const target = resolvePointer(document, ref);
      if (!target.found) return current;
      hops++;
      node = target.value;
      try {
        current = decodeURIComponent(ref.slice(1));
      } catch {
        return current;
      }
    }
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return pointerJoin(current, token);
    node = (node as Record<string, unknown>)[token];
    current = pointerJoin(current, token);
  }
  return current;
}
