// SchemaModel → the statements of standalone validators, through the typed builder of code.ts. This file holds the
// state (fresh names, shared constants, shared shapes, the direction) and the dispatch; the keywords are emitted by
// one module per vocabulary: validation.ts (type, enum, const, bounds), applicator.ts (subschemas), format.ts,
// openapi.ts (discriminator, open enums, readOnly/writeOnly by direction). Generated names start with `$`, which
// spec-derived names never contain, so they cannot collide.
import type { Access, NamedRef, SchemaModel } from "../../model/types";
import { ShapeTable } from "../shapes";
import { compositionChecks } from "./applicator";
import { _, join, lit, name, nil, type Code, type Name } from "./code";
import { FORMAT_CHECKS, PREAMBLE_HELPERS, withDependencies } from "./format";
import type { Issue } from "./messages";
import { constCheck, enumCheck, typedChecks } from "./validation";

/**
 * Which way a value travels. Responses: a writeOnly property is never sent back, so it is not required (OAS
 * §4.7.24 writeOnly: "required … only for requests"). Requests: a readOnly property must not be sent (and so is not
 * required); writeOnly properties are required as declared.
 */
export type ValidationDirection = "response" | "request";

/** What the keyword emitters may ask of the generator. */
export interface Emitter {
  readonly direction: ValidationDirection;
  readonly openEnums: boolean;
  /** Statements that check `v` (at pointer expression `p`) against `s`, appending issues to `e`. */
  emit(s: SchemaModel, v: Name, p: Code, e: Name): Code[];
  /** The statement that reports one issue. */
  issue(e: Name, p: Code, issue: Issue): Code;
  /** A shared module-level constant; identical expressions are emitted once. */
  constant(prefix: string, expression: Code): Name;
  /** A local name not used before in the current function. */
  fresh(prefix: string): Name;
  /** The check function of a component in the current direction. */
  checkOf(ref: NamedRef): Name;
  /** readOnly/writeOnly of a property: on its schema, or on the component it refers to. */
  accessOf(s: SchemaModel): Access | undefined;
}

const V = name("v");
const P = name("p");
const E = name("e");

/** Names the generated code may call that it does not define: the preamble's helpers and the format checks. */
const HELPERS: ReadonlySet<string> = new Set([...PREAMBLE_HELPERS.map((helper) => `$${helper}`), ...Object.values(FORMAT_CHECKS)]);

/** Messages longer than this are shared constants: one string per module instead of one per check. */
const MAX_INLINE_MESSAGE = 24;

export class ValidatorCodegen implements Emitter {
  readonly constants: string[] = [];
  /** `function $shapeN(v, p, e)` for each inline schema that occurs more than once (see shapes.ts). */
  readonly shapeFunctions: string[] = [];
  private readonly constantByValue = new Map<string, Name>();
  private counter = 0;
  private readonly used = new Set<string>();
  private currentDirection: ValidationDirection = "response";
  private readonly requested = new Map<string, NamedRef>();
  private readonly emittedVariants = new Set<string>();
  private readonly shapes = new ShapeTable();
  private readonly shapeNames = new Map<string, Name>();

  /** `components`: the component schemas by name, so a property that refers to a readOnly component counts as readOnly. */
  /** `openEnums`: in the response direction a string enum accepts any string (see UnknownEnumValue in types.ts). */
  constructor(private readonly components: ReadonlyMap<string, SchemaModel> = new Map(), readonly openEnums = false) {}

  get direction(): ValidationDirection {
    return this.currentDirection;
  }

  /**
   * `function $checkX(v, p, e)`: appends every issue of `v` (at JSON pointer `p`) to `e`. In the request direction
   * the function is the component's request variant (`ref.requestCheckName`).
   */
  checkFunction(ref: NamedRef, schema: SchemaModel, direction: ValidationDirection = "response"): string {
    this.counter = 0;
    this.currentDirection = direction;
    const fn = name(direction === "request" ? ref.requestCheckName ?? ref.checkName : ref.checkName);
    return this.counted(checkFunction(fn, this.emit(schema, V, P, E))).text;
  }

  /** Statements that check an inline schema against `value`, for a validator's body. */
  inlineCheck(schema: SchemaModel, direction: ValidationDirection = "response"): string[] {
    this.counter = 0;
    this.currentDirection = direction;
    return this.emit(schema, name("value"), lit(""), name("errors")).map((c) => this.counted(c).text);
  }

  /** Every schema the validators will check, before any is generated: repeated inline shapes become functions. */
  countShapes(roots: SchemaModel[]): void {
    this.shapes.count(roots);
  }

  /** Helpers of the fixed preamble and format checks that the generated code calls (with the helpers those call). */
  usedHelpers(): Set<string> {
    return withDependencies(this.used);
  }

  /**
   * Components whose request variant the generated code calls: only these are emitted (a variant reachable only
   * through refused readOnly properties is never called). Call until empty: emitting one may request others.
   */
  requestedVariants(): NamedRef[] {
    const pending = [...this.requested].filter(([n]) => !this.emittedVariants.has(n)).map(([, ref]) => ref);
    for (const ref of pending) this.emittedVariants.add(ref.requestCheckName as string);
    return pending;
  }

  emit(s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
    if (s.ref) return [_`${this.checkOf(s.ref)}(${v}, ${p}, ${e});`];
    const shared = this.sharedShape(s);
    if (shared) return [_`${shared}(${v}, ${p}, ${e});`];
    return this.emitOwn(s, v, p, e);
  }

  checkOf(ref: NamedRef): Name {
    if (this.currentDirection !== "request" || ref.requestCheckName === undefined) return name(ref.checkName);
    this.requested.set(ref.requestCheckName, ref);
    return name(ref.requestCheckName);
  }

  accessOf(s: SchemaModel): Access | undefined {
    return s.access ?? (s.ref ? this.components.get(s.ref.name)?.access : undefined);
  }

  /**
   * One issue, through the tiny helpers of the preamble (one call instead of an object literal per site): `$T` for
   * type issues, `$Q` for a missing property, `$E` otherwise; a long message is a shared constant.
   */
  issue(e: Name, p: Code, issue: Issue): Code {
    if ("types" in issue) return _`${name("$T")}(${e}, ${p}, ${lit(issue.types.join(" or "))});`;
    if ("property" in issue) return _`${name("$Q")}(${e}, ${p}, ${lit(issue.property)});`;
    const message = issue.message.length > MAX_INLINE_MESSAGE ? this.constant("msg", lit(issue.message)) : lit(issue.message);
    return _`${name("$E")}(${e}, ${p}, ${lit(issue.keyword)}, ${message});`;
  }

  fresh(prefix: string): Name {
    return name(`$${prefix}${this.counter++}`);
  }

  constant(prefix: string, expression: Code): Name {
    const existing = this.constantByValue.get(expression.text);
    if (existing) return existing;
    const constant = name(`$${prefix}${this.constants.length}`);
    // Marked pure, so a bundler drops the constants (compiled patterns, sets) of validators a program never calls.
    const pure = expression.text.startsWith("new ") ? _`/* @__PURE__ */ ` : nil;
    this.constants.push(_`const ${constant} = ${pure}${expression};`.text);
    this.constantByValue.set(expression.text, constant);
    return constant;
  }

  /** The helpers a piece of finished code calls are the helper names it mentions (dead code is never generated). */
  private counted(code: Code): Code {
    code.someName((n) => {
      if (HELPERS.has(n)) this.used.add(n);
      return false;
    });
    return code;
  }

  /** The function shared by every occurrence of a repeated inline shape, generated on first use. */
  private sharedShape(s: SchemaModel): Name | undefined {
    const id = this.shapes.repeated(s);
    if (id === undefined) return undefined;
    const key = `${this.currentDirection}:${id}`;
    const existing = this.shapeNames.get(key);
    if (existing) return existing;
    const shape = name(`$shape${this.shapeNames.size}`);
    this.shapeNames.set(key, shape);
    const counter = this.counter; // the caller's fresh names continue after the nested function
    this.counter = 0;
    this.shapeFunctions.push(this.counted(checkFunction(shape, this.emitOwn(s, V, P, E))).text);
    this.counter = counter;
    return shape;
  }

  private emitOwn(s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
    return [...constCheck(this, s, v, p, e), ...enumCheck(this, s, v, p, e), ...typedChecks(this, s, v, p, e), ...compositionChecks(this, s, v, p, e)];
  }
}

/**
 * `function name(v, p, e): void`. A schema with little to check (`{}`, `minContains: 0`…) may leave a parameter
 * unused: a `_` prefix keeps noUnusedParameters quiet.
 */
function checkFunction(fn: Name, body: Code[]): Code {
  const code = join(body, "\n");
  const param = (n: Name, type: Code) => (code.uses(n) ? _`${n}: ${type}` : _`_${n}: ${type}`);
  const params = join([param(V, _`unknown`), param(P, _`string`), param(E, _`ValidationIssue[]`)], ", ");
  return _`function ${fn}(${params}): void {\n${code}\n}`;
}

/** Statements as the body of an if/else: one single-line statement stands alone, more get braces; none is nil. */
export function block(statements: Code[]): Code {
  if (statements.length === 0) return nil;
  const only = statements[0] as Code;
  const alone = statements.length === 1 && !only.text.includes("\n") && !only.text.startsWith("const ") && !only.text.startsWith("let ");
  return alone ? only : _`{\n${join(statements, "\n")}\n}`;
}

/** `const name: unknown = expression;` before `body`, only when the body reads it (noUnusedLocals). */
export function bind(n: Name, expression: Code, body: Code[]): Code[] {
  return body.some((c) => c.uses(n)) ? [_`const ${n}: unknown = ${expression};`, ...body] : body;
}
