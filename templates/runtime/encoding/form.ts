// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// application/x-www-form-urlencoded request bodies from objects, property by property as the spec's Encoding
// Object says (form with explode: repeated keys; deepObject: `metadata[order]=1`, as Stripe reads it).
import { deepEntries, formScalar } from "../request.js";
import type { BodyEncoder, PartEncoding } from "../types.js";
import { hasOwn, isRecord } from "../util.js";

/**
 * The encoder generated descriptors name for form media types; an already encoded string is sent as it is.
 * @internal
 */
export const formBody: BodyEncoder = (value, encoding, mediaType) =>
  isRecord(value) ? { contentType: mediaType, payload: encodeForm(value, encoding) } : undefined;

/** `application/x-www-form-urlencoded` from an object, property by property as the spec's encoding says. */
function encodeForm(value: Record<string, unknown>, encoding: Readonly<Record<string, PartEncoding>>): string {
  const form = new URLSearchParams();
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const how = hasOwn(encoding, name) ? encoding[name] : undefined;
    if (how?.style === "deepObject") for (const [key, text] of deepEntries(name, item)) form.append(key, text);
    else appendForm(form, name, item, how?.explode ?? true);
  }
  return form.toString();
}

function appendForm(form: URLSearchParams, name: string, item: unknown, explode: boolean): void {
  if (Array.isArray(item)) {
    if (explode) for (const x of item) form.append(name, formScalar(x));
    else form.append(name, item.map(formScalar).join(","));
  } else if (isRecord(item)) {
    const entries = Object.entries(item).filter(([, v]) => v !== undefined);
    if (explode) for (const [k, v] of entries) form.append(k, formScalar(v));
    else form.append(name, entries.flatMap(([k, v]) => [k, formScalar(v)]).join(","));
  } else form.append(name, formScalar(item));
}
