// apigen runtime: copied verbatim into every generated client (runtime/), shared by all specs. Do not edit the copy.
// HTTP Basic (RFC 7617): user name and password, UTF-8, base64, on every request.
import { base64, utf8 } from "../util.js";
import type { AuthStrategy } from "./strategy.js";

export type BasicAuth = { type: "basic"; username: string; password: string };

/** @internal */
export function basicAuth(credential: { type: string }): AuthStrategy {
  const auth = credential as BasicAuth;
  if (typeof auth.username !== "string" || auth.username.includes(":"))
    throw new TypeError("basic auth: username must be a string without ':'");
  if (typeof auth.password !== "string") throw new TypeError("basic auth: password must be a string");
  const encoded = base64(utf8(`${auth.username}:${auth.password}`));
  const value = `Basic ${encoded}`;
  return {
    secrets: [auth.password, value, encoded],
    session: () => ({
      async headers() {
        return { authorization: value };
      },
    }),
  };
}
