// A small typed code builder for the validators (after ajv's lib/compile/codegen): generated JavaScript is `Code`,
// identifiers the generator chose are `Name`s, and both can only be made here. The `_` tag joins code; its holes
// take Code or finite numbers, never a string, so text reaches code only through a literal constructor (`lit` for
// text, `json` for values, `regex` for patterns), each with its escaper: using the wrong one, or none, does not compile.
import { jsonLiteral, regexConstructor, stringLiteral } from "../escape";

let mint: (text: string, parts: readonly Code[]) => Code;
let mintName: (text: string) => Name;

const NO_PARTS: readonly Code[] = [];

/** Generated JavaScript, with the generator-chosen names it mentions (so a caller can ask whether it reads one). */
export class Code {
  static {
    mint = (text, parts) => new Code(text, parts);
  }

  /** `parts`: the code this was built from, walked when a caller asks which names it mentions (most code is never asked). */
  protected constructor(readonly text: string, private readonly parts: readonly Code[]) {}

  /**
   * Whether `test` holds for some generator-chosen name this code mentions (string literals inside it hold none).
   * A walk over the parts that stops at the first hit and keeps nothing: cheaper than a set of names per piece of
   * code, which the builder would otherwise allocate at every level of every check function.
   */
  someName(test: (name: string) => boolean): boolean {
    const stack: Code[] = [this];
    for (let code = stack.pop(); code !== undefined; code = stack.pop()) {
      if (code instanceof Name) {
        if (test(code.text)) return true;
      } else for (const part of code.parts) stack.push(part);
    }
    return false;
  }

  /** The generator-chosen names this code mentions. */
  get names(): ReadonlySet<string> {
    const names = new Set<string>();
    this.someName((n) => {
      names.add(n);
      return false;
    });
    return names;
  }

  /** Whether this code mentions the name. */
  uses(name: Name): boolean {
    return this.someName((n) => n === name.text);
  }

  toString(): string {
    return this.text;
  }
}

/** One identifier chosen by the generator (`$v0`, `$checkPet`, `$isObj`, `v`): never spec text. */
export class Name extends Code {
  static {
    mintName = (text) => new Name(text, NO_PARTS);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A generator-chosen identifier; anything else is a bug in the generator, not a property of the spec. */
const names = new Map<string, Name>();

export function name(text: string): Name {
  let known = names.get(text);
  if (known === undefined) {
    if (!IDENTIFIER.test(text)) throw new Error(`internal error: "${text}" is not an identifier`);
    known = mintName(text);
    if (text.startsWith("$") && names.size < 10_000) names.set(text, known); // generator names repeat; spec-derived ones do not
  }
  return known;
}

export type Part = Code | number;

/** Code from a template: the literal parts are the generator's own JavaScript, the holes Code or numbers. */
export function _(strings: TemplateStringsArray, ...parts: Part[]): Code {
  let text = strings[0] as string;
  const code: Code[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as Part;
    if (typeof part === "number") text += numberText(part);
    else {
      // The types already forbid it; this guards JavaScript callers and casts.
      if (!(part instanceof Code)) throw new Error("internal error: text reaches code only through lit(), json() or regex()");
      text += part.text;
      code.push(part);
    }
    text += strings[i + 1] as string;
  }
  return mint(text, code);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal error: ${n} is not a finite number`);
  return JSON.stringify(n);
}

/** A string literal holding `text`. */
export function lit(text: string): Code {
  return mint(stringLiteral(text), NO_PARTS);
}

/** Any JSON value as an expression (objects through JSON.parse, see escape.ts). */
export function json(value: unknown): Code {
  return mint(jsonLiteral(value), NO_PARTS);
}

/** `new RegExp("…", "u")` from a pattern. */
export function regex(pattern: string, flags: "u" | ""): Code {
  return mint(regexConstructor(pattern, flags), NO_PARTS);
}

/** Code joined by a fixed separator (one of the few the validators need). */
export function join(parts: readonly Code[], separator: "\n" | ", " | " || "): Code {
  return mint(parts.map((part) => part.text).join(separator), parts);
}

/**
 * The JSON pointer `p` followed by `tail` (code that starts with "/"). A validator's own value is at `""`: there the
 * pointer is the tail alone (`"/id"`, not `"" + "/id"`), a few syntax nodes fewer for the consumer's tsc per check.
 */
export function pointerPlus(p: Code, tail: Code): Code {
  return p.text === '""' ? tail : _`${p} + ${tail}`;
}

/** Empty code, for optional pieces of a template. */
export const nil: Code = mint("", NO_PARTS);
