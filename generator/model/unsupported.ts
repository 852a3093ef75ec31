// What the generated client does not do, said out loud: each construct of the spec that apigen reads but does not
// turn into code gets one warning at its location, so nothing is dropped silently.
import { pointerJoin } from "../diagnostics";
import { deref, isObject, sortedEntries, warn, type ModelContext } from "./context";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function warnUnsupported(ctx: ModelContext): void {
  if (isObject(ctx.document["webhooks"]) && Object.keys(ctx.document["webhooks"]).length > 0) {
    warn(ctx, "APIGEN_UNSUPPORTED_WEBHOOKS", "webhooks (requests the API sends to you) are not generated; the client only makes requests", "/webhooks",
      "validate incoming webhook bodies with the component schemas' validators in validators.ts");
  }
  const servers = new ServerOverrides(firstServerUrl(ctx.document));
  for (const [path, rawItem] of sortedEntries(ctx.document["paths"])) {
    const itemPointer = pointerJoin("/paths", path);
    const { node: item, pointer: itemAt } = deref(rawItem, itemPointer, ctx);
    if (!isObject(item)) continue;
    servers.note(item, itemAt);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = pointerJoin(itemAt, method);
      servers.note(operation, at);
      if (isObject(operation["callbacks"]) && Object.keys(operation["callbacks"]).length > 0) {
        warn(ctx, "APIGEN_UNSUPPORTED_CALLBACKS", "callbacks (requests the API sends back) are not generated", pointerJoin(at, "callbacks"),
          "handle callback requests in your server; their bodies can be checked with the component schemas' validators");
      }
      warnRequestBody(operation["requestBody"], pointerJoin(at, "requestBody"), ctx);
    }
  }
  servers.report(ctx);
}

/** Form bodies honour `style` (form, deepObject) and `explode`; everything else an Encoding Object says is reported. */
function warnEncoding(type: string, encoding: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  if (type !== "application/x-www-form-urlencoded") {
    warn(ctx, "APIGEN_UNSUPPORTED_ENCODING", "the Encoding Object is ignored; the body is sent as one value of this media type", pointer);
    return;
  }
  for (const [property, entry] of sortedEntries(encoding)) {
    if (!isObject(entry)) continue;
    const style = entry["style"];
    const unsupported = [
      ...(style !== undefined && style !== "form" && style !== "deepObject" ? [`style "${String(style)}"`] : []),
      ...["contentType", "headers", "allowReserved"].filter((key) => entry[key] !== undefined && entry[key] !== false),
    ];
    if (unsupported.length > 0) {
      warn(ctx, "APIGEN_UNSUPPORTED_ENCODING", `form property "${property}": ${unsupported.join(", ")} is not supported; it is sent with style form`,
        pointerJoin(pointer, property), "the runtime encodes form properties with style form (explode) or deepObject");
    }
  }
}

function firstServerUrl(document: Record<string, unknown>): string | undefined {
  const first = Array.isArray(document["servers"]) ? document["servers"][0] : undefined;
  return isObject(first) && typeof first["url"] === "string" ? first["url"] : undefined;
}

/**
 * `servers` on paths and operations, one warning per distinct URL (at its first use, with a count): specs converted
 * from Swagger 2 repeat the same server on every operation. A server equal to the document's first one (also
 * up to its scheme: `//host` and `https://host`) changes nothing and is not reported.
 */
class ServerOverrides {
  private readonly byUrl = new Map<string, { pointer: string; uses: number }>();
  constructor(private readonly defaultUrl: string | undefined) {}

  note(node: Record<string, unknown>, pointer: string): void {
    const first = Array.isArray(node["servers"]) ? node["servers"][0] : undefined;
    if (!isObject(first) || typeof first["url"] !== "string") return;
    const url = first["url"];
    if (this.defaultUrl !== undefined && withoutScheme(url) === withoutScheme(this.defaultUrl)) return;
    const seen = this.byUrl.get(url);
    if (seen) seen.uses++;
    else this.byUrl.set(url, { pointer: pointerJoin(pointer, "servers"), uses: 1 });
  }

  report(ctx: ModelContext): void {
    for (const [url, { pointer, uses }] of this.byUrl) {
      const where = uses === 1 ? "one path or operation" : `${uses} paths or operations`;
      warn(ctx, "APIGEN_UNSUPPORTED_SERVERS", `${where} name their own server ${JSON.stringify(url)}; it is ignored and every call goes to the client's baseUrl`,
        pointer, "create a second client with `createClient({ baseUrl })` for the operations served elsewhere");
    }
  }
}

function withoutScheme(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:(?=\/\/)/i, "").replace(/\/+$/, "");
}

function warnRequestBody(raw: unknown, pointer: string, ctx: ModelContext): void {
  if (raw === undefined) return;
  const { node, pointer: at } = deref(raw, pointer, ctx);
  if (!isObject(node)) return;
  for (const [mediaType, media] of sortedEntries(node["content"])) {
    const mediaPointer = pointerJoin(at, "content", mediaType);
    const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
    if (type.startsWith("multipart/")) {
      warn(ctx, "APIGEN_UNSUPPORTED_MULTIPART", `${type} request bodies are not encoded by the client; the body is sent as the bytes you pass`, mediaPointer,
        "encode the parts yourself (e.g. `new Response(formData)` gives the bytes) and set the Content-Type with its boundary in `init.headers`");
    } else if (isObject(media) && isObject(media["encoding"])) {
      warnEncoding(type, media["encoding"], pointerJoin(mediaPointer, "encoding"), ctx);
    }
  }
}
