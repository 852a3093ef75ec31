// Stage 4, write: finish the rendered files (header, layout), add the manifest (spec hash, generator version, file
// hashes), then write them atomically (or only compare, for --check). The syntax gate (syntax-gate.ts) runs in the
// TypeScript worker.
export { compareWithDisk, hasDrift, writeAtomically, type Drift } from "./files";
export { fileHeader, finishFiles, prettierFiles } from "./format";
export { MANIFEST_FILE, manifestFile, parseManifest, type Manifest } from "./manifest";
