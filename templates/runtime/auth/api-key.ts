// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// API keys (OAS apiKey security schemes): sent in the header, query parameter or cookie the scheme names.
import type { AuthStrategy } from "./strategy.js";

/** `scheme`: the spec's security scheme this key is for, when the spec has several apiKey schemes. */
export type ApiKeyAuth = { type: "apiKey"; key: string; scheme?: string };

/** @internal */
export function apiKeyAuth(credential: { type: string }): AuthStrategy {
  const auth = credential as ApiKeyAuth;
  if (typeof auth.key !== "string" || auth.key === "") throw new TypeError("apiKey auth: key is empty");
  // A key goes into a header or a cookie as it is: refuse what would split or end one.
  if (/[\x00-\x1f\x7f;]/.test(auth.key)) throw new TypeError("apiKey auth: key holds control characters or ';'");
  return {
    // A key sent in the query goes out URL-encoded (URLSearchParams: space as "+"); a server echoing the URL
    // back into an error must not get it past the redactor, which matches text exactly.
    secrets: [
      ...new Set([auth.key, new URLSearchParams([["", auth.key]]).toString().slice(1), encodeURIComponent(auth.key)]),
    ],
    session: (operationId, _secrets, scheme) => {
      if (scheme?.in === undefined || scheme.name === undefined) {
        throw new TypeError(`${operationId}: apiKey auth: the operation names no apiKey scheme to send the key with`);
      }
      const { in: where, name } = scheme;
      return {
        async headers() {
          if (where === "header") return { [name.toLowerCase()]: auth.key };
          if (where === "cookie") return { cookie: `${name}=${auth.key}` };
          return {};
        },
        query: () => (where === "query" ? { [name]: auth.key } : {}),
      };
    },
  };
}
