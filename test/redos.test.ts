// The ReDoS analyser (generator/model/redos.ts): a given → want table of patterns, every one that the Atlas spec
// had flagged with the old one-line heuristic among them. `node bench/redos-sanity.js` times the same table's attack
// strings in child processes, to check that what is flagged really backtracks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LoadedSpec } from "../generator/load";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { complement, describeRisk, intersects, normalise, parsePattern, redosRisk } from "../generator/model/redos";
import { miniSpec, ROOT, toYaml } from "./helpers";

interface Case {
  pattern: string;
  want: "flag" | "safe";
  source: "atlas" | "classic" | "legacy";
  note: string;
}

const CASES: Case[] = JSON.parse(readFileSync(join(__dirname, "fixtures", "redos-cases.json"), "utf8"));

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

describe("redosRisk", () => {
  it.each(CASES.map((c) => [c.want, c.pattern, c]))("%s: %s", (_want, pattern, c) => {
    const { want } = c as Case;
    // As the validators compile it: with the u flag when the pattern allows it (it must compile one way or the other).
    const unicode = compiles(pattern as string, "u");
    expect(unicode || compiles(pattern as string, "")).toBe(true);
    expect(redosRisk(pattern as string, unicode) === undefined ? "safe" : "flag").toBe(want);
  });

  it("covers every pattern of the Atlas spec, and keeps only the two real risks", () => {
    const atlas = CASES.filter((c) => c.source === "atlas");
    expect(atlas).toHaveLength(8);
    expect(atlas.filter((c) => c.want === "flag").map((c) => c.pattern)).toEqual([
      expect.stringContaining("([a-z0-9\\.]+)+"),
      expect.stringContaining("(?:(?:CN|OU)=[^,]+,?)+"),
    ]);
  });

  it("names the outer quantifier by column and quotes the part it repeats", () => {
    const pattern = "https:\\/\\/([a-z0-9\\.]+)+\\.[a-z]{2,}";
    const risk = redosRisk(pattern, true);
    expect(risk).toEqual({ column: 24, quantifier: "+", part: "[a-z0-9\\.]+", kind: "nested-repeat" });
    expect(pattern[(risk?.column ?? 0) - 1]).toBe("+");
    expect(describeRisk(risk!)).toBe("the `+` at column 24 repeats `[a-z0-9\\.]+`, which can split the same text between iterations in more than one way");
  });

  it("reports overlapping alternatives with the alternation they come from", () => {
    const risk = redosRisk("^(?:\\w|\\d){2,}$", true);
    expect(risk).toEqual({ column: 11, quantifier: "{2,}", part: "\\w|\\d", kind: "overlapping-alternatives" });
    expect(describeRisk(risk!)).toBe("the `{2,}` at column 11 repeats `\\w|\\d`, whose alternatives can match the same text");
  });

  it("cuts a long part to 60 characters in the message", () => {
    const risk = redosRisk(`^((?:${"[a-z]".repeat(20)})+)+$`, true)!;
    expect(risk.part).toHaveLength(105);
    expect(describeRisk(risk)).toContain(`repeats \`(?:${"[a-z]".repeat(11)}[…\`, which`);
  });

  it("reports the first risky repeat when there are several", () => {
    expect(redosRisk("^(a+)+(b+)+$", true)).toMatchObject({ column: 6, part: "a+" });
  });

  it("treats a repeat of fewer than ten iterations of a bounded part as a fixed unrolling, and ten or more as many", () => {
    expect(redosRisk("^(a{1,3}){9}$", true)).toBeUndefined();
    expect(redosRisk("^(a{1,3}){10}$", true)).toMatchObject({ quantifier: "{10}" });
    expect(redosRisk("^(a{1,3}){2,9}$", true)).toBeUndefined();
    expect(redosRisk("^(a{1,3}){2,10}$", true)).toMatchObject({ quantifier: "{2,10}" });
    expect(redosRisk("^(a|a){9}$", true)).toBeUndefined();
    expect(redosRisk("^(a|a){10}$", true)).toMatchObject({ kind: "overlapping-alternatives" });
  });

  it("reports an unbounded part repeated three times or more (n^3), not twice (n^2, like a+a+)", () => {
    expect(redosRisk("^(a+){2}$", true)).toBeUndefined();
    expect(redosRisk("^(a+){3}$", true)).toMatchObject({ quantifier: "{3}", part: "a+" });
    expect(redosRisk("^(a+\\.){3}$", true)).toBeUndefined();
  });

  it("falls back to a linear scan, assuming the worst, for syntax the parser does not know", () => {
    // Pattern modifiers are newer than the parser; the pattern is not compiled here, only analysed.
    expect(redosRisk("^(?i:(a+)+)$", true)).toEqual({ column: 10, quantifier: "+", part: "", kind: "unanalysed" });
    expect(redosRisk("^(?i:ab)+$", true)).toBeUndefined();
    expect(describeRisk(redosRisk("^(?i:(a+)+)$", true)!)).toBe("the `+` at column 10 repeats a group and apigen could not analyse the pattern (longer than 1000 characters, groups nested deeper than 50, or syntax it does not know), so it assumes the worst");
  });

  it("does not parse hostile patterns: too long or too deeply nested ones get the linear scan", () => {
    const deep = "(".repeat(3000) + "a" + ")".repeat(3000);
    expect(() => new RegExp(deep, "u")).not.toThrow();
    expect(redosRisk(deep, true)).toBeUndefined();
    expect(redosRisk(`${deep}+`, true)).toBeUndefined(); // no quantifier before the group closes
    expect(redosRisk("(".repeat(60) + "a+" + ")".repeat(60) + "+", true)).toMatchObject({ kind: "unanalysed", column: 123 });
    const long = "(?:[0-9]+\\.)".repeat(100) + "+";
    expect(long.length).toBeGreaterThan(1000);
    expect(redosRisk(long, true)).toMatchObject({ kind: "unanalysed" });
    expect(redosRisk("[0-9]".repeat(300), true)).toBeUndefined();
  });
});

/** Every string `pattern` in a document, distinct. */
function patternsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) patternsIn(item, found);
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "pattern" && typeof value === "string") found.add(value);
      patternsIn(value, found);
    }
  }
  return found;
}

describe("the Atlas spec", () => {
  it("flags only its two real risks among all its patterns (the old heuristic flagged eight, 52 warnings)", () => {
    const path = join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml");
    const patterns = [...patternsIn(parseSource(readFileSync(path, "utf8"), path).data)];
    expect(patterns.length).toBeGreaterThan(40);
    const flagged = patterns.filter((p) => redosRisk(p, compiles(p, "u")) !== undefined);
    expect(flagged).toEqual(CASES.filter((c) => c.source === "atlas" && c.want === "flag").map((c) => c.pattern));
    for (const c of CASES.filter((c) => c.source === "atlas")) expect(patterns).toContain(c.pattern);
  });
});

describe("APIGEN_SCHEMA_PATTERN_REDOS", () => {
  function warningsFor(patterns: Record<string, string>) {
    const schemas = Object.fromEntries(Object.entries(patterns).map(([name, pattern]) => [name, { type: "string", pattern }]));
    const doc = miniSpec({ components: { schemas } });
    const spec: LoadedSpec = { source: parseSource(toYaml(doc), "spec.yaml"), document: doc, openapiVersion: "3.0", name: "spec" };
    return buildModel(spec).warnings.filter((w) => w.code === "APIGEN_SCHEMA_PATTERN_REDOS");
  }

  it("keeps its message and hint, adds the quantifier and the part, and points at the pattern", () => {
    const warnings = warningsFor({ Host: "^([a-z0-9\\.]+)+$", Ipv4: "^([0-9]{1,3}\\.){3}[0-9]{1,3}$", Version: "^([0-9]+\\.)+[0-9]+$" });
    expect(warnings.map((w) => [w.location?.pointer, w.message, w.hint])).toEqual([[
      "/components/schemas/Host/pattern",
      "pattern nests quantifiers and may take exponential time on some inputs (ReDoS): the `+` at column 15 repeats `[a-z0-9\\.]+`, which can split the same text between iterations in more than one way",
      "rewrite without a quantifier inside a quantified group, or bound the string with maxLength",
    ]]);
  });

  it("analyses patterns that compile only without the u flag", () => {
    expect(warningsFor({ Legacy: "^\\:(a+)+$" }).map((w) => w.location?.pointer)).toEqual(["/components/schemas/Legacy/pattern"]);
  });
});

describe("parsePattern", () => {
  it("records where each node starts and ends, so warnings can quote the pattern", () => {
    const tree = parsePattern("a(b|c)*", true);
    expect(tree).toMatchObject({ kind: "seq", start: 0, end: 7, items: [{ kind: "char", start: 0, end: 1 }, { kind: "repeat", min: 0, max: Infinity, quantifierStart: 6, start: 1, end: 7, body: { kind: "group", body: { kind: "alt", start: 2, end: 5 } } }] });
  });

  it.each([
    ["a{2,5}", 2, 5], ["a{3}", 3, 3], ["a{2,}", 2, Infinity], ["a??", 0, 1], ["a+?", 1, Infinity],
  ])("reads the quantifier in %s", (pattern, min, max) => {
    expect(parsePattern(pattern, true)).toMatchObject({ kind: "repeat", min, max });
  });

  it("reads classes with ranges, escapes and negation", () => {
    expect(parsePattern("[a-c\\d_]", true)).toMatchObject({ set: [[0x30, 0x39], [0x5f, 0x5f], [0x61, 0x63]] });
    expect(parsePattern("[^\\n]", true)).toMatchObject({ set: [[0, 9], [11, 0x10ffff]] });
    expect(parsePattern("[\\w-]", false)).toMatchObject({ set: normalise([[0x2d, 0x2d], [0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]) });
  });

  it("tells lookarounds, named groups and backreferences apart", () => {
    expect(parsePattern("(?<=a)", true)).toMatchObject({ kind: "look" });
    expect(parsePattern("(?<n>a)", true)).toMatchObject({ kind: "group" });
    expect(parsePattern("(a)\\1", true)).toMatchObject({ items: [{ kind: "group" }, { kind: "backref" }] });
    expect(parsePattern("(?<n>a)\\k<n>", true)).toMatchObject({ items: [{ kind: "group" }, { kind: "backref" }] });
  });

  it("reads a lone brace as a literal only without the u flag", () => {
    expect(parsePattern("a{", false)).toMatchObject({ kind: "seq", items: [{ set: [[0x61, 0x61]] }, { set: [[0x7b, 0x7b]] }] });
    expect(() => parsePattern("a{", true)).toThrow(SyntaxError);
  });
});

describe("character sets", () => {
  it("complements and intersects", () => {
    expect(complement([[0, 9], [20, 0x10ffff]])).toEqual([[10, 19]]);
    expect(intersects([[0, 5]], [[5, 9]])).toBe(true);
    expect(intersects([[0, 4], [10, 12]], [[5, 9], [13, 20]])).toBe(false);
  });
});
