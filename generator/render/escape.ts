// Escapers, one per output context. Spec text reaches the output only through one of these, and each turns
// any input into an inert literal or comment of its context (the approach of ajv's codegen `safeStringify`).

/**
 * Characters that are legal inside a literal but dangerous to a reader or an old parser: line separators (U+2028,
 * U+2029, and NEL U+0085, a line break to many editors), C1 controls, zero-width and invisible format characters, the
 * byte-order mark, and the bidirectional controls of "Trojan Source" (CVE-2021-42574), which make code display
 * differently than it runs. JSON.stringify leaves all of them raw.
 */
export const INVISIBLE_IN_LITERAL = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/** Control characters other than tab and line breaks: never useful in docs, and some terminals act on them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The two classes above as class contents, for the one-test prechecks of the escapers that replace them. */
const CONTROL_CHARS = CONTROL.source.slice(1, -1);
const INVISIBLE_CHARS = INVISIBLE_IN_LITERAL.source.slice(1, -1);

/**
 * Code the render stage built (type expressions, validator bodies, doc blocks already escaped). Templates print a
 * bare `{{field}}` only when it holds one of these; anything else must go through an escaping helper.
 */
export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function code(text: string): Code {
  return new Code(text);
}

function escapeInvisible(literal: string): string {
  // Almost no literal holds one; a test without the global flag is cheaper than a replace that finds nothing.
  if (!HAS_INVISIBLE.test(literal)) return literal;
  return literal.replace(INVISIBLE_IN_LITERAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const HAS_INVISIBLE = new RegExp(INVISIBLE_IN_LITERAL.source);

/** A JavaScript string literal (double-quoted): JSON escaping, plus escapes for separators and bidi controls. */
export function stringLiteral(text: string): string {
  return escapeInvisible(JSON.stringify(text));
}

/**
 * Any JSON value as an expression (enum, const and default values). Objects and arrays go through `JSON.parse`:
 * in an object literal even a quoted `"__proto__"` key sets the prototype instead of creating a property.
 */
export function jsonLiteral(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return "undefined";
  return value !== null && typeof value === "object" ? `JSON.parse(${stringLiteral(text)})` : escapeInvisible(text);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * An object-literal or type-member key: bare when it is a plain identifier, else a string literal. `__proto__` is
 * always computed (`["__proto__"]`): as a plain or quoted key in an object literal it sets the prototype instead of
 * creating a property (and prettier unquotes it), while a computed key is an own property in values and types alike.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return computedKey(name);
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** A computed key (`["name"]`): always an own data property, even for `__proto__`. */
export function computedKey(name: string): string {
  return `[${stringLiteral(name)}]`;
}

/** Asserts that a model-chosen name is a plain identifier: a defence against a resolver bug reaching the output. */
export function identifier(name: string): string {
  if (checkedIdentifiers.has(name)) return name;
  if (!IDENTIFIER.test(name)) throw new Error(`internal error: "${name}" is not an identifier`);
  if (checkedIdentifiers.size < 100_000) checkedIdentifiers.add(name); // bounded for long --watch sessions
  return name;
}

// The same names are printed many times (a type name in every signature that uses it): each is tested once.
const checkedIdentifiers = new Set<string>();

/** Every text one of commentText's replacements changes: CR and separators, controls, INVISIBLE_IN_LITERAL, a comment end. */
const NEEDS_COMMENT_ESCAPE = new RegExp(`[\\r\\u2028\\u2029\\u0085${CONTROL_CHARS}${INVISIBLE_CHARS}]|\\*/`);

/** Text for lines inside a block comment: nothing can close the comment early, no invisible controls survive. */
export function commentText(text: string): string {
  // Most spec text needs none of the replacements below; one test is cheaper than four passes.
  if (!NEEDS_COMMENT_ESCAPE.test(text)) return text;
  // Order matters: removing an invisible character can join `*` and `/`, so `*/` is escaped last.
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "")
    .replace(INVISIBLE_IN_LITERAL, "")
    .replace(/\*\//g, "*\\/");
}

/** A JSDoc block from paragraphs and tags; empty input gives an empty string. */
export function jsdoc(lines: (string | undefined | false)[]): string {
  // One pass, no intermediate arrays: types.ts and client.ts hold a block for most properties and operations.
  let body = "";
  let blankLines = 0; // blank lines seen since the last text line: kept inside the block, dropped at its end
  for (const paragraph of lines) {
    if (typeof paragraph !== "string" || !HAS_TEXT.test(paragraph)) continue;
    for (const raw of commentText(paragraph).trimEnd().split("\n")) {
      const line = raw.trimEnd();
      if (line === "") {
        blankLines++;
        continue;
      }
      for (; blankLines > 0; blankLines--) body += "\n *";
      body += `\n * ${line}`;
    }
  }
  return body === "" ? "" : `/**${body}\n */`;
}

const HAS_TEXT = /\S/;

/** A regular expression built at module load from a string literal: the pattern text can never leave the literal. */
export function regexConstructor(pattern: string, flags: "u" | ""): string {
  return `new RegExp(${stringLiteral(pattern)}, ${stringLiteral(flags)})`;
}

// ---- Markdown (docs/) and shell (the docs' command lines) ------------------------------------------------------

/** Every character markdownCode replaces, or that makes its fence longer than one backtick. */
const NEEDS_CODE_ESCAPE = new RegExp(`[\\r\\n\\u2028\\u2029\\u0085${CONTROL_CHARS}${INVISIBLE_CHARS}|\`]`);

/** Every text one of markdownLine's replacements changes: controls, invisibles, Markdown and HTML syntax, a block start. */
const NEEDS_MARKDOWN_ESCAPE = new RegExp(`[${CONTROL_CHARS}${INVISIBLE_CHARS}\\\\\`*_[\\]#|~&<>]|^\\s*(?:[-=+]|\\d+[.)])`);

/** One line of spec text made inert in Markdown: no HTML, link, emphasis, code span or table cell boundary survives. */
function markdownLine(line: string): string {
  // Most descriptions need none of the replacements below; one test is cheaper than seven passes.
  if (!NEEDS_MARKDOWN_ESCAPE.test(line)) return line.trim();
  return line
    .replace(CONTROL, "")
    .replace(INVISIBLE_IN_LITERAL, "")
    // Parentheses, braces and `!` only matter after `[`, which is escaped; `+` only at a line start (below).
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // A line that would start a block (list, heading underline, numbered list, indented code) stays a paragraph.
    .replace(/^(\s*)([-=+]|\d+(?=[.)]))/, (_, space: string, mark: string) => `${space}${/\d/.test(mark) ? `${mark}\\` : `\\${mark}`}`)
    .trim();
}

/**
 * Spec text as Markdown inline text: one line (line breaks become spaces), so it is also a safe table cell.
 * `[link](javascript:…)`, `<script>`, `|` and backticks are all printed as text.
 */
export function markdownInline(text: string): string {
  return markdownLine(text.replace(/\r\n?|[\n\u2028\u2029\u0085]/g, " ")).replace(/\s+/g, " ");
}

/** Spec text as Markdown paragraphs: blank lines between paragraphs kept, every line escaped as `markdownInline`. */
export function markdownBlock(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.split("\n").map(markdownLine).filter((l) => l !== "").join("\n"))
    .filter((p) => p !== "")
    .join("\n\n");
}

/**
 * A Markdown code span holding any text: fenced by more backticks than any run inside it, on one line. `|` is
 * escaped (`\|`), which GitHub's tables require even inside a code span; outside a table it shows as `\|`, the price
 * of one helper for both places.
 */
export function markdownCode(text: string): string {
  // Most code spans (names, paths, media types) hold nothing to replace and no backtick: one test, then the span.
  if (text !== "" && !NEEDS_CODE_ESCAPE.test(text)) return `\`${text}\``;
  const inner = text.replace(/\r\n?|[\n\u2028\u2029\u0085]/g, " ").replace(CONTROL, "").replace(INVISIBLE_IN_LITERAL, "").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...inner.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = inner.startsWith("`") || inner.endsWith("`") || inner === "" ? " " : "";
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/**
 * One shell word (POSIX sh, bash, zsh) holding exactly this text: bare when it is plain, else single-quoted; text
 * with line breaks or control characters uses `$'…'` with escapes, so the word always stays on one line (and can
 * never end a Markdown code fence).
 */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_@%+=:,./{}-]+$/.test(text)) return text;
  if (!/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/.test(text)) return `'${text.replace(/'/g, "'\\''")}'`;
  const invisible = new RegExp(INVISIBLE_IN_LITERAL.source);
  const escaped = [...text].map((c) => {
    const code = c.codePointAt(0) as number;
    if (c === "\\" || c === "'") return `\\${c}`;
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
    if (invisible.test(c)) return `\\u${code.toString(16).padStart(4, "0")}`;
    return c;
  });
  return `$'${escaped.join("")}'`;
}

// ---- the safe Markdown subset of spec descriptions ---------------------------------------------------------------
// Spec descriptions are written in Markdown but are untrusted. These keep what a reader needs (code spans, emphasis,
// http(s) links, links to another operation's page, lists, paragraphs, fenced code) and print everything else as text:
// raw HTML, images, other link schemes, autolinks, reference definitions, headings. Each construct is rebuilt from
// its parts, each part escaped for its place, so no input can carry anything else through.

/** The page (`listProjects.md`) of the operation with this operationId, if the docs have one. */
export type OperationPage = (operationId: string) => string | undefined;

/** An Atlas-style reference to another operation: `#tag/Projects/operation/listProjects`. */
const OPERATION_REFERENCE = /^#tag\/[^/#\s]+\/operation\/([A-Za-z0-9_.~-]+)$/;
/** `[label](target)`: one level, no brackets in the label, no spaces, parentheses or angle brackets in the target, no title. */
const INLINE_LINK = /^\[([^[\]\n]+)\]\(([^\s()<>[\]]+)\)/;
/** `**strong**` or `*emphasis*`: no space just inside the markers, no `*` within. */
const EMPHASIS = /^(\*\*|\*)(?![\s*])([^*\n]*?[^\s*])\1(?!\*)/;

/** Plain text escaped as `markdownLine` does, without its line-start rule (applied once per line by the caller). */
function markdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An http(s) URL as a link destination: characters outside a URL's own (and `|`, `\`, backticks) percent-encoded. */
function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\/[^/?#\s]/i.test(url)) return undefined;
  try {
    new URL(url);
  } catch {
    return undefined;
  }
  return url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (c) => encodeURIComponent(c));
}

/** The code span of `n` backticks starting the text, closed by the next run of exactly `n`, as CommonMark reads it. */
function codeSpanAt(text: string): { content: string; length: number } | undefined {
  const open = /^`+/.exec(text)?.[0].length ?? 0;
  for (const run of text.slice(open).matchAll(/`+/g)) {
    if (run[0].length !== open) continue;
    const end = open + (run.index as number);
    const content = text.slice(open, end).replace(/^ (?=.*[^ ].* $)(.*) $/, "$1");
    return { content, length: end + open };
  }
  return undefined;
}

/** One line of spec Markdown as safe inline Markdown; links only where `page` is given (never inside a link label). */
function richLine(line: string, page: OperationPage | undefined): string {
  let out = "";
  let plain = "";
  const emit = (markdown: string) => {
    out += markdownText(plain) + markdown;
    plain = "";
  };
  for (let i = 0; i < line.length; ) {
    // Only a backtick, `[` or `*` can start a construct: the text up to the next one is plain, taken in one step
    // (a character at a time, with the rest of the line sliced at each, was quadratic in a line's length).
    const next = nextSpecial(line, i);
    if (next > i) {
      plain += line.slice(i, next);
      i = next;
      continue;
    }
    const rest = line.slice(i);
    const first = rest[0] as string;
    const span = first === "`" ? codeSpanAt(rest) : undefined;
    // After `!` it would be an image: those stay text.
    const link = first === "[" && page && line[i - 1] !== "!" ? INLINE_LINK.exec(rest) : null;
    const emphasis = first === "*" ? EMPHASIS.exec(rest) : null;
    if (span) {
      emit(markdownCode(span.content));
      i += span.length;
    } else if (first === "`") {
      const run = /^`+/.exec(rest)?.[0] ?? first; // an unclosed run is text, all of it
      plain += run;
      i += run.length;
    } else if (link && page) {
      const [whole, label, target] = link as unknown as [string, string, string];
      const url = linkTarget(target);
      const operationId = OPERATION_REFERENCE.exec(target)?.[1];
      const file = operationId === undefined ? undefined : page(operationId);
      if (url !== undefined) emit(`[${richLine(label, undefined)}](${url})`);
      else if (file !== undefined) emit(`[${richLine(label, undefined)}](${file})`);
      else if (operationId !== undefined) emit(richLine(label, undefined)); // no page for it here: its words only
      else plain += whole; // javascript:, data:, mailto:, other relative targets: printed as text
      i += whole.length;
    } else if (emphasis) {
      const [whole, marker, inner] = emphasis as unknown as [string, string, string];
      emit(`${marker}${markdownText(inner)}${marker}`);
      i += whole.length;
    } else {
      plain += first;
      i += 1;
    }
  }
  return out + markdownText(plain);
}

/** The index of the next character at or after `from` that can start a code span, a link or emphasis (else the length). */
function nextSpecial(line: string, from: number): number {
  SPECIAL.lastIndex = from;
  return SPECIAL.exec(line)?.index ?? line.length;
}
const SPECIAL = /[`[*]/g;

/** Removes what must never reach a page: control characters (tab kept) and invisible or direction-changing ones. */
function visibleText(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n").replace(CONTROL, "").replace(INVISIBLE_IN_LITERAL, "");
}

/** A rendered line that would start a block (thematic break, setext underline, list, indented code) stays a paragraph. */
function paragraphLine(markdown: string): string {
  return markdown.trim().replace(/^([-=+]|\d+(?=[.)]))/, (mark: string) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`));
}

/** Spec Markdown as one line of safe Markdown, for a table cell or a heading: line breaks become spaces. */
export function markdownRichInline(text: string, page: OperationPage): string {
  return paragraphLine(richLine(visibleText(text).replace(/\s+/g, " "), page));
}

const LIST_ITEM = /^\s*(?:([-*+])|(\d{1,9})[.)])\s+(\S.*)$/;
/** A fence opening a code block: at most three spaces, three or more backticks or tildes, a word for the language. */
const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+-]*)[ \t]*$/;

/**
 * Spec Markdown as safe Markdown paragraphs, lists and fenced code blocks. A fenced block's lines are kept as they
 * are (a fence longer than any run inside closes it, its language is a plain word); a fence never closed is text.
 */
export function markdownRichBlock(text: string, page: OperationPage): string {
  const lines = visibleText(text).split("\n");
  const blocks: string[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join("\n"));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const fence = FENCE.exec(line);
    const close = fence ? lines.findIndex((l, j) => j > i && new RegExp(`^ {0,3}${fence[1]?.[0] === "`" ? "`" : "~"}{${fence[1]?.length ?? 3},}[ \\t]*$`).test(l)) : -1;
    if (fence && close > i) {
      endParagraph();
      const body = lines.slice(i + 1, close);
      const longest = Math.max(2, ...body.flatMap((l) => [...l.matchAll(/`+|~+/g)].map((m) => m[0].length)));
      const mark = "`".repeat(longest + 1);
      blocks.push([`${mark}${fence[2] ?? ""}`, ...body.map((l) => l.replace(/\t/g, "  ")), mark].join("\n"));
      i = close;
      continue;
    }
    if (line.trim() === "") {
      endParagraph();
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      // A list item starts its own line of the block; its text is inline Markdown like any other.
      const marker = item[2] !== undefined ? `${Number(item[2])}.` : "-";
      if (paragraph.length > 0 && !LIST_ITEM.test(lines[i - 1] ?? "")) endParagraph();
      paragraph.push(`${marker} ${paragraphLine(richLine(item[3] as string, page))}`);
      continue;
    }
    if (paragraph.length > 0 && LIST_ITEM.test(lines[i - 1] ?? "") && /^\s+\S/.test(line)) {
      paragraph[paragraph.length - 1] += ` ${richLine(line.trim(), page)}`; // an item's continuation line
      continue;
    }
    if (paragraph.length > 0 && LIST_ITEM.test(lines[i - 1] ?? "")) endParagraph();
    const rendered = paragraphLine(richLine(line, page));
    if (rendered !== "") paragraph.push(rendered);
  }
  endParagraph();
  return blocks.join("\n\n");
}
