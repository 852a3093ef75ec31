// What a failed check reports, as data: the keyword and human text. Values are shown as JSON text (what a reader
// of the error expects), never as code; turning an issue into code is the emitter's job (`lit`, in codegen.ts).
import type { JsonType } from "../../model/types";

export type Issue =
  /** Built at run time by `$T` from the type list. */
  | { keyword: "type"; types: readonly JsonType[] }
  /** Built at run time by `$Q` from the property name. */
  | { keyword: "required"; property: string }
  /** Built at run time by `$R`: a readOnly property in a value to be sent (one message for all). */
  | { keyword: "readOnly"; refused: true }
  | { keyword: string; message: string };

/** A value as a reader sees it in a message: its JSON text. */
export function shown(value: unknown): string {
  return JSON.stringify(value) ?? "undefined";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const issues = {
  type: (types: readonly JsonType[]): Issue => ({ keyword: "type", types }),
  required: (property: string): Issue => ({ keyword: "required", property }),
  const: (value: unknown): Issue => ({ keyword: "const", message: `must be equal to ${shown(value)}` }),
  enum: (values: readonly unknown[]): Issue => ({ keyword: "enum", message: `must be one of ${values.map(shown).join(", ")}` }),
  openEnum: (values: readonly unknown[]): Issue => ({ keyword: "enum", message: `must be one of ${values.map(shown).join(", ")} or another string` }),
  minLength: (n: number): Issue => ({ keyword: "minLength", message: `must NOT have fewer than ${n} characters` }),
  maxLength: (n: number): Issue => ({ keyword: "maxLength", message: `must NOT have more than ${n} characters` }),
  pattern: (pattern: string): Issue => ({ keyword: "pattern", message: `must match pattern "${pattern}"` }),
  format: (format: string): Issue => ({ keyword: "format", message: `must match format "${format}"` }),
  bound: (keyword: "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum", limit: number): Issue => ({ keyword, message: `must be ${BOUND_WORDS[keyword]} ${limit}` }),
  multipleOf: (n: number): Issue => ({ keyword: "multipleOf", message: `must be multiple of ${n}` }),
  minItems: (n: number): Issue => ({ keyword: "minItems", message: `must NOT have fewer than ${n} items` }),
  maxItems: (n: number): Issue => ({ keyword: "maxItems", message: `must NOT have more than ${n} items` }),
  uniqueItems: (): Issue => ({ keyword: "uniqueItems", message: "must NOT have duplicate items" }),
  contains: (min: number): Issue => ({ keyword: "contains", message: `must contain at least ${plural(min, "valid item")}` }),
  maxContains: (max: number): Issue => ({ keyword: "maxContains", message: `must contain at most ${max} valid items` }),
  minProperties: (n: number): Issue => ({ keyword: "minProperties", message: `must NOT have fewer than ${n} properties` }),
  maxProperties: (n: number): Issue => ({ keyword: "maxProperties", message: `must NOT have more than ${n} properties` }),
  dependentRequired: (missing: string, present: string): Issue => ({ keyword: "dependentRequired", message: `must have property ${shown(missing)} when property ${shown(present)} is present` }),
  anyOf: (): Issue => ({ keyword: "anyOf", message: "must match a schema in anyOf" }),
  oneOf: (): Issue => ({ keyword: "oneOf", message: "must match exactly one schema in oneOf" }),
  not: (): Issue => ({ keyword: "not", message: "must NOT be valid against the schema in not" }),
  readOnly: (): Issue => ({ keyword: "readOnly", refused: true }),
  discriminator: (values: readonly string[]): Issue => ({ keyword: "discriminator", message: `must be one of ${values.map(shown).join(", ")}` }),
  openDiscriminator: (values: readonly string[]): Issue => ({ keyword: "discriminator", message: `must be one of ${values.map(shown).join(", ")} or another string` }),
};

const BOUND_WORDS = { minimum: ">=", maximum: "<=", exclusiveMinimum: ">", exclusiveMaximum: "<" } as const;
