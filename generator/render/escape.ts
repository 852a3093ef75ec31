// Escapers, one per output context. Spec text reaches the output only through one of these, and each turns
// any input into an inert literal or comment of its context (the approach of ajv's codegen `safeStringify`).

/**
 * Characters that are legal inside a literal but dangerous to a reader or an old parser: line separators (U+2028,
 * U+2029, and NEL U+0085, a line break to many editors), C1 controls, zero-width and invisible format characters, the
 * byte-order mark, and the bidirectional controls of "Trojan Source" (CVE-2021-42574), which make code display
 * differently than it runs. JSON.stringify leaves all of them raw.
 */
export const INVISIBLE_IN_LITERAL = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

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
  return literal.replace(INVISIBLE_IN_LITERAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

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
  if (!IDENTIFIER.test(name)) throw new Error(`internal error: "${name}" is not an identifier`);
  return name;
}

/** Every text one of commentText's replacements changes: CR and separators, controls, INVISIBLE_IN_LITERAL, a comment end. */
const NEEDS_COMMENT_ESCAPE = /[\r\u2028\u2029\u0085\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|\*\//;

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
  const body = lines
    .filter((l): l is string => typeof l === "string" && l.trim().length > 0)
    .flatMap((l) => commentText(l).trimEnd().split("\n"))
    .map((l) => l.trimEnd());
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  if (body.length === 0) return "";
  return ["/**", ...body.map((l) => (l === "" ? " *" : ` * ${l}`)), " */"].join("\n");
}

/** A regular expression built at module load from a string literal: the pattern text can never leave the literal. */
export function regexConstructor(pattern: string, flags: "u" | ""): string {
  return `new RegExp(${stringLiteral(pattern)}, ${stringLiteral(flags)})`;
}

// ---- Markdown (docs/) and shell (the docs' command lines) ------------------------------------------------------

/** Control characters other than tab and line breaks: never useful in docs, and some terminals act on them. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** One line of spec text made inert in Markdown: no HTML, link, emphasis, code span or table cell boundary survives. */
function markdownLine(line: string): string {
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
