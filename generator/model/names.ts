// The one name resolver: every identifier in the output is decided here — valid, not reserved,
// collision-free, and stable across runs (callers claim names in sorted spec order).

/** ECMAScript reserved words, strict-mode words and TypeScript's contextual type names. */
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await async of " +
    "any unknown never object string number boolean symbol bigint undefined type declare namespace module " +
    "keyof readonly infer is asserts satisfies abstract as constructor get set require arguments eval"
  ).split(" "),
);

/** Global names a generated type must not shadow, and the names the fixed runtime and client export. */
const RESERVED_TYPE_NAMES = new Set(
  (
    "Object Function Array String Number Boolean Symbol BigInt Date RegExp Error Map Set WeakMap WeakSet Promise " +
    "JSON Math Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Awaited " +
    "Uint8Array ArrayBuffer Blob File FormData Headers Request Response URL URLSearchParams AbortSignal AbortController " +
    "ReadableStream TextEncoder TextDecoder Iterable PropertyKey " +
    // runtime.ts, validators.ts and client.ts exports
    "ApiError RequestValidationError ResponseValidationError TimeoutError NetworkError ValidationIssue ValidationResult " +
    "Validator Auth BearerAuth ClientOptions RequestOptions Transport OperationDescriptor ParamDescriptor " +
    "MediaTypeVersion Client createClient createTransport schemaValidators DEFAULT_BASE_URL DEFAULT_USER_AGENT " +
    "DEFAULT_TOKEN_URL ClientAuth ApiResponse ServiceAccountAuth DigestAuth TokenError AuthError RetryOptions " +
    "computeDigestAuthorization " +
    "paths components operations webhooks"
  ).split(" "),
);

/** Splits any spec text into words: `get-cluster_restoreJob 2` → get, cluster, restore, Job, 2. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

export function pascalCase(text: string): string {
  return words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

export function camelCase(text: string): string {
  const pascal = pascalCase(text);
  // Keep acronyms readable: `APIKeys` → `apiKeys`, `Legacy Backup` → `legacyBackup`.
  const lead = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/.exec(pascal)?.[0] ?? pascal.charAt(0);
  return lead.toLowerCase() + pascal.slice(lead.length);
}

/** A valid identifier from `base`: digits cannot lead, empty text gets `fallback`. */
function identifierFrom(base: string, fallback: string): string {
  const candidate = base.length === 0 ? fallback : base;
  return /^[0-9]/.test(candidate) ? `_${candidate}` : candidate;
}

/**
 * A namespace of names. `claim` returns the desired name, or the first free variant of it
 * (`Name`, `Name2`, `Name3`, …); reserved names get `reservedSuffix` first.
 */
export class NameScope {
  private readonly taken = new Set<string>();
  constructor(
    private readonly reserved: ReadonlySet<string> = RESERVED_WORDS,
    private readonly reservedSuffix = "_",
  ) {}

  claim(desired: string): string {
    let base = desired;
    if (this.reserved.has(base) || RESERVED_WORDS.has(base)) base += this.reservedSuffix;
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}

/** Names shared by every module of one generated client (types, validators and client exports meet in index.ts). */
export class NameResolver {
  private readonly exports = new NameScope(RESERVED_TYPE_NAMES, "Schema");
  private readonly tagScope = new NameScope();

  /** Type name for a component schema: `backup_restore-job` → `BackupRestoreJob`. */
  schemaTypeName(componentName: string): string {
    return this.exports.claim(identifierFrom(pascalCase(componentName), "Schema"));
  }

  /** Any other exported name (operation types, validators, descriptors). */
  exportName(desired: string): string {
    return this.exports.claim(identifierFrom(desired, "Unnamed"));
  }

  /** Property on the client object for a tag: `Legacy Backup` → `legacyBackup`. */
  tagPropertyName(tag: string): string {
    return this.tagScope.claim(identifierFrom(camelCase(tag), "default"));
  }

  /** A fresh scope for the methods of one tag group. */
  methodScope(): NameScope {
    return new NameScope();
  }
}

/** Operation name when the spec gives no operationId: method plus path words (`get /pets/{id}` → `getPetsById`). */
export function operationIdFallback(method: string, path: string): string {
  const parts = path.split("/").filter(Boolean).map((seg) => {
    const param = /^\{(.+)\}$/.exec(seg)?.[1];
    return param !== undefined ? `By ${param}` : seg;
  });
  return camelCase([method, ...parts].join(" "));
}
