// `apigen diff`: what a spec change does to the generated client's users. Both specs are loaded and modelled as
// `apigen generate` would; the models are compared by spec-level rules (compare.ts), and the rendered types are
// put before the TypeScript checker (typecheck.ts). Where the two disagree, the report says so.
import { cmp, compareChanges, type Change, type ChangeClass } from "./changes";
import { compareModels, usage } from "./compare";
import { loadSide, type Side, type SideInput } from "./sides";
import { checkTypes, declarationTexts, renderTypes, type Candidate, type TypeCheck } from "./typecheck";

export type { Change, ChangeClass } from "./changes";
export type { SideInput } from "./sides";
export type { TypeCheck } from "./typecheck";
export { specAtRevision } from "./sides";

export interface Disagreement {
  type: string;
  direction: "request" | "response";
  /** The spec-level rules' verdict for this type: the most severe class of its changes, or unchanged. */
  spec: ChangeClass | "unchanged";
  /** The TypeScript checker's. */
  checker: "breaking" | "compatible";
  /** The checker's diagnostic when it found the type incompatible; otherwise the spec-level changes it did not see. */
  detail: string;
}

export interface DiffReport {
  old: string;
  new: string;
  summary: { breaking: number; warning: number; compatible: number; disagreements: number; typesChecked: number };
  /** Changes to the API as a whole (its server). */
  api: Change[];
  operations: { operationId: string; changes: Change[] }[];
  types: { type: string; changes: Change[] }[];
  disagreements: Disagreement[];
}

export interface DiffTimings {
  load: number;
  compare: number;
  typecheck: number;
}

export async function diffSpecs(oldInput: SideInput, newInput: SideInput, cwd: string, options: { typecheck?: boolean } = {}): Promise<{ report: DiffReport; timings: DiffTimings }> {
  let clock = performance.now();
  const lap = () => { const now = performance.now(); const ms = Math.round(now - clock); clock = now; return ms; };
  const [oldSide, newSide] = [await loadSide("old", oldInput, cwd), await loadSide("new", newInput, cwd)];
  const load = lap();
  const changes = compareModels(oldSide, newSide);
  const compare = lap();
  const checks = options.typecheck === false ? [] : typeCheck(oldSide, newSide, changes);
  const typecheck = lap();
  return { report: buildReport(oldSide, newSide, changes, checks), timings: { load, compare, typecheck } };
}

/** Which types the checker looks at: those present on both sides whose own declaration changed, or that a rule flagged. */
function typeCheck(oldSide: Side, newSide: Side, changes: Change[]): TypeCheck[] {
  const oldTypes = renderTypes(oldSide.model), newTypes = renderTypes(newSide.model);
  const oldTexts = declarationTexts(oldTypes.view), newTexts = declarationTexts(newTypes.view);
  const flagged = new Set(changes.flatMap((c) => (c.affects && c.direction ? [`${c.direction} ${c.affects}`] : [])));
  const candidates = new Map<string, Candidate>();
  const consider = (type: string, direction: "request" | "response") => {
    if (!oldTexts.has(type) || !newTexts.has(type)) return;
    if (oldTexts.get(type) === newTexts.get(type) && !flagged.has(`${direction} ${type}`)) return;
    candidates.set(`${direction} ${type}`, { type, direction });
  };
  const newOps = new Map(newSide.model.tags.flatMap((t) => t.operations).map((op) => [op.operationId, op]));
  for (const o of oldSide.model.tags.flatMap((t) => t.operations)) {
    const n = newOps.get(o.operationId);
    if (!n) continue;
    if (o.paramsTypeName === n.paramsTypeName) consider(n.paramsTypeName, "request");
    if (o.responseTypeName === n.responseTypeName) consider(n.responseTypeName, "response");
  }
  const newByName = new Map(newSide.model.schemas.map((s) => [s.ref.name, s]));
  const oldByName = new Map(oldSide.model.schemas.map((s) => [s.ref.name, s]));
  const oldUse = usage(oldSide.model, oldByName), newUse = usage(newSide.model, newByName);
  for (const o of oldSide.model.schemas) {
    const n = newByName.get(o.ref.name);
    if (!n || n.ref.typeName !== o.ref.typeName) continue;
    const inRequest = oldUse.request.has(o.ref.name) || newUse.request.has(o.ref.name);
    const inResponse = oldUse.response.has(o.ref.name) || newUse.response.has(o.ref.name) || !inRequest;
    if (inResponse) consider(n.ref.typeName, "response");
    if (inRequest) consider(o.ref.writableTypeName !== undefined && o.ref.writableTypeName === n.ref.writableTypeName ? n.ref.writableTypeName : n.ref.typeName, "request");
  }
  const sorted = [...candidates.values()].sort((a, b) => cmp(a.type, b.type) || cmp(a.direction, b.direction));
  return checkTypes(oldTypes.text, newTypes.text, sorted);
}

function buildReport(oldSide: Side, newSide: Side, changes: Change[], checks: TypeCheck[]): DiffReport {
  const sorted = [...changes].sort(compareChanges);
  const api = sorted.filter((c) => c.operation === undefined && c.type === undefined);
  const group = <K extends "operation" | "type">(key: K) => {
    const groups = new Map<string, Change[]>();
    for (const c of sorted) {
      const name = c[key];
      if (name !== undefined) groups.set(name, [...(groups.get(name) ?? []), c]);
    }
    return [...groups].sort((a, b) => cmp(a[0], b[0]));
  };
  const disagreements: Disagreement[] = [];
  for (const check of checks) {
    const mine = changes.filter((c) => c.affects === check.type && c.direction === check.direction);
    const specBreaking = mine.some((c) => c.class === "breaking");
    if (specBreaking === !check.compatible) continue;
    const verdict = (["breaking", "warning", "compatible"] as const).find((cls) => mine.some((c) => c.class === cls)) ?? "unchanged";
    disagreements.push({
      type: check.type,
      direction: check.direction,
      spec: verdict,
      checker: check.compatible ? "compatible" : "breaking",
      detail: check.compatible
        ? `the checker accepts the new type; the spec-level rules found: ${mine.filter((c) => c.class === "breaking").map((c) => c.message).join("; ")}`
        : check.detail ?? "not assignable",
    });
  }
  const count = (cls: ChangeClass) => sorted.filter((c) => c.class === cls).length;
  // A type the checker rejects is a breaking change too (the consumer's compile fails), unless a rule saw the change
  // and deliberately made it a warning (a response enum value added: only exhaustive code breaks).
  const missed = disagreements.filter((d) => d.checker === "breaking" && d.spec !== "warning").length;
  return {
    old: oldSide.display,
    new: newSide.display,
    summary: { breaking: count("breaking") + missed, warning: count("warning"), compatible: count("compatible"), disagreements: disagreements.length, typesChecked: checks.length },
    api,
    operations: group("operation").map(([operationId, list]) => ({ operationId, changes: list })),
    types: group("type").map(([type, list]) => ({ type, changes: list })),
    disagreements,
  };
}

export type FailOn = "breaking" | "warning" | "never";

/** True when the report meets the `--fail-on` level. */
export function fails(report: DiffReport, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  if (report.summary.breaking > 0) return true;
  return failOn === "warning" && report.summary.warning > 0;
}
