// Reads a YAML or JSON document, and maps any JSON pointer back to file:line:column.
// Two parsers, one answer: js-yaml reads well-formed documents about ten times faster than `yaml`, so it goes first;
// `yaml` (which keeps positions and explains errors precisely) reads the document again only when js-yaml refuses
// it, when it uses anchors and aliases (whose expansion `yaml` bounds), or when a diagnostic needs a position.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { CORE_SCHEMA, load as loadYaml } from "js-yaml";
import type { Document, LineCounter } from "yaml";
import { fail, pointerTokens, type SourceLocation } from "../diagnostics";
import { blockLocator, offsetOf } from "./locate";

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
  const sha256 = createHash("sha256").update(text).digest("hex");
  const fast = fastParse(text);
  if (fast.ok) {
    // Positions on demand: first by following the block structure (milliseconds), else from a full `yaml` parse
    // (about a second on a 3 MB spec), built on first need.
    const inBlocks = blockLocator(text, fast.data);
    let locateInYaml: ((pointer: string) => SourceLocation) | undefined;
    const locate = (pointer: string): SourceLocation => {
      const found = inBlocks(pointer);
      if (found) return { file: displayPath, pointer, line: found.line, column: found.column };
      locateInYaml ??= tolerantLocator(text, displayPath);
      return locateInYaml(pointer);
    };
    return { displayPath, text, sha256, data: fast.data, locate };
  }
  const positions = positionIndex(text, displayPath);
  return { displayPath, text, sha256, data: positions.toData(), locate: positions.locate };
}

/**
 * js-yaml with the YAML 1.2 core schema (as `yaml` reads it: no timestamps, no merge keys), duplicate keys refused.
 * An alias of a mapping or sequence comes back as a shared object: such documents take the careful path, where
 * `yaml` applies its alias expansion limit.
 */
function fastParse(text: string): { ok: true; data: unknown } | { ok: false } {
  // js-yaml reads the integer `-0` as 0 where yaml keeps -0: rare enough to leave to the careful path.
  if (NEGATIVE_ZERO.test(text)) return { ok: false };
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return { ok: false };
  }
  return hasSharedNodes(data) ? { ok: false } : { ok: true, data };
}

const NEGATIVE_ZERO = /(?:^|[\s[{,])-0+(?=[ \t]*(?:$|[,\]}#\r\n]))/m;

function hasSharedNodes(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    if (seen.has(node)) return true;
    seen.add(node);
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") stack.push(value);
  }
  return false;
}

/** Positions for a document js-yaml accepted; should `yaml` disagree, diagnostics keep their JSON pointers. */
function tolerantLocator(text: string, displayPath: string): (pointer: string) => SourceLocation {
  try {
    return positionIndex(text, displayPath).locate;
  } catch {
    return (pointer) => ({ file: displayPath, pointer });
  }
}

export interface PositionIndex {
  toData(): unknown;
  locate(pointer: string): SourceLocation;
}

/** The careful parse: `yaml` with positions; its errors and alias-limit violations become diagnostics. */
export function positionIndex(text: string, displayPath: string): PositionIndex {
  const { LineCounter, parseDocument } = yamlPackage();
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
  return { toData: () => toData(doc, lineCounter, displayPath), locate };
}

function toData(doc: Document, lineCounter: LineCounter, displayPath: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    let aliasAt: number | undefined;
    const { visit } = yamlPackage();
    visit(doc, {
      Alias(_key, node) {
        aliasAt = node.range?.[0];
        return visit.BREAK;
      },
    });
    const location = aliasAt !== undefined ? { file: displayPath, line: lineCounter.linePos(aliasAt).line, column: lineCounter.linePos(aliasAt).col } : { file: displayPath, pointer: "" };
    return fail("APIGEN_LOAD_PARSE", `the spec cannot be read as data: ${firstLine((error as Error).message)}`, location,
      `YAML aliases may expand to at most ${MAX_ALIAS_COUNT} nodes; write the repeated parts out or use $ref instead of anchors and aliases`);
  }
}

/** `yaml`, loaded when first needed: documents js-yaml reads, located by block structure, never need it. */
function yamlPackage(): typeof import("yaml") {
  return require("yaml") as typeof import("yaml");
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
