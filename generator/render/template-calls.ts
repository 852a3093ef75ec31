// Handlebars' compiler, made to call apigen's helpers and the commonest blocks directly. Handlebars calls every helper
// with an options object (its location, hash, programs: five objects) through a wrapper that copies its arguments,
// and runs every block's program through a wrapper made for the call; on Atlas that was about a third of everything
// the pipeline allocated. Compiled templates call directCalls instead: the printing helpers and the field check
// with the template's line and column as numbers, `{{#if}}`/`{{#unless}}` as a conditional, `{{#each}}` over an
// array as a loop. Anything else (a block under a parent context or with block parameters, a helper given another
// number of values, a hash) compiles as Handlebars compiles it. test/templates-direct.test.ts holds the output to
// what Handlebars prints.
import type Handlebars from "handlebars";

/** A field the view does not have (views hold every field, absent values as null). */
export class TemplateFieldError extends Error {}

type Helpers = Readonly<Record<string, (...args: unknown[]) => unknown>>;

/**
 * The helper under which compiled templates find directCalls. Not a name templates may call (refuseOtherHelpers): a
 * bare `{{apigenDirect}}` is a field of the view like any other.
 */
export const DIRECT = "apigenDirect";

/**
 * What compiled templates call without Handlebars in between (see callDirectly), for the helpers given: each printing
 * helper, taking its values and then the call's line and column; `field`, the strict lookup of a view's field; and
 * the blocks' `truthy`, `run` and `each`.
 */
export function directCalls(helpers: Helpers): Readonly<Record<string, (...args: never[]) => unknown>> {
  return {
    ...Object.fromEntries(Object.entries(helpers).map(([name, helper]) => [name, helper.length === 2 ? locatedCall2(helper) : locatedCall1(helper)])),
    field: checkedField,
    truthy,
    run: runProgram,
    each: eachItem,
  };
}

/** Whether `{{#if}}` takes its first branch: as Handlebars' `if` decides without `includeZero`. */
function truthy(value: unknown, context: unknown): boolean {
  const condition = typeof value === "function" ? (value as (this: unknown) => unknown).call(context) : value;
  return Boolean(condition) && !(Array.isArray(condition) && condition.length === 0);
}

/** What of Handlebars' runtime container the blocks use: the compiled programs, and their wrappers. */
interface ProgramContainer {
  fn(index: number): ((container: ProgramContainer, context: unknown, helpers: unknown, partials: unknown, data: unknown) => string) & { decorator?: unknown };
  program(index: number, data: unknown): (context: unknown) => string;
  helpers: unknown;
  partials: unknown;
}

/**
 * `{{#each list}}` over an array, as Handlebars' `each` runs it (one data frame, its `@index`, `@first`, `@last` and
 * `@key` set for each item; holes skipped; the inverse program for an empty list), minus an options object and
 * block-parameter arrays made for each item. Anything but an array goes to Handlebars' `each`.
 */
function eachItem(container: ProgramContainer, index: number, inverseIndex: number, list: unknown, context: unknown, data: unknown): string {
  const program = container.fn(index);
  if (!Array.isArray(list) || program.decorator) {
    const noop = () => "";
    const options = { fn: container.program(index, data), inverse: inverseIndex < 0 ? noop : container.program(inverseIndex, data), hash: {}, data };
    return (container.helpers as { each: (this: unknown, list: unknown, options: object) => string }).each.call(context, list, options);
  }
  if (list.length === 0) return inverseIndex < 0 ? "" : runProgram(container, inverseIndex, context, data);
  const frame = createFrame(data);
  let out = "";
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) continue;
    frame["key"] = i;
    frame["index"] = i;
    frame["first"] = i === 0;
    frame["last"] = i === list.length - 1;
    out += program(container, list[i], container.helpers, container.partials, frame);
  }
  return out;
}

/** Handlebars' data frame: a copy of the enclosing one that knows it (`@../index`). */
function createFrame(data: unknown): Record<string, unknown> {
  return { ...(data as object), _parent: data };
}

/** What Handlebars' program wrapper does when a block's program runs on the same data: the compiled function, called. */
function runProgram(container: ProgramContainer, index: number, context: unknown, data: unknown): string {
  const program = container.fn(index);
  // A program with decorators runs through Handlebars' wrapper, which applies them.
  return program.decorator ? container.program(index, data)(context) : program(container, context, container.helpers, container.partials, data);
}

function locatedCall1(helper: (value: unknown) => unknown): (value: unknown, line: number, column: number) => unknown {
  return (value, line, column) => {
    try {
      return helper(value);
    } catch (error) {
      throw locatedError(error, line, column);
    }
  };
}

function locatedCall2(helper: (a: unknown, b: unknown) => unknown): (a: unknown, b: unknown, line: number, column: number) => unknown {
  return (a, b, line, column) => {
    try {
      return helper(a, b);
    } catch (error) {
      throw locatedError(error, line, column);
    }
  };
}

/** `column` as Handlebars counts it, from 0. */
export function locatedError(error: unknown, line: number, column: number): unknown {
  return Object.assign(error as Error, { templateLine: line, templateColumn: column + 1 });
}

/**
 * What a strict lookup of `x` (see strictPath) calls: the view's own field, or an error naming it and its place in the
 * template. It replaces Handlebars' `container.strict`, which lets inherited names through (`constructor`), fails with
 * a bare TypeError, without a place, on a field of a string, and takes its place as an object made for every lookup.
 */
function checkedField(holder: unknown, name: string, line: number, column: number): unknown {
  if (typeof holder === "object" && holder !== null && Object.prototype.hasOwnProperty.call(holder, name)) {
    const value = (holder as Record<string, unknown>)[name];
    if (value !== undefined) return value;
  }
  throw locatedError(new TemplateFieldError(name), line, column);
}

/** What the compiler needs of Handlebars' JavaScriptCompiler (its methods are not in Handlebars' typings). */
interface CompilerInternals {
  options: { strict?: boolean; knownHelpers: Record<string, boolean> };
  source: { currentLocation?: { start: { line: number; column: number } }; functionCall(fn: unknown, type: string, params: unknown[]): unknown };
  aliasable(name: string): unknown;
  popStack(): unknown;
  push(expression: unknown): void;
  nameLookup(parent: unknown, name: string, type: string): unknown;
  quotedString(text: string): unknown;
  setupParams(helper: string, paramSize: number, params: unknown[]): unknown;
  contextName(depth: number): string;
  objectLiteral(object: object): unknown;
  resolvePath(type: string, parts: string[], startPartIndex: number, falsy: boolean, strict: boolean): void;
  invokeKnownHelper(paramSize: number, name: string): void;
}

/**
 * Has the compiler call directCalls: a printing helper given as many values as it takes (with the template's line
 * and column as numbers), every strict lookup, and the `#if`, `#unless` and `#each` blocks. Everything else (`#with`,
 * a helper given another number of values) compiles as Handlebars compiles it.
 */
export function callDirectly(hbs: typeof Handlebars, helpers: Helpers): void {
  const environment = hbs as unknown as { JavaScriptCompiler: new () => CompilerInternals };
  class DirectCompiler extends environment.JavaScriptCompiler {
    override invokeKnownHelper(paramSize: number, name: string): void {
      if ((name === "if" || name === "unless") && paramSize === 1) return this.conditional(name);
      if (name === "each" && paramSize === 1) return this.eachBlock();
      const helper = Object.prototype.hasOwnProperty.call(helpers, name) ? helpers[name] : undefined;
      if (helper === undefined || helper.length !== paramSize) return super.invokeKnownHelper(paramSize, name);
      const params: unknown[] = [];
      this.setupParams(name, paramSize, params); // takes the values (and the empty hash and programs) off the stack
      this.push(this.source.functionCall(this.aliasable(`helpers.${DIRECT}.${name}`), "", [...params, ...this.place()]));
    }

    override resolvePath(type: string, parts: string[], startPartIndex: number, falsy: boolean, strict: boolean): void {
      if (!(this.options.strict && strict)) return super.resolvePath(type, parts, startPartIndex, falsy, strict);
      let holder = this.popStack();
      const last = parts.length - 1;
      for (let i = startPartIndex; i < last; i++) holder = this.nameLookup(holder, parts[i] as string, type);
      this.push(this.source.functionCall(this.aliasable(`helpers.${DIRECT}.field`), "", [holder, this.quotedString(parts[last] as string), ...this.place()]));
    }

    /**
     * `{{#if x}}` and `{{#unless x}}` as a conditional expression: the branch's program is called as Handlebars' `if`
     * would call it, without the helper call, its options object and the program wrapper made for each call. With a
     * hash (`includeZero=true`), the helper is called as Handlebars calls it.
     */
    private conditional(name: "if" | "unless"): void {
      const params: unknown[] = [];
      const options = this.setupParams(name, 1, params) as { hash: unknown; fn?: string; inverse?: string; loc?: string };
      const context = this.callContext();
      if (options.hash !== "{}") return this.handlebarsCall(name, params, options, context);
      const [whenTrue, whenFalse] = name === "if" ? [options.fn, options.inverse] : [options.inverse, options.fn];
      const test = this.source.functionCall(this.aliasable(`helpers.${DIRECT}.truthy`), "", [params[0], context]);
      this.push(["(", test, " ? ", this.branch(whenTrue, context), " : ", this.branch(whenFalse, context), ")"]);
    }

    /**
     * `{{#each list}}` as a call to directCalls' `each` with the compiled programs' numbers, when neither program needs
     * Handlebars' wrapper (block parameters, parent contexts); else, and with a hash, the helper as Handlebars calls it.
     */
    private eachBlock(): void {
      const params: unknown[] = [];
      const options = this.setupParams("each", 1, params) as { hash: unknown; fn?: string; inverse?: string; loc?: string };
      const context = this.callContext();
      const program = plainProgram(options.fn);
      const inverse = options.inverse === undefined || options.inverse === "container.noop" ? "-1" : plainProgram(options.inverse);
      if (options.hash !== "{}" || program === undefined || inverse === undefined) return this.handlebarsCall("each", params, options, context);
      this.push(this.source.functionCall(this.aliasable(`helpers.${DIRECT}.each`), "", ["container", program, inverse, params[0], context, "data"]));
    }

    /** `this` of a helper call, as Handlebars gives it: the context, or an empty object for a missing one. */
    private callContext(): unknown {
      return this.aliasable(`${this.contextName(0)} != null ? ${this.contextName(0)} : (container.nullContext || {})`);
    }

    /** The block helper called as Handlebars calls it, with the options setupParams made and the call's location. */
    private handlebarsCall(name: string, params: unknown[], options: { loc?: string }, context: unknown): void {
      options.loc = JSON.stringify(this.source.currentLocation);
      this.push(this.source.functionCall(this.nameLookup("helpers", name, "helper"), "call", [context, ...params, this.objectLiteral(options)]));
    }

    /** A block's program (as setupParams gives it) run on `context`, or "" for none. */
    private branch(program: string | undefined, context: unknown): unknown {
      if (program === undefined || program === "container.noop") return '""';
      const plain = plainProgram(program);
      // With block parameters or parent contexts (`../x`) the program's wrapper keeps track of them: run it as it is.
      return plain !== undefined ? this.source.functionCall(this.aliasable(`helpers.${DIRECT}.run`), "", ["container", plain, context, "data"]) : [program, "(", context, ")"];
    }

    /** The line and column (from 0) of what is being compiled. */
    private place(): string[] {
      const start = this.source.currentLocation?.start;
      return [String(start?.line ?? 0), String(start?.column ?? 0)];
    }
  }
  /** The number of a compiled program that runs on the block's data alone (no block parameters, no parent contexts). */
  function plainProgram(expression: string | undefined): string | undefined {
    return expression === undefined ? undefined : /^container\.program\((\d+), data, 0\)$/.exec(expression)?.[1];
  }
  // Child programs are compiled by `new this.compiler()`.
  Object.assign(DirectCompiler.prototype, { compiler: DirectCompiler });
  environment.JavaScriptCompiler = DirectCompiler;
}
