// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// OAuth 2.0 client credentials (RFC 6749 §4.4), as Atlas service accounts use it: a token fetched from the token
// endpoint, cached until shortly before it expires, shared by concurrent calls, replaced once on a 401.
import { ApiClientError, describeCause } from "../errors.js";
import { base64, isRecord, redactor, utf8 } from "../util.js";
import type { AuthContext, AuthStrategy } from "./strategy.js";

/**
 * OAuth 2.0 client credentials (Atlas service accounts). The client fetches a token from tokenUrl (default: the
 * API description's, moved to the client's baseUrl when it is on the spec server's origin), caches it until
 * shortly before it expires, shares one token request between concurrent calls, and replaces the token once when
 * the API answers 401.
 */
export type ServiceAccountAuth = {
  type: "serviceAccount";
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  scopes?: readonly string[];
};

/**
 * The token endpoint (OAuth 2.0 client credentials) failed or answered something that is not a usable token.
 * Holds no credentials: neither the client secret, nor the Basic header, nor any token.
 */
export class TokenError extends ApiClientError {
  readonly operationId: string | undefined = undefined;
  override readonly name = "TokenError";
  /** HTTP status of the token endpoint's answer, when there was one. */
  readonly status?: number | undefined;
  /** OAuth 2.0 error code (RFC 6749 §5.2), e.g. "invalid_client". */
  readonly error?: string | undefined;
  readonly errorDescription?: string | undefined;
  constructor(
    message: string,
    details: { status?: number | undefined; error?: string | undefined; errorDescription?: string | undefined } = {},
  ) {
    super(message);
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
  toJSON(): Pick<TokenError, "name" | "message" | "status" | "error" | "errorDescription"> {
    const { name, message, status, error, errorDescription } = this;
    return { name, message, status, error, errorDescription };
  }
}

/** Assumed when the token response has no expires_in: Atlas service account tokens last one hour. */
const DEFAULT_TOKEN_LIFETIME_S = 3600;
/** A token is replaced this long before it expires (or 10% of its lifetime, when that is shorter). */
const TOKEN_EXPIRY_MARGIN_MS = 60_000;

interface IssuedToken {
  token: string;
  expiresAt: number;
}

/** @internal */
export function serviceAccountAuth(credential: { type: string }, context: AuthContext): AuthStrategy {
  const auth = credential as ServiceAccountAuth;
  if (typeof auth.clientId !== "string" || auth.clientId === "")
    throw new TypeError("serviceAccount auth: clientId is empty");
  if (typeof auth.clientSecret !== "string" || auth.clientSecret === "")
    throw new TypeError("serviceAccount auth: clientSecret is empty");
  if (
    auth.scopes !== undefined &&
    auth.scopes.some((s) => typeof s !== "string" || !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))
  ) {
    throw new TypeError(
      "serviceAccount auth: every scope must be a non-empty string of visible ASCII without quotes or backslashes",
    );
  }
  const tokenUrl = checkTokenUrl(auth.tokenUrl ?? context.tokenUrl);
  let cached: IssuedToken | undefined;
  let pending: Promise<string> | undefined;

  /** The cached token, or the one being fetched: concurrent calls share a single token request. */
  function currentToken(): Promise<string> {
    if (cached !== undefined && Date.now() < cached.expiresAt) return Promise.resolve(cached.token);
    cached = undefined;
    if (pending === undefined) {
      const request = requestToken(auth, tokenUrl, context).then((issued) => {
        cached = issued;
        return issued.token;
      });
      const settled = (): void => {
        if (pending === request) pending = undefined; // after a failure the next call tries again
      };
      request.then(settled, settled);
      pending = request;
    }
    return pending;
  }

  return {
    secrets: [auth.clientSecret],
    session(_operationId, secrets) {
      let sent: string | undefined;
      let replaced = false;
      return {
        async headers() {
          const token = await currentToken();
          sent = token;
          secrets.push(token);
          return { authorization: `Bearer ${token}` };
        },
        async unauthorized() {
          // Revoked or expired early: drop the token, fetch a new one and send the request once more (once).
          if (replaced || sent === undefined) return false;
          replaced = true;
          if (cached?.token === sent) cached = undefined;
          return true;
        },
      };
    },
  };
}

function checkTokenUrl(url: string | undefined): string {
  if (url === undefined)
    throw new TypeError("serviceAccount auth: no tokenUrl (the API description names none: pass auth.tokenUrl)");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError("serviceAccount auth: tokenUrl is not an absolute URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new TypeError("serviceAccount auth: tokenUrl must be an http(s) URL");
  if (parsed.username !== "" || parsed.password !== "")
    throw new TypeError("serviceAccount auth: tokenUrl must not contain credentials");
  return parsed.href;
}

/** POSTs the client credentials grant (RFC 6749 §4.4) and validates the answer. Never follows redirects. */
async function requestToken(auth: ServiceAccountAuth, tokenUrl: string, context: AuthContext): Promise<IssuedToken> {
  const started = Date.now();
  const endpoint = (() => {
    const u = new URL(tokenUrl);
    return u.origin + u.pathname; // never the query: it is no business of an error message
  })();
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (auth.scopes !== undefined && auth.scopes.length > 0) form.set("scope", auth.scopes.join(" "));
  // RFC 6749 §2.3.1: id and secret are form-urlencoded first, then "id:secret" is base64-encoded.
  const basic = `Basic ${base64(utf8(`${formEncode(auth.clientId)}:${formEncode(auth.clientSecret)}`))}`;
  const redact = redactor([auth.clientSecret, basic, basic.slice(6)]);
  const fetchFn = context.fetch();

  const controller = new AbortController();
  let timedOut = false;
  const timer =
    context.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, context.timeoutMs)
      : undefined;
  // Settle on timeout even if an injected fetch ignores the signal.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  let status: number;
  let text: string;
  try {
    const exchange = async (): Promise<{ status: number; text: string }> => {
      const res = await fetchFn(tokenUrl, {
        method: "POST",
        headers: {
          authorization: basic,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          "user-agent": context.userAgent,
        },
        body: form.toString(),
        redirect: "manual",
        signal: controller.signal,
      });
      if (res.type === "opaqueredirect" || (res.status >= 300 && res.status < 400)) {
        await res.arrayBuffer().catch(() => undefined); // release the connection
        throw new TokenError(
          `the token endpoint ${endpoint} answered with a redirect (HTTP ${res.status}); token requests never follow redirects`,
          { status: res.status || undefined },
        );
      }
      return { status: res.status, text: await res.text() };
    };
    ({ status, text } = await Promise.race([exchange(), aborted]));
  } catch (err) {
    if (err instanceof TokenError) throw err;
    if (timedOut)
      throw new TokenError(`no complete answer from the token endpoint ${endpoint} within ${context.timeoutMs} ms`);
    // No cause attached: an injected fetch's error could carry the request, and with it the Basic header.
    throw new TokenError(redact(`the token request to ${endpoint} failed: ${describeCause(err)}`));
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }

  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  const fields = isRecord(body) ? body : {};
  if (status !== 200) {
    // RFC 6749 §5.2: { error, error_description }; both are server text, so trimmed and scrubbed.
    const error = oauthText(fields["error"], redact);
    const errorDescription = oauthText(fields["error_description"], redact);
    throw new TokenError(
      `the token endpoint ${endpoint} answered HTTP ${status}${error ? ` ${error}` : ""}${errorDescription ? `: ${errorDescription}` : ""}`,
      { status, error, errorDescription },
    );
  }
  const invalid = (what: string): TokenError =>
    new TokenError(`the token endpoint ${endpoint} answered HTTP 200 but ${what}`, { status });
  if (!isRecord(body)) throw invalid("not with a JSON object");
  const token = fields["access_token"];
  if (typeof token !== "string" || token === "") throw invalid("without an access_token");
  if (!/^[\x21-\x7e]+$/.test(token))
    throw invalid("with an access_token that cannot be sent in an Authorization header");
  const type = fields["token_type"];
  if (type !== undefined && (typeof type !== "string" || type.toLowerCase() !== "bearer"))
    throw invalid('with a token_type other than "Bearer"');
  const expiresIn = fields["expires_in"];
  const seconds =
    expiresIn === undefined
      ? DEFAULT_TOKEN_LIFETIME_S
      : typeof expiresIn === "number"
        ? expiresIn
        : typeof expiresIn === "string" && /^\d{1,10}$/.test(expiresIn)
          ? Number(expiresIn) // some servers send "3600"
          : Number.NaN;
  if (!(Number.isFinite(seconds) && seconds > 0))
    throw invalid("with an expires_in that is not a positive number of seconds");
  const lifetimeMs = seconds * 1000;
  return { token, expiresAt: started + lifetimeMs - Math.min(TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 10) };
}

function oauthText(value: unknown, redact: (text: string) => string): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const clean = redact(value).replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}

/** application/x-www-form-urlencoded (UTF-8; space as "+"), as RFC 6749 Appendix B asks. */
function formEncode(text: string): string {
  return new URLSearchParams([["", text]]).toString().slice(1);
}
