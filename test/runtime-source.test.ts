// The runtime as source (templates/runtime/): each module is copied verbatim into clients, so it must be final as
// it is (prettier-clean, marked as apigen's), depend only on other runtime modules, and export exactly what the
// generator believes it exports (the names are read from the source with a scanner, checked here by TypeScript).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import ts from "typescript";
import { importClosure, plannedRuntime } from "../generator/render/runtime-files";
import { RUNTIME_DIR, runtimeModules } from "../generator/runtime-source";
import { PRETTIER_OPTIONS } from "../generator/write/format";

const modules = [...runtimeModules().values()];

describe("the runtime's source modules", () => {
  it("are all found", () => {
    expect(modules.map((m) => m.path)).toEqual(expect.arrayContaining(["transport.ts", "errors.ts", "auth/digest.ts", "auth/api-key.ts", "encoding/multipart.ts"]));
  });

  it.each(modules.map((m) => [m.path]))("%s starts with the runtime's mark (the write stage knows its files by it)", (path) => {
    expect(readFileSync(join(RUNTIME_DIR, path), "utf8").startsWith("// apigen runtime: ")).toBe(true);
  });

  it("every module is prettier-clean with the options --prettier uses, so --prettier leaves the runtime as it is", () => {
    // Prettier 3 loads its plugins with dynamic import, which Jest's module system does not offer: a child process.
    const script = `
      const prettier = require("prettier"); const fs = require("node:fs");
      (async () => { const unclean = [];
        for (const f of JSON.parse(process.argv[1])) { const t = fs.readFileSync(f, "utf8"); if ((await prettier.format(t, JSON.parse(process.argv[2]))) !== t) unclean.push(f); }
        console.log(JSON.stringify(unclean)); })();`;
    const files = modules.map((m) => join(RUNTIME_DIR, m.path));
    const run = spawnSync(process.execPath, ["-e", script, JSON.stringify(files), JSON.stringify(PRETTIER_OPTIONS)], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it.each(modules.map((m) => [m.path]))("%s imports only runtime modules, with .js specifiers, and no Node built-ins", (path) => {
    const source = ts.createSourceFile(path, readFileSync(join(RUNTIME_DIR, path), "utf8"), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement)) continue;
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      expect(specifier).toMatch(/^\.{1,2}\/[a-z0-9/-]+\.js$/);
    }
    expect(() => importClosure([path])).not.toThrow();
  });

  it.each(modules.map((m) => [m.path]))("%s: the export scanner sees what TypeScript sees", (path) => {
    const source = ts.createSourceFile(path, readFileSync(join(RUNTIME_DIR, path), "utf8"), ts.ScriptTarget.ES2022, true);
    const exported = source.statements.flatMap((s) => {
      const modifiers = ts.canHaveModifiers(s) ? ts.getModifiers(s) ?? [] : [];
      if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return [];
      if (ts.isVariableStatement(s)) return s.declarationList.declarations.map((d) => (d.name as ts.Identifier).text);
      const name = (s as ts.DeclarationStatement).name;
      return name && ts.isIdentifier(name) ? [name.text] : [];
    });
    const module = runtimeModules().get(path);
    expect(module?.allNames).toEqual(exported);
    // Public = exported without @internal in its JSDoc (TypeScript's own notion).
    const internal = source.statements.filter((s) => ts.getJSDocTags(s).some((t) => t.tagName.text === "internal"));
    const internalNames = new Set(internal.flatMap((s) => ((s as ts.DeclarationStatement).name ? [((s as ts.DeclarationStatement).name as ts.Identifier).text] : ts.isVariableStatement(s) ? s.declarationList.declarations.map((d) => (d.name as ts.Identifier).text) : [])));
    expect(module?.exports.map((e) => e.name)).toEqual(exported.filter((n) => !internalNames.has(n)));
  });

  it("a client gets only the auth modules its schemes need, and what they import", () => {
    const model = (credentials: string[], kinds: string[] = []) =>
      ({ auth: { credentials, schemes: [] }, tags: [{ operations: [{ requestBody: { content: kinds.map((kind) => ({ kind })) } }] }] }) as never;
    const apiKeyOnly = plannedRuntime(model(["apiKey"]));
    expect(apiKeyOnly).toContain("auth/api-key.ts");
    expect(apiKeyOnly.filter((p) => p.startsWith("auth/") && p !== "auth/strategy.ts")).toEqual(["auth/api-key.ts"]);
    expect(apiKeyOnly).not.toContain("encoding/md5.ts");
    expect(plannedRuntime(model(["digest"]))).toContain("encoding/md5.ts");
    expect(plannedRuntime(model(["bearer"], ["multipart"]))).toContain("encoding/multipart.ts");
    expect(plannedRuntime(model(["bearer"], ["json"]))).not.toContain("encoding/form.ts");
  });
});
