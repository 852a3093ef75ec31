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
  /** True when `data` is `JSON.parse(text)`: anything else can read its own copy from the text. */
  json?: boolean;
  /** Maps a JSON pointer to the closest source position in this file. */
  locate(pointer: string): SourceLocation;
}

/**
 * Objects and arrays inside each other. Far deeper than any real API needs; much deeper and the parsers, the
 * validator and the generator's recursive stages run out of stack, which must not surface as a syntax error.
 */
export const MAX_NESTING = 512;

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
  // Brackets first: a parser that recurses into a 2000-deep document can die outright (V8 aborts when its regexp
  // compiler runs out of stack), so JSON and YAML flow collections are measured before either parser sees them.
  const tooDeepAt = deepestBracket(text);
  if (tooDeepAt !== undefined) return refuseDeepNesting(text, displayPath, tooDeepAt);
  const fast = fastParse(text);
  if (fast.ok ? fast.depth > MAX_NESTING : fast.overflow) return refuseDeepNesting(text, displayPath);
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
    return { displayPath, text, sha256, data: fast.data, locate, ...(fast.json ? { json: true } : {}) };
  }
  const positions = positionIndex(text, displayPath);
  const data = positions.toData();
  if (nodeShape(data).depth > MAX_NESTING) return refuseDeepNesting(text, displayPath);
  return { displayPath, text, sha256, data, locate: positions.locate };
}

/**
 * js-yaml with the YAML 1.2 core schema (as `yaml` reads it: no timestamps, no merge keys), duplicate keys refused.
 * An alias of a mapping or sequence comes back as a shared object: such documents take the careful path, where
 * `yaml` applies its alias expansion limit.
 */
function fastParse(text: string): { ok: true; data: unknown; depth: number; json?: boolean } | { ok: false; overflow: boolean } {
  // JSON nests only by brackets, whose depth parseSource has measured already.
  const json = jsonParse(text);
  if (json) return { ...json, depth: 0 };
  // js-yaml reads the integer `-0` as 0 where yaml keeps -0: rare enough to leave to the careful path.
  if (NEGATIVE_ZERO.test(text)) return { ok: false, overflow: false };
  let data: unknown;
  try {
    data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (error) {
    return { ok: false, overflow: error instanceof RangeError };
  }
  const shape = nodeShape(data);
  return shape.shared ? { ok: false, overflow: false } : { ok: true, data, depth: shape.depth };
}

const NEGATIVE_ZERO = /(?:^|[\s[{,])-0+(?=[ \t]*(?:$|[,\]}#\r\n]))/m;

/**
 * A JSON spec (GitHub's is 13 MB) read with JSON.parse, about eight times faster than js-yaml, to the same data: JSON
 * is YAML 1.2 under the core schema, with no aliases. JSON.parse keeps the last of duplicate keys where YAML refuses
 * them, so a document with any takes the careful path, which reports them; so does text that is not strict JSON.
 */
function jsonParse(text: string): { ok: true; data: unknown; json: true } | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return hasDuplicateKeys(text) ? undefined : { ok: true, data, json: true };
}

/** Whether any object of a valid JSON text names a key twice (compared as JSON.parse decodes them). */
export function hasDuplicateKeys(text: string): boolean {
  const keys: Set<string>[] = []; // per open object, by depth; reused as objects close and open
  const isObject: boolean[] = [];
  let depth = -1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: find its closing quote (one not escaped by an odd run of backslashes)
      let end = text.indexOf('"', i + 1);
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        const seen = keys[depth] as Set<string>;
        if (seen.has(key)) return true;
        seen.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      // { or [
      depth++;
      isObject[depth] = c === 0x7b;
      if (c === 0x7b) (keys[depth] ??= new Set()).clear();
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = isObject[depth] === true;
    }
  }
  return false;
}

/** Whether any object or array is reached twice (an alias), and how deeply they nest; one walk, no recursion. */
function nodeShape(root: unknown): { shared: boolean; depth: number } {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  const depths: number[] = [1];
  let depth = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    const level = depths.pop() as number;
    if (node === null || typeof node !== "object") continue;
    if (seen.has(node)) return { shared: true, depth: Math.max(depth, level) };
    seen.add(node);
    if (level > depth) depth = level;
    for (const value of Object.values(node)) {
      if (value !== null && typeof value === "object") {
        stack.push(value);
        depths.push(level + 1);
      }
    }
  }
  return { shared: false, depth };
}

/** Refuses a document nested deeper than MAX_NESTING, at the bracket that goes one level too deep when there is one. */
function refuseDeepNesting(text: string, displayPath: string, offset = deepestBracket(text)): never {
  const location = offset === undefined ? { file: displayPath } : { file: displayPath, ...lineAndColumn(text, offset) };
  return fail("APIGEN_LOAD_NESTING", `the spec nests objects and arrays more than ${MAX_NESTING} levels deep, apigen's limit`, location,
    "no real API needs that depth: flatten the structure, or name the repeated part under components/schemas and $ref it");
}

/**
 * The offset of the first `[` or `{` (outside double-quoted strings) that opens level MAX_NESTING + 1. A regex jumps
 * between the few characters that matter (a few ms on a 3 MB spec). A stray quote or bracket in a plain YAML scalar
 * can only make the count lower or slightly off; the parsed data's depth is checked as well.
 */
function deepestBracket(text: string): number | undefined {
  const special = /[\\"[\]{}]/g;
  let depth = 0;
  let inString = false;
  for (let m = special.exec(text); m !== null; m = special.exec(text)) {
    const c = text.charCodeAt(m.index);
    if (inString) {
      if (c === 0x5c) special.lastIndex++; // an escaped character, perhaps a quote
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return m.index;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
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
  if (firstError?.message.includes("Maximum call stack size exceeded")) refuseDeepNesting(text, displayPath);
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
