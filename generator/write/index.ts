// Stage 4, write: format and check the rendered files, then write them atomically (or only compare, for --check).
export { compareWithDisk, hasDrift, writeAtomically, type Drift } from "./files";
export { checkSyntax, fileHeader, formatFiles } from "./format";
