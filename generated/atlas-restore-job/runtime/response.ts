// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// Turning an answer into the call's result: errors for non-2xx statuses and envelopes, the body parsed by its
// media type (JSON, text, bytes), and validated against the schema of the status and media type it arrived as.
import { ApiError, ResponseValidationError } from "./errors.js";
import type {
  OperationDescriptor,
  RawResponse,
  ResponseIssues,
  ResponseValidation,
  ValidationIssue,
  Validator,
} from "./types.js";
import { hasOwn, isRecord, paramsIn } from "./util.js";

/**
 * A response as the caller gets it: a non-2xx status (or an envelope saying so) is an ApiError; a 2xx body is
 * parsed and validated against the schema of its status and media type, under the call's validation mode.
 * @internal
 */
export function interpret(
  op: OperationDescriptor<unknown, unknown>,
  values: Record<string, unknown>,
  accept: string,
  res: RawResponse,
  redact: <T>(value: T) => T,
  mode: ResponseValidation,
  report: ((issues: ResponseIssues) => void) | undefined,
): { status: number; data: unknown } {
  // "report" hands the issues over and returns the data; "throw" ends the call with them.
  const invalid = (status: number, issues: ValidationIssue[], body: unknown): { status: number; data: unknown } => {
    if (mode === "throw") throw new ResponseValidationError(op.operationId, status, redact(issues), redact(body));
    report?.({ operationId: op.operationId, status, issues: redact(issues) });
    return { status, data: body };
  };
  const parsed = parseBody(res);
  if (res.status < 200 || res.status > 299) {
    throw new ApiError(op.operationId, res.status, redact(res.headers), redact(parsed.ok ? parsed.value : res.text));
  }
  if (parsed.ok === false) {
    if (mode === "off") return { status: res.status, data: res.text };
    return invalid(
      res.status,
      [{ path: "", keyword: "json", message: `body is not valid JSON: ${parsed.error}` }],
      res.text,
    );
  }
  let status = res.status;
  let body = parsed.value;
  if (isEnveloped(op, values)) {
    // envelope=true: the server always answers 200 and wraps the real answer as { status, content }
    if (!isRecord(body) || typeof body["status"] !== "number") {
      // Not an envelope, whatever the mode: there is no status to tell success from failure.
      throw new ResponseValidationError(
        op.operationId,
        status,
        [{ path: "", keyword: "envelope", message: "expected an envelope { status, content }" }],
        redact(body),
      );
    }
    status = body["status"];
    body = body["content"];
    if (status < 200 || status > 299) throw new ApiError(op.operationId, status, redact(res.headers), redact(body));
  }
  if (mode === "off") return { status, data: body };
  const byMediaType = documentedResponse(op, status);
  if (byMediaType === undefined) {
    if (Object.keys(op.responses).length === 0) return { status, data: body }; // the spec documents no success response at all
    const documented = Object.keys(op.responses).join(", ");
    return invalid(
      status,
      [
        {
          path: "",
          keyword: "status",
          message: `HTTP ${status} is not a documented response (documented: ${documented})`,
        },
      ],
      body,
    );
  }
  const validate = bodyValidator(byMediaType, res.headers["content-type"], accept);
  if (validate === undefined) {
    const declared = Object.keys(byMediaType).join(", ");
    const got = res.headers["content-type"] ?? "no content type";
    return invalid(
      status,
      [
        {
          path: "",
          keyword: "contentType",
          message: `${got} is not a documented media type of HTTP ${status} (documented: ${declared})`,
        },
      ],
      body,
    );
  }
  if (validate === null) return { status, data: body };
  const result = validate(body);
  if (result.valid === false) return invalid(status, result.errors, body);
  return { status, data: result.value };
}

/** Media types whose body is text: JSON, XML, CSV, text/*, forms. Everything else is read as bytes. */
/** @internal */
export function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    type === "" ||
    type.startsWith("text/") ||
    /[/+](json|xml|csv)$/.test(type) ||
    type === "application/x-www-form-urlencoded"
  );
}

/** Exact status first, then its range ("2XX"), then "default"; undefined when the status is undocumented. */
function documentedResponse(
  op: OperationDescriptor<unknown, unknown>,
  status: number,
): Readonly<Record<string, Validator<unknown> | null>> | undefined {
  const key = [String(status), `${Math.floor(status / 100)}XX`, "default"].find((k) => hasOwn(op.responses, k));
  return key === undefined ? undefined : op.responses[key];
}

/**
 * The validator for the body actually received: by its Content-Type, else by the media type we asked for, else the
 * only one documented. null: nothing to validate; undefined: a media type the spec does not document.
 */
function bodyValidator(
  byMediaType: Readonly<Record<string, Validator<unknown> | null>>,
  contentType: string | undefined,
  accept: string,
): Validator<unknown> | null | undefined {
  const mediaTypes = Object.keys(byMediaType);
  if (mediaTypes.length === 0) return null;
  const received = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const exact = mediaTypes.find((m) => m.toLowerCase() === received);
  if (exact !== undefined) return byMediaType[exact];
  // A generic JSON (or missing) content type is read as the version we asked for; anything else is a format the
  // spec does not describe for this status, unless only one is documented.
  const generic = received === "" || received === "application/json";
  const pick =
    (generic ? mediaTypes.find((m) => m.toLowerCase() === accept.toLowerCase()) : undefined) ??
    (mediaTypes.length === 1 ? mediaTypes[0] : undefined);
  return pick === undefined ? undefined : byMediaType[pick];
}

function parseBody(res: RawResponse): { ok: true; value: unknown } | { ok: false; error: string } {
  if (res.bytes.length === 0) return { ok: true, value: undefined };
  // Bytes stay bytes (e.g. application/vnd.atlas.2023-01-01+gzip); text that is not JSON stays text (+csv).
  if (!isTextual(res.headers["content-type"])) return { ok: true, value: res.bytes };
  if (!(res.headers["content-type"] ?? "").toLowerCase().includes("json")) return { ok: true, value: res.text };
  try {
    return { ok: true, value: JSON.parse(res.text) as unknown };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function isEnveloped(op: OperationDescriptor<unknown, unknown>, values: Record<string, unknown>): boolean {
  const flag = op.envelopeParam;
  if (flag === undefined) return false;
  const key = paramsIn(op.queryParams).find((p) => p.name === flag)?.key ?? flag;
  return values[key] === true;
}
