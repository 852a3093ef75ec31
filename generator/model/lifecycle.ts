// An operation's lifecycle facts from the vendor extensions Atlas (and specs made like it) carry: `x-sunset`,
// `x-xgen-version` per media type, `x-rolesRequirements`, `x-xgen-changelog`. They feed the docs, the CLI's help and
// the client's JSDoc; none changes what a call sends. A malformed value is a warning and is left out.
import { pointerJoin } from "../diagnostics";
import { compareStrings, deref, isObject, sortedEntries, warn, type ModelContext } from "./context";
import { mediaTypeVersion } from "./response";
import type { LifecycleModel, OperationModel } from "./types";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The lifecycle facts of one raw Operation Object (`replacement.operationId` is filled in by `linkReplacements`). */
export function lifecycleModel(raw: Record<string, unknown>, pointer: string, ctx: ModelContext): LifecycleModel {
  const lifecycle: LifecycleModel = { roles: roles(raw, pointer, ctx), changelog: changelog(raw, pointer, ctx), versions: versions(raw, pointer, ctx) };
  const sunset = raw["x-sunset"];
  if (typeof sunset === "string" && DATE.test(sunset)) lifecycle.sunset = sunset;
  else if (sunset !== undefined) invalid(ctx, pointerJoin(pointer, "x-sunset"), "x-sunset", "a date, YYYY-MM-DD");
  const replacement = raw["deprecated"] === true && typeof raw["description"] === "string" ? replacementSentence(raw["description"]) : undefined;
  if (replacement !== undefined) lifecycle.replacement = { text: replacement };
  return lifecycle;
}

function invalid(ctx: ModelContext, pointer: string, key: string, expected: string): void {
  warn(ctx, "APIGEN_LIFECYCLE_INVALID", `${key} is not ${expected}; it is left out of the docs, the CLI help and the JSDoc`, pointer,
    `write ${key} as ${expected}, or remove it`);
}

function roles(raw: Record<string, unknown>, pointer: string, ctx: ModelContext): string[] {
  const value = raw["x-rolesRequirements"];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((r) => typeof r === "string")) {
    invalid(ctx, pointerJoin(pointer, "x-rolesRequirements"), "x-rolesRequirements", "a list of role names");
    return [];
  }
  return [...new Set(value as string[])];
}

function changelog(raw: Record<string, unknown>, pointer: string, ctx: ModelContext): LifecycleModel["changelog"] {
  const value = raw["x-xgen-changelog"];
  if (value === undefined) return [];
  const entries = isObject(value) ? sortedEntries(value) : [];
  if (!isObject(value) || !entries.every(([date, change]) => DATE.test(date) && typeof change === "string")) {
    invalid(ctx, pointerJoin(pointer, "x-xgen-changelog"), "x-xgen-changelog", "a map from dates (YYYY-MM-DD) to text");
    return [];
  }
  return entries.map(([date, change]) => ({ date, change: change as string }));
}

/** Each request and success media type's version: its `x-xgen-version`, else the one its name carries. */
function versions(raw: Record<string, unknown>, pointer: string, ctx: ModelContext): LifecycleModel["versions"] {
  const byVersion = new Map<string, Set<string>>();
  const add = (content: unknown, at: string) => {
    for (const [mediaType, media] of sortedEntries(content)) {
      const declared = isObject(media) ? media["x-xgen-version"] : undefined;
      if (declared !== undefined && (typeof declared !== "string" || !DATE.test(declared))) {
        invalid(ctx, pointerJoin(at, mediaType, "x-xgen-version"), "x-xgen-version", "a date, YYYY-MM-DD");
      }
      const version = typeof declared === "string" && DATE.test(declared) ? declared : mediaTypeVersion(mediaType);
      if (version !== null) (byVersion.get(version) ?? byVersion.set(version, new Set()).get(version))?.add(mediaType);
    }
  };
  const body = deref(raw["requestBody"], pointerJoin(pointer, "requestBody"), ctx);
  if (isObject(body.node)) add(body.node["content"], pointerJoin(body.pointer, "content"));
  for (const [status, response] of sortedEntries(raw["responses"])) {
    if (!status.startsWith("2")) continue;
    const resolved = deref(response, pointerJoin(pointer, "responses", status), ctx);
    if (isObject(resolved.node)) add(resolved.node["content"], pointerJoin(resolved.pointer, "content"));
  }
  return [...byVersion].sort(([a], [b]) => compareStrings(a, b)).map(([version, mediaTypes]) => ({ version, mediaTypes: [...mediaTypes].sort(compareStrings) }));
}

/**
 * The sentence of a deprecated operation's description that says what to use instead: "Please use the List Flex
 * Clusters endpoint instead.", "Use X instead.", "… has been replaced by X." Only a sentence, never a guess.
 */
export function replacementSentence(description: string): string | undefined {
  const sentences = description.replace(/\s+/g, " ").split(/(?<=[.!?])\s+/);
  return sentences.find((s) => /\buse\b.*\binstead\b|\buse the\b.+\bendpoint\b|\breplaced (?:by|with)\b|\bsuperseded by\b/i.test(s))?.trim();
}

/** An operationId at the end of a URL (`…/operation/upgradeFlexCluster`), as Atlas-style docs address operations. */
const OPERATION_IN_URL = /\/operation\/([A-Za-z0-9_.~-]+)\/?(?=$|[\s)\]>"'])/g;

/** The operationIds named at the end of URLs in a text, in order. */
export function operationIdsInUrls(text: string): string[] {
  return [...text.matchAll(OPERATION_IN_URL)].map((m) => m[1] as string);
}

/**
 * Names the operation a replacement sentence points to: the one whose summary is exactly "use the <name> endpoint"
 * (case-insensitive), else the operationId at the end of a URL in the sentence, the externalDocs URL or the rest of
 * the description (Atlas links its replacements so), when the spec has that operation.
 */
export function linkReplacements(operations: OperationModel[]): void {
  const bySummary = new Map<string, OperationModel[]>();
  const ids = new Set(operations.map((op) => op.operationId));
  for (const op of operations) {
    if (op.summary === undefined) continue;
    const key = op.summary.trim().toLowerCase();
    bySummary.set(key, [...(bySummary.get(key) ?? []), op]);
  }
  for (const op of operations) {
    const replacement = op.lifecycle.replacement;
    if (!replacement) continue;
    const named = /\buse the (.+?) endpoint\b/i.exec(replacement.text)?.[1];
    const matches = named ? (bySummary.get(named.trim().toLowerCase()) ?? []) : [];
    const bySentence = matches.length === 1 && matches[0] !== op ? (matches[0] as OperationModel).operationId : undefined;
    const inUrls = [replacement.text, op.externalDocs?.url ?? "", op.description ?? ""].flatMap(operationIdsInUrls);
    const operationId = bySentence ?? inUrls.find((id) => id !== op.operationId && ids.has(id));
    if (operationId !== undefined) replacement.operationId = operationId;
  }
}
