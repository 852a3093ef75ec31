// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Building a request from an operation descriptor and the checked params object: the path (segments encoded,
// `.` and `..` refused), the query (form and deepObject styles), header parameters, the versioned media types of
// Accept and Content-Type, and the body.
import { RequestValidationError, UnsupportedVersionError } from "./errors.js";
import type { BodyPayload, MediaTypeVersion, OperationDescriptor, ValidationIssue } from "./types.js";
import { hasOwn, isRecord, paramsIn } from "./util.js";

/**
 * The request body as it is sent: the media type the version policy picks, then JSON (checked by the request
 * validator), a form or multipart encoder the generated descriptor names, or text and bytes as they are.
 * @internal
 */
export function encodeBody(
  op: OperationDescriptor<unknown, unknown>,
  values: Record<string, unknown>,
  apiVersion: string | undefined,
): { contentType: string | undefined; payload: BodyPayload } | undefined {
  const spec = op.requestBody;
  if (spec === undefined) return undefined;
  const value = values[spec.key];
  const at = `/${spec.key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  if (value === undefined) {
    if (spec.required)
      throw new RequestValidationError(op.operationId, [
        { path: at, keyword: "required", message: "the request body is required" },
      ]);
    return undefined;
  }
  const contentType = chooseMediaType(op.operationId, spec.contentTypes, apiVersion) ?? "application/json";
  const declared = spec.contentTypes.find((c) => c.mediaType === contentType);
  // FormData carries its own boundary: fetch writes the content type.
  if (typeof FormData !== "undefined" && value instanceof FormData) return { contentType: undefined, payload: value };
  if (declared?.encode !== undefined) {
    const encoded = declared.encode(value, declared.encoding ?? {}, contentType);
    if (encoded !== undefined) return encoded;
  }
  if (/[/+]json\b/i.test(contentType)) {
    const validate =
      spec.validate !== undefined && hasOwn(spec.validate, contentType) ? spec.validate[contentType] : undefined;
    const checked = validate ? validate(value) : undefined;
    // Issue paths point into the params object, as for parameters: `/body/name`.
    if (checked !== undefined && checked.valid === false) {
      throw new RequestValidationError(
        op.operationId,
        checked.errors.map((issue) => ({ ...issue, path: at + issue.path })),
      );
    }
    return { contentType, payload: JSON.stringify(value) };
  }
  if (
    typeof value === "string" ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== "undefined" && value instanceof Blob)
  ) {
    return { contentType, payload: value };
  }
  throw new RequestValidationError(op.operationId, [
    {
      path: at,
      keyword: "type",
      message: `a ${contentType} body must be ${declared?.encode ? "an object, " : ""}a string, bytes or a Blob`,
    },
  ]);
}

/** @internal */
export function buildPath(op: OperationDescriptor<unknown, unknown>, values: Record<string, unknown>): string {
  const issues: ValidationIssue[] = [];
  const path = op.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const param = paramsIn(op.pathParams).find((p) => p.name === name);
    const value = param === undefined ? undefined : values[param.key];
    if (param === undefined || value === undefined || value === null) {
      throw new RequestValidationError(op.operationId, [
        { path: "", keyword: "required", message: `no value for path parameter "${name}"` },
      ]);
    }
    const text = formatValue(value);
    // WHATWG URL parsing turns "%2E%2E" back into "..", so these cannot be sent safely at all.
    if (text === "" || text === "." || text === "..") {
      issues.push({
        path: `/${param.key.replace(/~/g, "~0").replace(/\//g, "~1")}`,
        keyword: "pathSegment",
        message: `must not be empty, "." or ".." (it would change the URL path)`,
      });
    }
    return encodeURIComponent(text);
  });
  if (issues.length > 0) throw new RequestValidationError(op.operationId, issues);
  return path;
}

/** @internal */
export function buildQuery(op: OperationDescriptor<unknown, unknown>, values: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const param of paramsIn(op.queryParams)) {
    const value = values[param.key];
    if (value === undefined || value === null) continue;
    if (param.style === "deepObject") {
      for (const [key, text] of deepEntries(param.name, value))
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
      continue;
    }
    const name = encodeURIComponent(param.name);
    const items: unknown[] = Array.isArray(value) ? value : [value];
    const encoded = items.map((item) => encodeURIComponent(formatValue(item)));
    if (param.explode === false) {
      if (encoded.length > 0) parts.push(`${name}=${encoded.join(",")}`);
    } else {
      for (const item of encoded) parts.push(`${name}=${item}`);
    }
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** @internal */
export function headerParams(
  op: OperationDescriptor<unknown, unknown>,
  values: Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of paramsIn(op.headerParams)) {
    const value = values[param.key];
    if (value === undefined || value === null) continue;
    out[param.name] = Array.isArray(value) ? value.map(formatValue).join(",") : formatValue(value);
  }
  return out;
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value); // better than "[object Object]"
  return String(value);
}

/** Later sources win; names are lower-cased so "Accept" and "accept" cannot both be sent. */
/** @internal */
export function mergeHeaders(...sources: (Record<string, string> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) out[name.toLowerCase()] = value;
  }
  return out;
}

/** Checked here because fetch's own errors would echo the offending value (possibly a token). */
/** @internal */
export function checkHeaders(operationId: string, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name))
      throw new TypeError(`${operationId}: invalid header name ${JSON.stringify(name)}`);
    if (typeof value !== "string" || /[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw new TypeError(`${operationId}: the value of header "${name}" is not a valid HTTP header value`);
    }
  }
}

/** @internal */
export function chooseAccept(op: OperationDescriptor<unknown, unknown>, apiVersion: string | undefined): string {
  if (op.accept.length === 0) return "application/json";
  const candidates = mediaTypesOfVersion(op.operationId, op.accept, apiVersion);
  // Several media types can share a version (json, csv…): the client decodes JSON, so prefer it.
  const json = candidates.filter((t) => t.toLowerCase().includes("json"));
  return (json.length > 0 ? json : candidates).join(", ");
}

/** The request body's media type: the version policy of Accept, JSON preferred; undefined when none is declared. */
/** @internal */
export function chooseMediaType(
  operationId: string,
  list: readonly MediaTypeVersion[],
  apiVersion: string | undefined,
): string | undefined {
  if (list.length === 0) return undefined;
  const candidates = mediaTypesOfVersion(operationId, list, apiVersion);
  return candidates.find((t) => t.toLowerCase().includes("json")) ?? candidates[0];
}

/**
 * The media types of the newest version not after `apiVersion` (the newest without it); all of them when none is
 * versioned. Throws before anything is sent when every version is newer than `apiVersion`.
 */
function mediaTypesOfVersion(
  operationId: string,
  list: readonly MediaTypeVersion[],
  apiVersion: string | undefined,
): string[] {
  const versions = [...new Set(list.flatMap((m) => (m.version === null ? [] : [m.version])))].sort();
  if (versions.length === 0) return list.map((m) => m.mediaType);
  const chosen = versions.filter((v) => apiVersion === undefined || v <= apiVersion).pop();
  if (chosen === undefined) throw new UnsupportedVersionError(operationId, apiVersion ?? "", versions);
  return list.filter((m) => m.version === chosen).map((m) => m.mediaType);
}

/** @internal */
export function checkBaseUrl(baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not an absolute URL: ${JSON.stringify(baseUrl)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new TypeError("baseUrl must be an http(s) URL");
  if (parsed.username !== "" || parsed.password !== "")
    throw new TypeError("baseUrl must not contain credentials; use the auth option");
  return baseUrl.replace(/\/+$/, "");
}

/** Nested keys in brackets, arrays by index: `metadata[order]=1&items[0][price]=p` (deepObject, as Stripe reads it). */
/** @internal */
export function deepEntries(name: string, item: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(item)) item.forEach((x, i) => deepEntries(`${name}[${i}]`, x, out));
  else if (isRecord(item)) {
    for (const [k, v] of Object.entries(item)) if (v !== undefined) deepEntries(`${name}[${k}]`, v, out);
  } else out.push([name, formScalar(item)]);
  return out;
}

/** @internal */
export function formScalar(x: unknown): string {
  if (x === null || x === undefined) return "";
  return typeof x === "object" ? JSON.stringify(x) : String(x);
}
