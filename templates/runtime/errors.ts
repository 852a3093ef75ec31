// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// The errors a call ends with. Every one extends ApiClientError. Errors hold only response data and their own
// fields: request headers (and so credentials) are never stored on them, so message and toJSON cannot leak them.
import type { ValidationIssue } from "./types.js";
import { isRecord } from "./util.js";

/**
 * Base class of every error a call can end with, so `instanceof ApiClientError` tells the client's failures from
 * anything else. Each subclass says when it happens and whether the request may have reached the server.
 */
export abstract class ApiClientError extends Error {
  abstract readonly operationId: string | undefined;
}

/**
 * The server answered with a non-2xx status (or an envelope saying so). The request reached the server.
 */
export class ApiError<Body = unknown> extends ApiClientError {
  override readonly name = "ApiError";
  readonly operationId: string;
  readonly status: number;
  readonly errorCode?: string | undefined;
  readonly reason?: string | undefined;
  readonly detail?: string | undefined;
  readonly parameters?: unknown[] | undefined;
  /** Response headers, lower-case names; `set-cookie` is left out, so logging the error cannot leak a session. */
  readonly headers: Record<string, string>;
  /** Parsed JSON, or the text when the answer is not JSON (typed as the spec's error schemas by `isApiError`). */
  readonly body: Body;
  constructor(operationId: string, status: number, headers: Record<string, string>, body: unknown) {
    const fields = isRecord(body) ? body : {};
    const text = (key: string): string | undefined =>
      typeof fields[key] === "string" ? (fields[key] as string) : undefined;
    const errorCode = text("errorCode");
    super(
      `${operationId} failed with HTTP ${status}${errorCode ? ` ${errorCode}` : ""}: ${text("detail") ?? text("reason") ?? snippet(body)}`,
    );
    this.operationId = operationId;
    this.status = status; // not the body's "error" field: the real status wins
    this.errorCode = errorCode;
    this.reason = text("reason");
    this.detail = text("detail");
    this.parameters = Array.isArray(fields["parameters"]) ? (fields["parameters"] as unknown[]) : undefined;
    const { "set-cookie": _session, ...safeHeaders } = headers;
    this.headers = safeHeaders;
    this.body = body as Body;
  }
  toJSON(): Pick<
    ApiError<Body>,
    | "name"
    | "message"
    | "operationId"
    | "status"
    | "errorCode"
    | "reason"
    | "detail"
    | "parameters"
    | "headers"
    | "body"
  > {
    const { name, message, operationId, status, errorCode, reason, detail, parameters, headers, body } = this;
    return { name, message, operationId, status, errorCode, reason, detail, parameters, headers, body };
  }
}

/** The params object (parameters or body) does not match the API description. Nothing was sent. */
export class RequestValidationError extends ApiClientError {
  override readonly name = "RequestValidationError";
  readonly operationId: string;
  readonly issues: ValidationIssue[];
  constructor(operationId: string, issues: ValidationIssue[]) {
    super(`${operationId}: invalid parameters: ${listIssues(issues, issues.length)}`);
    this.operationId = operationId;
    this.issues = issues;
  }
  toJSON(): Pick<RequestValidationError, "name" | "message" | "operationId" | "issues"> {
    const { name, message, operationId, issues } = this;
    return { name, message, operationId, issues };
  }
}

/**
 * A 2xx answer whose body is not JSON or does not match the API description (in the "throw" validation mode).
 * The request reached the server, and the server acted on it.
 */
export class ResponseValidationError extends ApiClientError {
  override readonly name = "ResponseValidationError";
  readonly operationId: string;
  readonly status: number;
  readonly issues: ValidationIssue[];
  readonly body: unknown;
  constructor(operationId: string, status: number, issues: ValidationIssue[], body: unknown) {
    super(`${operationId}: HTTP ${status} response does not match the API description: ${listIssues(issues, 10)}`);
    this.operationId = operationId;
    this.status = status;
    this.issues = issues;
    this.body = body;
  }
  toJSON(): Pick<ResponseValidationError, "name" | "message" | "operationId" | "status" | "issues" | "body"> {
    const { name, message, operationId, status, issues, body } = this;
    return { name, message, operationId, status, issues, body };
  }
}

/**
 * One attempt (request, redirects, auth round trips and body) took longer than timeoutMs. The request may have
 * reached the server.
 */
export class TimeoutError extends ApiClientError {
  override readonly name = "TimeoutError";
  readonly operationId: string;
  readonly timeoutMs: number;
  constructor(operationId: string, timeoutMs: number) {
    super(`${operationId}: no complete response within ${timeoutMs} ms`);
    this.operationId = operationId;
    this.timeoutMs = timeoutMs;
  }
  toJSON(): Pick<TimeoutError, "name" | "message" | "operationId" | "timeoutMs"> {
    const { name, message, operationId, timeoutMs } = this;
    return { name, message, operationId, timeoutMs };
  }
}

/**
 * fetch failed for a reason other than abort or timeout (refused, reset, DNS); the original error is `cause`. The
 * request may have reached the server (a connection reset after the request was sent).
 */
export class NetworkError extends ApiClientError {
  override readonly name = "NetworkError";
  readonly operationId: string;
  constructor(operationId: string, cause: unknown) {
    super(`${operationId}: network error: ${describeCause(cause)}`);
    // What Error's { cause } option does, without needing ErrorOptions (lib es2022) in the consumer's lib.
    Object.defineProperty(this, "cause", { value: cause, writable: true, configurable: true });
    this.operationId = operationId;
  }
  toJSON(): Pick<NetworkError, "name" | "message" | "operationId"> {
    const { name, message, operationId } = this;
    return { name, message, operationId };
  }
}

/**
 * Credentials could not be prepared safely, e.g. a Digest challenge that cannot be answered or must not be echoed.
 * The request that asked for them reached the server; the call was not completed.
 */
export class AuthError extends ApiClientError {
  override readonly name = "AuthError";
  readonly operationId: string | undefined;
  constructor(message: string, operationId?: string) {
    super(operationId === undefined ? message : `${operationId}: ${message}`);
    this.operationId = operationId;
  }
  toJSON(): Pick<AuthError, "name" | "message" | "operationId"> {
    const { name, message, operationId } = this;
    return { name, message, operationId };
  }
}

/**
 * A redirect the client will not follow: more than 5 in a row (a loop), to another origin while credentials are
 * attached, or one the fetch implementation hides (opaque). The request reached the server.
 */
export class RedirectError extends ApiClientError {
  override readonly name = "RedirectError";
  readonly operationId: string;
  readonly status: number;
  /** The origin it pointed to (never the path or query, which may carry tokens). */
  readonly location: string | undefined;
  constructor(operationId: string, message: string, status: number, location?: string) {
    super(`${operationId}: ${message}`);
    this.operationId = operationId;
    this.status = status;
    this.location = location;
  }
  toJSON(): Pick<RedirectError, "name" | "message" | "operationId" | "status" | "location"> {
    const { name, message, operationId, status, location } = this;
    return { name, message, operationId, status, location };
  }
}

/**
 * The operation has no version on or before the requested `apiVersion` (all of its versions are newer). Nothing
 * was sent.
 */
export class UnsupportedVersionError extends ApiClientError {
  override readonly name = "UnsupportedVersionError";
  readonly operationId: string;
  readonly apiVersion: string;
  /** The versions the operation has, ascending. */
  readonly available: string[];
  constructor(operationId: string, apiVersion: string, available: string[]) {
    super(
      `${operationId}: no version of this operation is available for apiVersion ${apiVersion}; available: ${available.join(", ")}`,
    );
    this.operationId = operationId;
    this.apiVersion = apiVersion;
    this.available = available;
  }
  toJSON(): Pick<UnsupportedVersionError, "name" | "message" | "operationId" | "apiVersion" | "available"> {
    const { name, message, operationId, apiVersion, available } = this;
    return { name, message, operationId, apiVersion, available };
  }
}

/**
 * The error bodies that can carry an `errorCode` (those declaring one): an error matched by its code has one. All of
 * `Body` when none declares it.
 */
export type ErrorBodyWithCode<Body> = [WithErrorCode<Body>] extends [never] ? Body : WithErrorCode<Body>;
type WithErrorCode<Body> = Body extends unknown ? ("errorCode" extends keyof Body ? Body : never) : never;

/**
 * Whether `error` is an ApiError, and, when `match` is given, one with that status (`404`), that `errorCode`
 * (`"RESTORE_JOB_NOT_FOUND"`) or any of a list. The generated client exports it as `isApiError`, with the body
 * typed as the spec's error schemas.
 * @internal
 */
export function matchesApiError<Body>(
  error: unknown,
  match?: number | string | readonly (number | string)[],
): error is ApiError<Body> {
  if (!(error instanceof ApiError)) return false;
  if (match === undefined) return true;
  const wanted: readonly (number | string)[] = Array.isArray(match) ? match : [match as number | string];
  return wanted.some((m) => (typeof m === "number" ? error.status === m : error.errorCode === m));
}

/** @internal */
export function listIssues(issues: readonly ValidationIssue[], max: number): string {
  const shown = issues.slice(0, max).map((i) => `${i.path || "(root)"}: ${i.message}`);
  if (issues.length > max) shown.push(`and ${issues.length - max} more`);
  return shown.join("; ");
}

/** @internal */
export function snippet(body: unknown): string {
  if (body === undefined) return "empty body";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** @internal */
export function describeCause(err: unknown): string {
  // Duck-typed: errors from another realm (the fetch of an iframe or of Node's main context) fail instanceof Error.
  const messageOf = (value: unknown): string | undefined =>
    typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string"
      ? (value as { message: string }).message
      : undefined;
  const message = messageOf(err);
  if (message === undefined) return String(err);
  // undici reports "fetch failed" and puts the useful part (ECONNREFUSED …) in cause
  const cause = messageOf((err as { cause?: unknown }).cause);
  return cause === undefined ? message : `${message} (${cause})`;
}
