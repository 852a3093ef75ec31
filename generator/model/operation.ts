// Path Item and Operation Objects (OAS 3.0 §4.7.9–10 / 3.1 §4.8.9–10) → OperationModel, with every name decided.
import { pointerJoin } from "../diagnostics";
import { isObject, sortedEntries, type ModelContext } from "./context";
import { camelCase, operationIdFallback, pascalCase } from "./names";
import { operationParameters } from "./parameter";
import { compareMediaTypeVersions, responseModels } from "./response";
import { securityRequirements } from "./security";
import type { HttpMethod, OperationModel, ParameterModel } from "./types";

const METHODS: readonly HttpMethod[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** Every operation of the document, in path then method order. */
export function operationModels(ctx: ModelContext): OperationModel[] {
  const operations: OperationModel[] = [];
  for (const [path, rawItem] of sortedEntries(ctx.document["paths"])) {
    const itemPointer = pointerJoin("/paths", path);
    if (!isObject(rawItem)) continue;
    for (const method of METHODS) {
      const raw = rawItem[method];
      if (isObject(raw)) operations.push(operationModel(path, method, rawItem, raw, itemPointer, ctx));
    }
  }
  return operations;
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
  const stem = pascalCase(operationId) || "Operation";
  const parameters = operationParameters(item["parameters"], itemPointer, raw["parameters"], pointer, path, ctx);
  const responses = responseModels(raw["responses"], pointerJoin(pointer, "responses"), ctx);
  const successResponses = responses.filter((r) => r.status.startsWith("2"));
  const op: OperationModel = {
    operationId,
    functionName: camelCase(operationId) || "operation",
    typeStem: stem,
    paramsTypeName: ctx.names.exportName(`${stem}Params`),
    paramsValidatorName: ctx.names.exportName(`validate${stem}Params`),
    responseTypeName: ctx.names.exportName(`${stem}Response`),
    responsesTypeName: ctx.names.exportName(`${stem}Responses`),
    descriptorName: ctx.names.exportName(`${camelCase(operationId)}Operation`),
    method,
    path,
    deprecated: raw["deprecated"] === true,
    tags: Array.isArray(raw["tags"]) ? raw["tags"].filter((t): t is string => typeof t === "string") : [],
    parameters,
    successResponses,
    errorResponses: responses.filter((r) => !r.status.startsWith("2") && !r.status.startsWith("1") && !r.status.startsWith("3")),
    idempotent: IDEMPOTENT.has(method),
    pointer,
  };
  for (const response of successResponses) {
    response.content.sort(compareMediaTypeVersions);
    for (const media of response.content) {
      if (media.schema && !media.schema.ref) {
        media.validatorName = ctx.names.exportName(`validate${stem}${pascalCase(response.status)}${media.version ? pascalCase(media.version) : ""}Response`);
      }
    }
  }
  if (typeof raw["summary"] === "string") op.summary = raw["summary"];
  if (typeof raw["description"] === "string") op.description = raw["description"];
  const docs = raw["externalDocs"];
  if (isObject(docs) && typeof docs["url"] === "string") {
    op.externalDocs = typeof docs["description"] === "string" ? { url: docs["url"], description: docs["description"] } : { url: docs["url"] };
  }
  const envelope = envelopeParameter(parameters.query);
  if (envelope) op.envelopeParam = envelope;
  const security = securityRequirements(raw["security"]);
  if (security) op.security = security;
  return op;
}

/**
 * Atlas-style envelopes: a boolean query flag named `envelope` makes the server wrap the body as
 * `{ status, content }`; the client unwraps it so the call still resolves to the documented body.
 */
function envelopeParameter(query: ParameterModel[]): string | undefined {
  const flag = query.find((p) => p.name === "envelope" && p.schema.types?.length === 1 && p.schema.types[0] === "boolean");
  return flag?.name;
}
