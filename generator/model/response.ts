// Responses Object and Response Object (OAS 3.0 §4.7.16–17 / 3.1 §4.8.16–17) → ResponseModel.
import { pointerJoin } from "../diagnostics";
import { compareStrings, deref, isObject, sortedEntries, type ModelContext } from "./context";
import { schemaModel } from "./schema";
import type { EncodingModel, HeaderModel, MediaTypeModel, ResponseModel } from "./types";

/** `application/vnd.atlas.2023-01-01+json` → `2023-01-01`: API versions carried by vendor media types. */
const VERSIONED_MEDIA_TYPE = /^[a-z]+\/vnd\.[^;]*?[.-](\d{4}-\d{2}-\d{2})(?:\+[a-z0-9.-]+)?(?:;.*)?$/i;

export function mediaTypeVersion(mediaType: string): string | null {
  return VERSIONED_MEDIA_TYPE.exec(mediaType)?.[1] ?? null;
}

/**
 * JSON bodies are parsed and validated; form and multipart/form-data bodies are encoded from an object (forms
 * arrive as text); text
 * (`text/*`, `+csv`, `+xml`) stays a string; anything else is bytes.
 */
export function mediaTypeKind(mediaType: string): MediaTypeModel["kind"] {
  const type = (mediaType.split(";")[0] ?? "").trim().toLowerCase();
  if (/[/+]json$/.test(type) || type === "*/*") return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "multipart/form-data") return "multipart";
  if (type.startsWith("text/") || /[/+](xml|csv)$/.test(type)) return "text";
  return "binary";
}

export function responseModels(responses: unknown, pointer: string, ctx: ModelContext): ResponseModel[] {
  return sortedEntries(responses)
    .filter(([status]) => /^([1-5]([0-9]{2}|XX)|default)$/i.test(status))
    .map(([status, raw]) => responseModel(status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase(), raw, pointerJoin(pointer, status), ctx));
}

function responseModel(status: string, raw: unknown, pointer: string, ctx: ModelContext): ResponseModel {
  const { node, pointer: at } = deref(raw, pointer, ctx);
  const response = isObject(node) ? node : {};
  return {
    status,
    description: typeof response["description"] === "string" ? response["description"] : "",
    content: sortedEntries(response["content"]).map(([mediaType, media]) => mediaTypeModel(mediaType, media, pointerJoin(at, "content", mediaType), ctx)),
    headers: sortedEntries(response["headers"]).map(([name, header]) => headerModel(name, header, pointerJoin(at, "headers", name), ctx)),
  };
}

export function mediaTypeModel(mediaType: string, raw: unknown, pointer: string, ctx: ModelContext): MediaTypeModel {
  const model: MediaTypeModel = { mediaType, kind: mediaTypeKind(mediaType), version: mediaTypeVersion(mediaType) };
  if (isObject(raw) && raw["schema"] !== undefined) model.schema = schemaModel(raw["schema"], pointerJoin(pointer, "schema"), ctx);
  if ((model.kind === "form" || model.kind === "multipart") && isObject(raw)) {
    const encoding = model.kind === "form" ? formEncoding(raw["encoding"]) : multipartEncoding(raw["encoding"]);
    if (encoding.length > 0) model.encoding = encoding;
  }
  return model;
}

/** The Encoding Object's `style`/`explode` per property, for the styles the runtime serializes (form, deepObject). */
function formEncoding(raw: unknown): EncodingModel[] {
  return sortedEntries(raw).flatMap(([property, entry]) => {
    if (!isObject(entry)) return [];
    const style = entry["style"] === "deepObject" ? "deepObject" : entry["style"] === undefined || entry["style"] === "form" ? "form" : undefined;
    if (style === undefined) return [];
    const explode = typeof entry["explode"] === "boolean" ? entry["explode"] : style === "form";
    return [{ property, style, explode }];
  });
}

/** The Encoding Object's `contentType` per part (one media type: the first of a list is what is sent). */
function multipartEncoding(raw: unknown): EncodingModel[] {
  return sortedEntries(raw).flatMap(([property, entry]) => {
    if (!isObject(entry) || typeof entry["contentType"] !== "string") return [];
    const contentType = (entry["contentType"].split(",")[0] ?? "").trim();
    return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+*-]+$/i.test(contentType) ? [{ property, contentType }] : [];
  });
}

function headerModel(name: string, raw: unknown, pointer: string, ctx: ModelContext): HeaderModel {
  const { node, pointer: at } = deref(raw, pointer, ctx);
  const header: HeaderModel = { name };
  if (isObject(node)) {
    if (typeof node["description"] === "string") header.description = node["description"];
    if (node["schema"] !== undefined) header.schema = schemaModel(node["schema"], pointerJoin(at, "schema"), ctx);
  }
  return header;
}

/** Versions ascending (unversioned first), then by media type: the order the runtime's version policy expects. */
export function compareMediaTypeVersions(a: MediaTypeModel, b: MediaTypeModel): number {
  return compareStrings(a.version ?? "", b.version ?? "") || compareStrings(a.mediaType, b.mediaType);
}
