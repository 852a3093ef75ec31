// apigen diff: spec-level classes on small spec pairs, the TypeScript checker's verdict beside them, the report
// formats, the whole Atlas spec, and the command's exit codes as a real process.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diff, formatReport, type Change, type DiffReport } from "../generator/api";
import { md } from "../generator/diff/format";
import { miniSpec, ROOT, tempDir, toYaml } from "./helpers";

type Doc = Record<string, unknown>;

const dir = tempDir("apigen-diff-");
afterAll(() => dir.cleanup());
let n = 0;

async function diffDocs(oldDoc: Doc | string, newDoc: Doc | string, typecheck = true): Promise<DiffReport> {
  n++;
  const oldPath = dir.write(`${n}/old.yaml`, typeof oldDoc === "string" ? oldDoc : toYaml(oldDoc));
  const newPath = dir.write(`${n}/new.yaml`, typeof newDoc === "string" ? newDoc : toYaml(newDoc));
  const outcome = await diff({ old: oldPath, new: newPath, typecheck });
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join("\n"));
  return outcome.report;
}

function all(report: DiffReport): Change[] {
  return [...report.api, ...report.operations.flatMap((o) => o.changes), ...report.types.flatMap((t) => t.changes)];
}

function codes(report: DiffReport, cls?: Change["class"]): string[] {
  return all(report).filter((c) => cls === undefined || c.class === cls).map((c) => c.code).sort();
}

/** miniSpec with the getPet operation's parts replaced. */
function withGetPet(patch: Doc, specPatch: Doc = {}): Doc {
  const doc = miniSpec(specPatch) as { paths: Record<string, Record<string, Doc>> };
  const op = doc.paths["/pets/{petId}"]!["get"]!;
  Object.assign(op, patch);
  return doc;
}

const petIdParam = { name: "petId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]+$" } };
const ok200 = { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } };

describe("breaking", () => {
  test("an operation removed", async () => {
    const old = miniSpec();
    const next = miniSpec({ paths: { "/other": { get: { operationId: "other", responses: { "204": { description: "none" } } } } } });
    const report = await diffDocs(old, next);
    expect(report.operations.find((o) => o.operationId === "getPet")?.changes.map((c) => [c.class, c.code])).toEqual([["breaking", "operation-removed"]]);
    expect(codes(report, "compatible")).toContain("operation-added");
    expect(report.summary.breaking).toBeGreaterThan(0);
  });

  test("an operation renamed (same method and path, another operationId)", async () => {
    const report = await diffDocs(miniSpec(), withGetPet({ operationId: "fetchPet" }));
    expect(codes(report)).toEqual(["operation-renamed"]);
    expect(all(report)[0]?.message).toContain("getPet to fetchPet");
  });

  test("a parameter made required: the spec rule and the checker agree", async () => {
    const optional = withGetPet({ parameters: [petIdParam, { name: "verbose", in: "query", schema: { type: "boolean" } }] });
    const required = withGetPet({ parameters: [petIdParam, { name: "verbose", in: "query", required: true, schema: { type: "boolean" } }] });
    const report = await diffDocs(optional, required);
    expect(codes(report, "breaking")).toEqual(["parameter-required"]);
    expect(report.summary.typesChecked).toBe(1);
    expect(report.disagreements).toEqual([]);
  });

  test("a parameter added as required, and one removed", async () => {
    const report = await diffDocs(withGetPet({ parameters: [petIdParam, { name: "a", in: "query", schema: { type: "string" } }] }),
      withGetPet({ parameters: [petIdParam, { name: "b", in: "header", required: true, schema: { type: "string" } }] }));
    expect(codes(report, "breaking")).toEqual(["parameter-added-required", "parameter-removed"]);
    expect(report.disagreements).toEqual([]);
  });

  test("a request property narrowed (enum value removed) and made required", async () => {
    const body = (required: string[], values: string[]) => ({
      requestBody: { required: true, content: { "application/json": { schema: { type: "object", required, properties: { kind: { type: "string", enum: values }, note: { type: "string" } } } } } },
    });
    const report = await diffDocs(withGetPet({ ...body([], ["a", "b"]) }), withGetPet({ ...body(["note"], ["a"]) }));
    expect(codes(report, "breaking")).toEqual(["enum-value-removed", "request-property-required"]);
    expect(report.disagreements).toEqual([]);
  });

  test("a new pattern on a parameter: breaking by the spec rule, which the checker cannot see (reported)", async () => {
    const report = await diffDocs(withGetPet({ parameters: [{ ...petIdParam, schema: { type: "string" } }] }), withGetPet({ parameters: [petIdParam] }));
    expect(codes(report, "breaking")).toEqual(["pattern-added"]);
    expect(report.disagreements).toEqual([expect.objectContaining({ type: "GetPetParams", direction: "request", spec: "breaking", checker: "compatible" })]);
  });

  test("a response property made optional, another changed in type", async () => {
    const pet = (required: string[], nameType: string) => ({ components: { schemas: { Pet: { type: "object", required, properties: { id: { type: "integer" }, name: { type: nameType } } } } } });
    const report = await diffDocs(miniSpec(pet(["id"], "string")), miniSpec(pet([], "integer")));
    expect(report.types.map((t) => t.type)).toEqual(["Pet"]);
    expect(codes(report, "breaking")).toEqual(["response-property-optional", "type-changed"]);
    expect(report.disagreements).toEqual([]);
  });

  test("a success status and a media type removed; security added; the server changed", async () => {
    const old = withGetPet({ responses: { ...ok200, "201": { description: "made", content: { "application/json": { schema: { type: "string" } }, "text/plain": { schema: { type: "string" } } } } } });
    const next = withGetPet(
      { responses: { "201": { description: "made", content: { "application/json": { schema: { type: "string" } } } } }, security: [{ key: [] }] },
      { servers: [{ url: "https://api2.example.test" }], components: { ...(miniSpec().components as Doc), securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } } },
    );
    const report = await diffDocs(old, next);
    expect(codes(report, "breaking")).toEqual(["media-type-removed", "security-changed", "server-changed", "status-removed"]);
  });

  test("BackupRestoreJob.statusName renamed in the restore-job spec: breaking for the response, and the checker agrees", async () => {
    const text = readFileSync(join(ROOT, "spec", "atlas-restore-job.yaml"), "utf8");
    const renamed = text.replace(/^ {8}statusName:$/m, "        statusLabel:"); // the first one: BackupRestoreJob's
    expect(renamed).not.toBe(text);
    const report = await diffDocs(text, renamed);
    const job = report.types.find((t) => t.type === "BackupRestoreJob");
    expect(job?.changes.map((c) => [c.class, c.code, c.direction])).toEqual([
      ["breaking", "response-property-removed", "response"],
      ["compatible", "response-property-added", "response"],
    ]);
    expect(job?.changes[0]?.location).toMatchObject({ line: expect.any(Number), pointer: "/components/schemas/BackupRestoreJob/properties/statusName" });
    expect(report.summary.typesChecked).toBeGreaterThan(0);
    expect(report.disagreements).toEqual([]);
    expect(formatReport(report, "text")).toMatch(/breaking +BackupRestoreJob\.statusName: property removed/);
  });
});

describe("security, judged as its consumers see it", () => {
  const schemes = { digest: { type: "http", scheme: "digest" }, sa: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.test/token", scopes: { read: "r", write: "w" } } } }, key: { type: "apiKey", in: "header", name: "X-Key" } };
  const secured = (security: Doc[] | undefined) => withGetPet(security === undefined ? {} : { security }, { components: { ...(miniSpec().components as Doc), securitySchemes: schemes } });
  const verdict = async (before: Doc[] | undefined, after: Doc[] | undefined) => {
    const report = await diffDocs(secured(before), secured(after), false);
    return all(report).filter((c) => c.code.startsWith("security")).map((c) => `${c.class} ${c.code}`);
  };

  test.each([
    ["an alternative added (Atlas: DigestAuth → ServiceAccounts or DigestAuth)", [{ digest: [] }], [{ sa: [] }, { digest: [] }], "compatible security-relaxed"],
    ["a scheme dropped from a combined requirement", [{ digest: [], key: [] }], [{ digest: [] }], "compatible security-relaxed"],
    ["a scope dropped", [{ sa: ["read", "write"] }], [{ sa: ["read"] }], "compatible security-relaxed"],
    ["security removed", [{ digest: [] }], [], "compatible security-removed"],
    ["an alternative lost", [{ sa: [] }, { digest: [] }], [{ sa: [] }], "breaking security-changed"],
    ["the scheme replaced", [{ digest: [] }], [{ sa: [] }], "breaking security-changed"],
    ["a scheme required on top", [{ digest: [] }], [{ digest: [], key: [] }], "breaking security-changed"],
    ["a scope required on top", [{ sa: ["read"] }], [{ sa: ["read", "write"] }], "breaking security-changed"],
    ["security added where none was", [], [{ digest: [] }], "breaking security-changed"],
  ])("%s", async (_, before, after, expected) => {
    expect(await verdict(before, after)).toEqual([expected]);
  });

  test("the breaking message names who is cut off", async () => {
    const report = await diffDocs(secured([{ sa: [] }, { digest: [] }]), secured([{ sa: [] }]), false);
    expect(all(report).find((c) => c.code === "security-changed")?.message).toBe("GET /pets/{petId}: security changed from sa or digest to sa; callers using digest are no longer accepted");
  });
});

test("a change no spec-level rule covers (a response const) is caught by the checker and counted as breaking", async () => {
  const pet = (value: string) => ({ components: { schemas: { Pet: { type: "object", required: ["kind"], properties: { kind: { const: value } } } } } });
  const report = await diffDocs(miniSpec(pet("cat"), "3.1.0"), miniSpec(pet("dog"), "3.1.0"));
  expect(codes(report)).toEqual([]);
  expect(report.disagreements).toEqual([expect.objectContaining({ type: "Pet", direction: "response", spec: "unchanged", checker: "breaking" })]);
  expect(report.disagreements[0]?.detail).toMatch(/"dog".*"cat"/);
  expect(report.summary.breaking).toBe(1);
  expect(formatReport(report, "text")).toContain("spec rules and TypeScript checker disagree");
});

describe("warning and compatible", () => {
  test("an enum value added to a response, a deprecation, a sunset moved earlier", async () => {
    const pet = (values: string[]) => ({ components: { schemas: { Pet: { type: "object", properties: { state: { type: "string", enum: values } } } } } });
    const old = withGetPet({ "x-sunset": "2027-06-01" }, pet(["a"]));
    const next = withGetPet({ deprecated: true, "x-sunset": "2027-01-01" }, pet(["a", "b"]));
    const report = await diffDocs(old, next);
    expect(codes(report, "warning")).toEqual(["deprecated", "enum-value-added", "sunset"]);
    expect(codes(report, "breaking")).toEqual([]);
    // The checker sees the wider union as breaking for the response type: reported, not hidden.
    expect(report.disagreements).toEqual([expect.objectContaining({ type: "Pet", direction: "response", spec: "warning", checker: "breaking" })]);
    expect(report.summary.breaking).toBe(0); // the rule's deliberate warning stands; the disagreement is shown
  });

  test("a sunset moved later is no change", async () => {
    const report = await diffDocs(withGetPet({ "x-sunset": "2027-01-01" }), withGetPet({ "x-sunset": "2027-06-01" }));
    expect(codes(report)).toEqual([]);
  });

  test("an operation, an optional parameter and a response property added: compatible only", async () => {
    const old = miniSpec();
    const next = withGetPet({ parameters: [petIdParam, { name: "fields", in: "query", schema: { type: "string" } }] }, {
      components: { schemas: { Pet: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" }, age: { type: "integer" } } } } },
    });
    (next["paths"] as Doc)["/pets"] = { get: { operationId: "listPets", responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } } } };
    const report = await diffDocs(old, next);
    expect(codes(report)).toEqual(["operation-added", "parameter-added", "response-property-added"]);
    expect(report.summary).toMatchObject({ breaking: 0, warning: 0, compatible: 3, disagreements: 0 });
  });
});

describe("the report", () => {
  test("Markdown escapes spec text: no HTML, no broken table, no closed code span", async () => {
    const evil = "x|y <img src=x onerror=alert(1)> `code`\n| new row |";
    const pet = (values: string[]) => ({ components: { schemas: { Pet: { type: "object", properties: { state: { type: "string", enum: values } } } } } });
    const report = await diffDocs(miniSpec(pet(["a"])), miniSpec(pet(["a", evil])), false);
    const text = formatReport(report, "markdown");
    expect(text).not.toContain("<img");
    expect(text).not.toContain("`code`");
    const rows = text.split("\n").filter((l) => /^\| (type|operation|API) /.test(l)); // the change tables' rows
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.replace(/\\\|/g, "").match(/\|/g)?.length).toBe(4); // three cells each
    expect(md("a\r\nb|c")).toBe("a b&#124;c");
  });

  test("Markdown: summary table by kind and verdict, breaking changes first, the rest folded in <details>", async () => {
    const old = withGetPet({ parameters: [petIdParam, { name: "gone", in: "query", schema: { type: "string" } }] });
    const next = withGetPet({ deprecated: true, parameters: [petIdParam, { name: "fields", in: "query", schema: { type: "string" } }] });
    const text = formatReport(await diffDocs(old, next, false), "markdown");
    expect(text).toContain("| kind | breaking | warning | compatible |\n| --- | ---: | ---: | ---: |\n| parameter-removed | 1 |  |  |\n| deprecated |  | 1 |  |\n| parameter-added |  |  | 1 |\n");
    const order = ["| kind |", "#### Breaking changes", "query parameter gone removed", "<details><summary>Warnings (1)</summary>", "operation deprecated", "</details>", "<details><summary>Compatible changes (1)</summary>", "query parameter fields added"];
    const at = order.map((part) => text.indexOf(part));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).not.toContain("entries left out");
  });

  test("Markdown past the cap: compatible rows go first, the note counts what was left out and how to get it all", async () => {
    const many = (prefix: string) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`/${prefix}${i}`, { get: { operationId: `${prefix}${i}`, responses: { "204": { description: "none" } } } }]));
    const old = miniSpec({ paths: { ...(miniSpec().paths as Doc), ...many("old") } });
    const next = miniSpec({ paths: { ...(miniSpec().paths as Doc), ...many("new") } });
    const report = await diffDocs(old, next, false);
    const full = formatReport(report, "markdown", { maxBytes: 0 });
    expect(full).toContain("operation new39 added");
    const capped = formatReport(report, "markdown", { maxBytes: 6000 });
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(6000);
    expect(capped).toContain("operation old0 removed"); // breaking rows are kept before any compatible one
    expect(capped).not.toContain("operation new39 added");
    const note = capped.match(/\*\*(\d+) of 80 entries left out\*\* \(([^)]*)\)/);
    expect(note).not.toBeNull();
    const shown = (capped.match(/^\| operation `/gm) ?? []).length;
    expect(Number(note?.[1])).toBe(80 - shown);
    expect(capped).toContain("--format json");
    expect(capped).toContain("| operation-removed | 40 |  |  |"); // the summary still counts everything
  });

  test("JSON is deterministic and the same for the same input", async () => {
    const old = withGetPet({ parameters: [petIdParam, { name: "z", in: "query", schema: { type: "string" } }, { name: "a", in: "query", schema: { type: "string" } }] });
    const next = withGetPet({ parameters: [petIdParam] });
    const first = formatReport(await diffDocs(old, next, false), "json");
    const second = formatReport(await diffDocs(old, next, false), "json");
    expect(first.replace(/\/\d+\/(old|new)\.yaml/g, "")).toBe(second.replace(/\/\d+\/(old|new)\.yaml/g, ""));
    expect(Object.keys(JSON.parse(first))).toEqual(["old", "new", "summary", "api", "operations", "types", "disagreements"]);
    expect(JSON.parse(first).operations[0].changes.map((c: Change) => c.message)).toEqual(["query parameter a removed", "query parameter z removed"]);
  });

  test("a bad spec is refused with its side named", async () => {
    const oldPath = dir.write("bad/old.yaml", toYaml(miniSpec()));
    const newPath = dir.write("bad/new.yaml", "openapi: 3.0.3\ninfo: [\n");
    const outcome = await diff({ old: oldPath, new: newPath });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.errors[0]?.message).toMatch(/^new spec: /);
      expect(outcome.errors[0]?.location?.line).toEqual(expect.any(Number));
    }
  });
});

test("the whole Atlas spec against a copy with one change: finishes, finds the one change", async () => {
  const text = readFileSync(join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml"), "utf8");
  const lines = text.split("\n");
  const at = lines.findIndex((l, i) => l === "        statusName:" && lines.slice(0, i).some((p) => p === "    BackupRestoreJob:"));
  lines[at] = "        statusLabel:";
  const started = performance.now();
  const report = await diffDocs(text, lines.join("\n"));
  // Printed, not asserted: speed is measured, never a test condition.
  console.log(`apigen diff, whole Atlas spec against an edited copy: ${Math.round(performance.now() - started)} ms`);
  expect(report.types.map((t) => t.type)).toEqual(["BackupRestoreJob"]);
  expect(codes(report, "breaking")).toEqual(["response-property-removed"]);
  expect(report.operations).toEqual([]);
}, 120_000);

describe("the command", () => {
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), ...args], { cwd, encoding: "utf8" });
  const withParam = (required: boolean) => toYaml(withGetPet({ parameters: [petIdParam, { name: "q", in: "query", required, schema: { type: "string" } }] }));

  test("exit codes: 1 on a breaking change, 0 with --fail-on never or when only compatible, 1 on usage errors", () => {
    const work = tempDir("apigen-diff-cli-");
    try {
      work.write("old.yaml", withParam(false));
      work.write("new.yaml", withParam(true));
      const breaking = cli(["diff", "old.yaml", "new.yaml"], work.path);
      expect(breaking.status).toBe(1);
      expect(breaking.stdout).toContain("query parameter q is now required");
      expect(cli(["diff", "old.yaml", "new.yaml", "--fail-on", "never"], work.path).status).toBe(0);
      const reverse = cli(["diff", "new.yaml", "old.yaml", "--format", "json"], work.path);
      expect(reverse.status).toBe(0);
      expect(JSON.parse(reverse.stdout).summary.breaking).toBe(0);
      const markdown = cli(["diff", "old.yaml", "new.yaml", "--format=markdown", "--fail-on=warning"], work.path);
      expect(markdown.status).toBe(1);
      expect(markdown.stdout).toMatch(/^### apigen diff/);
      for (const args of [["diff", "old.yaml"], ["diff", "old.yaml", "new.yaml", "--format", "html"], ["diff", "old.yaml", "new.yaml", "--fail-on", "sometimes"], ["diff", "--nope", "a", "b"]]) {
        const run = cli(args, work.path);
        expect(run.status).toBe(1);
        expect(run.stderr).toContain("error APIGEN_USAGE");
      }
      const missing = cli(["diff", "old.yaml", "absent.yaml"], work.path);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/absent\.yaml.*new spec: /);
      expect(missing.stderr).toContain("hint: check the path given as NEW_SPEC");
      expect(missing.stderr).not.toContain("--spec");
      const misspelt = cli(["diff", "old.yaml", "new.yaml", "--fromat", "json"], work.path);
      expect(misspelt.stderr).toContain('unknown option "--fromat" for diff (did you mean --format?)');
      const capped = cli(["diff", "old.yaml", "new.yaml", "--format", "markdown", "--max-bytes", "900"], work.path);
      expect(capped.stdout).toMatch(/\*\*1 of 1 entries left out\*\* \(1 breaking\)/);
      expect(cli(["diff", "old.yaml", "new.yaml", "--max-bytes", "900"], work.path).stderr).toContain("--max-bytes goes with --format markdown");
    } finally {
      work.cleanup();
    }
  });

  test("apigen generate prints one surface line when the spec changed since the last run", () => {
    const work = tempDir("apigen-diff-gen-");
    try {
      const env = { ...process.env, APIGEN_CACHE_DIR: join(work.path, "cache") };
      const generate = () => spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), "generate", "--spec", "api.yaml", "--out", "out"], { cwd: work.path, encoding: "utf8", env });
      work.write("api.yaml", withParam(false));
      expect(generate().stdout).not.toContain("surface");
      work.write("api.yaml", withParam(true));
      expect(generate().stdout).toContain("apigen: surface since the last run: 1 breaking change, 0 warnings: run apigen diff for details\n");
      expect(generate().stdout).not.toContain("surface"); // unchanged since: nothing to say
    } finally {
      work.cleanup();
    }
  });

  test("--base reads the old side from git", () => {
    const work = tempDir("apigen-diff-git-");
    try {
      const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", "-c", "commit.gpgsign=false", ...args], { cwd: work.path, stdio: "pipe" });
      git("init", "-q");
      work.write("specs/api.yaml", withParam(false));
      git("add", ".");
      git("commit", "-qm", "first");
      work.write("specs/api.yaml", withParam(true));
      const run = cli(["diff", "--base", "HEAD", "specs/api.yaml", "--format", "json"], work.path);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout) as DiffReport;
      expect(report.old).toBe("HEAD:specs/api.yaml");
      expect(codes(report, "breaking")).toEqual(["parameter-required"]);
      // From a config file's targets when no spec is named.
      work.write("apigen.config.json", JSON.stringify({ targets: [{ spec: "specs/api.yaml", out: "out" }] }));
      const fromConfig = cli(["diff", "--base", "HEAD", "--fail-on", "never"], work.path);
      expect(fromConfig.status).toBe(0);
      expect(fromConfig.stdout).toContain("query parameter q is now required");
      const badRev = cli(["diff", "--base", "no-such-rev", "specs/api.yaml"], work.path);
      expect(badRev.status).toBe(1);
      expect(badRev.stderr).toContain("APIGEN_DIFF_BASE");
    } finally {
      work.cleanup();
    }
  });
});

describe("the checker's project", () => {
  test("ts-morph is not loaded by importing the API (diff loads it on first use)", () => {
    const script = "require('./dist/api.js'); process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes('/node_modules/ts-morph/'))))";
    expect(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" })).toBe("false");
  });

  test("types.ts is pruned to what the checked types reach, declarations kept as rendered", () => {
    const { ts } = require("ts-morph") as typeof import("ts-morph");
    const text = 'import type { X } from "./runtime/types.js";\n/** A */\nexport type A = { b: B };\n\nexport type B = string;\n\nexport interface C { a?: A }\n\nexport type D = number;\n';
    const { prune } = require("../generator/diff/typecheck") as typeof import("../generator/diff/typecheck");
    expect(prune(ts, text, ["C"])).toBe('import type { X } from "./runtime/types.js";\n/** A */\nexport type A = { b: B };\n\nexport type B = string;\n\nexport interface C { a?: A }\n');
    expect(prune(ts, text, ["D"])).toBe('import type { X } from "./runtime/types.js";\n\nexport type D = number;\n');
  });
});
