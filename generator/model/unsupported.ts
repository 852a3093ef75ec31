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
  for (const [path, rawItem] of sortedEntries(ctx.document["paths"])) {
    const itemPointer = pointerJoin("/paths", path);
    const { node: item, pointer: itemAt } = deref(rawItem, itemPointer, ctx);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const at = pointerJoin(itemAt, method);
      if (isObject(operation["callbacks"]) && Object.keys(operation["callbacks"]).length > 0) {
        warn(ctx, "APIGEN_UNSUPPORTED_CALLBACKS", "callbacks (requests the API sends back) are not generated", pointerJoin(at, "callbacks"),
          "handle callback requests in your server; their bodies can be checked with the component schemas' validators");
      }
      warnRequestBody(operation["requestBody"], pointerJoin(at, "requestBody"), ctx);
    }
  }
}

/**
 * Form bodies honour `style` (form, deepObject) and `explode`, multipart bodies each part's `contentType`;
 * everything else an Encoding Object says is reported.
 */
function warnEncoding(type: string, encoding: Record<string, unknown>, pointer: string, ctx: ModelContext): void {
  const form = type === "application/x-www-form-urlencoded";
  if (!form && type !== "multipart/form-data") {
    warn(ctx, "APIGEN_UNSUPPORTED_ENCODING", "the Encoding Object is ignored; the body is sent as one value of this media type", pointer);
    return;
  }
  for (const [property, entry] of sortedEntries(encoding)) {
    if (!isObject(entry)) continue;
    const style = entry["style"];
    const unsupported = form
      ? [
        ...(style !== undefined && style !== "form" && style !== "deepObject" ? [`style "${String(style)}"`] : []),
        ...["contentType", "headers", "allowReserved"].filter((key) => entry[key] !== undefined && entry[key] !== false),
      ]
      : ["headers", "style", "explode", "allowReserved"].filter((key) => entry[key] !== undefined && entry[key] !== false);
    if (unsupported.length > 0) {
      const what = form ? "it is sent with style form" : "the part is sent with its content type only";
      warn(ctx, "APIGEN_UNSUPPORTED_ENCODING", `${form ? "form" : "multipart"} property "${property}": ${unsupported.join(", ")} is not supported; ${what}`,
        pointerJoin(pointer, property), form ? "the runtime encodes form properties with style form (explode) or deepObject" : "the runtime sets each part's Content-Type; other part headers are not sent");
    }
  }
}

function warnRequestBody(raw: unknown, pointer: string, ctx: ModelContext): void {
  if (raw === undefined) return;
  const { node, pointer: at } = deref(raw, pointer, ctx);
  if (!isObject(node)) return;
  for (const [mediaType, media] of sortedEntries(node["content"])) {
    const mediaPointer = pointerJoin(at, "content", mediaType);
    const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
    if (type.startsWith("multipart/") && type !== "multipart/form-data") {
      warn(ctx, "APIGEN_UNSUPPORTED_MULTIPART", `${type} request bodies are not encoded by the client; the body is sent as the bytes you pass`, mediaPointer,
        "encode the parts yourself and set the Content-Type with its boundary in `init.headers`");
    } else if (isObject(media) && isObject(media["encoding"])) {
      warnEncoding(type, media["encoding"], pointerJoin(mediaPointer, "encoding"), ctx);
    }
  }
}
