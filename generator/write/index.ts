// Stage 4, write: finish the rendered files (header, layout; prettier with --prettier), check their syntax when
// asked (--verify, user templates), add the manifest (spec hash, generator version, file hashes), then write them
// atomically, or only compare them with the folder (--check).
import type { GeneratorContext } from "../context";
import type { FileHeaderFacts, RenderedFile } from "../render";
import { OutputFolder, type Drift } from "./files";
import { finishFiles, prettierFiles } from "./format";
import { manifestFile } from "./manifest";

export { compareWithDisk, hasDrift, OutputFolder, writeAtomically, type Drift } from "./files";
export { fileHeader, finishFiles, prettierFiles } from "./format";
export { MANIFEST_FILE, manifestFile, parseManifest, type Manifest } from "./manifest";

export interface WriteOptions {
  /** The syntax gate, split between threads by worker/index.ts. */
  checkSyntax: (files: RenderedFile[]) => Promise<void>;
  /** The output folder, when the pipeline opened it earlier to create files ahead; else it is opened here. */
  folder?: OutputFolder;
}

/** The output folder, read (the files apigen wrote there; any other file refuses it) but not yet changed. */
export function openOutputFolder(ctx: GeneratorContext): OutputFolder {
  return OutputFolder.open(ctx.outDir, ctx.outDisplayPath);
}

/** The files in their final form, as written (or, with --check, as compared), and what differs from the folder. */
export async function writeOutput(ctx: GeneratorContext, rendered: RenderedFile[], facts: FileHeaderFacts, options: WriteOptions): Promise<{ files: RenderedFile[]; drift: Drift }> {
  const finished = finishFiles(rendered, facts);
  // apigen's own modules only: the runtime is fixed source, compiled by its own tests, and openapi.ts comes from
  // TypeScript's printer.
  if (ctx.verify) await options.checkSyntax(finished.filter((f, i) => !rendered[i]?.verbatim && !rendered[i]?.preformatted));
  const formatted = ctx.prettier ? await prettierFiles(finished) : finished;
  // The manifest, the one record of the spec's hash and apigen's version, hashes the files in their final form.
  const files = [...formatted, manifestFile(formatted, facts)];
  const folder = options.folder ?? openOutputFolder(ctx);
  const drift = ctx.check ? folder.compare(files) : await folder.replace(files);
  return { files, drift };
}
