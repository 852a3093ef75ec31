// Checks on the loaded document that swagger-parser does not make (or makes without a position): every internal
// `$ref` and discriminator mapping names something that exists, and bundling left no external `$ref` behind.
import { diagnostic, pointerJoin, pointerTokens, type Diagnostic, type SourceLocation } from "../diagnostics";
import { resolvePointer } from "../json-pointer";

/** Walks every object of a JSON tree with its pointer. */
export function walkObjects(node: unknown, pointer: string, visit: (node: Record<string, unknown>, pointer: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walkObjects(item, pointerJoin(pointer, i), visit));
  } else if (node !== null && typeof node === "object") {
    visit(node as Record<string, unknown>, pointer);
    for (const [key, value] of Object.entries(node)) walkObjects(value, pointerJoin(pointer, key), visit);
  }
}

/** A `$ref` or a discriminator mapping, with the path of the object that holds it. */
export type RefSite =
  | { kind: "ref"; ref: string; path: (string | number)[] }
  | { kind: "mapping"; mapping: Record<string, unknown>; path: (string | number)[] };

/**
 * Every `$ref` and discriminator mapping of a document, in document order, from one walk. Paths are kept as tokens
 * and become JSON pointers only for the few sites a diagnostic names: building a pointer string for every node of
 * a 3 MB spec costs more than the walk itself.
 */
export function refSites(root: unknown): RefSite[] {
  const sites: RefSite[] = [];
  const path: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
      return;
    }
    const object = node as Record<string, unknown>;
    const ref = object["$ref"];
    if (typeof ref === "string") sites.push({ kind: "ref", ref, path: [...path] });
    const discriminator = object["discriminator"];
    const mapping = discriminator !== null && typeof discriminator === "object" ? (discriminator as Record<string, unknown>)["mapping"] : undefined;
    if (mapping !== null && typeof mapping === "object" && !Array.isArray(mapping)) sites.push({ kind: "mapping", mapping: mapping as Record<string, unknown>, path: [...path] });
    for (const key of Object.keys(object)) {
      path.push(key);
      visit(object[key]);
      path.pop();
    }
  };
  visit(root);
  return sites;
}

/** The JSON pointer of a site's object, or of a member below it. */
export function sitePointer(site: RefSite, ...below: (string | number)[]): string {
  return pointerJoin("", ...site.path, ...below);
}

/** Internal `$ref`s of the root document whose target does not exist, each at the line of its `$ref`. */
export function missingRefs(document: unknown, locate: (pointer: string) => SourceLocation, sites: RefSite[] = refSites(document)): Diagnostic[] {
  const found: Diagnostic[] = [];
  const exists = (ref: string) => resolvePointer(document, ref) !== undefined; // cached per document: Atlas names its 600 components about 5000 times
  for (const site of sites) {
    if (site.kind === "ref") {
      if (site.ref.startsWith("#") && !exists(site.ref)) {
        found.push(diagnostic("error", "APIGEN_REF_MISSING", `$ref ${JSON.stringify(site.ref)} points to nothing in this document`, locate(sitePointer(site, "$ref")),
          "fix the reference or add the component it names (JSON pointers are case-sensitive; `/` in a name is written `~1`)"));
      }
      continue;
    }
    for (const [value, target] of Object.entries(site.mapping)) {
      if (typeof target === "string" && target.startsWith("#") && !exists(target)) {
        found.push(diagnostic("error", "APIGEN_REF_MISSING", `discriminator mapping ${JSON.stringify(value)} points to ${JSON.stringify(target)}, which does not exist`,
          locate(sitePointer(site, "discriminator", "mapping", value)), "map the value to an existing schema, e.g. #/components/schemas/<Name>"));
      }
    }
  }
  return found;
}

/** After bundling every `$ref` must be internal: anything else would be resolved (or fetched) by a later tool. */
export function externalRefsLeft(document: unknown, file: string): Diagnostic[] {
  return refSites(document).flatMap((site) =>
    site.kind === "ref" && !site.ref.startsWith("#")
      ? [diagnostic("error", "APIGEN_REF_UNRESOLVED", `$ref ${JSON.stringify(site.ref)} was left unresolved after bundling`, { file, pointer: sitePointer(site, "$ref") },
          "reference files inside the spec's folder by relative path; this is likely a bug in apigen if the file exists")]
      : [],
  );
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
      if (target === undefined) return current;
      hops++;
      node = target;
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
