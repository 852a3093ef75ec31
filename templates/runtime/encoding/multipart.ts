// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// multipart/form-data request bodies (RFC 7578) from objects: one part per property (arrays: one per item), with
// the Content-Type the spec's Encoding Object gives, else text/plain for strings and numbers, application/json
// for objects, application/octet-stream for bytes; Blob and File parts keep their type and name. The body is
// built as bytes, so it is the same on every fetch, with a boundary that occurs in no part.
import type { BodyEncoder, PartEncoding } from "../types.js";
import { concatBytes, hasOwn, isRecord, randomHex, utf8 } from "../util.js";

/**
 * The encoder generated descriptors name for multipart media types. A FormData is sent as it is.
 * @internal
 */
export const multipartBody: BodyEncoder = (value, encoding, mediaType) => {
  return isRecord(value) ? encodeMultipart(value, encoding, mediaType) : undefined;
};

interface Part {
  name: string;
  filename: string | undefined;
  contentType: string;
  bytes: Uint8Array | Blob;
}

function encodeMultipart(
  value: Record<string, unknown>,
  encoding: Readonly<Record<string, PartEncoding>>,
  mediaType: string,
): { contentType: string; payload: Blob | Uint8Array } {
  const parts: Part[] = [];
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const declared = hasOwn(encoding, name) ? encoding[name]?.contentType : undefined;
    for (const x of Array.isArray(item) && !isBinary(item) ? item : [item]) parts.push(part(name, x, declared));
  }
  const boundary = boundaryFor(parts);
  const chunks: (Uint8Array | Blob)[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${quoted(p.name)}"${p.filename === undefined ? "" : `; filename="${quoted(p.filename)}"`}`;
    chunks.push(
      utf8(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${p.contentType}\r\n\r\n`),
      p.bytes,
      utf8("\r\n"),
    );
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  const contentType = `${mediaType.split(";")[0]}; boundary=${boundary}`;
  // With a Blob part (a File from an <input>), the body is a Blob: its bytes are read by fetch, not by us.
  if (chunks.some((c) => !(c instanceof Uint8Array)))
    return { contentType, payload: new Blob(chunks as unknown as ConstructorParameters<typeof Blob>[0]) };
  return { contentType, payload: concatBytes(...(chunks as Uint8Array[])) };
}

function part(name: string, item: unknown, declared: string | undefined): Part {
  if (typeof Blob !== "undefined" && item instanceof Blob) {
    const named = (item as unknown as { name?: unknown }).name; // a File has a name; a plain Blob has none
    const filename = typeof named === "string" ? named : "blob";
    return { name, filename, contentType: declared ?? (item.type || "application/octet-stream"), bytes: item };
  }
  if (item instanceof Uint8Array || item instanceof ArrayBuffer) {
    const bytes = item instanceof Uint8Array ? item : new Uint8Array(item);
    return { name, filename: name, contentType: declared ?? "application/octet-stream", bytes };
  }
  if (typeof item === "object" && item !== null)
    return {
      name,
      filename: undefined,
      contentType: declared ?? "application/json",
      bytes: utf8(JSON.stringify(item)),
    };
  return { name, filename: undefined, contentType: declared ?? "text/plain; charset=utf-8", bytes: utf8(String(item)) };
}

function isBinary(item: unknown): boolean {
  return item instanceof Uint8Array || item instanceof ArrayBuffer;
}

/** Names and file names are quoted strings: a quote or line break in one must not end it (WHATWG's encoding). */
function quoted(text: string): string {
  return text.replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/"/g, "%22");
}

/** 32 random hex digits; byte parts are checked so the boundary occurs in none of them (Blobs: 2^-128). */
function boundaryFor(parts: Part[]): string {
  for (;;) {
    const boundary = `----apigen${randomHex(16) ?? Math.random().toString(16).slice(2).padEnd(32, "0")}`;
    const needle = utf8(boundary);
    if (!parts.some((p) => p.bytes instanceof Uint8Array && includes(p.bytes, needle))) return boundary;
  }
}

function includes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
