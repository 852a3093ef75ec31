// Shared test helpers: temporary folders and small specs built in code (one concern per test).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { inspect } from "node:util";
import { resolveContext } from "../generator/context";
import { GeneratorError, type Diagnostic } from "../generator/diagnostics";
import { loadSpec } from "../generator/load";
import ts from "typescript";
import { stringify } from "yaml";

export const ROOT = join(__dirname, "..");

export function tempDir(prefix = "apigen-test-"): { path: string; write(rel: string, text: string): string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(rel, text) {
      const file = join(path, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A minimal valid OpenAPI 3.0 document with one operation; `patch` adds or replaces top-level parts. */
export function miniSpec(patch: Record<string, unknown> = {}, version = "3.0.3"): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: "Mini", version: "1.0" },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/pets/{petId}": {
        get: {
          operationId: "getPet",
          tags: ["Pets"],
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]+$" } }],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } },
      },
    },
    ...patch,
  };
}

export function toYaml(doc: unknown): string {
  return stringify(doc);
}

/** The code of a file without its string literals and comments (TypeScript's own scanner decides what is which). */
export function codeTokens(text: string): string {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, ts.LanguageVariant.Standard, text);
  const kept: string[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.StringLiteral && token !== ts.SyntaxKind.NoSubstitutionTemplateLiteral) kept.push(scanner.getTokenText());
  }
  return kept.join(" ");
}

/** The strictest settings a consumer may compile generated code with (`verbatimModuleSyntax` only suits ESM). */
export const STRICTEST_COMPILER_OPTIONS = {
  strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noImplicitOverride: true, noImplicitReturns: true,
  noFallthroughCasesInSwitch: true, noUnusedLocals: true, noUnusedParameters: true, noPropertyAccessFromIndexSignature: true,
  isolatedModules: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
};

/** Every generated .ts file but index.ts opts out of the consumer's type-checking with this line (templates, runtime, openapi.ts). */
export const NOCHECK_LINE = /^\/\/ @ts-nocheck\n/m;

/** The text with its `// @ts-nocheck` removed, so that a compile checks the bodies too (apigen's tests always do). */
export function withTypeChecking(text: string): string {
  return text.replace(NOCHECK_LINE, "");
}

/** Removes `// @ts-nocheck` from every .ts file under `dir` (a copy of an output): the tests compile all of it strictly. */
export function enableTypeChecking(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    if (NOCHECK_LINE.test(text)) writeFileSync(file, withTypeChecking(text));
  }
}

/**
 * Runs the real tsc (`tsc -p dir`) over generated code with the strictest settings, DOM library, no @types, bodies
 * included (the `// @ts-nocheck` lines under `dir` are removed first: `dir` must be a temporary copy);
 * `project` says which files (`include` globs or `files`), `overrides` adjusts compiler options.
 * Returns everything tsc printed: "" means it compiled.
 */
export function compileStrict(dir: string, project: { include?: string[]; files?: string[] }, overrides: Record<string, unknown> = {}): string {
  const compilerOptions = { ...STRICTEST_COMPILER_OPTIONS, lib: ["es2022", "dom"], types: [], noEmit: true, ...overrides };
  enableTypeChecking(dir);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, ...project }));
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8" });
  return tsc.stdout + tsc.stderr + (tsc.status === 0 ? "" : `(tsc exit code ${tsc.status})`);
}

/** Identifiers that name a dangerous global in a reference position (member names like `client.eval()` are inert). */
export function dangerousReferences(text: string): string[] {
  const source = ts.createSourceFile("x.ts", text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const memberName = (node: ts.Node): boolean => {
    const parent = node.parent;
    return (
      ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) ||
        ts.isPropertyDeclaration(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === node) ||
      (ts.isPropertyAccessExpression(parent) && parent.name === node)
    );
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && /^(eval|Function|require|process|globalThis|module|exports)$/.test(node.text) && !memberName(node)) found.push(node.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push("import()");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The rejection of a promise that must reject. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** Every way an error can end up in a log: a secret must appear in none of them. */
export function renderings(err: unknown): string[] {
  const e = err as Error;
  return [
    JSON.stringify(err),
    e.message,
    String(e.stack),
    String(err),
    inspect(err, { depth: 10 }),
    inspect(err, { depth: 10, showHidden: true }),
  ];
}

/** Runs the load stage on files that `setup` writes (it returns the spec's path); the diagnostics it refuses with. */
export async function loadDiagnostics(setup: (dir: ReturnType<typeof tempDir>) => string, allowNetwork = false): Promise<Diagnostic[]> {
  const dir = tempDir();
  try {
    await loadSpec(resolveContext({ spec: setup(dir), out: join(dir.path, "out"), allowNetwork }));
    return [];
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    return [...error.diagnostics];
  } finally {
    dir.cleanup();
  }
}

/** Every file under an output folder, relative with `/` (the runtime's modules sit in runtime/ and below), sorted. */
export function outputFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** The runtime's modules in a restore-job-like client (bearer, OAuth client credentials, Digest). */
export const ATLAS_RUNTIME_FILES = [
  "runtime/auth/bearer.ts", "runtime/auth/digest.ts", "runtime/auth/oauth-client-credentials.ts", "runtime/auth/strategy.ts",
  "runtime/encoding/md5.ts", "runtime/errors.ts", "runtime/formats.ts", "runtime/request.ts", "runtime/response.ts", "runtime/retry.ts",
  "runtime/transport.ts", "runtime/types.ts", "runtime/util.ts", "runtime/wait.ts",
];
