// Every file below a folder, as paths relative to it with `/` on every platform, sorted: the output folder (its
// runtime/ modules sit in subfolders), the runtime's source, a user's template folder.
import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Missing folder: no files. */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}
