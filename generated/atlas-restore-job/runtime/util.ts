// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Small helpers the other modules share: own-key checks, bytes and text encodings, and the redactor that keeps
// secrets out of errors. Nothing here is part of the client's public API.
import type { ParamDescriptor, ParamEntry } from "./types.js";

/** Each descriptor's entry list, normalised on first use: requests then allocate nothing for their parameters. */
const normalised = new WeakMap<readonly ParamEntry[], readonly ParamDescriptor[]>();
const NO_PARAMS: readonly ParamDescriptor[] = [];

/**
 * The parameters of one location of a descriptor, each as a ParamDescriptor (a bare name is its own key). The
 * generated lists stay short (bare names); they are read-only data, so each is expanded once and kept.
 * @internal
 */
export function paramsIn(list: readonly ParamEntry[] | undefined): readonly ParamDescriptor[] {
  if (list === undefined) return NO_PARAMS;
  let params = normalised.get(list);
  if (params === undefined) {
    params = list.map((p) => (typeof p === "string" ? { name: p, key: p } : p));
    normalised.set(list, params);
  }
  return params;
}

/**
 * Own keys only: a key such as `__proto__` or `constructor` in user data is never looked up on a prototype.
 * @internal
 */
export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @internal */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The bytes of every chunk, one after the other.
 * @internal
 */
export function concatBytes(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/** @internal */
export function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** @internal */
export function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64.charAt((n >>> 18) & 63) + BASE64.charAt((n >>> 12) & 63);
    out += rest > 1 ? BASE64.charAt((n >>> 6) & 63) : "=";
    out += rest > 2 ? BASE64.charAt(n & 63) : "=";
  }
  return out;
}

/**
 * Random bytes as hex, from Web Crypto (Node 20 and browsers have it); undefined without it.
 * @internal
 */
export function randomHex(bytes: number): string | undefined {
  const crypto = (globalThis as unknown as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (typeof crypto?.getRandomValues !== "function") return undefined;
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return hex(buffer);
}

const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of a secret (also in its JSON-escaped form) in the strings of a value, deeply.
 * @internal
 */
export function redactor(secrets: readonly string[]): <T>(value: T) => T {
  // Very short values would mangle unrelated text; credentials are longer than this.
  const needles = [...new Set(secrets.flatMap((s) => (s.length >= 6 ? [s, JSON.stringify(s).slice(1, -1)] : [])))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (value: string): string => needles.reduce((out, needle) => out.split(needle).join(REDACTED), value);
  const deep = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(deep);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), deep(v)]));
    return value;
  };
  return function redact<T>(value: T): T {
    return needles.length === 0 ? value : (deep(value) as T);
  };
}

/**
 * Why a signal aborted: its reason, or the AbortError DOMException that fetch itself would throw.
 * @internal
 */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}

/** @internal */
export function checkTimeout(ms: number | undefined, what: string): void {
  if (ms !== undefined && !(Number.isFinite(ms) && ms >= 0 && ms <= 2_147_483_647)) {
    throw new TypeError(`${what} must be a number of milliseconds between 0 and 2147483647`);
  }
}
