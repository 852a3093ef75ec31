// Path Item and Operation Objects (OAS 3.0 §4.7.9–10 / 3.1 §4.8.9–10) → OperationModel, with every name decided.
import { pointerJoin } from "../diagnostics";
import { resolvePointer } from "../json-pointer";
import { compareStrings, deref, isObject, reportError, sortedEntries, warn, type ModelContext } from "./context";
import { lifecycleModel, linkReplacements } from "./lifecycle";
import { operationIdFallback, type NameOwner } from "./names";
import { operationParameters, parameterOwner } from "./parameter";
import { compareMediaTypeVersions, mediaTypeModel, responseModels } from "./response";
import { securityRequirements } from "./security";
import { operationServer } from "./servers";
import type { HttpMethod, MediaTypeModel, OperationModel, ParameterModel, RequestBodyModel } from "./types";

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the document, in path then method order; operationIds must be unique (OAS §4.7.10). */
export function operationModels(ctx: ModelContext): OperationModel[] {
  const operations: OperationModel[] = [];
  const seen = new Map<string, string>();
  for (const [path, rawItem] of sortedEntries(ctx.document["paths"])) {
    const itemPointer = pointerJoin("/paths", path);
    if (!isObject(rawItem)) continue;
    for (const method of METHODS) {
      const raw = rawItem[method];
      if (!isObject(raw)) continue;
      const op = operationModel(path, method, rawItem, raw, itemPointer, ctx);
      const first = seen.get(op.operationId);
      if (first !== undefined) {
        reportError(ctx, "APIGEN_OPERATION_DUPLICATE_ID", `operationId "${op.operationId}" is also used by ${first}`, pointerJoin(op.pointer, "operationId"),
          "give every operation a unique operationId: it names the client method and the operation's types");
      } else seen.set(op.operationId, `${method.toUpperCase()} ${path}`);
      operations.push(op);
    }
  }
  linkReplacements(operations);
  // Names are claimed in operationId order (as the client's methods are), so they never depend on where an
  // operation sits in `paths`, and a collision renames the same operation everywhere.
  const byOperationId = (a: OperationModel, b: OperationModel) =>
    compareStrings(a.operationId, b.operationId) || compareStrings(a.path, b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method);
  const sorted = [...operations].sort(byOperationId);
  const stems = new Map(sorted.map((op) => [op, nameOperation(op, ctx)]));
  for (const op of sorted) op.exportName = ctx.names.operationExportName(stems.get(op) as string);
  for (const op of sorted) op.exportWithResponseName = ctx.names.withResponseExportName(op.exportName);
  return operations;
}

/** Who an operation is in collision warnings: its operationId where the spec gives one, else its method and path. */
export function operationOwner(op: OperationModel, ctx: ModelContext): NameOwner {
  const idPointer = pointerJoin(op.pointer, "operationId");
  return resolvePointer(ctx.document, idPointer) === op.operationId
    ? { label: `operation ${JSON.stringify(op.operationId)}`, pointer: idPointer }
    : { label: `operation ${op.method.toUpperCase()} ${JSON.stringify(op.path)}`, pointer: op.pointer };
}

/** The operation's exported names (one stem) and the validators of its inline success-response schemas; returns the stem. */
function nameOperation(op: OperationModel, ctx: ModelContext): string {
  const owner = operationOwner(op, ctx);
  const { stem, ...names } = ctx.names.operationNames(op.operationId, owner);
  Object.assign(op, names);
  for (const response of op.successResponses) {
    for (const media of response.content) {
      if (media.kind === "json" && media.schema && !media.schema.ref) {
        const version = media.version ? `V${media.version.replace(/-/g, "")}` : "";
        media.validatorName = ctx.names.exportName(`validate${stem}${response.status}${version}Response`,
          { label: `the ${response.status} response of ${owner.label}`, pointer: pointerJoin(op.pointer, "responses", response.status) });
      }
    }
  }
  if (op.versions.length > 1) op.responseByVersionTypeName = ctx.names.exportName(`${stem}ResponseByVersion`, { label: `the responses of ${owner.label}`, pointer: pointerJoin(op.pointer, "responses") });
  return stem;
}

function operationModel(
  path: string,
  method: HttpMethod,
  item: Record<string, unknown>,
  raw: Record<string, unknown>,
  itemPointer: string,
  ctx: ModelContext,
): OperationModel {
  const pointer = pointerJoin(itemPointer, method);
  const operationId = typeof raw["operationId"] === "string" ? raw["operationId"] : operationIdFallback(method, path);
  const parameters = operationParameters(item["parameters"], itemPointer, raw["parameters"], pointer, path, ctx);
  checkPathTemplate(path, parameters.path, pointer, ctx);
  const requestBody = requestBodyModel(raw["requestBody"], pointerJoin(pointer, "requestBody"), parameters, ctx);
  const responses = responseModels(raw["responses"], pointerJoin(pointer, "responses"), ctx);
  const successResponses = responses.filter((r) => r.status.startsWith("2"));
  for (const response of successResponses) response.content.sort(compareMediaTypeVersions);
  const versions = versionsOf(successResponses.flatMap((r) => r.content));
  const security = securityRequirements(raw["security"]) ?? securityRequirements(ctx.document["security"]) ?? [];
  const op: OperationModel = {
    operationId,
    functionName: ctx.names.methodName(operationId),
    // Claimed by nameOperation (exports, in operationId order) and tagGroups (members of the client).
    withResponseName: "",
    exportName: "",
    exportWithResponseName: "",
    paramsTypeName: "",
    paramsValidatorName: "",
    responseTypeName: "",
    responsesTypeName: "",
    descriptorName: "",
    method,
    path,
    deprecated: raw["deprecated"] === true,
    tags: Array.isArray(raw["tags"]) ? raw["tags"].filter((t): t is string => typeof t === "string") : [],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    successResponses,
    versions,
    errorResponses: responses.filter((r) => !r.status.startsWith("2") && !r.status.startsWith("1") && !r.status.startsWith("3")),
    lifecycle: lifecycleModel(raw, pointer, ctx),
    security,
    authenticated: security.some((alternative) => alternative.length > 0),
    pointer,
  };
  const earliest = earliestVersion(versions, versionsOf(requestBody?.content ?? []));
  if (earliest !== undefined) op.earliestVersion = earliest;
  if (typeof raw["summary"] === "string") op.summary = raw["summary"];
  if (typeof raw["description"] === "string") op.description = raw["description"];
  const docs = raw["externalDocs"];
  if (isObject(docs) && typeof docs["url"] === "string") {
    op.externalDocs = typeof docs["description"] === "string" ? { url: docs["url"], description: docs["description"] } : { url: docs["url"] };
  }
  const server = operationServer(item, itemPointer, raw, pointer, ctx);
  if (server !== undefined) op.server = server;
  const envelope = envelopeParameter(parameters.query);
  if (envelope) op.envelopeParam = envelope;
  return op;
}

function versionsOf(content: MediaTypeModel[]): string[] {
  return [...new Set(content.flatMap((m) => (m.version === null ? [] : [m.version])))].sort(compareStrings);
}

/** The runtime refuses an `apiVersion` before the first version of the responses or of the request body, whichever is later. */
function earliestVersion(responses: string[], body: string[]): string | undefined {
  const firsts = [responses[0], body[0]].filter((v): v is string => v !== undefined).sort(compareStrings);
  return firsts[firsts.length - 1];
}

/** Request Body Object (OAS §4.7.13): media types sorted by version; the params key `body` unless a parameter has it. */
function requestBodyModel(raw: unknown, pointer: string, parameters: OperationModel["parameters"], ctx: ModelContext): RequestBodyModel | undefined {
  if (raw === undefined) return undefined;
  const { node, pointer: at } = deref(raw, pointer, ctx);
  if (!isObject(node)) return undefined;
  const all = [...parameters.path, ...parameters.query, ...parameters.header];
  const taken = new Set(all.map((p) => p.key));
  let key = "body";
  for (let n = 2; taken.has(key); n++) key = `body${n}`;
  const holder = all.find((p) => p.key === "body");
  if (holder) {
    ctx.names.reportCollision({ identifier: "body", assigned: key, owner: { label: "the request body", pointer }, holder: parameterOwner(holder) });
  }
  const body: RequestBodyModel = {
    key,
    required: node["required"] === true,
    content: sortedEntries(node["content"])
      .map(([mediaType, media]) => mediaTypeModel(mediaType, media, pointerJoin(at, "content", mediaType), ctx))
      .sort(compareMediaTypeVersions),
    pointer: at,
  };
  if (typeof node["description"] === "string") body.description = node["description"];
  return body;
}

/** Every `{name}` in the path needs a path parameter (else the URL cannot be built), and every path parameter a `{name}`. */
function checkPathTemplate(path: string, params: ParameterModel[], pointer: string, ctx: ModelContext): void {
  const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
  const declared = new Set(params.map((p) => p.name));
  for (const name of placeholders) {
    if (!declared.has(name)) {
      reportError(ctx, "APIGEN_PARAM_MISSING", `the path names {${name}}, but the operation declares no path parameter "${name}"`, pointer,
        `add a parameter { name: ${name}, in: path, required: true, schema: { type: string } } to the operation or its path item`);
    }
  }
  for (const param of params) {
    if (!placeholders.includes(param.name)) {
      warn(ctx, "APIGEN_PARAM_UNUSED", `path parameter "${param.name}" does not occur in the path; it is never sent`, param.pointer,
        `use {${param.name}} in the path or remove the parameter`);
    }
  }
}

/**
 * Atlas-style envelopes: a boolean query flag named `envelope` makes the server wrap the body as
 * `{ status, content }`; the client unwraps it so the call still resolves to the documented body.
 */
function envelopeParameter(query: ParameterModel[]): string | undefined {
  const flag = query.find((p) => p.name === "envelope" && p.schema.types?.length === 1 && p.schema.types[0] === "boolean");
  return flag?.name;
}
