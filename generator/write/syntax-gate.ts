// The syntax gate: every output file is parsed in an in-memory ts-morph project before anything is written.
// Zero syntactic diagnostics, or the run fails: a generator bug must never reach users' repositories.
// It runs in the TypeScript worker (see generator/worker), beside openapi-typescript.
import { Project, ts } from "ts-morph";
import { diagnostic, GeneratorError } from "../diagnostics";
import type { RenderedFile } from "../render";

export function checkSyntax(files: RenderedFile[]): void {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { target: ts.ScriptTarget.ES2022, noLib: true } });
  // One file at a time, each dropped once checked: the syntax tree of a 10 MB file is several times its size.
  const problems = files.flatMap((file) => {
    const source = project.createSourceFile(`/out/${file.path}`, file.text, { overwrite: true });
    const found = project.getProgram().getSyntacticDiagnostics(source).map((d) => {
      const start = d.getStart() ?? 0;
      const { line, column } = source.getLineAndColumnAtPos(start);
      const message = ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, " ");
      return diagnostic("error", "APIGEN_INTERNAL_SYNTAX", `generated code has a syntax error: ${message}`, { file: source.getBaseName(), line, column },
        "this is a bug in apigen; please report it with the spec that triggers it");
    });
    project.removeSourceFile(source);
    return found;
  });
  if (problems.length > 0) throw new GeneratorError(problems);
}
