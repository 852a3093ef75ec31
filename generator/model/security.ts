// Security Scheme and Security Requirement Objects (OAS 3.0 §4.7.33 & §4.7.35 / 3.1 §4.8.27 & §4.8.30).
import { pointerJoin } from "../diagnostics";
import { isObject, sortedEntries, warn, type ModelContext } from "./context";
import type { ClientAuthModel, SecurityRequirementModel, SecuritySchemeModel } from "./types";

export function securitySchemeModels(ctx: ModelContext): SecuritySchemeModel[] {
  const components = isObject(ctx.document["components"]) ? ctx.document["components"] : {};
  return sortedEntries(components["securitySchemes"]).map(([name, raw]) => {
    const scheme = securitySchemeModel(name, isObject(raw) ? raw : {});
    if (scheme.kind === "unsupported") {
      warn(ctx, "APIGEN_SECURITY_UNSUPPORTED", `security scheme "${name}" (${scheme.type}) is not supported; pass credentials through the client's \`headers\` option`,
        pointerJoin("/components/securitySchemes", name));
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

/** The auth options the generated client offers; the first client-credentials flow supplies the token URL. */
export function clientAuthModel(schemes: SecuritySchemeModel[], ctx: ModelContext): ClientAuthModel {
  const flows = schemes.filter((s) => s.kind === "oauth2ClientCredentials");
  const first = flows[0];
  if (flows.length > 1) {
    warn(ctx, "APIGEN_SECURITY_MULTIPLE_OAUTH", `several OAuth client-credentials schemes; the default token URL is ${first?.name}'s`,
      "/components/securitySchemes", "pass `tokenUrl` in the service-account auth option to use another one");
  }
  const auth: ClientAuthModel = {
    // A bearer token is always accepted: it is what OAuth yields, and the escape hatch for anything else.
    bearer: true,
    digest: schemes.some((s) => s.kind === "httpDigest"),
  };
  if (first) auth.serviceAccount = { scheme: first.name, tokenUrl: first.tokenUrl, scopes: first.scopes };
  return auth;
}
