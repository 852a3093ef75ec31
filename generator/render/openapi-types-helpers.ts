// Faster stand-ins for two helpers openapi-typescript's transform calls for nearly every node, each returning what
// the original returns for every input (the original answers whatever the fast path does not cover). The transform
// modules call them through the helpers module's exports (`utils.getEntries(...)`), so they are swapped there for
// the transform's duration only; the transform is synchronous, so nothing else runs meanwhile.

/** The part of openapi-typescript 7.13's `lib/utils.cjs` swapped here. */
export interface OpenApiTsHelpers {
  getEntries: (object: object, options?: { alphabetize?: boolean; excludeDeprecated?: boolean }) => [string, unknown][];
  createRef: (parts: unknown[]) => string;
}

/** Runs the transform with the fast helpers in place of the module's own, then puts the originals back. */
export function withFastHelpers<T>(helpers: OpenApiTsHelpers | undefined, work: () => T): T {
  if (!helpers || !isWritable(helpers, "getEntries") || !isWritable(helpers, "createRef")) return work();
  const { getEntries, createRef } = helpers;
  helpers.getEntries = fastGetEntries(getEntries);
  helpers.createRef = fastCreateRef(createRef);
  try {
    return work();
  } finally {
    helpers.getEntries = getEntries;
    helpers.createRef = createRef;
  }
}

function isWritable(object: object, key: string): boolean {
  return Object.getOwnPropertyDescriptor(object, key)?.writable === true;
}

/**
 * `getEntries` with `alphabetize` sorts with `a.localeCompare(b, "en-us", { numeric: true })`, which builds a new
 * Intl.Collator for every comparison (about a tenth of the transform on Atlas). By the language's definition of
 * `localeCompare`, one collator built with the same locale and options gives the same order.
 */
export function fastGetEntries(original: OpenApiTsHelpers["getEntries"]): OpenApiTsHelpers["getEntries"] {
  const collator = new Intl.Collator("en-us", { numeric: true });
  const byKey = (a: [string, unknown], b: [string, unknown]) => collator.compare(a[0], b[0]);
  return (object, options) => (options?.alphabetize === true && !options.excludeDeprecated ? Object.entries(object).sort(byKey) : original(object, options));
}

/**
 * `createRef(parts)` joins parts into a JSON pointer: a part that is itself a pointer (`#/a/b`, nearly always the
 * parent's path) is parsed into tokens with Redocly's helpers (split, unescape, decodeURIComponent, drop empty
 * tokens) and escaped again; any other part is escaped as one token. A pointer with no `%`, second `#`, empty token or `~`
 * other than the escapes `~0` and `~1` comes back unchanged from that round trip, and a plain part with no `~`, `/` or `#` needs no escaping: those
 * are joined as they are, and so are numbers and the skipped empty parts. Anything else goes through the original, one part at a time (its result is the
 * concatenation of each part's own).
 */
export function fastCreateRef(original: OpenApiTsHelpers["createRef"]): OpenApiTsHelpers["createRef"] {
  const tail = (part: unknown): string => {
    if (part === undefined || part === null || part === "") return "";
    if (typeof part === "number") return `/${part}`;
    if (typeof part === "string") {
      if (PLAIN_TOKEN.test(part)) return `/${part}`;
      if (CANONICAL_POINTER.test(part)) return part.slice(1);
    }
    return original([part]).slice(1);
  };
  return (parts) => {
    let pointer = "#";
    for (const part of parts) pointer += tail(part);
    return pointer;
  };
}

/** A token that escapes to itself and is not read as a pointer. */
const PLAIN_TOKEN = /^[^~/#]+$/;
/** `#/` and non-empty tokens free of `%` and `#`, whose every `~` is an escape (`~0`, `~1`): parsed and escaped again, the same text. */
const CANONICAL_POINTER = /^#(?:\/(?:[^~/#%]|~[01])+)+$/;
