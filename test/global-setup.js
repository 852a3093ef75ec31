// The CLI tests run the real command (bin/apigen.js → dist/). Rebuild dist/ when any generator source is newer.
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

module.exports = async () => {
  const root = join(__dirname, "..");
  const dist = join(root, "dist");
  const stale = !existsSync(join(dist, "cli", "main.js")) || newestMtime(join(root, "generator")) > newestMtime(dist);
  if (stale) execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
};
