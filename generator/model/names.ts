// The one name resolver: every identifier in the output is decided here — valid, not reserved,
// collision-free, and stable across runs (callers claim names in sorted spec order). Collisions between spec names
// keep both (the later one gets a suffix) and are recorded, so the model can warn (APIGEN_NAME_COLLISION).
import { pointerJoin } from "../diagnostics";
import { runtimeExportNames } from "../runtime-source";

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
const RESERVED_TYPE_NAMES = new Set([
  ...(
    "Object Function Array String Number Boolean Symbol BigInt Date RegExp Error Map Set WeakMap WeakSet Promise " +
    "JSON Math Record Partial Required Readonly Pick Omit Exclude Extract NonNullable ReturnType Awaited " +
    "Uint8Array ArrayBuffer Blob File FormData Headers Request Response URL URLSearchParams AbortSignal AbortController " +
    "ReadableStream TextEncoder TextDecoder Iterable PropertyKey " +
    // validators.ts and client.ts exports, and openapi.ts's (the runtime's are read from its source below)
    "ValidationIssue ValidationResult Client ClientOptions createClient createCore isApiError ApiErrorBody schemaValidators DEFAULT_BASE_URL DEFAULT_USER_AGENT " +
    "DEFAULT_TOKEN_URL ClientAuth UnknownEnumValue UnknownDiscriminatorValue " +
    "paths components operations webhooks " +
    // Value globals a top-level function (an operation's standalone export) must not shadow, and the locals of
    // client.ts's functions that call them.
    "globalThis window self document process require module exports global eval arguments undefined NaN Infinity " +
    "fetch console setTimeout clearTimeout setInterval clearInterval queueMicrotask structuredClone atob btoa crypto " +
    "performance Buffer isNaN isFinite parseInt parseFloat encodeURIComponent decodeURIComponent encodeURI decodeURI " +
    "core params init options"
  ).split(" "),
  ...runtimeExportNames(),
]);

/**
 * Property names on the client objects may be keywords (`client.default.delete()` is fine), but not `then`, which
 * would make the object a thenable that `await` treats as a promise, nor `constructor`.
 */
const MEMBER_RESERVED: ReadonlySet<string> = new Set(["then", "constructor"]);

function lowerFirst(identifier: string): string {
  return `${identifier.charAt(0).toLowerCase()}${identifier.slice(1)}`;
}

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

/** What a name was claimed for: how the spec calls it (for messages) and where it is (a JSON pointer). */
export interface NameOwner {
  /** e.g. `component schema "Foo-Bar"`, `operation "getThing"`, `tag "Pets"`, `query parameter "id"`. */
  label: string;
  pointer: string;
}

/** Two spec names that fold to one identifier: `holder` keeps `identifier`, `owner` (the later one) gets `assigned`. */
export interface NameCollision {
  identifier: string;
  assigned: string;
  owner: NameOwner;
  holder?: NameOwner;
  /** Set when a whole family of names moved to a new stem (e.g. every name of an operation). */
  stem?: string;
  /** The variant tried last before `assigned`, when that one was taken too (`FooBar2` before `FooBar3`). */
  previous?: { identifier: string; holder?: NameOwner };
}

export const NAME_COLLISION = "APIGEN_NAME_COLLISION";

/** The message and hint of an APIGEN_NAME_COLLISION warning (reported at `owner.pointer`, the renamed item). */
export function describeCollision(c: NameCollision): { message: string; hint: string } {
  const holder = c.holder ? `${c.holder.label} keeps "${c.identifier}"` : `"${c.identifier}" is already taken`;
  const previous = c.previous
    ? c.previous.holder ? `, ${c.previous.holder.label} has "${c.previous.identifier}"` : `, "${c.previous.identifier}" is taken too`
    : "";
  const family = c.stem !== undefined ? ` (all its names use the stem "${c.stem}")` : "";
  return {
    message: `name collision on "${c.identifier}": ${holder}${previous}, so ${c.owner.label} gets "${c.assigned}"${family}`,
    hint: "rename one of them in the spec; apigen keeps both, the later one gets the suffix " +
      "(names are given in sorted order of the spec names, component schemas before operations)",
  };
}

/**
 * A namespace of names. `claim` returns the desired name, or the first free variant of it
 * (`Name`, `Name2`, `Name3`, …); reserved names get `reservedSuffix` first. A claim that has to take a variant
 * because another owner holds the name is a collision, reported to `onCollision` (a reserved word alone is not).
 */
export class NameScope {
  /** Name → who claimed it (undefined for claims made without an owner). */
  private readonly taken = new Map<string, NameOwner | undefined>();
  constructor(
    private readonly reserved: ReadonlySet<string> = RESERVED_WORDS,
    private readonly reservedSuffix = "_",
    private readonly onCollision?: (collision: NameCollision) => void,
  ) {}

  claim(desired: string, owner?: NameOwner): string {
    const base = this.unreserved(desired);
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}${n}`;
    if (name !== base) this.collided(base, name, owner, undefined, this.lastVariant(base, name));
    this.taken.set(name, owner);
    return name;
  }

  /** Claims a family of names built from one stem: the first stem (`S`, `S2`, …) for which every member is free. */
  claimFamily<K extends string>(stem: string, build: (stem: string) => Record<K, string>, owner?: NameOwner): Record<K, string> {
    let clash: { key: K; identifier: string } | undefined;
    let last: string | undefined; // the taken member of the latest attempt that failed on a taken name
    for (let n = 1; ; n++) {
      const current = n === 1 ? stem : `${stem}${n}`;
      const names = build(current);
      const members = Object.entries(names) as [K, string][];
      const taken = members.find(([, name]) => this.taken.has(name));
      if (taken === undefined && members.every(([, name]) => !this.reserved.has(name))) {
        if (clash) this.collided(clash.identifier, names[clash.key], owner, current, last !== clash.identifier ? last : undefined);
        for (const [, name] of members) this.taken.set(name, owner);
        return names;
      }
      if (taken !== undefined) {
        clash ??= { key: taken[0], identifier: taken[1] };
        last = taken[1];
      }
    }
  }

  /** `Name2` when `Name3` was assigned (the variant tried just before), undefined for `Name2` itself. */
  private lastVariant(base: string, assigned: string): string | undefined {
    const n = Number(assigned.slice(base.length));
    return n > 2 ? `${base}${n - 1}` : undefined;
  }

  private collided(identifier: string, assigned: string, owner: NameOwner | undefined, stem?: string, previous?: string): void {
    if (!owner || !this.onCollision) return;
    const holder = this.taken.get(identifier);
    // Two names derived from one spec item (e.g. two media types of one response) are not a collision of spec names.
    if (holder && holder.label === owner.label && holder.pointer === owner.pointer) return;
    const collision: NameCollision = { identifier, assigned, owner };
    if (holder) collision.holder = holder;
    if (stem !== undefined) collision.stem = stem;
    if (previous !== undefined) {
      const previousHolder = this.taken.get(previous);
      collision.previous = previousHolder ? { identifier: previous, holder: previousHolder } : { identifier: previous };
    }
    this.onCollision(collision);
  }

  private unreserved(name: string): string {
    return this.reserved.has(name) ? name + this.reservedSuffix : name;
  }
}

/**
 * Names shared by every module of one generated client (types, validators and client exports meet in index.ts).
 * Every collision between spec names is recorded in `collisions`, in claim order, for the model to report.
 */
export class NameResolver {
  readonly collisions: NameCollision[] = [];
  private readonly report = (collision: NameCollision): void => {
    this.collisions.push(collision);
  };
  private readonly reservedExports: ReadonlySet<string> = new Set([...RESERVED_WORDS, ...RESERVED_TYPE_NAMES]);
  private readonly exports = new NameScope(this.reservedExports, "Schema", this.report);
  private readonly tagScope = new NameScope(MEMBER_RESERVED, "_", this.report);

  /** Names of a component schema: `backup_restore-job` → type `BackupRestoreJob`, `validateBackupRestoreJob`. */
  schemaNames(componentName: string): { typeName: string; validatorName: string; checkName: string } {
    const owner = { label: `component schema ${JSON.stringify(componentName)}`, pointer: pointerJoin("/components/schemas", componentName) };
    const typeName = this.exports.claim(identifierFrom(pascalCase(componentName), "Schema", componentName), owner);
    // `$` never occurs in spec-derived names, so the internal check function cannot collide with anything.
    return { typeName, validatorName: this.exports.claim(`validate${typeName}`, owner), checkName: `$check${typeName}` };
  }

  /** Any other exported name (e.g. an inline response validator). */
  exportName(desired: string, owner?: NameOwner): string {
    return this.exports.claim(identifierFrom(desired, "Unnamed", desired), owner);
  }

  /** Every exported name of one operation, from one stem, so they share any suffix (`GetThing2Params`, `getThing2Operation`). */
  operationNames(operationId: string, owner?: NameOwner) {
    let stem = identifierFrom(pascalCase(operationId), "Operation", operationId);
    const names = this.exports.claimFamily(stem, (s) => {
      stem = s; // the last stem tried is the one claimed
      return {
        paramsTypeName: `${s}Params`,
        paramsValidatorName: `validate${s}Params`,
        responseTypeName: `${s}Response`,
        responsesTypeName: `${s}Responses`,
        // `s` is already an identifier: lower its first letter only (camelCase would drop the `_` of `_123`).
        descriptorName: `${lowerFirst(s)}Operation`,
      };
    }, owner);
    return { stem, ...names };
  }

  /**
   * The standalone WithResponse variant of an operation function: claimed after every operation's own names, so a
   * spec operation named `listWithResponse` keeps its name; a clash is the one the tag group's methods report.
   */
  withResponseExportName(exportName: string): string {
    return this.exports.claim(`${exportName}WithResponse`);
  }

  /**
   * The standalone function of an operation (tree-shakeable), named like its method: claimed after every operation's
   * own names, so it never shifts their stem. A reserved word or global gets `_` (`delete_`), as members would not.
   */
  operationExportName(stem: string): string {
    const desired = lowerFirst(stem);
    return this.exports.claim(this.reservedExports.has(desired) ? `${desired}_` : desired);
  }

  /** Method name of an operation within its tag group. */
  methodName(operationId: string): string {
    return identifierFrom(camelCase(operationId), "operation", operationId);
  }

  /** Property on the client object for a tag: `Legacy Backup` → `legacyBackup`. */
  tagPropertyName(tag: string, pointer?: string): string {
    const owner = pointer !== undefined ? { label: `tag ${JSON.stringify(tag)}`, pointer } : undefined;
    return this.tagScope.claim(identifierFrom(camelCase(tag), "tag", tag), owner);
  }

  /** A fresh scope for the methods of one tag group. */
  methodScope(): NameScope {
    return new NameScope(MEMBER_RESERVED, "_", this.report);
  }

  /** Records a collision decided outside the resolver's scopes (parameter keys, the request body key). */
  reportCollision(collision: NameCollision): void {
    this.report(collision);
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
