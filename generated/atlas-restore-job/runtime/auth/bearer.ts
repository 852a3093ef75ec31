// Not type-checked in your project: apigen's tests compile it strictly; its exports have explicit types.
// @ts-nocheck
// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// A bearer token you already have (RFC 6750): for http bearer schemes, and for OAuth or OpenID Connect schemes
// whose token the application obtains itself.
import type { AuthStrategy } from "./strategy.js";

/** A fixed token, or a function called before every request that returns one. */
export type BearerAuth = { type: "bearer"; token: string | (() => string | Promise<string>) };

/** @internal */
export function bearerAuth(credential: { type: string }): AuthStrategy {
  const auth = credential as BearerAuth;
  if (typeof auth.token !== "string" && typeof auth.token !== "function")
    throw new TypeError("bearer auth: token must be a string or a function");
  return {
    secrets: typeof auth.token === "string" ? [auth.token] : [],
    session: (_operationId, secrets) => ({
      async headers() {
        const token = typeof auth.token === "function" ? await auth.token() : auth.token;
        if (typeof token !== "string" || token === "") throw new TypeError("bearer auth: the token is empty");
        secrets.push(token);
        return { authorization: `Bearer ${token}` };
      },
    }),
  };
}
