// Reads a YAML or JSON document keeping source positions, so any JSON pointer can be shown as file:line:column.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node as YamlNode } from "yaml";
import { fail, pointerTokens, type SourceLocation } from "../diagnostics";

export interface SourceDocument {
  /** The file as the user named it, for messages. */
  displayPath: string;
  text: string;
  sha256: string;
  data: unknown;
  /** Maps a JSON pointer to the closest source position in this file. */
  locate(pointer: string): SourceLocation;
}

/** YAML aliases can expand exponentially ("billion laughs"); a real spec needs few. */
const MAX_ALIAS_COUNT = 1000;

export function readSource(absolutePath: string, displayPath: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : String(code ?? error);
    return fail("APIGEN_LOAD_READ", `cannot read the spec: ${reason}`, { file: displayPath }, "pass --spec <file> naming an OpenAPI 3.x YAML or JSON file");
  }
  return parseSource(text, displayPath);
}

export function parseSource(text: string, displayPath: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    fail(
      "APIGEN_LOAD_PARSE",
      `the spec is not valid YAML/JSON: ${firstLine(firstError.message)}`,
      { file: displayPath, line: pos.line, column: pos.col },
      "fix the syntax at this position (indentation, quotes, duplicate keys)",
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let aliasAt: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        aliasAt = node.range?.[0];
        return visit.BREAK;
      },
    });
    const location = aliasAt !== undefined ? { file: displayPath, line: lineCounter.linePos(aliasAt).line, column: lineCounter.linePos(aliasAt).col } : { file: displayPath, pointer: "" };
    fail("APIGEN_LOAD_PARSE", `the spec cannot be read as data: ${firstLine((error as Error).message)}`, location,
      `YAML aliases may expand to at most ${MAX_ALIAS_COUNT} nodes; write the repeated parts out or use $ref instead of anchors and aliases`);
  }
  const locate = (pointer: string): SourceLocation => {
    const offset = offsetOf(doc.contents, pointerTokens(pointer));
    const loc: SourceLocation = { file: displayPath, pointer };
    if (offset !== undefined || doc.contents === null) {
      const pos = lineCounter.linePos(offset ?? 0);
      loc.line = pos.line;
      loc.column = pos.col;
    }
    return loc;
  };
  return { displayPath, text, sha256: createHash("sha256").update(text).digest("hex"), data, locate };
}

/** Walks the YAML tree along the pointer; returns the start of the deepest key or item that exists. */
function offsetOf(root: unknown, tokens: string[]): number | undefined {
  let node: unknown = root;
  let offset = rangeStart(root);
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === token);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(token)];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | null)?.range;
  return range ? range[0] : undefined;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
