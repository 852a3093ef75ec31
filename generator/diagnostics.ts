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

export function formatLocation(loc: SourceLocation): string {
  let where = loc.file;
  if (loc.line !== undefined) where += `:${loc.line}:${loc.column ?? 1}`;
  if (loc.pointer !== undefined) where += ` (#${loc.pointer})`;
  return where;
}

/** `file:line:col (#/pointer): error APIGEN_X: message\n  hint: …` — one line per fact, no stack. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${formatLocation(d.location)}: ` : "";
  const head = `${where}${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** Encodes one JSON-pointer reference token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function pointerJoin(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((t) => "/" + pointerToken(t)).join("");
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  return pointer
    .replace(/^#/, "")
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
