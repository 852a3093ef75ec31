// openapi.ts is printed through apigen's own text writer: it must behave exactly like TypeScript's `createTextWriter`
// (the printer asks it for lines, columns and positions while printing), so the text is byte for byte astToString's.
import { astToString } from "openapi-typescript";
import ts from "typescript";
import { lineCountingWriter, printDeclarations, type DeclarationWriter } from "../generator/render/declarations-printer";

const typescriptWriter = (ts as unknown as { createTextWriter(newLine: string): DeclarationWriter }).createTextWriter;

/** Everything a printer can read back from a writer. */
function state(writer: DeclarationWriter) {
  return {
    text: writer.getText(),
    line: writer.getLine(),
    column: writer.getColumn(),
    position: writer.getTextPos(),
    indent: writer.getIndent(),
    atLineStart: writer.isAtStartOfLine(),
    trailingComment: writer.hasTrailingComment(),
    trailingWhitespace: writer.hasTrailingWhitespace(),
  };
}

// Pieces with every line break TypeScript knows (CR, LF, CRLF, U+2028, U+2029), white space it does and does not
// treat as such, and plain tokens.
const PIECES = ["", "a", "interface", "{", ";", " ", "\t", "\u00a0", "x\n", "\ny", "a\r\nb", "\r", "c\rd", "e\u2028f", "\u2029", "/**\n * doc\n */", "\n\n", "\u0085", "z "];
const WRITES = ["write", "writeComment", "writeKeyword", "writeOperator", "writeParameter", "writeProperty", "writePunctuation", "writeSpace", "writeStringLiteral", "writeTrailingSemicolon", "writeLiteral", "rawWrite"] as const;

/** A fixed pseudo-random sequence (the same every run), so a failure can be replayed. */
function* operations(count: number, seed: number): Generator<(w: DeclarationWriter) => void> {
  let s = seed;
  const next = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  for (let i = 0; i < count; i++) {
    const choice = next(WRITES.length + 5);
    const piece = PIECES[next(PIECES.length)] as string;
    if (choice < WRITES.length) {
      const method = WRITES[choice] as (typeof WRITES)[number];
      yield (w) => w[method](piece);
    } else if (choice === WRITES.length) yield (w) => w.writeLine();
    else if (choice === WRITES.length + 1) yield (w) => w.writeLine(true);
    else if (choice === WRITES.length + 2) yield (w) => w.increaseIndent();
    else if (choice === WRITES.length + 3) yield (w) => w.getIndent() > 0 && w.decreaseIndent();
    else yield (w) => w.writeSymbol(piece, undefined);
  }
}

describe("the declarations' text writer", () => {
  it.each([1, 2, 3, 4])("answers as TypeScript's writer does after every call (sequence %i)", (seed) => {
    const ours = lineCountingWriter("\n");
    const theirs = typescriptWriter("\n");
    let step = 0;
    for (const operation of operations(3000, seed)) {
      operation(ours);
      operation(theirs);
      step++;
      if (step % 500 === 0) {
        ours.clear();
        theirs.clear();
      }
      expect({ step, ...state(ours) }).toEqual({ step, ...state(theirs) });
    }
  });

  it("prints nodes as openapi-typescript's astToString does: JSDoc, string keys, nested literals, line breaks in comments", () => {
    const f = ts.factory;
    const member = (name: string, type: ts.TypeNode, doc?: string) => {
      const node = f.createPropertySignature(undefined, /^[a-z]+$/.test(name) ? f.createIdentifier(name) : f.createStringLiteral(name), f.createToken(ts.SyntaxKind.QuestionToken), type);
      if (doc) ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, doc, true);
      return node;
    };
    const nested = f.createTypeLiteralNode([member("inner", f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword), "* @description one\r\n *     two\u2028three ")]);
    const root = f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], "paths", undefined, undefined, [
      member("plain", f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), "* short "),
      member("/a/{b}", nested, "*\n * @example {\n *       \"k\": 1\n *     }\n "),
      member("union", f.createUnionTypeNode([f.createLiteralTypeNode(f.createStringLiteral("x\u2029y")), f.createLiteralTypeNode(f.createNull())])),
    ]);
    const alias = f.createTypeAliasDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], "$defs", undefined, f.createTypeReferenceNode("Record", [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword)]));
    const printed = printDeclarations([root, alias], astToString as (nodes: ts.Node[]) => string);
    expect(printed).toBe(astToString([root, alias]));
    expect(printed).toContain('"/a/{b}"?: {');
  });
});
