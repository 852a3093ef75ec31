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

/**
 * Where a check function is generated: one direction, or "both" for a component whose verdict depends on it (see
 * `NamedRef.directional`): one function whose fourth parameter `r` is true for a value to be sent. One function, not
 * two copies differing in a readOnly property or an enum: the consumer's tsc parses every line of validators.ts.
 */
export type EmitDirection = ValidationDirection | "both";

/** What the keyword emitters may ask of the generator. */
export interface Emitter {
  /** "both" only between the decisions that depend on it; inside `perDirection`, the one being emitted. */
  readonly direction: EmitDirection;
  readonly openEnums: boolean;
  /** Statements that check `v` (at pointer expression `p`) against `s`, appending issues to `e`. */
  emit(s: SchemaModel, v: Name, p: Code, e: Name): Code[];
  /** The statement that reports one issue. */
  issue(e: Name, p: Code, issue: Issue): Code;
  /** A shared module-level constant; identical expressions are emitted once. */
  constant(prefix: string, expression: Code): Name;
  /** A local name not used before in the current function. */
  fresh(prefix: string): Name;
  /** The statement that checks `v` against a component, in the current direction. */
  checkCall(ref: NamedRef, v: Name, p: Code, e: Name): Code;
  /** What a directional component's check function is told as its fourth argument (`r`, `true`), if anything. */
  directionArgument(ref: NamedRef): Code | undefined;
  /** The message of an issue as an expression: a shared constant when it is long. */
  message(issue: Issue): Code;
  /**
   * Statements that depend on the direction: in "both", emitted once per direction, and when the two differ, chosen
   * at run time by `r` (both branches braced, their names block-scoped); else emitted for the current direction.
   */
  perDirection(emitFor: () => Code[]): Code[];
  /** An expression that depends on the direction: in "both", `r ? request : response` when the two differ. */
  perDirectionValue(emitFor: () => Code): Code;
  /** readOnly/writeOnly of a property: on its schema, or on the component it refers to. */
  accessOf(s: SchemaModel): Access | undefined;
}

const V = name("v");
const P = name("p");
const E = name("e");
/** The fourth parameter of a check function generated for both directions: true for a value to be sent. */
const R = name("r");

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
  private currentDirection: EmitDirection = "response";
  /** Whether the function being generated takes `r` (then calls of directional components pass it on). */
  private takesDirection = false;
  private readonly shapes = new ShapeTable();
  private readonly shapeNames = new Map<string, SharedShape>();
  private shapeCount = 0;
  /** Each `fn(v, p, e);` statement made here, with the function it calls: see plainCall. */
  private readonly plainCalls = new WeakMap<Code, Name>();

  /** `components`: the component schemas by name, so a property that refers to a readOnly component counts as readOnly. */
  /** `openEnums`: in the response direction a string enum accepts any string (see UnknownEnumValue in types.ts). */
  constructor(private readonly components: ReadonlyMap<string, SchemaModel> = new Map(), readonly openEnums = false) {}

  get direction(): EmitDirection {
    return this.currentDirection;
  }

  /**
   * `function $checkX(v, p, e)`: appends every issue of `v` (at JSON pointer `p`) to `e`. A directional component's
   * function checks in both directions: `$checkX(v, p, e, r)`, r true for a value to be sent.
   */
  checkFunction(ref: NamedRef, schema: SchemaModel): string {
    this.counter = 0;
    this.currentDirection = ref.directional ? "both" : "response";
    this.takesDirection = ref.directional === true;
    const fn = checkFunction(name(ref.checkName), this.emit(schema, V, P, E), this.takesDirection);
    this.takesDirection = false;
    return this.counted(fn).text;
  }

  /** Statements that check an inline schema against `value`, for a validator's body (see InlineCheck). */
  inlineCheck(schema: SchemaModel, direction: ValidationDirection = "response"): InlineCheck {
    this.counter = 0;
    this.currentDirection = direction;
    this.takesDirection = false;
    const statements = this.emit(schema, name("value"), lit(""), name("errors"));
    const soleCheck = statements.length === 1 ? this.plainCalls.get(statements[0] as Code) : undefined;
    const texts = statements.map((c) => this.counted(c).text);
    return soleCheck ? { statements: texts, soleCheck: soleCheck.text } : { statements: texts };
  }

  /** Every schema the validators will check, before any is generated: repeated inline shapes become functions. */
  countShapes(roots: SchemaModel[]): void {
    this.shapes.count(roots);
  }

  /** Helpers of the fixed preamble and format checks that the generated code calls (with the helpers those call). */
  usedHelpers(): Set<string> {
    return withDependencies(this.used);
  }

  emit(s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
    if (s.ref) return [this.checkCall(s.ref, v, p, e)];
    const shared = this.sharedShape(s);
    if (shared) return [shared.takesDirection ? _`${shared.fn}(${v}, ${p}, ${e}, ${R});` : this.plainCall(shared.fn, v, p, e)];
    return this.emitOwn(s, v, p, e);
  }

  checkCall(ref: NamedRef, v: Name, p: Code, e: Name): Code {
    const direction = this.directionArgument(ref);
    return direction ? _`${name(ref.checkName)}(${v}, ${p}, ${e}, ${direction});` : this.plainCall(name(ref.checkName), v, p, e);
  }

  directionArgument(ref: NamedRef): Code | undefined {
    if (!ref.directional) return undefined;
    // Inside a function that takes `r`, it is passed on (the same text in both branches of a perDirection).
    if (this.takesDirection) return R;
    return this.currentDirection === "request" ? _`true` : undefined;
  }

  perDirection(emitFor: () => Code[]): Code[] {
    if (this.currentDirection !== "both") return emitFor();
    const start = this.counter;
    const inDirection = (direction: ValidationDirection): [Code[], number] => {
      this.currentDirection = direction;
      this.counter = start; // each branch is a block of its own: the same fresh names may repeat in both
      return [emitFor(), this.counter];
    };
    const [response, responseEnd] = inDirection("response");
    const [request, requestEnd] = inDirection("request");
    this.currentDirection = "both";
    this.counter = Math.max(responseEnd, requestEnd);
    const text = (statements: Code[]) => statements.map((c) => c.text).join("\n");
    if (text(response) === text(request)) return response;
    if (response.length === 0) return [_`if (${R}) {\n${join(request, "\n")}\n}`];
    if (request.length === 0) return [_`if (!${R}) {\n${join(response, "\n")}\n}`];
    return [_`if (${R}) {\n${join(request, "\n")}\n} else {\n${join(response, "\n")}\n}`];
  }

  perDirectionValue(emitFor: () => Code): Code {
    if (this.currentDirection !== "both") return emitFor();
    const [response, request] = (["response", "request"] as const).map((direction) => {
      this.currentDirection = direction;
      return emitFor();
    }) as [Code, Code];
    this.currentDirection = "both";
    return response.text === request.text ? response : _`${R} ? ${request} : ${response}`;
  }

  accessOf(s: SchemaModel): Access | undefined {
    return s.access ?? (s.ref ? this.components.get(s.ref.name)?.access : undefined);
  }

  /**
   * One issue, through the tiny helpers of the preamble (one call instead of an object literal per site): `$T` for
   * type issues, `$Q` for a missing property, `$R` for a refused readOnly one, `$E` otherwise; a long message is a
   * shared constant.
   */
  issue(e: Name, p: Code, issue: Issue): Code {
    if ("types" in issue) return _`${name("$T")}(${e}, ${p}, ${lit(issue.types.join(" or "))});`;
    if ("property" in issue) return _`${name("$Q")}(${e}, ${p}, ${lit(issue.property)});`;
    if ("refused" in issue) return _`${name("$R")}(${e}, ${p});`;
    return _`${name("$E")}(${e}, ${p}, ${lit(issue.keyword)}, ${this.message(issue)});`;
  }

  message(issue: Issue): Code {
    if (!("message" in issue)) throw new Error(`internal error: a ${issue.keyword} issue has no fixed message`);
    return issue.message.length > MAX_INLINE_MESSAGE ? this.constant("msg", lit(issue.message)) : lit(issue.message);
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

  /**
   * `fn(v, p, e);`: a check function called with no direction, remembered by the statement's identity. A statement
   * is passed on as the same object (allOf's members), so when a validator's body is one of these, inlineCheck knows
   * the body is just that function, without reading the text back. (A call on a part of the value, or into another
   * issue list, is always inside the statement that selects that part: it is never a body's only statement.)
   */
  private plainCall(fn: Name, v: Name, p: Code, e: Name): Code {
    const call = _`${fn}(${v}, ${p}, ${e});`;
    this.plainCalls.set(call, fn);
    return call;
  }

  /** The helpers a piece of finished code calls are the helper names it mentions (dead code is never generated). */
  private counted(code: Code): Code {
    code.someName((n) => {
      if (HELPERS.has(n)) this.used.add(n);
      return false;
    });
    return code;
  }

  /**
   * The function shared by every occurrence of a repeated inline shape, generated on first use. Met in "both", it is
   * generated for both directions; when its checks do not depend on the direction, it is the response one.
   */
  private sharedShape(s: SchemaModel): SharedShape | undefined {
    const id = this.shapes.repeated(s);
    if (id === undefined) return undefined;
    const key = `${this.currentDirection}:${id}`;
    const existing = this.shapeNames.get(key);
    if (existing) return existing;
    const counter = this.counter; // the caller's fresh names continue after the nested function
    const takesDirection = this.takesDirection;
    const fn = name(`$shape${this.shapeCount++}`); // numbered before the shapes nested in it, as they are met
    this.counter = 0;
    this.takesDirection = this.currentDirection === "both";
    const body = this.emitOwn(s, V, P, E);
    const usesDirection = this.takesDirection && body.some((c) => c.uses(R));
    this.counter = counter;
    this.takesDirection = takesDirection;
    const reuse = this.currentDirection === "both" && !usesDirection ? this.shapeNames.get(`response:${id}`) : undefined;
    if (reuse) {
      this.shapeNames.set(key, reuse);
      return reuse;
    }
    const shape: SharedShape = { fn, takesDirection: usesDirection };
    this.shapeNames.set(key, shape);
    if (this.currentDirection === "both" && !usesDirection) this.shapeNames.set(`response:${id}`, shape);
    this.shapeFunctions.push(this.counted(checkFunction(shape.fn, body, usesDirection)).text);
    return shape;
  }

  private emitOwn(s: SchemaModel, v: Name, p: Code, e: Name): Code[] {
    return [...constCheck(this, s, v, p, e), ...enumCheck(this, s, v, p, e), ...typedChecks(this, s, v, p, e), ...compositionChecks(this, s, v, p, e)];
  }
}

/**
 * A validator's statements, checking `value` at `""` into `errors`. `soleCheck`: the one function they call, when
 * they are a single `fn(value, "", errors);`; the validator can then be made from that function.
 */
export interface InlineCheck {
  statements: string[];
  soleCheck?: string;
}

/** A repeated inline shape's function, and whether it takes the direction (`r`) as its fourth argument. */
interface SharedShape {
  fn: Name;
  takesDirection: boolean;
}

/**
 * `function name(v, p, e): void`, or `(v, p, e, r?)` for both directions (absent `r`: a response). A schema with
 * little to check (`{}`, `minContains: 0`…) may leave a parameter unused: a `_` prefix keeps noUnusedParameters quiet.
 */
function checkFunction(fn: Name, body: Code[], takesDirection = false): Code {
  const code = join(body, "\n");
  const param = (n: Name, type: Code) => (code.uses(n) ? _`${n}: ${type}` : _`_${n}: ${type}`);
  const params = [param(V, _`unknown`), param(P, _`string`), param(E, _`ValidationIssue[]`)];
  if (takesDirection) params.push(code.uses(R) ? _`${R}?: boolean` : _`_${R}?: boolean`);
  return _`function ${fn}(${join(params, ", ")}): void {\n${code}\n}`;
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
