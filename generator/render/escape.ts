// Escapers, one per output context. Spec text reaches the output only through one of these, and each turns
// any input into an inert literal or comment of its context (the approach of ajv's codegen `safeStringify`).

/** A JavaScript string literal (double-quoted). JSON escaping plus the two line separators old parsers reject. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** Any JSON value as a literal expression (enum and const values). */
export function jsonLiteral(value: unknown): string {
  if (value === undefined) return "undefined";
  const text = JSON.stringify(value);
  return text === undefined ? "undefined" : text.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object-literal or type-member key: bare when it is a plain identifier, else a string literal. */
export function propertyKey(name: string): string {
  // `__proto__: x` in an object literal sets the prototype instead of a property; quoted it is a normal key in
  // types, and the validators map (the only object literal keyed by spec names) uses computed keys.
  return IDENTIFIER.test(name) && name !== "__proto__" ? name : stringLiteral(name);
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

/** Text for a line inside a block comment: nothing can close the comment early. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
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
export function regexConstructor(pattern: string): string {
  return `new RegExp(${stringLiteral(pattern)}, "u")`;
}
