// Final layout of the code apigen renders, in one linear pass instead of prettier: templates and type builders
// emit one construct per line without caring about indentation, and this pass indents each line by its bracket
// depth, aligns JSDoc continuation lines under their `/**`, trims trailing spaces and collapses blank lines.
// It relies on what the render stage guarantees: string literals never span lines (line terminators are
// escaped) and spec text reaches comments only through the JSDoc escaper.

const INDENT = "  ";

/**
 * `text` laid out, after `header` (whole lines, ending with a newline), as one string: one join makes the file, where
 * concatenating the header and the final newline would make a string that is copied again when the file is hashed.
 */
export function layout(text: string, header = ""): string {
  const out: string[] = [];
  const scanner = new BracketScanner();
  let commentIndent: string | undefined; // set while inside a /** … */ block
  let blank = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") {
      blank = out.length > 0;
      continue;
    }
    if (commentIndent !== undefined) {
      out.push(`${commentIndent} ${line}`);
      if (line.endsWith("*/")) commentIndent = undefined;
      continue;
    }
    const closesFirst = line[0] === "}" || line[0] === "]" || line[0] === ")";
    if (blank && !closesFirst && !opensBlock(out[out.length - 1])) out.push("");
    blank = false;
    const indent = INDENT.repeat(scanner.levelFor(line));
    out.push(indent + line);
    if (line.startsWith("/*") && !line.includes("*/")) commentIndent = indent;
    else scanner.scan(line, out.length);
  }
  if (out.length === 0) out.push("");
  if (header !== "") out.unshift(header.endsWith("\n") ? header.slice(0, -1) : header);
  out.push(""); // the final newline
  return out.join("\n");
}

function opensBlock(previous: string | undefined): boolean {
  return previous !== undefined && /[{[(]$/.test(previous);
}

/**
 * Tracks open brackets across lines, skipping string, template and regex literals and comments. A line is
 * indented once per earlier line that still has an open bracket: `f(a, {` indents what follows by one level.
 */
class BracketScanner {
  /** For each open bracket, the line that opened it. */
  private readonly open: number[] = [];
  /** For each open bracket, how many distinct lines opened it and the brackets below it (its line's level + 1). */
  private readonly levels: number[] = [];
  private inBlockComment = false;

  /** The indentation level of a line: lines with open brackets, after the closers the line starts with. */
  levelFor(line: string): number {
    let closers = 0;
    while (closers < line.length && isCloser(line.charCodeAt(closers))) closers++;
    const remaining = this.open.length - closers;
    return remaining > 0 ? (this.levels[remaining - 1] as number) : 0;
  }

  scan(line: string, lineNumber: number): void {
    let previous = ""; // last significant character, to tell a regex literal from a division
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (this.inBlockComment) {
        if (c === "*" && line[i + 1] === "/") {
          this.inBlockComment = false;
          i++;
        }
        continue;
      }
      if (c === " " || c === "\t") continue;
      if (c === "/" && line[i + 1] === "/") return;
      if (c === "/" && line[i + 1] === "*") {
        this.inBlockComment = true;
        i++;
        continue;
      }
      if (c === '"' || c === "'" || c === "`") i = skipQuoted(line, i, c);
      else if (c === "/" && startsRegex(previous, line, i)) i = skipRegex(line, i);
      else if (c === "{" || c === "[" || c === "(") this.push(lineNumber);
      else if (c === "}" || c === "]" || c === ")") this.pop();
      previous = c;
    }
  }

  private push(lineNumber: number): void {
    const depth = this.open.length;
    const below = depth > 0 ? (this.levels[depth - 1] as number) : 0;
    this.levels.push(depth > 0 && this.open[depth - 1] === lineNumber ? below : below + 1);
    this.open.push(lineNumber);
  }

  private pop(): void {
    this.open.pop();
    this.levels.pop();
  }
}

function isCloser(code: number): boolean {
  return code === 0x7d || code === 0x5d || code === 0x29; // } ] )
}

function skipQuoted(line: string, start: number, quote: string): number {
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}

function startsRegex(previous: string, line: string, at: number): boolean {
  if (previous === "" || "(,=:[!&|?{};+-*%<>~^".includes(previous)) return true;
  return /\b(?:return|typeof|case|of|in)\s*$/.test(line.slice(0, at));
}

function skipRegex(line: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i];
    if (c === "\\") i++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) return i;
  }
  return line.length;
}
