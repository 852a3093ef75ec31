#!/usr/bin/env node
"use strict";
// `npm pack` / `npm publish` run `prepack` (strip) and `postpack` (restore) around packing. The tarball's package.json
// leaves out `prepare`: a tarball already holds dist/, and npm 11.16+ warns about every non-registry dependency with a
// `prepare` script "not yet covered by allowScripts". The repository keeps `prepare`, which git-URL installs need
// (npm builds a git dependency by running its `prepare`).
const { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
const manifest = join(root, "package.json");
const saved = join(root, "package.json.prepack");

function strip() {
  // A backup left by a pack that failed before postpack is the real manifest: never overwrite it with a stripped one.
  if (!existsSync(saved)) copyFileSync(manifest, saved);
  const pkg = JSON.parse(readFileSync(saved, "utf8"));
  delete pkg.scripts.prepare;
  writeFileSync(manifest, JSON.stringify(pkg, null, 2) + "\n");
}

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

const command = process.argv[2];
if (command === "strip") strip();
else if (command === "restore") restore();
else {
  process.stderr.write(`usage: node scripts/pack-manifest.js strip|restore (not ${JSON.stringify(command ?? "")})\n`);
  process.exit(2);
}
