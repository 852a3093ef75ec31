"use strict";
// GitHub's REST spec, fetched on demand: @octokit/openapi ships it, but installed the package takes ~470 MB, too much
// for every `npm ci`. The benchmark packs the pinned version once (28 MB) and extracts only the file it needs into
// node_modules/.cache/apigen-bench.
const { existsSync, mkdirSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");

const OCTOKIT_OPENAPI = "@octokit/openapi@23.0.2";
const CACHE = join(__dirname, "..", "..", "node_modules", ".cache", "apigen-bench");

/** Path of `generated/<file>` from the pinned @octokit/openapi, downloading it on first use; undefined if that fails. */
function octokitSpec(file) {
  const target = join(CACHE, "package", "generated", file);
  if (existsSync(target)) return target;
  mkdirSync(CACHE, { recursive: true });
  let tarball = readdirSync(CACHE).find((f) => f.startsWith("octokit-openapi-") && f.endsWith(".tgz"));
  if (!tarball) {
    const pack = spawnSync("npm", ["pack", OCTOKIT_OPENAPI, "--pack-destination", CACHE, "--silent"], { encoding: "utf8" });
    if (pack.status !== 0) return undefined;
    tarball = readdirSync(CACHE).find((f) => f.startsWith("octokit-openapi-") && f.endsWith(".tgz"));
    if (!tarball) return undefined;
  }
  const untar = spawnSync("tar", ["-xzf", join(CACHE, tarball), "-C", CACHE, `package/generated/${file}`], { encoding: "utf8" });
  return untar.status === 0 && existsSync(target) ? target : undefined;
}

module.exports = { octokitSpec, OCTOKIT_OPENAPI };
