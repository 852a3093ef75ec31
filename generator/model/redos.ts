// ReDoS risk in a schema's `pattern` (ECMA-262 §22.2 syntax, as the generated validators compile it: with the "u"
// flag, or without it for patterns only legacy syntax accepts).
//
// A backtracking engine takes exponential (or high-polynomial) time when a repeated sub-expression can match the same
// text in more than one way: on a near-miss input it tries every way before failing. This module parses the pattern
// into a small AST and looks for the two shapes that cause it, in the way safe-regex / recheck's structural checks do
// but with the overlap test that keeps bounded, separated repeats (IPv4, IPv6, dotted names) out:
//
// 1. Nested repeat with overlap. An outer repeat contains an inner repeat of variable length (`+`, `*`, `?`,
//    `{1,3}`). Between one iteration's inner repeat and the next iteration's lies a gap: the rest of the body, then
//    the start of the body up to the inner repeat. When every required part of that gap can match characters the
//    inner repeat matches, a run of those characters can be split between iterations in many ways: `(a+)+`,
//    `(\w+\s?)*`, `(x\w+)+`. When the gap requires a character the inner repeat cannot match, the split is unique
//    and the pattern is safe: `([0-9]+\.)+`, `(-[a-z]+)*`. How many splits there are depends on the outer count:
//    exponential when it is unbounded or at least MANY_AT_LEAST (`(a{1,3}){10}`); when the inner repeat is
//    unbounded, a count of k gives n^k, so from POLYNOMIAL_DEGREE up it is reported too (`(\d+){3}`, `(.*a){20}`).
//    Small bounded repeats of bounded parts (`([0-9a-f]{1,4}:){7}`) have a fixed number of splits and are safe.
// 2. Overlapping alternatives. An alternation inside a repeat of at least MANY_AT_LEAST iterations whose branches
//    can match the same text (`(a|a)*`, `(\w|\d)+`), or where a shorter branch followed by what comes next can
//    match a longer one (`(a|aa)+`). Branches are compared as short sequences of character sets; `(ab|ac)+` is safe.
//
// Where the analysis cannot tell (backreferences, branches too long or too varied to expand, property escapes,
// lookarounds, which it ignores) it assumes the worst, so it may warn about a safe pattern but should not miss the
// shapes above. A pattern it does not parse (longer than MAX_ANALYSED_LENGTH, groups deeper than MAX_GROUP_DEPTH,
// syntax newer than this parser) is reported when a quantified group follows any quantifier. Adjacent unbounded
// repeats (`\d+\d+`, quadratic at worst) are not reported: a `maxLength` bounds them.

/** A repeat bounded below this many iterations is treated as a small fixed unrolling, not as "many". */
export const MANY_AT_LEAST = 10;

/** An unbounded repeat nested this many times (n^3) or more is reported; `(a+){2}` is only quadratic, like `a+a+`. */
export const POLYNOMIAL_DEGREE = 3;

/** Longer patterns are not parsed (the analysis is quadratic in the worst case; Atlas's longest is ~250). */
export const MAX_ANALYSED_LENGTH = 1000;

/** Deeper group nesting is not parsed either, so no recursion below can exhaust the stack. */
export const MAX_GROUP_DEPTH = 50;

/** Which part of the pattern may backtrack, for the warning. */
export interface RedosRisk {
  /** 1-based column of the outer quantifier in the pattern. */
  column: number;
  /** The outer quantifier as written: `+`, `*`, `{2,}`, `{20}`. */
  quantifier: string;
  /** The part it repeats that can match the same text in more than one way, as written ("" when unanalysed). */
  part: string;
  /** `unanalysed`: too long, too deep or syntax the parser does not know, with a quantified group after a quantifier. */
  kind: "nested-repeat" | "overlapping-alternatives" | "unanalysed";
}

/** The risk in a pattern, or undefined when it has none of the shapes above. */
export function redosRisk(pattern: string, unicode: boolean): RedosRisk | undefined {
  let tree: Node;
  try {
    if (pattern.length > MAX_ANALYSED_LENGTH) throw new SyntaxError("too long to analyse");
    tree = parsePattern(pattern, unicode);
  } catch {
    return quantifiedGroupAfterQuantifier(pattern);
  }
  for (const outer of repeatsOf(tree)) {
    if (outer.max < POLYNOMIAL_DEGREE) continue;
    const found = riskInside(outer, pattern);
    if (found) return found;
  }
  return undefined;
}

/** The warning's detail: "the `+` at column 14 repeats `[a-z0-9\.]+`, …". */
export function describeRisk(risk: RedosRisk): string {
  if (risk.kind === "unanalysed") {
    return `the \`${risk.quantifier}\` at column ${risk.column} repeats a group and apigen could not analyse the pattern (longer than ${MAX_ANALYSED_LENGTH} characters, groups nested deeper than ${MAX_GROUP_DEPTH}, or syntax it does not know), so it assumes the worst`;
  }
  const why = risk.kind === "nested-repeat" ? "which can split the same text between iterations in more than one way" : "whose alternatives can match the same text";
  return `the \`${risk.quantifier}\` at column ${risk.column} repeats \`${shortened(risk.part)}\`, ${why}`;
}

/** A part of a long pattern, cut so one warning stays one readable line. */
function shortened(part: string): string {
  return part.length > 60 ? `${part.slice(0, 59)}…` : part;
}

/**
 * For a pattern the parser does not take: the first quantified group with a quantifier somewhere before its end,
 * found by linear scans only, so a hostile pattern cannot make this slow.
 */
function quantifiedGroupAfterQuantifier(pattern: string): RedosRisk | undefined {
  const firstQuantifier = pattern.search(/(?<!\()[+*?]|\{\d/); // the `?` of `(?:` is not a quantifier
  if (firstQuantifier < 0) return undefined;
  const group = /\)([+*]|\{\d+(?:,\d*)?\})/g;
  group.lastIndex = firstQuantifier;
  const found = group.exec(pattern);
  return found ? { column: found.index + 2, quantifier: found[1] as string, part: "", kind: "unanalysed" } : undefined;
}

// ---- AST --------------------------------------------------------------------------------------------------------

/** Sorted, non-overlapping inclusive code point ranges. */
export type CharSet = ReadonlyArray<readonly [number, number]>;

export type Node =
  | { kind: "char"; set: CharSet; start: number; end: number }
  | { kind: "seq"; items: Node[]; start: number; end: number }
  | { kind: "alt"; branches: Node[]; start: number; end: number }
  | { kind: "group"; body: Node; start: number; end: number }
  | { kind: "look"; body: Node; start: number; end: number }
  | { kind: "assert"; start: number; end: number }
  | { kind: "backref"; start: number; end: number }
  | { kind: "repeat"; body: Node; min: number; max: number; quantifierStart: number; start: number; end: number };

const MAX_CODE_POINT = 0x10ffff;
const ANY: CharSet = [[0, MAX_CODE_POINT]];
const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = normalise([[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]]);
const SPACE: CharSet = normalise([[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]]);
const LINE_TERMINATORS: CharSet = normalise([[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]]);
const DOT: CharSet = complement(LINE_TERMINATORS);

export function normalise(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as readonly [number, number];
    const [blo, bhi] = b[j] as readonly [number, number];
    if (alo <= bhi && blo <= ahi) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

// ---- Parser -----------------------------------------------------------------------------------------------------

/**
 * Parses a pattern RegExp has already accepted. Unicode mode reads `\u{…}` and surrogate pairs as one code point;
 * legacy mode also accepts a lone `{`, `}` or `]` as a literal and an unknown escape as its character.
 */
export function parsePattern(source: string, unicode: boolean): Node {
  const parser = new Parser(source, unicode);
  const tree = parser.alternation();
  if (parser.pos !== source.length) throw new SyntaxError(`unexpected ${source[parser.pos]} at ${parser.pos}`);
  return tree;
}

class Parser {
  pos = 0;
  depth = 0;
  constructor(readonly source: string, readonly unicode: boolean) {}

  alternation(): Node {
    const start = this.pos;
    const branches = [this.sequence()];
    while (this.source[this.pos] === "|") {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? (branches[0] as Node) : { kind: "alt", branches, start, end: this.pos };
  }

  sequence(): Node {
    const start = this.pos;
    const items: Node[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== "|" && this.source[this.pos] !== ")") items.push(this.quantified());
    return items.length === 1 ? (items[0] as Node) : { kind: "seq", items, start, end: this.pos };
  }

  quantified(): Node {
    const atom = this.atom();
    const quantifierStart = this.pos;
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (this.source[this.pos] === "?") this.pos++; // lazy: same search space, other order
    return { kind: "repeat", body: atom, min: bounds[0], max: bounds[1], quantifierStart, start: atom.start, end: this.pos };
  }

  quantifier(): [number, number] | undefined {
    const c = this.source[this.pos];
    if (c === "*" || c === "+" || c === "?") {
      this.pos++;
      return c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    }
    if (c !== "{") return undefined;
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!braces) {
      if (this.unicode) throw new SyntaxError(`lone { at ${this.pos}`);
      return undefined; // legacy: a literal "{", read by atom()
    }
    this.pos += braces[0].length;
    const min = Number(braces[1]);
    return [min, braces[2] === undefined ? min : braces[3] === "" ? Infinity : Number(braces[3])];
  }

  atom(): Node {
    const start = this.pos;
    const c = this.source[this.pos] as string;
    if (c === "(") return this.group();
    if (c === "[") return this.charClass();
    if (c === "^" || c === "$") {
      this.pos++;
      return { kind: "assert", start, end: this.pos };
    }
    if (c === ".") {
      this.pos++;
      return { kind: "char", set: DOT, start, end: this.pos };
    }
    if (c === "\\") return this.escape(false);
    if ("*+?".includes(c) || (c === "{" && this.unicode)) throw new SyntaxError(`nothing to repeat at ${start}`);
    return { kind: "char", set: single(this.codePoint()), start, end: this.pos };
  }

  group(): Node {
    const start = this.pos;
    if (++this.depth > MAX_GROUP_DEPTH) throw new SyntaxError(`groups nested deeper than ${MAX_GROUP_DEPTH}`);
    this.pos++;
    const look = /^\?(?:<?[=!])/.exec(this.source.slice(this.pos));
    if (look) this.pos += look[0].length;
    else if (this.source.startsWith("?:", this.pos)) this.pos += 2;
    else if (this.source[this.pos] === "?") {
      const named = /^\?<[^>]+>/.exec(this.source.slice(this.pos));
      if (!named) throw new SyntaxError(`unknown group at ${start}`); // e.g. modifiers (?i:…): fall back
      this.pos += named[0].length;
    }
    const body = this.alternation();
    if (this.source[this.pos] !== ")") throw new SyntaxError(`unclosed group at ${start}`);
    this.pos++;
    this.depth--;
    return look ? { kind: "look", body, start, end: this.pos } : { kind: "group", body, start, end: this.pos };
  }

  charClass(): Node {
    const start = this.pos;
    this.pos++;
    const negated = this.source[this.pos] === "^";
    if (negated) this.pos++;
    const ranges: (readonly [number, number])[] = [];
    while (this.source[this.pos] !== "]") {
      if (this.pos >= this.source.length) throw new SyntaxError(`unclosed class at ${start}`);
      const low = this.classAtom();
      if (this.source[this.pos] === "-" && this.source[this.pos + 1] !== "]" && typeof low === "number") {
        const save = this.pos;
        this.pos++;
        const high = this.classAtom();
        if (typeof high === "number") {
          ranges.push([low, high]);
          continue;
        }
        this.pos = save; // legacy `[\d-x]`-style: the "-" is a literal
      }
      if (typeof low === "number") ranges.push([low, low]);
      else ranges.push(...low);
    }
    this.pos++;
    const set = normalise(ranges);
    return { kind: "char", set: negated ? complement(set) : set, start, end: this.pos };
  }

  /** One class member: a code point, or a set for `\d`, `\w`, `\s`, `\p{…}` and their negations. */
  classAtom(): number | CharSet {
    if (this.source[this.pos] !== "\\") return this.codePoint();
    if (this.source[this.pos + 1] === "b") {
      this.pos += 2;
      return 0x08;
    }
    if (this.source[this.pos + 1] === "-") {
      this.pos += 2;
      return 0x2d;
    }
    const node = this.escape(true);
    if (node.kind !== "char") return ANY; // a backreference-looking escape inside a class is an octal/identity escape
    return node.set.length === 1 && (node.set[0] as readonly [number, number])[0] === (node.set[0] as readonly [number, number])[1] ? (node.set[0] as readonly [number, number])[0] : node.set;
  }

  escape(inClass: boolean): Node {
    const start = this.pos;
    this.pos++;
    const c = this.source[this.pos];
    if (c === undefined) throw new SyntaxError("trailing backslash");
    this.pos++;
    const char = (set: CharSet): Node => ({ kind: "char", set, start, end: this.pos });
    switch (c) {
      case "d": return char(DIGIT);
      case "D": return char(complement(DIGIT));
      case "w": return char(WORD);
      case "W": return char(complement(WORD));
      case "s": return char(SPACE);
      case "S": return char(complement(SPACE));
      case "b": case "B": return { kind: "assert", start, end: this.pos };
      case "n": return char(single(0x0a));
      case "r": return char(single(0x0d));
      case "t": return char(single(0x09));
      case "v": return char(single(0x0b));
      case "f": return char(single(0x0c));
      case "c": {
        const letter = this.source[this.pos];
        if (letter !== undefined && /[a-z]/i.test(letter)) {
          this.pos++;
          return char(single(letter.charCodeAt(0) % 32));
        }
        return char(single(0x5c)); // legacy: "\c" alone is a backslash and a "c"; close enough
      }
      case "x": {
        const hex = /^[0-9a-f]{2}/i.exec(this.source.slice(this.pos));
        if (!hex) return char(single(0x78));
        this.pos += 2;
        return char(single(parseInt(hex[0], 16)));
      }
      case "u": return char(single(this.unicodeEscape()));
      case "p": case "P": {
        const property = /^\{[^}]*\}/.exec(this.source.slice(this.pos));
        if (!this.unicode || !property) return char(single(c.charCodeAt(0)));
        this.pos += property[0].length;
        return char(ANY); // which characters a property names is not modelled: assume it overlaps everything
      }
      case "k": {
        const name = /^<[^>]+>/.exec(this.source.slice(this.pos));
        if (!name || inClass) return char(single(0x6b));
        this.pos += name[0].length;
        return { kind: "backref", start, end: this.pos };
      }
      default: {
        if (c === "0" && !/[0-9]/.test(this.source[this.pos] ?? "")) return char(single(0));
        if (/[0-9]/.test(c)) {
          while (/[0-9]/.test(this.source[this.pos] ?? "")) this.pos++;
          // A backreference (or a legacy octal escape): what it matches depends on the input, so assume anything.
          return inClass ? char(ANY) : { kind: "backref", start, end: this.pos };
        }
        this.pos = start + 1;
        return char(single(this.codePoint())); // identity escape: `\.`, `\/`, `\-`
      }
    }
  }

  unicodeEscape(): number {
    const braced = this.unicode ? /^\{([0-9a-f]+)\}/i.exec(this.source.slice(this.pos)) : null;
    if (braced) {
      this.pos += braced[0].length;
      return parseInt(braced[1] as string, 16);
    }
    const hex = /^[0-9a-f]{4}/i.exec(this.source.slice(this.pos));
    if (!hex) return 0x75;
    this.pos += 4;
    return parseInt(hex[0], 16);
  }

  codePoint(): number {
    const point = this.unicode ? (this.source.codePointAt(this.pos) as number) : this.source.charCodeAt(this.pos);
    this.pos += point > 0xffff ? 2 : 1;
    return point;
  }
}

function single(point: number): CharSet {
  return [[point, point]];
}

// ---- Analysis ---------------------------------------------------------------------------------------------------

function childrenOf(node: Node): Node[] {
  switch (node.kind) {
    case "seq": return node.items;
    case "alt": return node.branches;
    case "group": case "look": case "repeat": return [node.body];
    default: return [];
  }
}

/** Every repeat in the tree, outermost first, in pattern order. */
function repeatsOf(node: Node): Extract<Node, { kind: "repeat" }>[] {
  const own = node.kind === "repeat" ? [node] : [];
  return [...own, ...childrenOf(node).flatMap(repeatsOf)];
}

function isMany(node: Extract<Node, { kind: "repeat" }>): boolean {
  return node.max >= MANY_AT_LEAST;
}

/** A node with what surrounds it inside the outer body: the items after it, then the items before it. */
interface Placed {
  node: Node;
  after: Node[];
  before: Node[];
}

/** Every node under `node`, each with its siblings in the enclosing sequences (inner ones first for `after`). */
function placedNodes(node: Node, after: Node[] = [], before: Node[] = []): Placed[] {
  const here: Placed = { node, after, before };
  if (node.kind === "seq") {
    return [here, ...node.items.flatMap((item, i) => placedNodes(item, [...node.items.slice(i + 1), ...after], [...before, ...node.items.slice(0, i)]))];
  }
  return [here, ...childrenOf(node).flatMap((child) => placedNodes(child, after, before))];
}

function riskInside(outer: Extract<Node, { kind: "repeat" }>, pattern: string): RedosRisk | undefined {
  const report = (part: Node, kind: RedosRisk["kind"]): RedosRisk => ({
    column: outer.quantifierStart + 1,
    quantifier: pattern.slice(outer.quantifierStart, outer.end),
    part: pattern.slice(part.start, part.end),
    kind,
  });
  for (const { node, after, before } of placedNodes(outer.body)) {
    if (node.kind === "repeat" && node.min < node.max && (isMany(outer) || node.max === Infinity)) {
      const inner = charsOf(node.body);
      const gap = [...after, ...before];
      if (gap.every((item) => matchesWithin(item, inner))) return report(node, "nested-repeat");
    }
    if (node.kind === "alt" && isMany(outer) && branchesOverlap(node.branches, followSet([...after, outer.body]))) return report(node, "overlapping-alternatives");
  }
  return undefined;
}

/** Every character the node can consume. */
function charsOf(node: Node): CharSet {
  if (node.kind === "char") return node.set;
  if (node.kind === "backref") return ANY;
  if (node.kind === "look" || node.kind === "assert") return [];
  return normalise(childrenOf(node).flatMap((child) => [...charsOf(child)]));
}

function nullable(node: Node): boolean {
  switch (node.kind) {
    case "char": return false;
    case "seq": return node.items.every(nullable);
    case "alt": return node.branches.some(nullable);
    case "group": return nullable(node.body);
    case "repeat": return node.min === 0 || nullable(node.body);
    default: return true;
  }
}

/** Whether the node can match some string (maybe empty) made only of characters in `chars`. */
function matchesWithin(node: Node, chars: CharSet): boolean {
  switch (node.kind) {
    case "char": return intersects(node.set, chars);
    case "seq": return node.items.every((item) => matchesWithin(item, chars));
    case "alt": return node.branches.some((branch) => matchesWithin(branch, chars));
    case "group": return matchesWithin(node.body, chars);
    case "repeat": return node.min === 0 || matchesWithin(node.body, chars);
    default: return true; // assertions match nothing; a backreference may match anything
  }
}

/** Characters that can come first in a match of `node`. */
function firstChars(node: Node): CharSet {
  switch (node.kind) {
    case "char": return node.set;
    case "seq": return followSet(node.items, []);
    case "alt": return normalise(node.branches.flatMap((b) => [...firstChars(b)]));
    case "group": case "repeat": return firstChars(node.body);
    case "backref": return ANY;
    default: return [];
  }
}

/** Characters that can come first after the items in order; whatever follows them (`rest`) is unknown by default. */
function followSet(items: Node[], rest: CharSet = ANY): CharSet {
  const sets: CharSet[] = [];
  for (const item of items) {
    sets.push(firstChars(item));
    if (!nullable(item)) return normalise(sets.flatMap((s) => [...s]));
  }
  return normalise([...sets.flatMap((s) => [...s]), ...rest]);
}

/** A branch as the character sets of the strings it matches: `open` when the string may continue beyond them. */
interface Shape {
  sets: CharSet[];
  open: boolean;
}

const MAX_SHAPES = 32;
const MAX_SHAPE_LENGTH = 12;
const MAX_UNROLL = 4;

/** The shapes of a node's matches, or one open empty shape when there are too many to list. */
function shapesOf(node: Node): Shape[] {
  const unknown: Shape[] = [{ sets: [], open: true }];
  switch (node.kind) {
    case "char": return [{ sets: [node.set], open: false }];
    case "look": case "assert": return [{ sets: [], open: false }];
    case "backref": return unknown;
    case "group": return shapesOf(node.body);
    case "alt": return capped(node.branches.flatMap(shapesOf));
    case "seq": return node.items.reduce<Shape[]>((acc, item) => concat(acc, shapesOf(item)), [{ sets: [], open: false }]);
    case "repeat": {
      if (node.max > MAX_UNROLL) {
        const required = Array.from({ length: Math.min(node.min, MAX_UNROLL) }, () => shapesOf(node.body));
        return required.reduce(concat, [{ sets: [], open: false }]).map((s) => ({ ...s, open: true }));
      }
      const body = shapesOf(node.body);
      let current: Shape[] = [{ sets: [], open: false }];
      const all: Shape[] = node.min === 0 ? [...current] : [];
      for (let count = 1; count <= node.max; count++) {
        current = concat(current, body);
        if (count >= node.min) all.push(...current);
      }
      return capped(all);
    }
  }
}

function concat(left: Shape[], right: Shape[]): Shape[] {
  const out: Shape[] = [];
  for (const l of left) {
    if (l.open) out.push(l);
    else for (const r of right) out.push(truncated({ sets: [...l.sets, ...r.sets], open: r.open }));
  }
  return capped(out);
}

function truncated(shape: Shape): Shape {
  return shape.sets.length > MAX_SHAPE_LENGTH ? { sets: shape.sets.slice(0, MAX_SHAPE_LENGTH), open: true } : shape;
}

function capped(shapes: Shape[]): Shape[] {
  return shapes.length > MAX_SHAPES ? [{ sets: [], open: true }] : shapes;
}

/**
 * Whether two branches can match the same text: same length and every position overlapping, or a shorter one whose
 * next character (`follow`) can continue as the longer one does. Open shapes with a compatible start count as overlap.
 */
function branchesOverlap(branches: Node[], follow: CharSet): boolean {
  const shapes = branches.map(shapesOf);
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      for (const a of shapes[i] as Shape[]) for (const b of shapes[j] as Shape[]) if (shapesOverlap(a, b, follow)) return true;
    }
  }
  return false;
}

function shapesOverlap(a: Shape, b: Shape, follow: CharSet): boolean {
  const common = Math.min(a.sets.length, b.sets.length);
  for (let k = 0; k < common; k++) if (!intersects(a.sets[k] as CharSet, b.sets[k] as CharSet)) return false;
  if (a.open || b.open) return true;
  if (a.sets.length === b.sets.length) return true;
  const longer = a.sets.length > b.sets.length ? a : b;
  return intersects(longer.sets[common] as CharSet, follow);
}
