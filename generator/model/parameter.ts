// Parameter Object (OAS 3.0 §4.7.12 / 3.1 §4.8.12) → ParameterModel, grouped by location.
import { pointerJoin } from "../diagnostics";
import { compareStrings, deref, isObject, warn, type ModelContext } from "./context";
import { parameterKey, type NameOwner } from "./names";
import { schemaModel } from "./schema";
import type { ParameterLocation, ParameterModel } from "./types";

const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header"];
/** OAS §4.7.12.2: the default serialization per location, the only one the runtime implements. */
const DEFAULT_STYLE: Readonly<Record<ParameterLocation, string>> = { path: "simple", query: "form", header: "simple" };

interface RawParameter {
  node: Record<string, unknown>;
  pointer: string;
}

/** Path-item parameters apply unless the operation redefines the same name and location. */
export function operationParameters(
  pathItemParams: unknown,
  pathItemPointer: string,
  operationParams: unknown,
  operationPointer: string,
  path: string,
  ctx: ModelContext,
): { path: ParameterModel[]; query: ParameterModel[]; header: ParameterModel[] } {
  const byKey = new Map<string, RawParameter>();
  for (const [list, base] of [[pathItemParams, pathItemPointer], [operationParams, operationPointer]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const { node, pointer } = deref(entry, pointerJoin(base, "parameters", i), ctx);
      if (isObject(node) && typeof node["name"] === "string" && typeof node["in"] === "string") {
        byKey.set(`${node["in"]}:${node["name"]}`, { node, pointer });
      }
    });
  }
  const keys = new Set<string>();
  const holders = new Map<string, NameOwner>();
  const grouped = { path: [] as ParameterModel[], query: [] as ParameterModel[], header: [] as ParameterModel[] };
  for (const location of LOCATIONS) {
    const raws = [...byKey.values()].filter((r) => r.node["in"] === location);
    for (const raw of sortParameters(raws, location, path)) {
      grouped[location].push(parameterModel(raw, location, keys, holders, ctx));
    }
  }
  for (const raw of byKey.values()) {
    if (raw.node["in"] === "cookie") {
      warn(ctx, "APIGEN_PARAM_COOKIE", `cookie parameter "${String(raw.node["name"])}" is not supported; it is not sent`, raw.pointer,
        "send the cookie through the client's `headers` option");
    }
  }
  return grouped;
}

/** Path parameters in placeholder order (a fact of the path string); others by name, so map order never matters. */
function sortParameters(raws: RawParameter[], location: ParameterLocation, path: string): RawParameter[] {
  const name = (r: RawParameter) => String(r.node["name"]);
  if (location !== "path") return [...raws].sort((a, b) => compareStrings(name(a), name(b)));
  const position = (r: RawParameter) => path.indexOf(`{${name(r)}}`);
  return [...raws].sort((a, b) => position(a) - position(b) || compareStrings(name(a), name(b)));
}

/** Who a parameter is in collision warnings. */
export function parameterOwner(param: Pick<ParameterModel, "name" | "location" | "pointer">): NameOwner {
  return { label: `${param.location} parameter ${JSON.stringify(param.name)}`, pointer: pointerJoin(param.pointer, "name") };
}

function parameterModel(
  raw: RawParameter,
  location: ParameterLocation,
  keys: Set<string>,
  holders: Map<string, NameOwner>,
  ctx: ModelContext,
): ParameterModel {
  const { node, pointer } = raw;
  const name = String(node["name"]);
  const key = parameterKey(name, location, keys);
  const owner = parameterOwner({ name, location, pointer });
  const holder = holders.get(name);
  if (key !== name && holder) ctx.names.reportCollision({ identifier: name, assigned: key, owner, holder });
  holders.set(key, owner);
  const param: ParameterModel = {
    name,
    key,
    location,
    required: location === "path" || node["required"] === true,
    deprecated: node["deprecated"] === true,
    schema: schemaModel(parameterSchema(node), pointerJoin(pointer, "schema"), ctx),
    explode: node["explode"] !== false,
    pointer,
  };
  if (typeof node["description"] === "string") param.description = node["description"];
  const style = node["style"];
  if (style === "deepObject" && location === "query") param.style = "deepObject";
  else if (style !== undefined && style !== DEFAULT_STYLE[location]) {
    warn(ctx, "APIGEN_PARAM_STYLE", `style "${String(style)}" is not supported yet; "${name}" is serialized as ${DEFAULT_STYLE[location]}`, pointerJoin(pointer, "style"),
      `use style: ${DEFAULT_STYLE[location]}, or serialize the value yourself into a string parameter`);
  }
  return param;
}

/** `schema`, or the schema of the single media type in `content`. */
function parameterSchema(node: Record<string, unknown>): unknown {
  if (node["schema"] !== undefined) return node["schema"];
  const content = node["content"];
  if (isObject(content)) {
    const first = Object.values(content)[0];
    if (isObject(first)) return first["schema"];
  }
  return undefined;
}
