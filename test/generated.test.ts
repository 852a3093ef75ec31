// The committed output: it is exactly what the generator makes from spec/ now, the same bytes on every run,
// and it compiles with the real tsc under the strictest flags, as ES modules and as CommonJS, then runs.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { enableTypeChecking, NOCHECK_LINE, outputFiles, ROOT, STRICTEST_COMPILER_OPTIONS, tempDir } from "./helpers";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const SPECS = readdirSync(join(ROOT, "spec")).filter((f) => /\.(ya?ml|json)$/.test(f));
const STRICT = { ...STRICTEST_COMPILER_OPTIONS, skipLibCheck: false };

function apigen(args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), ...args], { cwd, encoding: "utf8" });
}

describe.each(SPECS)("generated/ for spec/%s", (specFile) => {
  const name = basename(specFile, extname(specFile));
  const committed = join(ROOT, "generated", name);

  it("is exactly what the generator makes now (drift check: apigen.config.json, as make check runs it)", () => {
    const run = apigen(["generate", "--check"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("has its target in apigen.config.json, writing generated/<name> with the SDK, the CLI and the docs", () => {
    const config = JSON.parse(readFileSync(join(ROOT, "apigen.config.json"), "utf8")) as { outputs?: string[]; targets: { spec: string; out: string }[] };
    expect(config.targets).toContainEqual({ spec: `spec/${specFile}`, out: `generated/${name}` });
    expect(config.outputs).toEqual(["sdk", "cli", "docs"]);
    expect(readdirSync(committed)).toEqual(expect.arrayContaining(["cli.ts", "docs"]));
    expect(readdirSync(join(committed, "docs"))).toContain("README.md");
  });

  it("is byte-for-byte the same on every run", () => {
    const dir = tempDir();
    try {
      for (const out of ["a", "b"]) expect(apigen(["generate", "--spec", join(ROOT, "spec", specFile), "--out", join(dir.path, out), "--outputs", "sdk,cli,docs", "--quiet"]).status).toBe(0);
      for (const file of outputFiles(join(dir.path, "a"))) {
        expect(readFileSync(join(dir.path, "b", file), "utf8")).toBe(readFileSync(join(dir.path, "a", file), "utf8"));
      }
    } finally {
      dir.cleanup();
    }
  });

  it.each([
    // ESM on Node with @types/node; CommonJS with the DOM library only (fetch, URL and AbortSignal from lib.dom).
    ["module", { lib: ["es2022"], types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")], verbatimModuleSyntax: true }],
    ["commonjs", { lib: ["es2022", "dom"], types: [] }],
    // A project with TypeScript's defaults (no strict flags) must compile it too.
    ["commonjs", { lib: ["es2022", "dom"], types: [], strict: false, noUncheckedIndexedAccess: false, exactOptionalPropertyTypes: false }],
  ])("compiles as %s with the real tsc (%j), and runs", (type, env) => {
    const dir = tempDir();
    try {
      cpSync(committed, join(dir.path, "client"), { recursive: true });
      // Without the output's `// @ts-nocheck` lines: every body compiles under these settings too.
      enableTypeChecking(join(dir.path, "client"));
      writeFileSync(join(dir.path, "tsconfig.json"), JSON.stringify({ compilerOptions: { ...STRICT, ...env, outDir: "dist", rootDir: "." }, files: ["consumer.ts"] }));
      writeFileSync(join(dir.path, "package.json"), JSON.stringify({ type }));
      // A consumer that uses the surface the way the README shows.
      writeFileSync(
        join(dir.path, "consumer.ts"),
        [
          'import { createClient, ApiError, schemaValidators, type Client } from "./client/index.js";',
          'const client: Client = createClient({ auth: { type: "bearer", token: () => "t" }, timeoutMs: 5000 });',
          "const call: (p: { groupId: string; clusterName: string; jobId: string; pretty?: boolean }) => Promise<unknown> = (p) => client.legacyBackup.getClusterRestoreJob(p);",
          "export const ready = typeof call === \"function\" && ApiError.name === \"ApiError\";",
          "const names = Object.keys(schemaValidators).sort().join(\",\");",
          "console.log(JSON.stringify({ ready, names }));",
        ].join("\n"),
      );
      const tsc = spawnSync(process.execPath, [TSC, "-p", dir.path], { cwd: dir.path, encoding: "utf8" });
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
      writeFileSync(join(dir.path, "dist", "package.json"), JSON.stringify({ type }));
      const out = execFileSync(process.execPath, [join(dir.path, "dist", "consumer.js")], { encoding: "utf8" });
      const result = JSON.parse(out) as { ready: boolean; names: string };
      expect(result.ready).toBe(true);
      expect(result.names.length).toBeGreaterThan(0);
    } finally {
      dir.cleanup();
    }
  });

  // Consumers' tsc skips every file but index.ts (`// @ts-nocheck`), so no type a consumer sees may come from a body:
  // isolatedDeclarations refuses any export whose type would have to be inferred.
  it("opts out of consumers' type-checking only where every export has explicit types", () => {
    // cli.ts is a Node program a consumer runs, not imports (outputs: cli); the CLI tests and the compile matrix compile it.
    const files = outputFiles(committed).filter((f) => f.endsWith(".ts") && f !== "cli.ts");
    for (const file of files) expect([file, NOCHECK_LINE.test(readFileSync(join(committed, file), "utf8"))]).toEqual([file, file !== "index.ts"]);
    const dir = tempDir();
    try {
      cpSync(committed, join(dir.path, "client"), { recursive: true, filter: (from) => basename(from) !== "cli.ts" });
      enableTypeChecking(join(dir.path, "client"));
      const options = { ...STRICT, lib: ["es2022", "dom"], types: [], isolatedDeclarations: true, declaration: true, emitDeclarationOnly: true, outDir: "dist" };
      writeFileSync(join(dir.path, "tsconfig.json"), JSON.stringify({ compilerOptions: options, include: ["client/**/*.ts"] }));
      writeFileSync(join(dir.path, "package.json"), JSON.stringify({ type: "module" }));
      const tsc = spawnSync(process.execPath, [TSC, "-p", dir.path], { cwd: dir.path, encoding: "utf8" });
      expect(tsc.stdout + tsc.stderr).toBe("");
    } finally {
      dir.cleanup();
    }
  });

  it("has no dynamic code or ambient access outside the fixed runtime", () => {
    for (const file of readdirSync(committed).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(committed, file), "utf8");
      // cli.ts is a Node program: it reads process.argv and process.env itself, and nothing else of these.
      expect(text).not.toMatch(file === "cli.ts" ? /\beval\(|\bnew Function\(|\brequire\(|\bglobalThis\b|\bimport\(/ : /\beval\(|\bnew Function\(|\brequire\(|\bprocess\.|\bglobalThis\b|\bimport\(/);
    }
  });
});
