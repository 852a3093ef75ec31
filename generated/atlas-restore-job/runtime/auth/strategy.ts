// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// How auth plugs into the transport. A credential the user configured becomes a strategy once per client; a
// strategy hands out one session per attempt. The session supplies headers (and query parameters) per outgoing
// request — it sees method and URL, so signature schemes fit — and may answer a 401 by preparing new credentials,
// in which case the request is sent once more. Sessions record every credential they put on the wire, so that a
// server echoing one back cannot smuggle it into an error. Each scheme lives in its own module, included only
// when the spec uses it; the generated client hands the transport the ones it has.
import type { RawResponse } from "../types.js";

/**
 * A security scheme of the spec, as the transport needs it: which credential types serve it, and the scheme's
 * own parameters (an API key's name and place, an OAuth token URL).
 * @internal
 */
export interface SecuritySchemeDescriptor {
  /** The credential `type`s that can serve this scheme: an OAuth scheme takes "serviceAccount" or "bearer". */
  accepts: readonly string[];
  /** apiKey: where the key goes and under which name. */
  in?: "header" | "query" | "cookie";
  name?: string;
  /** oauth2 client credentials: the spec's token endpoint. */
  tokenUrl?: string;
}

/** @internal */
export interface AuthSession {
  headers(request: { method: string; url: string }): Promise<Record<string, string>>;
  /** Query parameters to add (an API key in the query). */
  query?: () => Record<string, string>;
  /** After a 401: true when the request should be sent again with new credentials. */
  unauthorized?: (response: RawResponse) => Promise<boolean>;
}

/** @internal */
export interface AuthStrategy {
  /** Configured secrets (password, client secret, fixed token). */
  readonly secrets: readonly string[];
  /** `secrets` collects what the session sends (tokens, Authorization values). */
  session(operationId: string, secrets: string[], scheme: SecuritySchemeDescriptor | undefined): AuthSession;
}

/** @internal */
export interface AuthContext {
  /** The token URL to use when the credential names none (already moved to the client's baseUrl where it applies). */
  tokenUrl: string | undefined;
  fetch: () => typeof fetch;
  timeoutMs: number;
  userAgent: string;
}

/**
 * Makes the strategy for one credential; the generated client passes one per credential type the spec serves.
 * @internal
 */
export type AuthFactory = (credential: { type: string }, context: AuthContext) => AuthStrategy;
