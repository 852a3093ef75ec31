// The incremental check: a run whose inputs (spec, referenced files, generator code and versions, options) hash
// to what the last successful run recorded, and whose output folder still holds exactly the files that run
// wrote, is a no-op answered in milliseconds. The record lives in a cache folder (node_modules/.cache/apigen,
// as babel and eslint do), never in the output: output bytes must not depend on whether a cache existed.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { GeneratorContext } from "./context";
import { filesBelow } from "./files-below";
import type { Diagnostic } from "./diagnostics";
import type { RenderedFile } from "./render";
import { MANIFEST_FILE, parseManifest } from "./write/manifest";

interface RunRecord {
  inputs: string;
  /** Files read besides the spec, with their sha256 at the time. */
  referencedFiles: { path: string; sha256: string }[];
  /** Output files by name, with their sha256 (apigen.manifest.json among them, like any other output). */
  outputs: Record<string, string>;
  warnings: Diagnostic[];
  counts: RunCounts;
}

export interface RunCounts {
  operations: number;
  schemas: number;
  bytes: number;
}

export interface RecordedRun {
  files: RenderedFile[];
  /** Files the run read besides the spec ($ref targets), absolute. */
  referencedFiles?: string[];
  warnings: Diagnostic[];
  counts: RunCounts;
}

export interface Incremental {
  /** The recorded run when nothing changed since; undefined otherwise. */
  upToDate(): RecordedRun | undefined;
  /** Records a successful run whose outputs are now on disk. */
  record(run: RecordedRun, referencedFiles: string[] | undefined): void;
}

const DISABLED: Incremental = { upToDate: () => undefined, record: () => undefined };

export function incremental(ctx: GeneratorContext, specText: string): Incremental {
  const cacheDir = ctx.cacheDir;
  if (cacheDir === undefined || ctx.allowNetwork) return DISABLED;
  const file = cacheFile(cacheDir, ctx.outDir, "json");
  const inputs = sha256(JSON.stringify([generatorFingerprint(), ctx.specPath, sha256(specText), ctx.prettier, ctx.strictSpec, ctx.closedEnums, ctx.outputs, ctx.cliPrefix ?? null, userTemplatesFingerprint(ctx.templatesDir)]));
  return {
    upToDate() {
      const record = readRecord(file);
      if (!record || record.inputs !== inputs) return undefined;
      if (!record.referencedFiles.every((f) => existsSync(f.path) && sha256(readFileSync(f.path)) === f.sha256)) return undefined;
      return outputsIntact(ctx.outDir, record);
    },
    record(run, referencedFiles) {
      if (referencedFiles === undefined) return;
      const record: RunRecord = {
        inputs,
        referencedFiles: referencedFiles.map((path) => ({ path, sha256: sha256(readFileSync(path)) })),
        outputs: outputHashes(run.files),
        warnings: run.warnings,
        counts: run.counts,
      };
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(record));
        renameSync(temporary, file);
      } catch {
        // A cache that cannot be written only costs the next run its shortcut.
      }
    },
  };
}

/**
 * Each output's sha256. The manifest among them already holds every other file's (hashed from the same text by the
 * write stage): those are taken from it rather than hashing the whole output a second time (8 MB on Atlas).
 */
function outputHashes(files: RenderedFile[]): Record<string, string> {
  const manifest = files.find((f) => f.path === MANIFEST_FILE);
  const known = manifest === undefined ? undefined : parseManifest(manifest.text)?.files;
  return Object.fromEntries(files.map((f) => [f.path, known?.[f.path] ?? sha256(f.text)]));
}

/** The cache's file of one kind (the run record, the previous spec) for one output folder. */
export function cacheFile(cacheDir: string, outDir: string, extension: "json" | "spec"): string {
  return join(cacheDir, `${sha256(outDir).slice(0, 24)}.${extension}`);
}

function readRecord(file: string): RunRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as RunRecord;
    return typeof record.inputs === "string" && Array.isArray(record.referencedFiles) && record.outputs && Array.isArray(record.warnings) && record.counts ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The output folder holds exactly the recorded files, byte for byte. */
function outputsIntact(outDir: string, record: RunRecord): RecordedRun | undefined {
  let names: string[];
  try {
    names = filesBelow(outDir);
  } catch {
    return undefined;
  }
  const expected = Object.keys(record.outputs).sort();
  if (names.length !== expected.length || names.some((n, i) => n !== expected[i])) return undefined;
  const files: RenderedFile[] = [];
  for (const name of names) {
    const text = readFileSync(join(outDir, name), "utf8");
    if (sha256(text) !== record.outputs[name]) return undefined;
    files.push({ path: name, text });
  }
  return { files, referencedFiles: record.referencedFiles.map((f) => f.path), warnings: record.warnings, counts: record.counts };
}

let fingerprint: string | undefined;

/** The generator's identity: its compiled code, templates and the versions of the packages that shape the output. */
function generatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256");
  const root = resolve(__dirname, "..");
  for (const dir of [__dirname, join(root, "templates")]) {
    for (const path of filesBelow(dir)) hash.update(join(relative(root, dir), path)).update(readFileSync(join(dir, path)));
  }
  for (const dependency of ["openapi-typescript", "js-yaml", "yaml", "@apidevtools/swagger-parser", "handlebars", "prettier", "typescript"]) {
    hash.update(`${dependency}@${packageVersion(dependency)}`);
  }
  fingerprint = hash.digest("hex");
  return fingerprint;
}

/** A user's template folder is an input like the spec: its files' names and bytes. */
function userTemplatesFingerprint(dir: string | undefined): string | null {
  if (dir === undefined) return null;
  const hash = createHash("sha256");
  for (const path of filesBelow(dir)) hash.update(path).update(readFileSync(join(dir, path)));
  return hash.digest("hex");
}

function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    while (!existsSync(join(dir, "package.json")) || (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name !== name) {
      const parent = dirname(dir);
      if (parent === dir) return "?";
      dir = parent;
    }
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
