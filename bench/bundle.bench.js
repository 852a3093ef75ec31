"use strict";
// Browser bundle size of one call: `getClusterRestoreJob` from the whole generated Atlas client, bundled by esbuild
// (ESM, minified, browser platform) and gzipped, beside the same call through the whole `createClient` object, and
// through openapi-fetch with openapi-typescript's types (which validate nothing). Sizes are deterministic; no
// rounds are needed. The budget (issue 17): one operation ≤ 20 KB min+gzip, goal ≤ 10 KB.
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");
const { gzipSync } = require("node:zlib");
const esbuild = require("esbuild");

const ROOT = join(__dirname, "..");
const SPEC = join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml");
const PATH = "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}";
const PARAMS = '{ groupId: "32b6e34b3d91647abb20e7b8", clusterName: "Cluster0", jobId: "5e4f8f1b3d91647abb20e7c1" }';

const ENTRIES = {
  "apigen: one operation (standalone function)": `
    import { createCore, getClusterRestoreJob } from "./client/index.js";
    const core = createCore({ auth: { type: "bearer", token: "t" } });
    getClusterRestoreJob(core, ${PARAMS}).then((job) => console.log(job.statusName));`,
  "apigen: one operation, digest auth": `
    import { createCore, getClusterRestoreJob } from "./client/index.js";
    const core = createCore({ auth: { type: "digest", publicKey: "p", privateKey: "k" } });
    getClusterRestoreJob(core, ${PARAMS}).then((job) => console.log(job.statusName));`,
  "apigen: createClient (every operation)": `
    import { createClient } from "./client/index.js";
    const client = createClient({ auth: { type: "bearer", token: "t" } });
    client.legacyBackup.getClusterRestoreJob(${PARAMS}).then((job) => console.log(job.statusName));`,
  "openapi-fetch + openapi-typescript types (no validation)": `
    import createClient from "openapi-fetch";
    const client = createClient({ baseUrl: "https://cloud.mongodb.com", headers: { authorization: "Bearer t" } });
    client.GET(${JSON.stringify(PATH)}, { params: { path: ${PARAMS} } }).then(({ data }) => console.log(data?.statusName));`,
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "apigen-bundle-"));
  try {
    const gen = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", SPEC, "--out", join(dir, "client"), "--no-cache", "--quiet"], { encoding: "utf8" });
    if (gen.status !== 0) throw new Error(`apigen failed: ${gen.stderr}`);
    const rows = [];
    for (const [label, source] of Object.entries(ENTRIES)) {
      const entry = join(dir, `entry-${rows.length}.ts`);
      writeFileSync(entry, source);
      const result = await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        write: false,
        nodePaths: [join(ROOT, "node_modules")],
        logLevel: "silent",
      });
      const code = result.outputFiles[0].contents;
      rows.push({ label, min: code.length, gzip: gzipSync(code, { level: 9 }).length });
    }
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`Browser bundle of one getClusterRestoreJob call, whole Atlas spec (esbuild ${esbuild.version}, minified, gzip -9)\n`);
    console.log("| bundle | minified | min+gzip |");
    console.log("| --- | --- | --- |");
    for (const r of rows) console.log(`| ${r.label} | ${kb(r.min)} | ${kb(r.gzip)} |`);
    const one = rows[0];
    console.log(`\nbudget: one operation ≤ 20 KB min+gzip (goal ≤ 10 KB): ${kb(one.gzip)} — ${one.gzip <= 10 * 1024 ? "within the goal" : one.gzip <= 20 * 1024 ? "within the budget" : "OVER the budget"}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
