// The syntax gate (--verify, and always with user templates): every file apigen renders is parsed by TypeScript
// before anything is written. Zero syntactic diagnostics, or the run fails: a generator bug must never reach users'
// repositories. It runs in two halves (worker/index.ts): the worker thread parses the largest file with the
// TypeScript openapi-typescript has already loaded there, this thread the others with the same `typescript` package.
// JSDoc is not parsed: comments cannot break the syntax (the escaper sees to that), and skipping them halves the
// time on documentation-heavy files.
import type * as TypeScript from "typescript";
import { diagnostic, GeneratorError, type Diagnostic } from "../diagnostics";
import type { RenderedFile } from "../render";

export function checkSyntax(files: RenderedFile[], compiler?: typeof TypeScript): void {
  if (files.length === 0) return; // nothing to parse: do not load a compiler for it
  const ts = compiler ?? (require("typescript") as typeof TypeScript); // loaded on first use: only --verify needs it here
  const problems = files.flatMap((file) => syntaxProblems(ts, file));
  if (problems.length > 0) throw new GeneratorError(problems);
}

/** One file in a one-file program: no lib, no resolution; each tree is dropped as soon as it is checked. */
function syntaxProblems(ts: typeof TypeScript, file: RenderedFile): Diagnostic[] {
  const name = `/out/${file.path}`;
  const options = { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const source = ts.createSourceFile(name, file.text, options, false, ts.ScriptKind.TS);
  const host: TypeScript.CompilerHost = {
    getSourceFile: (fileName) => (fileName === name ? source : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => fileName === name,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [name], options: { noLib: true, noResolve: true, target: ts.ScriptTarget.ES2022 }, host });
  return program.getSyntacticDiagnostics(source).map((d) => {
    const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0);
    return diagnostic("error", "APIGEN_INTERNAL_SYNTAX", `generated code has a syntax error: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
      { file: file.path, line: line + 1, column: character + 1 }, "if you use your own templates (templates / --templates), the template that renders this file is the likely cause; otherwise this is a bug in apigen: please report it with the spec that triggers it");
  });
}
