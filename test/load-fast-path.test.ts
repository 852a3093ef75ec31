// The load stage reads specs with js-yaml first and locates positions by block structure; both shortcuts must give
// exactly what the careful path (the `yaml` package, whole-document positions) gives.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { blockLocator } from "../generator/load/locate";
import { hasDuplicateKeys, parseSource, positionIndex } from "../generator/load/source";
import { ROOT } from "./helpers";
import * as yaml from "yaml";

// Counts the `yaml` parses the locator makes (the careful parse is the same function, still working).
jest.mock("yaml", () => {
  const actual = jest.requireActual("yaml");
  return { ...actual, parseDocument: jest.fn(actual.parseDocument) };
});

const SPECS = [
  join(ROOT, "spec", "atlas-restore-job.yaml"),
  ...["scenarios", "hostile"].flatMap((dir) =>
    readdirSync(join(ROOT, "test", "fixtures", dir))
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .map((n) => join(ROOT, "test", "fixtures", dir, n)),
  ),
];
const ATLAS = join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml");

function escapeToken(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Every pointer into the document, depth first. */
function allPointers(data: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      const p = `${pointer}/${escapeToken(key)}`;
      out.push(p);
      walk(child, p);
    }
  };
  walk(data, "");
  return out;
}

function expectSamePositions(text: string, pointers: string[]): number {
  const careful = positionIndex(text, "spec.yaml");
  const fast = blockLocator(text, parseSource(text, "spec.yaml").data);
  let located = 0;
  for (const pointer of pointers) {
    const found = fast(pointer);
    if (found === undefined) continue; // the caller falls back to the careful index
    located++;
    const expected = careful.locate(pointer);
    expect({ pointer, line: found.line, column: found.column }).toEqual({ pointer, line: expected.line, column: expected.column });
  }
  return located;
}

describe("fast parse", () => {
  it.each(SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s reads as the same data through js-yaml and yaml", (_name, file) => {
    const text = readFileSync(file, "utf8");
    expect(parseSource(text, "spec.yaml").data).toEqual(positionIndex(text, "spec.yaml").toData());
  });

  it("reads YAML 1.2 core scalars like yaml does: no timestamps, no yes/no booleans, no merge keys", () => {
    const text = "a: 2024-01-01\nb: yes\nc: 0o17\nd: .inf\ne: ~\nf: '012'\ng: { <<: {x: 1} }\n";
    expect(parseSource(text, "s.yaml").data).toEqual(positionIndex(text, "s.yaml").toData());
    expect(parseSource(text, "s.yaml").data).toMatchObject({ a: "2024-01-01", b: "yes", c: 15, e: null, f: "012" });
  });

  it("takes the careful path for aliases of collections, so the alias limit still applies", () => {
    const text = "a: &x {k: [1, 2]}\nb: *x\n";
    expect(parseSource(text, "s.yaml").data).toEqual({ a: { k: [1, 2] }, b: { k: [1, 2] } });
    const ten = (name: string) => `[${Array(10).fill(`*${name}`).join(", ")}]`;
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b ${ten("a")}\nc: &c ${ten("b")}\nd: &d ${ten("c")}\ne: ${ten("d")}\n`;
    expect(() => parseSource(bomb, "bomb.yaml")).toThrow(/bomb\.yaml:\d+:\d+.*APIGEN_LOAD_PARSE.*alias/is);
  });

  it("keeps -0 as yaml reads it", () => {
    expect(Object.is((parseSource("a: [-0]\n", "s.yaml").data as { a: number[] }).a[0], -0)).toBe(true);
  });

  it.each(SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s as JSON (pretty and minified) reads as the same data through JSON.parse and yaml", (_name, file) => {
    const data = parseSource(readFileSync(file, "utf8"), "s").data;
    for (const json of [JSON.stringify(data, null, 2), JSON.stringify(data)]) {
      expect(parseSource(json, "s.json").data).toEqual(positionIndex(json, "s.json").toData());
    }
  });

  it("finds duplicate keys in JSON as JSON.parse decodes them, and not inside strings", () => {
    expect(hasDuplicateKeys('{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 1}]}')).toBe(false);
    expect(hasDuplicateKeys('{"s": "{\\"a\\": 1, \\"a\\": 2}"}')).toBe(false);
    expect(hasDuplicateKeys('{"a": {}, "b": [], "a": 1}')).toBe(true);
    expect(hasDuplicateKeys('{"a\\u0062": 1, "ab": 2}')).toBe(true);
    expect(hasDuplicateKeys('{"x\\\\": 1, "y": "\\\\", "x\\\\": 3}')).toBe(true);
  });

  it("reports a JSON spec's duplicate keys with the careful parser's line and column (JSON.parse would keep the last)", () => {
    expect(() => parseSource('{\n  "a": 1,\n  "b": {\n    "c": 1,\n    "c": 2\n  }\n}\n', "s.json")).toThrow(/s\.json:5:5.*APIGEN_LOAD_PARSE/s);
  });

  it("reports duplicate keys with the careful parser's line and column", () => {
    expect(() => parseSource("a: 1\nb:\n  c: 1\n  c: 2\n", "s.yaml")).toThrow(/s\.yaml:4:3.*APIGEN_LOAD_PARSE/s);
  });
});

describe("positions by block structure", () => {
  it.each(SPECS.map((s) => [s.slice(ROOT.length + 1), s]))("%s: every pointer lands where the full parse puts it", (_name, file) => {
    const text = readFileSync(file, "utf8");
    expectSamePositions(text, allPointers(parseSource(text, "s.yaml").data));
  });

  it("locates in pretty-printed JSON the same way", () => {
    const data = parseSource(readFileSync(SPECS[0] as string, "utf8"), "s").data;
    const json = JSON.stringify(data, null, 2);
    const pointers = allPointers(data);
    expect(expectSamePositions(json, pointers)).toBe(pointers.length);
  });

  it("finds nothing in flow style rather than guessing (the caller parses it all)", () => {
    const text = '{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}';
    expect(blockLocator(text, JSON.parse(text))("/info/title")).toBeUndefined();
  });

  it("agrees with the full parse on a sample of the Atlas spec's pointers", () => {
    const text = readFileSync(ATLAS, "utf8");
    const pointers = allPointers(parseSource(text, "atlas.yaml").data).filter((_p, i) => i % 41 === 0);
    expect(expectSamePositions(text, pointers)).toBe(pointers.length);
  });

  it("follows block sequences (indented and compact, mapping and scalar items) without parsing anything again", () => {
    const text = [
      "paths:",
      "  /a:",
      "    get:",
      "      parameters:",
      "        - name: first",
      "          in: query",
      "        -   name: second   # a comment",
      "            schema:",
      "              pattern: '^a'",
      "        -",
      "          name: third",
      "          in: header",
      "        - # an item that starts on the next line",
      "          name: fourth",
      "      tags:",
      "      - one",
      "      - two",
      "      responses:",
      "        '200':",
      "          description: ok",
      "",
    ].join("\n");
    const data = parseSource(text, "s.yaml").data;
    const pointers = allPointers(data);
    const fast = blockLocator(text, data);
    const parse = yaml.parseDocument as jest.Mock;
    parse.mockClear();
    const found = pointers.map((p) => fast(p));
    expect(parse).not.toHaveBeenCalled();
    expect(found.every((f) => f !== undefined)).toBe(true);
    expect(expectSamePositions(text, pointers)).toBe(pointers.length);
  });
});
