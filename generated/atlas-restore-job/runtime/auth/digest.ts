// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// HTTP Digest (RFC 7616, RFC 2617, RFC 2069) with an API key pair, as Atlas programmatic API keys use it: the 401
// challenge is answered once, its nonce reused by later calls (nc counting on), a stale nonce retried once.
import { AuthError } from "../errors.js";
import { md5 } from "../encoding/md5.js";
import { concatBytes, hex, randomHex, utf8 } from "../util.js";
import type { AuthStrategy } from "./strategy.js";

/** HTTP Digest (RFC 7616) with an API key pair: publicKey is the username, privateKey the password. */
export type DigestAuth = { type: "digest"; publicKey: string; privateKey: string };

interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  /** As named in the answer; undefined when the challenge named none (MD5). */
  algorithm: string | undefined;
  hash: "MD5" | "SHA-256";
  sess: boolean;
  /** undefined: RFC 2069 (no qop offered). */
  qop: "auth" | undefined;
  stale: boolean;
}

/** One challenge and how many times its nonce has been used (nc). */
interface DigestState {
  challenge: DigestChallenge;
  nc: number;
}

/** @internal */
export function digestAuth(credential: { type: string }): AuthStrategy {
  const auth = credential as DigestAuth;
  if (typeof auth.publicKey !== "string" || auth.publicKey === "")
    throw new TypeError("digest auth: publicKey is empty");
  if (typeof auth.privateKey !== "string" || auth.privateKey === "")
    throw new TypeError("digest auth: privateKey is empty");
  const problem = usernameProblem(auth.publicKey);
  if (problem !== undefined) throw new TypeError(`digest auth: publicKey ${problem}`);
  // The last challenge answered successfully: later requests reuse it at once (nc counts on), saving a round trip.
  let cached: DigestState | undefined;
  return {
    secrets: [auth.privateKey],
    session(operationId, secrets) {
      let own: DigestState | undefined; // the challenge this attempt answered
      let sentWith: DigestState | undefined; // the challenge behind the latest request's credentials
      let answered = false;
      let staleRetried = false;
      return {
        // Annotated: without it, plain strict widens `{}` | `{ authorization }` to `{ authorization?: undefined }` (TS2322).
        async headers({ method, url }): Promise<Record<string, string>> {
          const state = own ?? cached;
          sentWith = undefined;
          if (state === undefined || state.nc >= 0xffffffff) return {};
          sentWith = state;
          const nc = ++state.nc; // taken before any await: concurrent requests never share an nc
          const target = new URL(url);
          const value = await asAuthError(operationId, () =>
            digestAuthorization(state.challenge, auth, { method, uri: target.pathname + target.search }, cnonce(), nc),
          );
          secrets.push(value);
          return { authorization: value };
        },
        async unauthorized(response) {
          const challenge = await asAuthError(operationId, async () =>
            selectDigestChallenge(response.headers["www-authenticate"] ?? ""),
          );
          if (challenge === undefined) return false; // the server wants another scheme: the 401 stands
          if (sentWith === undefined || sentWith !== own) {
            // No credentials yet, or reused ones from an earlier challenge: answer this challenge, once.
            if (answered) return false;
            answered = true;
          } else if (challenge.stale && !staleRetried) {
            // Our answer was right but its nonce had expired: one more try with the new nonce.
            staleRetried = true;
          } else {
            // Wrong credentials: no loop, and the challenge is not reused.
            if (cached === own) cached = undefined;
            return false;
          }
          own = { challenge, nc: 0 };
          cached = own;
          return true;
        },
      };
    },
  };
}

async function asAuthError<T>(operationId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AuthError && err.operationId === undefined) throw new AuthError(err.message, operationId);
    throw err;
  }
}

/**
 * The Authorization header value that answers a Digest challenge (RFC 7616; RFC 2617 and RFC 2069 servers too):
 * MD5, MD5-sess, SHA-256 or SHA-256-sess, with qop=auth when offered. Exported for testing and for callers who
 * sign requests themselves; the transport calls it with a random cnonce.
 * @param challenge a WWW-Authenticate value; the first Digest challenge that can be answered is used
 * @param request the method and the request-target (path and query) exactly as sent
 * @param cnonce the client nonce (visible ASCII, no quotes)
 * @param nc how many times this nonce has been used, this request included (1 for the first)
 * @throws {AuthError} when no Digest challenge can be answered, or one would echo CR, LF or quotes
 */
export async function computeDigestAuthorization(
  challenge: string,
  credentials: { publicKey: string; privateKey: string },
  request: { method: string; uri: string },
  cnonce: string,
  nc: number,
): Promise<string> {
  const selected = selectDigestChallenge(challenge);
  if (selected === undefined) throw new AuthError("the WWW-Authenticate value holds no Digest challenge");
  return digestAuthorization(selected, credentials, request, cnonce, nc);
}

async function digestAuthorization(
  challenge: DigestChallenge,
  credentials: { publicKey: string; privateKey: string },
  request: { method: string; uri: string },
  cnonce: string,
  nc: number,
): Promise<string> {
  const problem = usernameProblem(credentials.publicKey);
  if (problem !== undefined) throw new AuthError(`Digest: the username (publicKey) ${problem}`);
  if (typeof credentials.privateKey !== "string")
    throw new AuthError("Digest: the password (privateKey) is not a string");
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(request.method)) throw new AuthError("Digest: invalid method");
  if (!/^[\x21\x23-\x7e]+$/.test(request.uri))
    throw new AuthError("Digest: the request-target must be visible ASCII without quotes");
  if (!/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(cnonce))
    throw new AuthError("Digest: the cnonce must be visible ASCII without quotes or backslashes");
  if (!Number.isInteger(nc) || nc < 1 || nc > 0xffffffff)
    throw new AuthError("Digest: nc must be an integer from 1 to 0xffffffff");
  const hash = challenge.hash === "MD5" ? async (data: Uint8Array) => hex(md5(data)) : sha256Hex;
  const ncValue = nc.toString(16).padStart(8, "0");
  // Header-borne strings (username, realm, nonce) are hashed as the bytes on the wire (Latin-1); the password as UTF-8.
  let ha1 = await hash(
    concatBytes(latin1(`${credentials.publicKey}:${challenge.realm}:`), utf8(credentials.privateKey)),
  );
  if (challenge.sess) ha1 = await hash(latin1(`${ha1}:${challenge.nonce}:${cnonce}`));
  const ha2 = await hash(latin1(`${request.method}:${request.uri}`));
  const response = await hash(
    latin1(
      challenge.qop === undefined
        ? `${ha1}:${challenge.nonce}:${ha2}`
        : `${ha1}:${challenge.nonce}:${ncValue}:${cnonce}:${challenge.qop}:${ha2}`,
    ),
  );
  const parts = [
    `username=${quote(credentials.publicKey)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(request.uri)}`,
  ];
  if (challenge.algorithm !== undefined) parts.push(`algorithm=${challenge.algorithm}`);
  parts.push(`response="${response}"`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  if (challenge.qop !== undefined) parts.push(`qop=${challenge.qop}`, `nc=${ncValue}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(", ")}`;
}

function usernameProblem(username: unknown): string | undefined {
  if (typeof username !== "string" || username === "") return "is empty";
  if (/[\r\n]/.test(username)) return "contains CR or LF";
  if (/[^\x00-\xff]/.test(username)) return "contains characters outside Latin-1";
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(username)) return "contains control characters";
  return undefined;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** Values echoed back to the server: no CR, LF, quotes or other control characters, only Latin-1. */
const UNSAFE_ECHO = /[\x00-\x08\x0a-\x1f\x7f"]|[^\x00-\xff]/;

/** The first Digest challenge that can be answered; undefined when there is no Digest challenge at all. */
function selectDigestChallenge(header: string): DigestChallenge | undefined {
  let reason: string | undefined;
  for (const offer of parseChallenges(header)) {
    if (offer.scheme !== "digest") continue;
    const result = digestChallenge(offer.params);
    if (typeof result !== "string") return result;
    reason ??= result;
  }
  if (reason !== undefined) throw new AuthError(`cannot answer the server's Digest challenge: ${reason}`);
  return undefined;
}

function digestChallenge(params: ReadonlyMap<string, string>): DigestChallenge | string {
  const realm = params.get("realm");
  const nonce = params.get("nonce");
  const opaque = params.get("opaque");
  if (realm === undefined) return "it has no realm";
  if (nonce === undefined || nonce === "") return "it has no nonce";
  for (const [name, value] of [
    ["realm", realm],
    ["nonce", nonce],
    ["opaque", opaque],
  ] as const) {
    if (value !== undefined && UNSAFE_ECHO.test(value))
      return `its ${name} contains CR, LF, a quote or another character that must not be echoed`;
  }
  const named = params.get("algorithm");
  const algorithm = digestAlgorithm(named ?? "MD5");
  if (algorithm === undefined) {
    return `algorithm ${JSON.stringify((named ?? "").slice(0, 40))} is not supported (MD5, MD5-sess, SHA-256 and SHA-256-sess are)`;
  }
  const offered = params.get("qop");
  let qop: "auth" | undefined;
  if (offered !== undefined) {
    if (!offered.split(",").some((q) => q.trim().toLowerCase() === "auth")) {
      return `it offers qop ${JSON.stringify(offered.slice(0, 40))} but not "auth" (auth-int is not supported)`;
    }
    qop = "auth";
  } else if (algorithm.sess) {
    return `${algorithm.name} needs qop`;
  }
  return {
    realm,
    nonce,
    opaque,
    qop,
    algorithm: named === undefined ? undefined : algorithm.name,
    hash: algorithm.hash,
    sess: algorithm.sess,
    stale: (params.get("stale") ?? "").toLowerCase() === "true",
  };
}

function digestAlgorithm(name: string): { name: string; hash: "MD5" | "SHA-256"; sess: boolean } | undefined {
  switch (name.toUpperCase()) {
    case "MD5":
      return { name: "MD5", hash: "MD5", sess: false };
    case "MD5-SESS":
      return { name: "MD5-sess", hash: "MD5", sess: true };
    case "SHA-256":
      return { name: "SHA-256", hash: "SHA-256", sess: false };
    case "SHA-256-SESS":
      return { name: "SHA-256-sess", hash: "SHA-256", sess: true };
    default:
      return undefined;
  }
}

interface Challenge {
  scheme: string;
  params: Map<string, string>;
  token68?: string;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+\/]+=*(?=[ \t]*(?:,|$))/y;

/**
 * Parses a WWW-Authenticate value (RFC 7235 §4.1): several challenges, also from repeated headers that fetch
 * joined with ", "; quoted strings with backslash escapes; case-insensitive scheme and parameter names
 * (returned lower-case). Lenient with junk: what cannot be parsed is skipped.
 */
function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const match = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const found = re.exec(header);
    if (found === null) return undefined;
    i = re.lastIndex;
    return found[0];
  };
  const spaces = (): void => {
    while (header.charAt(i) === " " || header.charAt(i) === "\t") i++;
  };
  const separators = (): void => {
    while (i < header.length && " \t,".includes(header.charAt(i))) i++;
  };
  /** At an opening quote; undefined when the string is not terminated. */
  const quoted = (): string | undefined => {
    let value = "";
    for (i++; i < header.length; i++) {
      let c = header.charAt(i);
      if (c === '"') {
        i++;
        return value;
      }
      if (c === "\\") c = header.charAt(++i);
      value += c;
    }
    return undefined;
  };
  /** `name = (token / quoted-string)` at i; leaves i unchanged when there is none. */
  const param = (): [string, string] | undefined => {
    const start = i;
    const name = match(TOKEN);
    if (name !== undefined) {
      spaces();
      if (header.charAt(i) === "=") {
        i++;
        spaces();
        const value = header.charAt(i) === '"' ? quoted() : match(TOKEN);
        if (value !== undefined) return [name.toLowerCase(), value];
      }
    }
    i = start;
    return undefined;
  };

  for (;;) {
    separators();
    if (i >= header.length) return challenges;
    const scheme = match(TOKEN);
    if (scheme === undefined) {
      // junk: skip to the next comma outside a quoted string
      while (i < header.length && header.charAt(i) !== ",") {
        if (header.charAt(i) !== '"') i++;
        else if (quoted() === undefined) i = header.length;
      }
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: new Map() };
    challenges.push(challenge);
    spaces();
    const first = param();
    if (first === undefined) {
      const token68 = match(TOKEN68);
      if (token68 !== undefined) challenge.token68 = token68;
      continue;
    }
    // Params up to the first element that is no param: there the next challenge starts.
    for (let p: [string, string] | undefined = first; p !== undefined; p = param()) {
      if (!challenge.params.has(p[0])) challenge.params.set(p[0], p[1]); // a repeated parameter: the first counts
      separators();
    }
  }
}

function cnonce(): string {
  const value = randomHex(16);
  if (value === undefined) throw new AuthError("Digest auth needs crypto.getRandomValues (Web Crypto)");
  return value;
}

/** One byte per character; callers make sure every character is Latin-1. */
function latin1(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  type Subtle = { digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer> };
  const subtle = (globalThis as unknown as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  if (subtle === undefined)
    throw new AuthError(
      "SHA-256 Digest auth needs crypto.subtle (Web Crypto; browsers offer it in secure contexts only)",
    );
  return hex(new Uint8Array(await subtle.digest("SHA-256", data)));
}
