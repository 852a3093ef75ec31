// A small typed code builder for the validators (after ajv's lib/compile/codegen): generated JavaScript is `Code`,
// identifiers the generator chose are `Name`s, and both can only be made here. The `_` tag joins code; its holes
// take Code or finite numbers, never a string, so text reaches code only through a literal constructor (`lit` for
// text, `json` for values, `regex` for patterns), each with its escaper: using the wrong one, or none, does not compile.
import { jsonLiteral, regexConstructor, stringLiteral } from "../escape";

let mint: (text: string, names: ReadonlySet<string>) => Code;
let mintName: (text: string) => Name;

const NO_NAMES: ReadonlySet<string> = new Set();

/** Generated JavaScript, with the generator-chosen names it mentions (so a caller can ask whether it reads one). */
export class Code {
  static {
    mint = (text, names) => new Code(text, names);
  }

  protected constructor(readonly text: string, readonly names: ReadonlySet<string>) {}

  /** Whether this code mentions the name (string literals inside it do not count: they hold no names). */
  uses(name: Name): boolean {
    return this.names.has(name.text);
  }

  toString(): string {
    return this.text;
  }
}

/** One identifier chosen by the generator (`$v0`, `$checkPet`, `$isObj`, `v`): never spec text. */
export class Name extends Code {
  static {
    mintName = (text) => new Name(text, new Set([text]));
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A generator-chosen identifier; anything else is a bug in the generator, not a property of the spec. */
export function name(text: string): Name {
  if (!IDENTIFIER.test(text)) throw new Error(`internal error: "${text}" is not an identifier`);
  return mintName(text);
}

export type Part = Code | number;

/** Code from a template: the literal parts are the generator's own JavaScript, the holes Code or numbers. */
export function _(strings: TemplateStringsArray, ...parts: Part[]): Code {
  let text = strings[0] as string;
  let names: Set<string> | undefined;
  parts.forEach((part, i) => {
    if (typeof part === "number") text += numberText(part);
    else {
      text += part.text;
      if (part.names.size > 0) {
        names ??= new Set();
        for (const n of part.names) names.add(n);
      }
    }
    text += strings[i + 1] as string;
  });
  return mint(text, names ?? NO_NAMES);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal error: ${n} is not a finite number`);
  return JSON.stringify(n);
}

/** A string literal holding `text`. */
export function lit(text: string): Code {
  return mint(stringLiteral(text), NO_NAMES);
}

/** Any JSON value as an expression (objects through JSON.parse, see escape.ts). */
export function json(value: unknown): Code {
  return mint(jsonLiteral(value), NO_NAMES);
}

/** `new RegExp("…", "u")` from a pattern. */
export function regex(pattern: string, flags: "u" | ""): Code {
  return mint(regexConstructor(pattern, flags), NO_NAMES);
}

/** Code joined by a fixed separator (one of the few the validators need). */
export function join(parts: readonly Code[], separator: "\n" | ", " | " || "): Code {
  const names = new Set<string>();
  for (const part of parts) for (const n of part.names) names.add(n);
  return mint(parts.map((part) => part.text).join(separator), names);
}

/** Empty code, for optional pieces of a template. */
export const nil: Code = mint("", NO_NAMES);
