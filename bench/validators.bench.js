#!/usr/bin/env node
// Benchmark (issue 4): apigen's generated validator vs ajv's compiled validator (same schema, allErrors: true)
// vs a hand-written check (the practical limit), on the BackupRestoreJob 200 example of
// spec/atlas-restore-job.yaml — valid, and an invalid variant with several errors, all collected.
// Contenders run interleaved, in rounds, in one process, timed by CPU time; per-round ratios are reported (median, min–max).
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
  const toCommonJs = (file) => ts.transpileModule(readFileSync(join(out, file), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(out, "runtime", "formats.js"), toCommonJs("runtime/formats.ts")); // what validators.ts imports
  writeFileSync(join(out, "validators.cjs"), toCommonJs("validators.ts"));
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

// ---- a hand-written check: the practical limit. What a careful person writes for this one schema when speed
// matters: every property read by name (monomorphic loads, no dynamic keys), fully unrolled, precompiled patterns,
// all errors collected. It reads properties directly and so does not guard against inherited keys (apigen does).
const HEX24 = /^([a-f0-9]{24})$/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
const OPLOG_TS = new RegExp(document.components.schemas.BackupRestoreJob.properties.oplogTs.pattern, "u");
// Formats parsed by character code, as a careful person would on a hot path (a capturing regex allocates its
// match; apigen's runtime/formats.ts parses by character too, so the regex versions would flatter apigen).
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function num(s, i, n) {
  let v = 0;
  for (let end = i + n; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}
function isDateTime(s) {
  const y = num(s, 0, 4), mo = num(s, 5, 2), d = num(s, 8, 2), h = num(s, 11, 2), mi = num(s, 14, 2), sec = num(s, 17, 2);
  const t = s.charCodeAt(10);
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (t !== 84 && t !== 116 && t !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && leap ? 29 : DAYS[mo]) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return false;
  let i = 19;
  if (s.charCodeAt(i) === 46) {
    const start = ++i;
    while (num(s, i, 1) >= 0) i++;
    if (i === start) return false;
  }
  const z = s.charCodeAt(i);
  let offset = 0;
  if (z === 90 || z === 122) {
    if (i + 1 !== s.length) return false;
  } else {
    const oh = num(s, i + 1, 2), om = num(s, i + 4, 2);
    if ((z !== 43 && z !== 45) || i + 6 !== s.length || s.charCodeAt(i + 3) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) return false;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
  }
  return sec !== 60 || (((h * 60 + mi - offset) % 1440) + 1440) % 1440 === 1439; // leap second: 23:59:60 UTC only
}
function isUuid(s) {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 0x2d : !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}
const isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt32 = (n) => n >= -2147483648 && n <= 2147483647;
const typeError = (e, path, type) => e.push({ path, keyword: "type", message: "must be " + type });
const patternError = (e, path) => e.push({ path, keyword: "pattern", message: "must match pattern" });
function checkLinks(x, p, e) {
  if (!Array.isArray(x)) return typeError(e, p, "array");
  for (let i = 0; i < x.length; i++) {
    const l = x[i];
    const lp = p + "/" + i;
    if (!isObj(l)) { typeError(e, lp, "object"); continue; }
    if (l.href !== undefined && typeof l.href !== "string") typeError(e, lp + "/href", "string");
    if (l.rel !== undefined && typeof l.rel !== "string") typeError(e, lp + "/rel", "string");
  }
}
function handCheck(v) {
  const e = [];
  if (!isObj(v)) return [{ path: "", keyword: "type", message: "must be object" }];
  let x = v.batchId;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/batchId", "string"); else if (!HEX24.test(x)) patternError(e, "/batchId"); }
  x = v.checkpointId;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/checkpointId", "string"); else if (!HEX24.test(x)) patternError(e, "/checkpointId"); }
  x = v.clusterId;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/clusterId", "string"); else if (!HEX24.test(x)) patternError(e, "/clusterId"); }
  x = v.clusterName;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/clusterName", "string"); else if (!NAME.test(x)) patternError(e, "/clusterName"); }
  x = v.created;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/created", "string"); else if (!isDateTime(x)) e.push({ path: "/created", keyword: "format", message: 'must match format "date-time"' }); }
  const d = v.delivery;
  if (d === undefined) e.push({ path: "", keyword: "required", message: 'must have required property "delivery"' });
  else if (!isObj(d)) typeError(e, "/delivery", "object");
  else {
    if (d.authHeader !== undefined && typeof d.authHeader !== "string") typeError(e, "/delivery/authHeader", "string");
    if (d.authValue !== undefined && typeof d.authValue !== "string") typeError(e, "/delivery/authValue", "string");
    x = d.expirationHours;
    if (x !== undefined) { if (!Number.isInteger(x)) typeError(e, "/delivery/expirationHours", "integer"); else { if (x < 1) e.push({ path: "/delivery/expirationHours", keyword: "minimum", message: "must be >= 1" }); if (!isInt32(x)) e.push({ path: "/delivery/expirationHours", keyword: "format", message: 'must match format "int32"' }); } }
    x = d.expires;
    if (x !== undefined) { if (typeof x !== "string") typeError(e, "/delivery/expires", "string"); else if (!isDateTime(x)) e.push({ path: "/delivery/expires", keyword: "format", message: 'must match format "date-time"' }); }
    x = d.maxDownloads;
    if (x !== undefined) { if (!Number.isInteger(x)) typeError(e, "/delivery/maxDownloads", "integer"); else { if (x < 1) e.push({ path: "/delivery/maxDownloads", keyword: "minimum", message: "must be >= 1" }); if (!isInt32(x)) e.push({ path: "/delivery/maxDownloads", keyword: "format", message: 'must match format "int32"' }); } }
    x = d.methodName;
    if (x === undefined) e.push({ path: "/delivery", keyword: "required", message: 'must have required property "methodName"' });
    else if (typeof x !== "string") typeError(e, "/delivery/methodName", "string");
    if (d.statusName !== undefined && typeof d.statusName !== "string") typeError(e, "/delivery/statusName", "string");
    x = d.targetClusterId;
    if (x !== undefined) { if (typeof x !== "string") typeError(e, "/delivery/targetClusterId", "string"); else if (!HEX24.test(x)) patternError(e, "/delivery/targetClusterId"); }
    x = d.targetClusterName;
    if (x !== undefined) { if (typeof x !== "string") typeError(e, "/delivery/targetClusterName", "string"); else if (!NAME.test(x)) patternError(e, "/delivery/targetClusterName"); }
    x = d.targetGroupId;
    if (x !== undefined) { if (typeof x !== "string") typeError(e, "/delivery/targetGroupId", "string"); else if (!HEX24.test(x)) patternError(e, "/delivery/targetGroupId"); }
    if (d.url !== undefined && typeof d.url !== "string") typeError(e, "/delivery/url", "string");
    if (d.urlV2 !== undefined && typeof d.urlV2 !== "string") typeError(e, "/delivery/urlV2", "string");
  }
  if (v.deploymentJobId !== undefined && typeof v.deploymentJobId !== "string") typeError(e, "/deploymentJobId", "string");
  if (v.encryptionEnabled !== undefined && typeof v.encryptionEnabled !== "boolean") typeError(e, "/encryptionEnabled", "boolean");
  x = v.groupId;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/groupId", "string"); else if (!HEX24.test(x)) patternError(e, "/groupId"); }
  const h = v.hashes;
  if (h !== undefined) {
    if (!Array.isArray(h)) typeError(e, "/hashes", "array");
    else for (let i = 0; i < h.length; i++) {
      const f = h[i];
      const hp = "/hashes/" + i;
      if (!isObj(f)) { typeError(e, hp, "object"); continue; }
      if (f.fileName !== undefined && typeof f.fileName !== "string") typeError(e, hp + "/fileName", "string");
      if (f.hash !== undefined && typeof f.hash !== "string") typeError(e, hp + "/hash", "string");
      if (f.links !== undefined) checkLinks(f.links, hp + "/links", e);
      if (f.typeName !== undefined && typeof f.typeName !== "string") typeError(e, hp + "/typeName", "string");
    }
  }
  x = v.id;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/id", "string"); else if (!HEX24.test(x)) patternError(e, "/id"); }
  if (v.links !== undefined) checkLinks(v.links, "/links", e);
  x = v.masterKeyUUID;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/masterKeyUUID", "string"); else if (!isUuid(x)) e.push({ path: "/masterKeyUUID", keyword: "format", message: 'must match format "uuid"' }); }
  x = v.oplogInc;
  if (x !== undefined) { if (!Number.isInteger(x)) typeError(e, "/oplogInc", "integer"); else { if (x < 1) e.push({ path: "/oplogInc", keyword: "minimum", message: "must be >= 1" }); if (!isInt32(x)) e.push({ path: "/oplogInc", keyword: "format", message: 'must match format "int32"' }); } }
  x = v.oplogTs;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/oplogTs", "string"); else if (!OPLOG_TS.test(x)) patternError(e, "/oplogTs"); }
  x = v.pointInTimeUTCMillis;
  if (x !== undefined) { if (!Number.isInteger(x)) typeError(e, "/pointInTimeUTCMillis", "integer"); else if (x < 1199145600000) e.push({ path: "/pointInTimeUTCMillis", keyword: "minimum", message: "must be >= 1199145600000" }); }
  x = v.snapshotId;
  if (x !== undefined) { if (typeof x !== "string") typeError(e, "/snapshotId", "string"); else if (!HEX24.test(x)) patternError(e, "/snapshotId"); }
  if (v.statusName !== undefined && typeof v.statusName !== "string") typeError(e, "/statusName", "string");
  const t = v.timestamp;
  if (t !== undefined) {
    if (!isObj(t)) typeError(e, "/timestamp", "object");
    else {
      x = t.date;
      if (x !== undefined) { if (typeof x !== "string") typeError(e, "/timestamp/date", "string"); else if (!isDateTime(x)) e.push({ path: "/timestamp/date", keyword: "format", message: 'must match format "date-time"' }); }
      x = t.increment;
      if (x !== undefined) { if (!Number.isInteger(x)) typeError(e, "/timestamp/increment", "integer"); else { if (x < 1199145600) e.push({ path: "/timestamp/increment", keyword: "minimum", message: "must be >= 1199145600" }); if (!isInt32(x)) e.push({ path: "/timestamp/increment", keyword: "format", message: 'must match format "int32"' }); } }
    }
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

// CPU time of this process, not wall time: the machine may be shared, and time spent descheduled is not the
// validator's. Rounds still interleave the contenders, so what remains (caches, frequency) hits them alike.
const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

function measure(run, value) {
  let sink = 0;
  let ops = 0;
  const start = cpuMicros();
  const end = start + ROUND_MS * 1000;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 1000; i++) sink += run(value);
    ops += 1000;
    now = cpuMicros();
  }
  if (sink < 0) console.log(sink);
  return ops / ((now - start) / 1e6);
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
  // Ratios per round (the contenders of one round ran side by side), then their median and spread.
  const ratio = (other) => samples.apigen.map((x, i) => x / samples[other][i]).sort((a, b) => a - b);
  results[label] = { ops: Object.fromEntries(Object.entries(samples).map(([n, xs]) => [n, median(xs)])), ajv: ratio("ajv"), hand: ratio("hand") };
}

const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(12);
const spread = (rs) => `${median(rs).toFixed(2)}x (${rs[0].toFixed(2)}–${rs[rs.length - 1].toFixed(2)})`.padStart(20);
console.log(`\nBackupRestoreJob, ${ROUNDS} interleaved rounds of ${ROUND_MS} ms CPU time each (node ${process.version}); ops/s: median round;`);
console.log("ratios: median of the per-round ratios (min–max over rounds)");
console.log("input     " + Object.keys(contenders).map((n) => `${n} ops/s`.padStart(14)).join("") + "          apigen/ajv         apigen/hand");
for (const [label, r] of Object.entries(results)) {
  console.log(label.padEnd(10) + Object.values(r.ops).map((x) => fmt(x).padStart(14)).join("") + spread(r.ajv) + spread(r.hand));
}
