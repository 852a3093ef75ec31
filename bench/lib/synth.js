"use strict";
// Synthetic larger specs made from a real one: k copies of every path and every component (schemas,
// parameters, responses, requestBodies, headers, examples, links, callbacks), each copy with its own suffix,
// its internal "#/components/..." references (in $ref and in discriminator mappings) and its operationIds
// rewritten so that everything stays unique and copy j only references copy j. securitySchemes, tags and
// servers are shared. Copy 1 is the original, so k = 1 gives back the same document.

const COPIED_SECTIONS = ["schemas", "parameters", "responses", "requestBodies", "headers", "examples", "links", "callbacks", "pathItems"];
const REF = /^#\/components\/([A-Za-z]+)\/([^/]+)(\/.*)?$/;

function suffixFor(copy) {
  return copy === 1 ? "" : `Copy${copy}`;
}

/** Deep copy of value with every internal component reference pointing at the suffixed component. */
function rewrite(value, suffix, schemaNames, inMapping = false) {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, suffix, schemaNames));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === "operationId" && typeof v === "string") out[key] = v + suffix;
      else if (key === "mapping" && v && typeof v === "object" && !Array.isArray(v)) out[key] = rewrite(v, suffix, schemaNames, true);
      else out[key] = rewrite(v, suffix, schemaNames);
    }
    return out;
  }
  if (typeof value === "string") {
    const m = REF.exec(value);
    if (m && COPIED_SECTIONS.includes(m[1])) return `#/components/${m[1]}/${m[2]}${suffix}${m[3] ?? ""}`;
    // A discriminator mapping may name a schema bare ("Cat" instead of "#/components/schemas/Cat").
    if (inMapping && schemaNames.has(value)) return value + suffix;
  }
  return value;
}

/** The document with k copies of its paths and components. */
function multiply(document, k) {
  const schemaNames = new Set(Object.keys(document.components?.schemas ?? {}));
  const out = { ...document, paths: {}, components: { ...(document.components ?? {}) } };
  for (const section of COPIED_SECTIONS) if (document.components?.[section]) out.components[section] = {};
  for (let copy = 1; copy <= k; copy++) {
    const suffix = suffixFor(copy);
    const prefix = copy === 1 ? "" : `/copy${copy}`;
    for (const [path, item] of Object.entries(document.paths ?? {})) out.paths[prefix + path] = rewrite(item, suffix, schemaNames);
    for (const section of COPIED_SECTIONS) {
      for (const [name, value] of Object.entries(document.components?.[section] ?? {})) {
        out.components[section][name + suffix] = rewrite(value, suffix, schemaNames);
      }
    }
  }
  return out;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Number of operations and of component schemas. */
function counts(document) {
  let operations = 0;
  for (const item of Object.values(document.paths ?? {})) for (const key of Object.keys(item ?? {})) if (METHODS.has(key)) operations++;
  return { operations, schemas: Object.keys(document.components?.schemas ?? {}).length };
}

module.exports = { multiply, counts };
