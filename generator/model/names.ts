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

/**
 * Property names on the client objects may be keywords (`client.default.delete()` is fine), but not `then`, which
 * would make the object a thenable that `await` treats as a promise, nor `constructor`.
 */
const MEMBER_RESERVED: ReadonlySet<string> = new Set(["then", "constructor"]);

/** Splits any spec text into ASCII words: `get-cluster_restoreJob 2` → get, cluster, restore, Job, 2; `Ünïcode` → Unicode. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents split off by NFKD
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

/**
 * A valid identifier from `base`: digits cannot lead; text with no ASCII letters or digits (e.g. `日本`) gets
 * `fallback` plus a short hash of the original, so the name does not depend on what else the spec contains.
 */
function identifierFrom(base: string, fallback: string, original: string): string {
  const candidate = base.length === 0 ? `${fallback}${stableHash(original)}` : base;
  return /^[0-9]/.test(candidate) ? `_${candidate}` : candidate;
}

/** FNV-1a, 8 hex digits: short, stable across runs and machines. */
function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
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
    const base = this.unreserved(desired);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }

  /** Claims a family of names built from one stem: the first stem (`S`, `S2`, …) for which every member is free. */
  claimFamily<K extends string>(stem: string, build: (stem: string) => Record<K, string>): Record<K, string> {
    for (let n = 1; ; n++) {
      const names = build(n === 1 ? stem : `${stem}${n}`);
      const all = Object.values<string>(names);
      if (all.every((name) => !this.taken.has(name) && !this.reserved.has(name))) {
        for (const name of all) this.taken.add(name);
        return names;
      }
    }
  }

  private unreserved(name: string): string {
    return this.reserved.has(name) ? name + this.reservedSuffix : name;
  }
}

/** Names shared by every module of one generated client (types, validators and client exports meet in index.ts). */
export class NameResolver {
  private readonly exports = new NameScope(new Set([...RESERVED_WORDS, ...RESERVED_TYPE_NAMES]), "Schema");
  private readonly tagScope = new NameScope(MEMBER_RESERVED);

  /** Names of a component schema: `backup_restore-job` → type `BackupRestoreJob`, `validateBackupRestoreJob`. */
  schemaNames(componentName: string): { typeName: string; validatorName: string; checkName: string } {
    const typeName = this.exports.claim(identifierFrom(pascalCase(componentName), "Schema", componentName));
    // `$` never occurs in spec-derived names, so the internal check function cannot collide with anything.
    return { typeName, validatorName: this.exports.claim(`validate${typeName}`), checkName: `$check${typeName}` };
  }

  /** Any other exported name (e.g. an inline response validator). */
  exportName(desired: string): string {
    return this.exports.claim(identifierFrom(desired, "Unnamed", desired));
  }

  /** Every exported name of one operation, from one stem, so they share any suffix (`GetThing2Params`, `getThing2Operation`). */
  operationNames(operationId: string) {
    let stem = identifierFrom(pascalCase(operationId), "Operation", operationId);
    const names = this.exports.claimFamily(stem, (s) => {
      stem = s; // the last stem tried is the one claimed
      return {
        paramsTypeName: `${s}Params`,
        paramsValidatorName: `validate${s}Params`,
        responseTypeName: `${s}Response`,
        responsesTypeName: `${s}Responses`,
        // `s` is already an identifier: lower its first letter only (camelCase would drop the `_` of `_123`).
        descriptorName: `${s.charAt(0).toLowerCase()}${s.slice(1)}Operation`,
      };
    });
    return { stem, ...names };
  }

  /** Method name of an operation within its tag group. */
  methodName(operationId: string): string {
    return identifierFrom(camelCase(operationId), "operation", operationId);
  }

  /** Property on the client object for a tag: `Legacy Backup` → `legacyBackup`. */
  tagPropertyName(tag: string): string {
    return this.tagScope.claim(identifierFrom(camelCase(tag), "tag", tag));
  }

  /** A fresh scope for the methods of one tag group. */
  methodScope(): NameScope {
    return new NameScope(MEMBER_RESERVED);
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

/** Keys of an operation's params object: the wire name, unless two locations share it (then `idQuery`, `idHeader`, …). */
export function parameterKey(name: string, location: string, taken: Set<string>): string {
  let key = name;
  if (taken.has(key)) key = `${name}${location.charAt(0).toUpperCase()}${location.slice(1)}`;
  for (let n = 2; taken.has(key); n++) key = `${name}${location.charAt(0).toUpperCase()}${location.slice(1)}${n}`;
  taken.add(key);
  return key;
}
