// Security Scheme and Security Requirement Objects (OAS 3.0 §4.7.33 & §4.7.35 / 3.1 §4.8.27 & §4.8.30).
import { pointerJoin } from "../diagnostics";
import { isObject, sortedEntries, warn, type ModelContext } from "./context";
import type { ClientAuthModel, CredentialType, SecurityRequirementModel, SecuritySchemeModel, ServedSchemeModel } from "./types";

export function securitySchemeModels(ctx: ModelContext): SecuritySchemeModel[] {
  const components = isObject(ctx.document["components"]) ? ctx.document["components"] : {};
  return sortedEntries(components["securitySchemes"]).map(([name, raw]) => {
    const scheme = securitySchemeModel(name, isObject(raw) ? raw : {});
    if (scheme.kind === "unsupported") {
        warn(ctx, "APIGEN_SECURITY_UNSUPPORTED", `security scheme "${name}" (${scheme.type}) is not supported; pass credentials through the client's \`headers\` option`,
        pointerJoin("/components/securitySchemes", name), "operations that need only this scheme are sent without credentials unless you add them");
    }
    return scheme;
  });
}

function securitySchemeModel(name: string, raw: Record<string, unknown>): SecuritySchemeModel {
  const description = typeof raw["description"] === "string" ? { description: raw["description"] } : {};
  const type = String(raw["type"] ?? "");
  const httpScheme = String(raw["scheme"] ?? "").toLowerCase();
  if (type === "http" && httpScheme === "bearer") {
    return { kind: "httpBearer", name, ...description, ...(typeof raw["bearerFormat"] === "string" ? { bearerFormat: raw["bearerFormat"] } : {}) };
  }
  if (type === "http" && httpScheme === "digest") return { kind: "httpDigest", name, ...description };
  if (type === "http" && httpScheme === "basic") return { kind: "httpBasic", name, ...description };
  if (type === "apiKey" && typeof raw["name"] === "string" && (raw["in"] === "header" || raw["in"] === "query" || raw["in"] === "cookie")) {
    return { kind: "apiKey", name, in: raw["in"], parameterName: raw["name"], ...description };
  }
  const flows = isObject(raw["flows"]) ? raw["flows"] : {};
  const clientCredentials = flows["clientCredentials"];
  if (type === "oauth2" && isObject(clientCredentials) && typeof clientCredentials["tokenUrl"] === "string") {
    const scopes = Object.keys(isObject(clientCredentials["scopes"]) ? clientCredentials["scopes"] : {}).sort();
    return { kind: "oauth2ClientCredentials", name, tokenUrl: clientCredentials["tokenUrl"], scopes, ...description };
  }
  // Authorization code, implicit, password, device flows and OpenID Connect all end in a bearer token the
  // application obtains itself.
  if (type === "oauth2" || type === "openIdConnect") return { kind: "oauth2Token", name, ...description };
  return { kind: "unsupported", name, type: type || "unknown", ...description };
}

/** `[{A: []}, {B: [], C: []}]` → alternatives, each a list of schemes that apply together. */
export function securityRequirements(raw: unknown): SecurityRequirementModel[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).map((requirement) =>
    sortedEntries(requirement).map(([scheme, scopes]) => ({
      scheme,
      scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string") : [],
    })),
  );
}

/** Which credential types serve each kind of scheme (an OAuth client-credentials scheme also takes a ready token). */
const ACCEPTS: Readonly<Record<Exclude<SecuritySchemeModel["kind"], "unsupported">, CredentialType[]>> = {
  oauth2ClientCredentials: ["serviceAccount", "bearer"],
  oauth2Token: ["bearer"],
  httpBearer: ["bearer"],
  httpDigest: ["digest"],
  httpBasic: ["basic"],
  apiKey: ["apiKey"],
};

const CREDENTIAL_ORDER: readonly CredentialType[] = ["bearer", "serviceAccount", "digest", "basic", "apiKey"];

/**
 * The auth options the generated client offers: one credential type per kind of scheme the spec has (a spec with
 * no usable scheme still takes a bearer token: many send one without declaring it). The first client-credentials
 * flow supplies the default token URL.
 */
export function clientAuthModel(schemes: SecuritySchemeModel[], ctx: ModelContext): ClientAuthModel {
  const flows = schemes.filter((s) => s.kind === "oauth2ClientCredentials");
  const first = flows[0];
  if (flows.length > 1) {
    warn(ctx, "APIGEN_SECURITY_MULTIPLE_OAUTH", `several OAuth client-credentials schemes; the default token URL is ${first?.name}'s`,
      "/components/securitySchemes", "pass `tokenUrl` in the service-account auth option to use another one");
  }
  const served: ServedSchemeModel[] = schemes.flatMap((s): ServedSchemeModel[] => {
    if (s.kind === "unsupported") return [];
    const model: ServedSchemeModel = { name: s.name, accepts: ACCEPTS[s.kind] };
    if (s.kind === "apiKey") Object.assign(model, { in: s.in, parameterName: s.parameterName });
    if (s.kind === "oauth2ClientCredentials") model.tokenUrl = s.tokenUrl;
    return [model];
  });
  const accepted = new Set(served.flatMap((s) => s.accepts));
  if (served.length === 0) accepted.add("bearer");
  const auth: ClientAuthModel = { credentials: CREDENTIAL_ORDER.filter((c) => accepted.has(c)), schemes: served };
  if (first) auth.serviceAccount = { scheme: first.name, tokenUrl: first.tokenUrl, scopes: first.scopes };
  return auth;
}
