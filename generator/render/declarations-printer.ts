// Prints openapi-typescript's declarations to text exactly as its `astToString` does (a SourceFile of the nodes, a
// printer with LF newlines that keeps comments), through a text writer that counts lines without allocating.
// TypeScript's own writer (`createTextWriter`) builds an array of line starts for every string it writes, most of
// them a single token; on Atlas that was a fifth of the printing time and much of its garbage.
import ts from "typescript";

/** What TypeScript's printer calls on a writer (`EmitTextWriter`, internal in TypeScript 5.9). */
export interface DeclarationWriter {
  write(s: string): void;
  writeComment(s: string): void;
  writeKeyword(s: string): void;
  writeOperator(s: string): void;
  writeParameter(s: string): void;
  writeProperty(s: string): void;
  writePunctuation(s: string): void;
  writeSpace(s: string): void;
  writeStringLiteral(s: string): void;
  writeSymbol(s: string, symbol: unknown): void;
  writeTrailingSemicolon(s: string): void;
  writeLiteral(s: string): void;
  writeLine(force?: boolean): void;
  rawWrite(s: string): void;
  increaseIndent(): void;
  decreaseIndent(): void;
  getIndent(): number;
  getTextPos(): number;
  getLine(): number;
  getColumn(): number;
  getText(): string;
  isAtStartOfLine(): boolean;
  hasTrailingComment(): boolean;
  hasTrailingWhitespace(): boolean;
  clear(): void;
}

/** The printer's internal entry that takes a writer (public `printFile` always uses TypeScript's own writer). */
type WritingPrinter = ts.Printer & { writeFile?: (file: ts.SourceFile, writer: DeclarationWriter, sourceMap: undefined) => void };

/** The declarations as `astToString(nodes)` of openapi-typescript 7.13 prints them. */
export function printDeclarations(nodes: readonly ts.Node[], astToString: (nodes: ts.Node[]) => string): string {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false }) as WritingPrinter;
  if (typeof printer.writeFile !== "function") return astToString([...nodes]); // another TypeScript: its public path
  const sourceFile = ts.createSourceFile("openapi-ts.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);
  (sourceFile as { statements: ts.NodeArray<ts.Statement> }).statements = ts.factory.createNodeArray(nodes as readonly ts.Statement[]);
  const writer = lineCountingWriter("\n");
  printer.writeFile(sourceFile, writer, undefined);
  return writer.getText();
}

const INDENT = "    ";

/**
 * TypeScript 5.9's `createTextWriter`, method for method, except that a written string's line breaks (CR, LF, CRLF,
 * U+2028, U+2029: TypeScript's `isLineBreak`) are counted in place instead of collected into an array.
 */
export function lineCountingWriter(newLine: string): DeclarationWriter {
  let output = "";
  let indent = 0;
  let lineStart = true;
  let lineCount = 0;
  let linePos = 0;
  let hasTrailingComment = false;
  const indents = ["", INDENT];
  const indentString = (level: number): string => {
    while (indents.length <= level) indents.push(indents[indents.length - 1] + INDENT);
    return indents[level] as string;
  };

  // After `output += s`: moves the line count and the current line's start past the line breaks in s.
  const updateLineCountAndPosFor = (s: string): void => {
    let breaks = 0;
    let lastLineStart = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 13 /* CR */) {
        if (s.charCodeAt(i + 1) === 10) i++;
      } else if (ch !== 10 && ch !== 0x2028 && ch !== 0x2029) {
        continue;
      }
      breaks++;
      lastLineStart = i + 1;
    }
    if (breaks > 0) {
      lineCount += breaks;
      linePos = output.length - s.length + lastLineStart;
      lineStart = linePos - output.length === 0;
    } else {
      lineStart = false;
    }
  };
  const writeText = (s: string): void => {
    if (s && s.length) {
      if (lineStart) {
        s = indentString(indent) + s;
        lineStart = false;
      }
      output += s;
      updateLineCountAndPosFor(s);
    }
  };
  const write = (s: string): void => {
    if (s) hasTrailingComment = false;
    writeText(s);
  };
  const writeComment = (s: string): void => {
    if (s) hasTrailingComment = true;
    writeText(s);
  };
  const clear = (): void => {
    output = "";
    indent = 0;
    lineStart = true;
    lineCount = 0;
    linePos = 0;
    hasTrailingComment = false;
  };
  return {
    write,
    writeComment,
    writeKeyword: write,
    writeOperator: write,
    writeParameter: write,
    writeProperty: write,
    writePunctuation: write,
    writeSpace: write,
    writeStringLiteral: write,
    writeSymbol: (s) => write(s),
    writeTrailingSemicolon: write,
    writeLiteral: (s) => {
      if (s && s.length) write(s);
    },
    writeLine: (force) => {
      if (!lineStart || force) {
        output += newLine;
        lineCount++;
        linePos = output.length;
        lineStart = true;
        hasTrailingComment = false;
      }
    },
    rawWrite: (s) => {
      if (s !== undefined) {
        output += s;
        updateLineCountAndPosFor(s);
        hasTrailingComment = false;
      }
    },
    increaseIndent: () => {
      indent++;
    },
    decreaseIndent: () => {
      indent--;
    },
    getIndent: () => indent,
    getTextPos: () => output.length,
    getLine: () => lineCount,
    getColumn: () => (lineStart ? indent * INDENT.length : output.length - linePos),
    getText: () => output,
    isAtStartOfLine: () => lineStart,
    hasTrailingComment: () => hasTrailingComment,
    hasTrailingWhitespace: () => output.length > 0 && isWhiteSpaceLike(output.charCodeAt(output.length - 1)),
    clear,
  };
}

/** TypeScript's `isWhiteSpaceLike`: single-line white space or a line break. */
function isWhiteSpaceLike(ch: number): boolean {
  return (
    ch === 32 || ch === 9 || ch === 11 || ch === 12 || ch === 160 || ch === 133 || ch === 5760 || (ch >= 8192 && ch <= 8203) ||
    ch === 8239 || ch === 8287 || ch === 12288 || ch === 65279 || ch === 10 || ch === 13 || ch === 8232 || ch === 8233
  );
}
