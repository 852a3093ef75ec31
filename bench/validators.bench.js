#!/usr/bin/env node
// Benchmark (issue 4): apigen's generated validator vs ajv's compiled validator (same schema, allErrors: true)
// vs a hand-written check (the practical limit), on the BackupRestoreJob 200 example of
// spec/atlas-restore-job.yaml — valid, and an invalid variant with several errors, all collected.
// Contenders run interleaved, in rounds, in one process; the median round is reported.
//
//   npm run bench:validators            (uses dist/; run `npm run build` after changing the generator)
//   BENCH_ROUNDS=15 BENCH_MS=200 npm run bench:validators
"use strict";
const { execFileSync } = require("node:child_process");
const { mkdtempSync, readFileSync, writeFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const ts = require("typescript");
const YAML = require("yaml");
const Ajv04 = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const ROOT = join(__dirname, "..");
const SPEC = join(ROOT, "spec", "atlas-restore-job.yaml");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const ROUND_MS = Number(process.env.BENCH_MS ?? 150);

// ---- the generated validator ----
const out = mkdtempSync(join(tmpdir(), "apigen-bench-"));
let generated;
try {
  execFileSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", SPEC, "--out", out], { stdio: "pipe" });
  const source = readFileSync(join(out, "validators.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(out, "validators.cjs"), js);
  generated = require(join(out, "validators.cjs"));
} finally {
  rmSync(out, { recursive: true, force: true });
}

// ---- ajv, with every component registered under the document's id so "#/components/schemas/X" refs resolve ----
const document = YAML.parse(readFileSync(SPEC, "utf8"));
const ajv = new (Ajv04.default ?? Ajv04)({ allErrors: true, strict: false });
(addFormats.default ?? addFormats)(ajv);
ajv.addSchema({ id: "atlas.json", components: { schemas: document.components.schemas } });
const ajvValidate = ajv.compile({ $ref: "atlas.json#/components/schemas/BackupRestoreJob" });

// ---- the data ----
const path = "/api/atlas/v2/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}";
const content = document.paths[path].get.responses["200"].content;
const valid = Object.values(content)[0].example;
const invalid = structuredClone(valid);
invalid.id = "not-a-hex-id"; // pattern
invalid.created = "2023-02-30T05:47:47Z"; // format date-time
invalid.delivery.maxDownloads = 0; // minimum
invalid.delivery.expirationHours = 2.5; // type integer
invalid.hashes[0].links = "self"; // type array
invalid.masterKeyUUID = "nope"; // format uuid
invalid.timestamp.increment = 4294967296; // format int32

// ---- a hand-written check: what a careful person would write for this one schema, all errors collected ----
const HEX24 = /^([a-f0-9]{24})$/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const OPLOG_TS = new RegExp(document.components.schemas.BackupRestoreJob.properties.oplogTs.pattern, "u");
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function isDateTime(s) {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= (mo === 2 && leap ? 29 : DAYS[mo]) && +m[4] <= 23 && +m[5] <= 59 && +m[6] <= 60 &&
    (m[7] === undefined || (+m[7] <= 23 && +m[8] <= 59));
}
const isInt32 = (n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
function str(o, k, p, e, re) {
  if (!has(o, k)) return;
  const v = o[k];
  if (typeof v !== "string") e.push({ path: p + "/" + k, keyword: "type", message: "must be string" });
  else if (re && !re.test(v)) e.push({ path: p + "/" + k, keyword: "pattern", message: "must match pattern" });
}
function dateTime(o, k, p, e) {
  if (!has(o, k)) return;
  const v = o[k];
  if (typeof v !== "string") e.push({ path: p + "/" + k, keyword: "type", message: "must be string" });
  else if (!isDateTime(v)) e.push({ path: p + "/" + k, keyword: "format", message: "must match format \"date-time\"" });
}
function int(o, k, p, e, min, int32) {
  if (!has(o, k)) return;
  const v = o[k];
  if (!Number.isInteger(v)) return void e.push({ path: p + "/" + k, keyword: "type", message: "must be integer" });
  if (v < min) e.push({ path: p + "/" + k, keyword: "minimum", message: "must be >= " + min });
  if (int32 && !isInt32(v)) e.push({ path: p + "/" + k, keyword: "format", message: "must match format \"int32\"" });
}
function links(o, k, p, e) {
  if (!has(o, k)) return;
  const v = o[k];
  if (!Array.isArray(v)) return void e.push({ path: p + "/" + k, keyword: "type", message: "must be array" });
  for (let i = 0; i < v.length; i++) {
    const l = v[i];
    const lp = p + "/" + k + "/" + i;
    if (!isObj(l)) e.push({ path: lp, keyword: "type", message: "must be object" });
    else { str(l, "href", lp, e); str(l, "rel", lp, e); }
  }
}
function handCheck(v) {
  const e = [];
  if (!isObj(v)) return [{ path: "", keyword: "type", message: "must be object" }];
  for (const k of ["batchId", "checkpointId", "clusterId", "groupId", "id", "snapshotId"]) str(v, k, "", e, HEX24);
  str(v, "clusterName", "", e, NAME);
  dateTime(v, "created", "", e);
  str(v, "deploymentJobId", "", e);
  if (has(v, "encryptionEnabled") && typeof v.encryptionEnabled !== "boolean") e.push({ path: "/encryptionEnabled", keyword: "type", message: "must be boolean" });
  if (has(v, "hashes")) {
    const h = v.hashes;
    if (!Array.isArray(h)) e.push({ path: "/hashes", keyword: "type", message: "must be array" });
    else for (let i = 0; i < h.length; i++) {
      const x = h[i];
      const hp = "/hashes/" + i;
      if (!isObj(x)) { e.push({ path: hp, keyword: "type", message: "must be object" }); continue; }
      str(x, "fileName", hp, e); str(x, "hash", hp, e); str(x, "typeName", hp, e); links(x, "links", hp, e);
    }
  }
  links(v, "links", "", e);
  if (has(v, "masterKeyUUID")) {
    if (typeof v.masterKeyUUID !== "string") e.push({ path: "/masterKeyUUID", keyword: "type", message: "must be string" });
    else if (!UUID.test(v.masterKeyUUID)) e.push({ path: "/masterKeyUUID", keyword: "format", message: "must match format \"uuid\"" });
  }
  int(v, "oplogInc", "", e, 1, true);
  str(v, "oplogTs", "", e, OPLOG_TS);
  int(v, "pointInTimeUTCMillis", "", e, 1199145600000, false);
  str(v, "statusName", "", e);
  if (!has(v, "delivery")) e.push({ path: "", keyword: "required", message: "must have required property \"delivery\"" });
  else {
    const d = v.delivery;
    if (!isObj(d)) e.push({ path: "/delivery", keyword: "type", message: "must be object" });
    else {
      for (const k of ["authHeader", "authValue", "statusName", "url", "urlV2"]) str(d, k, "/delivery", e);
      int(d, "expirationHours", "/delivery", e, 1, true);
      dateTime(d, "expires", "/delivery", e);
      int(d, "maxDownloads", "/delivery", e, 1, true);
      if (!has(d, "methodName")) e.push({ path: "/delivery", keyword: "required", message: "must have required property \"methodName\"" });
      else str(d, "methodName", "/delivery", e);
      str(d, "targetClusterId", "/delivery", e, HEX24);
      str(d, "targetClusterName", "/delivery", e, NAME);
      str(d, "targetGroupId", "/delivery", e, HEX24);
    }
  }
  if (has(v, "timestamp")) {
    const t = v.timestamp;
    if (!isObj(t)) e.push({ path: "/timestamp", keyword: "type", message: "must be object" });
    else { dateTime(t, "date", "/timestamp", e); int(t, "increment", "/timestamp", e, 1199145600, true); }
  }
  return e;
}

// ---- contenders: each returns the number of issues, so nothing is optimised away ----
const contenders = {
  apigen: (value) => { const r = generated.validateBackupRestoreJob(value); return r.valid ? 0 : r.errors.length; },
  ajv: (value) => (ajvValidate(value) ? 0 : ajvValidate.errors.length),
  hand: (value) => handCheck(value).length,
};

for (const [label, value] of [["valid", valid], ["invalid", invalid]]) {
  const counts = Object.fromEntries(Object.entries(contenders).map(([name, run]) => [name, run(value)]));
  if ((label === "valid") !== Object.values(counts).every((n) => n === 0)) {
    throw new Error(`contenders disagree on the ${label} input: ${JSON.stringify(counts)}`);
  }
  console.log(`${label} input: issues found ${JSON.stringify(counts)}`);
}

function measure(run, value) {
  let sink = 0;
  let ops = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ROUND_MS) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 1000; i++) sink += run(value);
    ops += 1000;
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return ops / (Number(now - start) / 1e9);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const [label, value] of [["valid", valid], ["invalid", invalid]]) {
  const samples = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]));
  for (const run of Object.values(contenders)) measure(run, value); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? Object.keys(contenders) : Object.keys(contenders).reverse();
    for (const name of order) samples[name].push(measure(contenders[name], value));
  }
  results[label] = Object.fromEntries(Object.entries(samples).map(([n, xs]) => [n, median(xs)]));
}

const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(12);
console.log(`\nBackupRestoreJob, median of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms (node ${process.version})`);
console.log("input     " + Object.keys(contenders).map((n) => `${n} ops/s`.padStart(14)).join("") + "   apigen/ajv  apigen/hand");
for (const [label, r] of Object.entries(results)) {
  console.log(label.padEnd(10) + Object.values(r).map((x) => fmt(x).padStart(14)).join("") +
    `${(r.apigen / r.ajv).toFixed(2).padStart(12)}x${(r.apigen / r.hand).toFixed(2).padStart(12)}x`);
}
