// Spec-level comparison of two models: operations by operationId (a removal and an addition with the same method
// and path is a rename), then named types. Everything compared is what the generated client exposes.
import { pointerJoin } from "../diagnostics";
import { resolvePointer } from "../json-pointer";
import { reachableComponents } from "../model/schema-graph";
import type { ApiModel, MediaTypeModel, OperationModel, ParameterModel, SchemaDeclaration, SchemaModel, SecurityRequirementModel } from "../model/types";
import { cmp, type Change, type ChangeClass } from "./changes";
import { compareSchemas, type Direction, type SchemaScope } from "./schema-compare";
import type { Side } from "./sides";

/** `locate: false` leaves locations out (finding positions in a large YAML spec costs more than the comparison). */
export function compareModels(oldSide: Side, newSide: Side, options: { locate?: boolean } = {}): Change[] {
  const changes: Change[] = [];
  const locate = (side: "old" | "new", pointer: string) => (side === "old" ? oldSide : newSide).spec.source.locate(pointer);
  const add = (cls: ChangeClass, code: string, message: string, side: "old" | "new", pointer: string, scope: Pick<Change, "operation" | "type" | "affects" | "direction">) =>
    changes.push({ class: cls, code, message, ...scope, ...(options.locate === false ? {} : { location: locate(side, pointer) }) });
  const oldByName = byName(oldSide.model.schemas);
  const newByName = byName(newSide.model.schemas);
  const schemaScope = (dir: Direction, scope: Pick<Change, "operation" | "type" | "affects" | "direction">): SchemaScope => ({
    dir, oldByName, newByName, emit: (cls, code, message, side, pointer) => add(cls, code, message, side, pointer, scope),
  });

  // The API as a whole: its base URL.
  const oldServer = oldSide.model.servers[0]?.url, newServer = newSide.model.servers[0]?.url;
  if (oldServer !== newServer) add("breaking", "server-changed", `default server changed from ${oldServer ?? "(none)"} to ${newServer ?? "(none)"}`, "new", "/servers", {});

  // ---- operations ----
  const oldOps = operationsById(oldSide.model), newOps = operationsById(newSide.model);
  const added = [...newOps.keys()].filter((id) => !oldOps.has(id));
  for (const [id, o] of oldOps) {
    const n = newOps.get(id);
    if (n) {
      compareOperation(o, n, oldSide, newSide, add, schemaScope);
      continue;
    }
    const renamedTo = added.find((a) => { const c = newOps.get(a) as OperationModel; return c.method === o.method && c.path === o.path; });
    if (renamedTo !== undefined) {
      added.splice(added.indexOf(renamedTo), 1);
      const c = newOps.get(renamedTo) as OperationModel;
      add("breaking", "operation-renamed", `${o.method.toUpperCase()} ${o.path}: renamed from ${o.functionName} to ${c.functionName} (operationId ${id} → ${renamedTo})`, "new", c.pointer, { operation: id });
    } else {
      add("breaking", "operation-removed", `${o.method.toUpperCase()} ${o.path}: operation ${o.functionName} removed`, "old", o.pointer, { operation: id });
    }
  }
  for (const id of added) {
    const n = newOps.get(id) as OperationModel;
    add("compatible", "operation-added", `${n.method.toUpperCase()} ${n.path}: operation ${n.functionName} added`, "new", n.pointer, { operation: id });
  }

  // ---- named types ----
  const oldUse = usage(oldSide.model, oldByName), newUse = usage(newSide.model, newByName);
  for (const [name, o] of oldByName) {
    const n = newByName.get(name);
    const type = o.ref.typeName;
    if (!n) {
      add("breaking", "type-removed", `type ${type} removed`, "old", o.schema.pointer, { type });
      continue;
    }
    if (n.ref.typeName !== type) add("breaking", "type-renamed", `type ${type} renamed to ${n.ref.typeName}`, "new", n.schema.pointer, { type });
    if (o.ref.writableTypeName && !n.ref.writableTypeName) add("breaking", "type-removed", `type ${o.ref.writableTypeName} removed (no readOnly properties left)`, "new", n.schema.pointer, { type });
    // A type nobody references is still exported: judged as read (the direction consumers usually use it in).
    const inRequest = oldUse.request.has(name) || newUse.request.has(name);
    const inResponse = oldUse.response.has(name) || newUse.response.has(name) || !inRequest;
    if (inRequest) compareSchemas(o.schema, n.schema, type, schemaScope("request", { type, affects: n.ref.writableTypeName ?? n.ref.typeName, direction: "request" }));
    if (inResponse) compareSchemas(o.schema, n.schema, type, schemaScope("response", { type, affects: n.ref.typeName, direction: "response" }));
  }
  for (const [name, n] of newByName) {
    if (!oldByName.has(name)) add("compatible", "type-added", `type ${n.ref.typeName} added`, "new", n.schema.pointer, { type: n.ref.typeName });
  }
  return dedupe(changes);
}

type Add = (cls: ChangeClass, code: string, message: string, side: "old" | "new", pointer: string, scope: Pick<Change, "operation" | "type" | "affects" | "direction">) => void;

function compareOperation(o: OperationModel, n: OperationModel, oldSide: Side, newSide: Side, add: Add, schemaScope: (dir: Direction, scope: Pick<Change, "operation" | "type" | "affects" | "direction">) => SchemaScope): void {
  const operation = o.operationId;
  const at = { operation };
  const here = `${n.method.toUpperCase()} ${n.path}`;
  if (o.method !== n.method || o.path !== n.path) add("breaking", "operation-moved", `moved from ${o.method.toUpperCase()} ${o.path} to ${here}`, "new", n.pointer, at);
  const oldGroup = groupOf(oldSide.model, o), newGroup = groupOf(newSide.model, n);
  if (o.functionName !== n.functionName || oldGroup !== newGroup) {
    add("breaking", "method-renamed", `client method client.${oldGroup}.${o.functionName} is now client.${newGroup}.${n.functionName}`, "new", n.pointer, at);
  }
  if (o.exportName !== n.exportName) add("breaking", "method-renamed", `standalone export ${o.exportName} renamed to ${n.exportName}`, "new", n.pointer, at);
  if (n.deprecated && !o.deprecated) add("warning", "deprecated", `${here}: operation deprecated`, "new", n.pointer, at);
  const oldSunset = sunset(oldSide, o), newSunset = sunset(newSide, n);
  if (newSunset !== undefined && (oldSunset === undefined || newSunset < oldSunset)) {
    add("warning", "sunset", `${here}: sunset ${oldSunset === undefined ? "set to" : `moved earlier, from ${oldSunset} to`} ${newSunset}`, "new", pointerJoin(n.pointer, "x-sunset"), at);
  }
  if (o.server !== n.server) add("breaking", "server-changed", `${here}: server changed from ${o.server ?? "the API's"} to ${n.server ?? "the API's"}`, "new", n.pointer, at);
  if (securityKey(o.security) !== securityKey(n.security)) {
    const change = `changed from ${securityText(o.security)} to ${securityText(n.security)}`;
    const lost = lostAlternatives(o.security, n.security);
    if (lost.length > 0) {
      add("breaking", "security-changed", `${here}: security ${change}; ${lost.some((alt) => alt.length === 0) ? "calls without credentials are" : `callers using ${securityText(lost)} are`} no longer accepted`, "new", n.pointer, at);
    } else if (o.authenticated && !n.authenticated) {
      add("compatible", "security-removed", `${here}: security removed`, "new", n.pointer, at);
    } else {
      add("compatible", "security-relaxed", `${here}: security ${change}; every old way to authenticate still works`, "new", n.pointer, at);
    }
  }

  // Parameters, matched by location and wire name.
  const params = { operation, affects: n.paramsTypeName, direction: "request" as const };
  const key = (p: ParameterModel) => `${p.location} ${p.name}`;
  const oldParams = new Map(allParameters(o).map((p) => [key(p), p]));
  const newParams = new Map(allParameters(n).map((p) => [key(p), p]));
  for (const [k, op] of oldParams) {
    const np = newParams.get(k);
    const label = `${op.location} parameter ${op.name}`;
    if (!np) {
      add("breaking", "parameter-removed", `${label} removed`, "old", op.pointer, params);
      continue;
    }
    if (np.key !== op.key) add("breaking", "parameter-renamed", `${label}: params property ${op.key} is now ${np.key}`, "new", np.pointer, params);
    if (np.required && !op.required) add("breaking", "parameter-required", `${label} is now required`, "new", np.pointer, params);
    if (np.deprecated && !op.deprecated) add("warning", "deprecated", `${label} deprecated`, "new", np.pointer, params);
    compareSchemas(op.schema, np.schema, label, schemaScope("request", params));
  }
  for (const [k, np] of newParams) {
    if (oldParams.has(k)) continue;
    const label = `${np.location} parameter ${np.name}`;
    add(np.required ? "breaking" : "compatible", np.required ? "parameter-added-required" : "parameter-added", `${label} added${np.required ? " as required" : " (optional)"}`, "new", np.pointer, params);
  }

  // The request body: media types the client may send, each schema judged as a request.
  const ob = o.requestBody, nb = n.requestBody;
  if (ob && !nb) add("breaking", "request-body-removed", `${here}: request body removed`, "old", ob.pointer, params);
  if (!ob && nb) add(nb.required ? "breaking" : "compatible", "request-body-added", `${here}: ${nb.required ? "required" : "optional"} request body added`, "new", nb.pointer, params);
  if (ob && nb) {
    if (nb.required && !ob.required) add("breaking", "request-body-required", `${here}: request body now required`, "new", nb.pointer, params);
    compareContent(ob.content, nb.content, `${here} request body`, "request", ob.pointer, nb.pointer, add, schemaScope, params);
  }

  // Success responses: what the call resolves to, judged as a response.
  const response = { operation, affects: n.responseTypeName, direction: "response" as const };
  const newStatus = new Map(n.successResponses.map((r) => [r.status, r]));
  for (const r of o.successResponses) {
    const nr = newStatus.get(r.status);
    const rPointer = pointerJoin(o.pointer, "responses", r.status);
    if (!nr) {
      add("breaking", "status-removed", `${here}: success status ${r.status} removed`, "old", rPointer, response);
      continue;
    }
    compareContent(r.content, nr.content, `${here} ${r.status} response`, "response", rPointer, pointerJoin(n.pointer, "responses", r.status), add, schemaScope, response);
  }
  const oldStatus = new Set(o.successResponses.map((r) => r.status));
  for (const r of n.successResponses) {
    // Another success status can change what the call resolves to: a warning for code that expects only the old ones.
    if (!oldStatus.has(r.status)) add("warning", "status-added", `${here}: success status ${r.status} added`, "new", pointerJoin(n.pointer, "responses", r.status), response);
  }
}

function compareContent(o: MediaTypeModel[], n: MediaTypeModel[], label: string, dir: Direction, oldPointer: string, newPointer: string, add: Add,
  schemaScope: (dir: Direction, scope: Pick<Change, "operation" | "type" | "affects" | "direction">) => SchemaScope, scope: Pick<Change, "operation" | "affects" | "direction">): void {
  const newMedia = new Map(n.map((m) => [m.mediaType, m]));
  const oldMedia = new Set(o.map((m) => m.mediaType));
  for (const m of o) {
    const nm = newMedia.get(m.mediaType);
    if (!nm) {
      add("breaking", "media-type-removed", `${label}: media type ${m.mediaType} removed`, "old", pointerJoin(oldPointer, "content", m.mediaType), scope);
      continue;
    }
    if (m.schema && nm.schema) compareSchemas(m.schema, nm.schema, `${label} (${m.mediaType})`, schemaScope(dir, scope));
  }
  for (const m of n) {
    if (!oldMedia.has(m.mediaType)) add("compatible", "media-type-added", `${label}: media type ${m.mediaType} added`, "new", pointerJoin(newPointer, "content", m.mediaType), scope);
  }
}

function byName(schemas: SchemaDeclaration[]): Map<string, SchemaDeclaration> {
  return new Map(schemas.map((s) => [s.ref.name, s]));
}

function operationsById(model: ApiModel): Map<string, OperationModel> {
  const ops = model.tags.flatMap((t) => t.operations).sort((a, b) => cmp(a.operationId, b.operationId));
  return new Map(ops.map((op) => [op.operationId, op]));
}

function groupOf(model: ApiModel, op: OperationModel): string {
  return model.tags.find((t) => t.operations.includes(op))?.propertyName ?? "";
}

function allParameters(op: OperationModel): ParameterModel[] {
  return [...op.parameters.path, ...op.parameters.query, ...op.parameters.header];
}

/** Components reachable from request parameters and bodies, and from success and error responses. */
export function usage(model: ApiModel, names: ReadonlyMap<string, SchemaDeclaration>): { request: Set<string>; response: Set<string> } {
  const ops = model.tags.flatMap((t) => t.operations);
  const requestRoots: SchemaModel[] = ops.flatMap((op) => [...allParameters(op).map((p) => p.schema), ...(op.requestBody?.content ?? []).flatMap((m) => (m.schema ? [m.schema] : []))]);
  const responseRoots: SchemaModel[] = ops.flatMap((op) => [...op.successResponses, ...op.errorResponses].flatMap((r) => r.content.flatMap((m) => (m.schema ? [m.schema] : []))));
  return { request: reachableComponents(requestRoots, names), response: reachableComponents(responseRoots, names) };
}

/** `x-sunset` as written on the operation (a date string; compared as text, which orders ISO dates). */
function sunset(side: Side, op: OperationModel): string | undefined {
  const raw = resolvePointer(side.spec.document, op.pointer);
  const value = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>)["x-sunset"] : undefined;
  return typeof value === "string" ? value : value instanceof Date ? value.toISOString().slice(0, 10) : undefined;
}

function securityKey(security: SecurityRequirementModel[]): string {
  return JSON.stringify(security.map((alt) => alt.map((s) => ({ scheme: s.scheme, scopes: [...s.scopes].sort() })).sort((a, b) => cmp(a.scheme, b.scheme))).map((a) => JSON.stringify(a)).sort());
}

/**
 * The old alternatives (OR of ANDs) that no new alternative accepts. A caller who satisfies an old alternative is
 * still served when some new one asks for no more: only schemes it has, with no scope it lacks. So an alternative
 * added, a scheme or scope dropped is compatible; a scheme or scope required on top, or an alternative lost, breaks.
 * (oasdiff reports every security change at INFO level; a consumer whose only credentials stop working is broken.)
 * No security at all is one empty alternative: anyone may call.
 */
export function lostAlternatives(oldSecurity: SecurityRequirementModel[], newSecurity: SecurityRequirementModel[]): SecurityRequirementModel[] {
  const alternatives = (security: SecurityRequirementModel[]) => (security.length === 0 ? [[]] : security);
  const accepts = (next: SecurityRequirementModel, held: SecurityRequirementModel) =>
    next.every((need) => held.some((have) => have.scheme === need.scheme && need.scopes.every((scope) => have.scopes.includes(scope))));
  return alternatives(oldSecurity).filter((held) => !alternatives(newSecurity).some((next) => accepts(next, held)));
}

function securityText(security: SecurityRequirementModel[]): string {
  if (security.length === 0) return "none";
  return security.map((alt) => alt.map((s) => s.scheme + (s.scopes.length ? `(${s.scopes.join(", ")})` : "")).join(" + ")).join(" or ");
}

/** The same rule can fire twice through different paths (a type compared in both directions): one line each. */
function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.class}|${c.code}|${c.message}|${c.operation ?? ""}|${c.type ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
