// Server Objects (OAS §4.7.5): the document's servers give the client's default base URL; a path or operation may
// name its own (GitHub uploads release assets to uploads.github.com), which its calls then use.
import { pointerJoin } from "../diagnostics";
import { isObject, warn, type ModelContext } from "./context";
import type { ServerModel } from "./types";

/** Server URLs with their variables' defaults filled in. */
export function serverModels(raw: unknown): ServerModel[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isObject).flatMap((s) => {
    if (typeof s["url"] !== "string") return [];
    const variables = isObject(s["variables"]) ? s["variables"] : {};
    const url = s["url"].replace(/\{([^}]*)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable["default"] === "string" ? variable["default"] : whole;
    });
    const server: ServerModel = { url };
    if (typeof s["description"] === "string") server.description = s["description"];
    return [server];
  });
}

/**
 * The base URL of one operation when it (or its path) names a server other than the document's: absolute, resolved
 * against the document's first server when relative. Undefined when it is the document's own server (also up to its
 * scheme: `//host` and `https://host`); a server that resolves to no http(s) URL is reported and not used.
 */
export function operationServer(
  item: Record<string, unknown>,
  itemPointer: string,
  operation: Record<string, unknown>,
  pointer: string,
  ctx: ModelContext,
): string | undefined {
  const own = serverModels(operation["servers"])[0];
  const chosen = own ? { url: own.url, at: pointerJoin(pointer, "servers") } : pathServer(item, itemPointer);
  if (!chosen) return undefined;
  const url = chosen.url;
  const documentUrl = serverModels(ctx.document["servers"])[0]?.url;
  if (documentUrl !== undefined && withoutScheme(url) === withoutScheme(documentUrl)) return undefined;
  const absolute = resolveUrl(url, documentUrl);
  if (absolute === undefined) {
    warn(ctx, "APIGEN_UNSUPPORTED_SERVERS", `server ${JSON.stringify(url)} is not an http(s) URL; this operation's calls go to the client's baseUrl`, chosen.at,
      "give the server an absolute http(s) URL, or one relative to the document's first server");
  }
  return absolute;
}

function pathServer(item: Record<string, unknown>, itemPointer: string): { url: string; at: string } | undefined {
  const server = serverModels(item["servers"])[0];
  return server ? { url: server.url, at: pointerJoin(itemPointer, "servers") } : undefined;
}

function resolveUrl(url: string, base: string | undefined): string | undefined {
  try {
    const resolved = new URL(url, base !== undefined ? new URL(base.startsWith("//") ? `https:${base}` : base) : undefined);
    return resolved.protocol === "https:" || resolved.protocol === "http:" ? resolved.href.replace(/\/+$/, "") : undefined;
  } catch {
    return undefined;
  }
}

function withoutScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:(?=\/\/)/i, "").replace(/\/+$/, "");
}
