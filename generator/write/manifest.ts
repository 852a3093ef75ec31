// The one place that records where an output folder came from: the generator's name and version, the spec's file
// name and sha256, and each written file's sha256. File headers carry none of these, so a new spec rewrites only
// the files whose code changes (plus this manifest), and a new apigen version rewrites only this manifest.
// Deterministic: keys sorted, no timestamps, no absolute paths, one trailing newline.
import { createHash } from "node:crypto";
import type { FileHeaderFacts, RenderedFile } from "../render";

export const MANIFEST_FILE = "apigen.manifest.json";

export interface Manifest {
  generator: string;
  version: string;
  spec: { file: string; sha256: string };
  /** Every other file in the folder, by name, with the sha256 of its bytes. */
  files: Record<string, string>;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function buildManifest(files: readonly RenderedFile[], facts: FileHeaderFacts): Manifest {
  return {
    generator: facts.generatorName,
    version: facts.generatorVersion,
    spec: { file: facts.specFile, sha256: facts.specSha256 },
    files: Object.fromEntries(files.map((f) => [f.path, sha256(f.text)])),
  };
}

/** The manifest as the file apigen writes beside `files` (which must already be in final form). */
export function manifestFile(files: readonly RenderedFile[], facts: FileHeaderFacts): RenderedFile {
  return { path: MANIFEST_FILE, text: `${JSON.stringify(sortKeys(buildManifest(files, facts)), null, 2)}\n` };
}

/** The manifest in a folder's file, or undefined when the text is not one apigen wrote. */
export function parseManifest(text: string): Manifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !isRecord(value["spec"]) || !isRecord(value["files"])) return undefined;
  const { generator, version, spec, files } = value;
  const strings = [generator, version, spec["file"], spec["sha256"], ...Object.values(files)];
  if (generator !== "apigen" || !strings.every((s) => typeof s === "string")) return undefined;
  return value as unknown as Manifest;
}

/** What a new manifest records differently from the old one, in words (spec and generator only; files are listed apart). */
export function manifestChanges(before: Manifest, after: Manifest): string[] {
  const notes: string[] = [];
  if (before.spec.sha256 !== after.spec.sha256) notes.push(`spec sha256 ${short(before.spec.sha256)} → ${short(after.spec.sha256)}`);
  if (before.spec.file !== after.spec.file) notes.push(`spec file ${before.spec.file} → ${after.spec.file}`);
  if (before.generator !== after.generator || before.version !== after.version) notes.push(`${before.generator} ${before.version} → ${after.generator} ${after.version}`);
  return notes;
}

function short(hash: string): string {
  return `${hash.slice(0, 12)}…`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
