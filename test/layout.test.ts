// The layout pass that replaced prettier on generated files: indentation by bracket depth, never fooled by
// brackets inside literals or comments, JSDoc aligned, and stable (a second pass changes nothing).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { layout } from "../generator/write/layout";
import { ROOT } from "./helpers";

describe("layout", () => {
  it("indents one level per line that leaves a bracket open, and dedents closing lines", () => {
    const input = ["export function f(a: number) {", "if (a) {", "return g(a, {", "x: [", "1,", "],", "});", "}", "}"].join("\n");
    expect(layout(input)).toBe(
      ["export function f(a: number) {", "  if (a) {", "    return g(a, {", "      x: [", "        1,", "      ],", "    });", "  }", "}", ""].join("\n"),
    );
  });

  it("ignores brackets inside strings, regular expressions and comments", () => {
    const input = [
      "const a = \"{[(\";",
      "const b = '}'; // {",
      "const c = /[{(]\\/}/u.test(a); /* ( */",
      "const d = x / 2 / (y);",
      "if (a) {",
      "return 1;",
      "}",
    ].join("\n");
    expect(layout(input).split("\n")).toEqual([
      "const a = \"{[(\";",
      "const b = '}'; // {",
      "const c = /[{(]\\/}/u.test(a); /* ( */",
      "const d = x / 2 / (y);",
      "if (a) {",
      "  return 1;",
      "}",
      "",
    ]);
  });

  it("aligns JSDoc continuation lines under their opener and keeps their text", () => {
    const input = ["export interface A {", "/**", " * Text with {braces} and   spacing.", " *", " *   - a list item", " */", "a: string;", "}"].join("\n");
    expect(layout(input).split("\n")).toEqual([
      "export interface A {",
      "  /**",
      "   * Text with {braces} and   spacing.",
      "   *",
      "   *   - a list item",
      "   */",
      "  a: string;",
      "}",
      "",
    ]);
  });

  it("collapses blank lines, drops them next to brackets and trims trailing spaces", () => {
    expect(layout("a;   \n\n\n\nb {\n\nc;\n\n}\n\n")).toBe("a;\n\nb {\n  c;\n}\n");
  });

  it("puts a header's lines first, as if concatenated, leading blank lines of the code dropped", () => {
    const header = "// one\n// two\n";
    for (const code of ["a;\n", "\n\nb {\nc;\n}\n", "", "\n"]) expect(layout(code, header)).toBe(header + layout(code));
  });

  it("is stable on every file it lays out in the committed output", () => {
    const dir = join(ROOT, "generated", "atlas-restore-job");
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts") && !["openapi.ts", "runtime.ts"].includes(n))) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(layout(text)).toBe(text);
    }
  });
});
