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

/** Text for lines inside a block comment: nothing can close the comment early, no invisible controls survive. */
export function commentText(text: string): string {
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
