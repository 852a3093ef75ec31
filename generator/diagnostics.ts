// Diagnostics: every problem the generator reports carries a code, a message, where it is, and what to do.

export type Severity = "error" | "warning";

export interface SourceLocation {
  /** Path of the file as the user named it (relative to the working directory when possible). */
  file: string;
  /** JSON pointer into the document, e.g. `/paths/~1pets/get`. */
  pointer?: string;
  /** 1-based line and column, when the source position is known. */
  line?: number;
  column?: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `APIGEN_LOAD_PARSE`. */
  code: string;
  message: string;
  location?: SourceLocation;
  hint?: string;
}

/** Thrown to stop the pipeline; the CLI prints the diagnostics without a stack trace. */
export class GeneratorError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "GeneratorError";
    this.diagnostics = diagnostics;
  }
}

export function fail(code: string, message: string, location?: SourceLocation, hint?: string): never {
  throw new GeneratorError([diagnostic("error", code, message, location, hint)]);
}

export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  location?: SourceLocation,
  hint?: string,
): Diagnostic {
  const d: Diagnostic = { severity, code, message };
  if (location) d.location = location;
  if (hint) d.hint = hint;
  return d;
}

/**
 * Spec text shown in a terminal or CI log stays on its line and cannot move the cursor: line terminators, other
 * control characters and bidirectional controls are written as `\u` escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function formatLocation(loc: SourceLocation): string {
  let where = printable(loc.file);
  if (loc.line !== undefined) where += `:${loc.line}:${loc.column ?? 1}`;
  if (loc.pointer !== undefined) where += ` (#${printable(loc.pointer)})`;
  return where;
}

/** `file:line:col (#/pointer): error APIGEN_X: message\n  hint: …` — one line per fact, no stack. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${formatLocation(d.location)}: ` : "";
  const head = `${where}${d.severity} ${d.code}: ${printable(d.message)}`;
  return d.hint ? `${head}\n  hint: ${printable(d.hint)}` : head;
}

/** Encodes one JSON-pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  const text = String(token);
  // The model builds a pointer for every node it visits; most tokens need no escape, and a test is cheaper than two replaces.
  return text.includes("~") || text.includes("/") ? text.replace(/~/g, "~0").replace(/\//g, "~1") : text;
}

export function pointerJoin(base: string, ...tokens: (string | number)[]): string {
  let pointer = base;
  for (const token of tokens) pointer += "/" + pointerToken(token);
  return pointer;
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  const tokens = pointer.slice(pointer.startsWith("#") ? 2 : 1).split("/");
  // Most tokens hold no escape: a test is cheaper than two replaces (load, model and locate split pointers often).
  return tokens.map((t) => (t.includes("~") ? t.replace(/~1/g, "/").replace(/~0/g, "~") : t));
}
