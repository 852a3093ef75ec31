// Following a JSON pointer (RFC 6901) in a parsed document: the one implementation behind the load stage's `$ref`
// checks and the model's lookups, so a `$ref` that the load stage accepts names the node the model then reads.
import { pointerTokens } from "./diagnostics";

/**
 * The node a pointer names in a document, or `undefined` when nothing is there (JSON has no undefined value).
 * Two forms (RFC 6901 §5, §6): a JSON pointer string (`/components/schemas/a~1b`, `""` for the whole document), and
 * the URI fragment a `$ref` writes (`#/components/schemas/a%20b`), percent-decoded before its tokens are read.
 * Anything else names nothing: another document's (`other.yaml#/a`), an anchor (`#foo`), a malformed escape (`%E0`,
 * `~2`). Only own members are followed (never `constructor` or `__proto__`), and array items by canonical index.
 */
export function resolvePointer(document: unknown, pointer: string): unknown {
  const known = document !== null && typeof document === "object" ? resolvedIn(document) : undefined;
  const cached = known?.get(pointer);
  if (cached !== undefined) return cached === NOTHING ? undefined : cached;
  const tokens = pointerTokensOf(pointer);
  const node = tokens === undefined ? undefined : follow(document, tokens);
  known?.set(pointer, node === undefined ? NOTHING : node);
  return node;
}

/** A pointer known to name nothing (one map lookup per call, instead of `has` and then `get`). */
const NOTHING = Symbol("nothing");

// A large spec names the same few hundred targets thousands of times (Atlas: every operation's error responses and
// path parameters; the load check and the model both ask). Neither stage changes the document it resolves in (load
// fixes copies, see normalise.ts), so each pointer is followed once per document.
const resolvedByDocument = new WeakMap<object, Map<string, unknown>>();

function resolvedIn(document: object): Map<string, unknown> {
  let known = resolvedByDocument.get(document);
  if (known === undefined) resolvedByDocument.set(document, (known = new Map()));
  return known;
}

/** The reference tokens of either form, or undefined when the text is not a pointer into this document. */
function pointerTokensOf(pointer: string): string[] | undefined {
  let text = pointer;
  if (text.startsWith("#")) {
    try {
      text = text.includes("%") ? decodeURIComponent(text.slice(1)) : text.slice(1);
    } catch {
      return undefined; // URIError: a `%` that starts no escape
    }
  }
  if (text !== "" && !text.startsWith("/")) return undefined;
  if (text.includes("~") && /~(?![01])/.test(text)) return undefined; // `~` escapes only `~0` and `~1`
  return pointerTokens(text);
}

/** Array items by "0" or a number without leading zeros (RFC 6901 §4); "-" and "01" name no item. */
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

function follow(document: unknown, tokens: string[]): unknown {
  let node = document;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      node = node[Number(token)] as unknown; // past the end: undefined
    } else if (node !== null && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}
