// Source positions without parsing the whole document again. A warning's JSON pointer is followed down the
// block structure by indentation (in valid block YAML, and in pretty-printed JSON, a line indented exactly one
// level below its parent mapping is one of that mapping's keys; in a block sequence, each `- ` line at one
// indentation starts an item), and only the small block where the structure stops being plain block mappings and
// sequences is parsed again with `yaml`. The block's parsed value must equal the value
// at that pointer, or the caller falls back to parsing the whole document.
import { isDeepStrictEqual } from "node:util";
import type { Node as YamlNode } from "yaml";
import { pointerTokens } from "../diagnostics";

export interface Position {
  line: number;
  column: number;
}

interface Lines {
  text: string;
  starts: number[];
  /** Keys of each block mapping already scanned, by the block's first line: each block is scanned once. */
  blocks: Map<number, Map<string, Child>>;
  /** The same for block mappings that start inside a sequence item's `- ` line, and for block sequences. */
  itemBlocks: Map<number, Map<string, Child>>;
  sequences: Map<number, Child[]>;
}

interface Child {
  line: number;
  /** The column of the key, or of a sequence item's content after its `- `. */
  indent: number;
  /** Where the child's own block ends (exclusive). */
  end: number;
  /** A sequence item: its content starts on its own line (`- key: value`), at `indent`. */
  inline?: boolean;
}

/** A locator for one document: pointer → 1-based line and column, or undefined when the caller must parse it all. */
export function blockLocator(text: string, data: unknown): (pointer: string) => Position | undefined {
  let lines: Lines | undefined;
  return (pointer) => {
    lines ??= lineStarts(text);
    try {
      return locateInBlocks(lines, data, pointerTokens(pointer));
    } catch {
      return undefined;
    }
  };
}

function lineStarts(text: string): Lines {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return { text, starts, blocks: new Map(), itemBlocks: new Map(), sequences: new Map() };
}

function lineText(lines: Lines, index: number): string {
  const end = index + 1 < lines.starts.length ? (lines.starts[index + 1] as number) - 1 : lines.text.length;
  return lines.text.slice(lines.starts[index], end).replace(/\r$/, "");
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** A block sequence item's line: `-` alone or followed by a space. */
function isItem(trimmed: string): boolean {
  return trimmed === "-" || trimmed.startsWith("- ");
}

function isContent(line: string): boolean {
  const trimmed = line.trim();
  return trimmed !== "" && !trimmed.startsWith("#") && trimmed !== "---";
}

const KEY_LINE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s|$)/;

function keyOf(trimmed: string): string | undefined {
  const match = KEY_LINE.exec(trimmed);
  if (!match) return undefined;
  const raw = match[1] as string;
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw.trim();
}

function locateInBlocks(lines: Lines, data: unknown, tokens: string[]): Position | undefined {
  // The node being searched: its content lines [from, to) and the indentation of its own key (-1 at the root).
  let from = 0;
  let to = lines.starts.length;
  let ownIndent = -1;
  const first = firstContentLine(lines, 0, to);
  if (first !== undefined && lineText(lines, first).trim() === "{") from = first + 1; // a pretty-printed JSON document
  let keyLine: number | undefined;
  let column = 0;
  let inline = false; // the current node is a sequence item whose content starts on its `- ` line
  let value: unknown = data;
  // The deepest mapping key found so far: where the structure stops, its block is parsed alone.
  let anchor: { line: number; end: number; indent: number; depth: number; value: unknown } | undefined;
  for (let depth = 0; depth < tokens.length; depth++) {
    const token = tokens[depth] as string;
    const isMapping: boolean = value !== null && typeof value === "object" && !Array.isArray(value);
    const isSequence: boolean = Array.isArray(value) && !inline && /^(?:0|[1-9]\d*)$/.test(token);
    const child: Child | undefined = isMapping ? findKey(lines, from, to, ownIndent, token, inline) : isSequence ? findItem(lines, from, to, ownIndent, Number(token)) : undefined;
    if (child === undefined) {
      return anchor === undefined ? undefined : locateInChunk(lines, anchor.line, anchor.end, anchor.indent, tokens.slice(anchor.depth), anchor.value, tokens[anchor.depth] as string);
    }
    value = (value as Record<string, unknown>)[token];
    if (isMapping) anchor = { line: child.line, end: child.end, indent: child.indent, depth, value };
    inline = child.inline === true;
    from = inline ? child.line : child.line + 1;
    to = child.end;
    ownIndent = child.indent;
    // An item whose value starts below its bare `-` is where that value starts.
    const start = isSequence && !inline ? firstContentLine(lines, from, to) : undefined;
    keyLine = start ?? child.line;
    column = start !== undefined ? indentOf(lineText(lines, start)) : child.indent;
  }
  return keyLine === undefined ? { line: 1, column: 1 } : { line: keyLine + 1, column: column + 1 };
}

function firstContentLine(lines: Lines, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) if (isContent(lineText(lines, i))) return i;
  return undefined;
}

/**
 * The line of `key` among the keys one level below `parentIndent` in [from, to). `inline`: the block is a sequence
 * item's mapping, whose first key sits on the item's `- ` line at column `parentIndent`.
 */
function findKey(lines: Lines, from: number, to: number, parentIndent: number, key: string, inline: boolean): Child | undefined {
  const cache = inline ? lines.itemBlocks : lines.blocks;
  let children = cache.get(from);
  if (!children) {
    children = scanKeys(lines, from, to, inline ? parentIndent - 1 : parentIndent, inline ? parentIndent : undefined);
    cache.set(from, children);
  }
  return children.get(key);
}

/**
 * Every key of the block mapping in [from, to): lines at the first content line's indentation. `firstIndent`: the
 * first line is a sequence item's, read from that column on.
 */
function scanKeys(lines: Lines, from: number, to: number, parentIndent: number, firstIndent?: number): Map<string, Child> {
  const children = new Map<string, Child>();
  let childIndent: number | undefined;
  let previous: Child | undefined;
  for (let i = from; i < to; i++) {
    // Most lines of a big block sit deeper than its keys: skipped without slicing them (Atlas: ~80,000 lines).
    if (childIndent !== undefined && i !== from && startsWithSpaces(lines.text, lines.starts[i] as number, childIndent + 1)) continue;
    const full = lineText(lines, i);
    const line = i === from && firstIndent !== undefined ? " ".repeat(firstIndent) + full.slice(firstIndent) : full;
    if (!isContent(line)) continue;
    const indent = indentOf(line);
    childIndent ??= indent;
    if (indent <= parentIndent || childIndent <= parentIndent) break;
    if (indent !== childIndent) continue;
    if (isItem(line.trimStart())) continue; // a compact sequence (`key:` then `- item` at the key's indentation) belongs to the key above
    if (previous) previous.end = i;
    const key = keyOf(line.trimStart());
    previous = key === undefined ? undefined : { line: i, indent, end: to };
    if (key !== undefined && !children.has(key)) children.set(key, previous as Child);
  }
  return children;
}

/**
 * Whether the `count` characters from `start` are all spaces. Such a line is either blank or indented deeper than
 * `count - 1`: never a key of the block being scanned, nor its end.
 */
function startsWithSpaces(text: string, start: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (text.charCodeAt(start + k) !== 0x20) return false;
  return true;
}

/** The `index`th item of the block sequence in [from, to), whose items sit below `parentIndent` or, compact, at it. */
function findItem(lines: Lines, from: number, to: number, parentIndent: number, index: number): Child | undefined {
  let items = lines.sequences.get(from);
  if (!items) {
    items = scanItems(lines, from, to, parentIndent);
    lines.sequences.set(from, items);
  }
  return items[index];
}

function scanItems(lines: Lines, from: number, to: number, parentIndent: number): Child[] {
  const items: Child[] = [];
  let itemIndent: number | undefined;
  for (let i = from; i < to; i++) {
    const line = lineText(lines, i);
    if (!isContent(line)) continue;
    const indent = indentOf(line);
    const trimmed = line.trimStart();
    itemIndent ??= indent;
    if (itemIndent < parentIndent || (itemIndent === parentIndent && !isItem(trimmed))) return [];
    if (indent < itemIndent || (indent === itemIndent && !isItem(trimmed))) break;
    if (indent !== itemIndent) continue;
    const previous = items[items.length - 1];
    if (previous) previous.end = i;
    const content = trimmed.slice(1).trimStart();
    // An item's content column, where a mapping's first key or a nested item starts (`- ` then the value); after
    // a bare `-` (or a comment) the value starts on a later line.
    const inline = content !== "" && !content.startsWith("#");
    items.push({ line: i, indent: inline ? line.length - content.length : indent, end: to, inline });
  }
  return items;
}

/** Parses the block of the key on `keyLine` alone, checks it against `expected`, and locates the rest of the pointer in it. */
function locateInChunk(lines: Lines, keyLine: number, to: number, indent: number, tokens: string[], expected: unknown, key: string): Position | undefined {
  const chunkLines: string[] = [];
  // In JSON the block's closing bracket sits at the key's own indentation: it belongs to the chunk.
  const last = /[{[]$/.test(lineText(lines, keyLine).trimEnd()) ? Math.min(to + 1, lines.starts.length) : to;
  for (let i = keyLine; i < last; i++) {
    const line = lineText(lines, i);
    chunkLines.push(indentOf(line) >= indent ? line.slice(indent) : "");
  }
  const chunk = chunkLines.join("\n").replace(/,\s*$/, ""); // a pretty-printed JSON member ends with a comma
  const { LineCounter, parseDocument } = require("yaml") as typeof import("yaml"); // rarely needed: loaded then
  const counter = new LineCounter();
  const doc = parseDocument(chunk, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) return undefined;
  const parsed = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown> | null;
  if (parsed === null || typeof parsed !== "object" || !isDeepStrictEqual(parsed[key], expected)) return undefined;
  const offset = offsetOf(doc.contents, tokens);
  if (offset === undefined) return undefined;
  const pos = counter.linePos(offset);
  return { line: keyLine + pos.line, column: pos.col + indent };
}

/** Walks the YAML tree along the pointer; returns the start of the deepest key or item that exists. */
export function offsetOf(root: unknown, tokens: string[]): number | undefined {
  const { isMap, isPair, isScalar, isSeq } = require("yaml") as typeof import("yaml");
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
