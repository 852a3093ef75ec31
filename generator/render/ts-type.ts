// SchemaModel → TypeScript type expression, built in code from a small vocabulary (cf. openapi-typescript's lib/ts.ts).
import { isOpenableDiscriminator, isOpenableEnum } from "../model/request-validators";
import type { SchemaModel } from "../model/types";
import { jsdoc, jsonLiteral, propertyKey } from "./escape";

export function tsUnion(members: string[]): string {
  const unique = [...new Set(members)];
  if (unique.includes("unknown")) return "unknown";
  // `A & B | C` already means `(A & B) | C`: union members never need parentheses.
  return unique.length === 0 ? "never" : unique.join(" | ");
}

export function tsIntersection(members: string[]): string {
  const unique = [...new Set(members)].filter((m) => m !== "unknown");
  if (unique.length <= 1) return unique[0] ?? "unknown";
  return unique.map((m) => (hasTopLevelOperator(m) ? `(${m})` : m)).join(" & ");
}

/** True when `|` or `&` occurs outside brackets, comments and string literals, i.e. the type needs parentheses as an operand. */
function hasTopLevelOperator(type: string): boolean {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === "/" && type[i + 1] === "*") {
      const end = type.indexOf("*/", i + 2);
      i = end === -1 ? type.length : end + 1;
    } else if (c === '"') {
      for (i++; i < type.length && type[i] !== '"'; i++) if (type[i] === "\\") i++;
    } else if (c === "{" || c === "(" || c === "<" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === ">" || c === "]") depth--;
    else if (depth === 0 && (c === "|" || c === "&")) return true;
  }
  return false;
}

/**
 * Which way the value travels: request types leave out readOnly properties (they are never sent), response types
 * writeOnly ones (they are never returned); response string enums are open unless `--closed-enums`.
 */
export type Direction = "response" | "request";

/**
 * The unknown-value case of an open response enum: a string the spec did not list. The optional brand keeps it from
 * absorbing the listed literals, so `=== "a"` and `switch` still narrow on them, and a `switch` must keep a default.
 */
export const UNKNOWN_ENUM_VALUE = "UnknownEnumValue";

/**
 * The discriminator value of an open response union's unknown case: a variant the spec did not list. TypeScript has no
 * "string but not these": a branded string would be comparable with every listed literal and stop the union from
 * narrowing, so the type is a template literal no listed value matches (see types.ts.hbs; the model refuses to open a
 * union whose listed values could match it).
 */
export const UNKNOWN_DISCRIMINATOR_VALUE = "UnknownDiscriminatorValue";

/** Type of a schema as used inside other types. `openEnums`: response string enums get the unknown-value case. */
export function tsType(schema: SchemaModel, direction: Direction = "response", openEnums = false): string {
  if (schema.ref) return direction === "request" && schema.ref.writableTypeName ? schema.ref.writableTypeName : schema.ref.typeName;
  const sub = (s: SchemaModel) => tsType(s, direction, openEnums);
  const parts: string[] = [];
  const own = ownType(schema, direction, openEnums);
  if (own !== undefined) parts.push(own);
  if (schema.allOf) parts.push(tsIntersection(schema.allOf.map(sub)));
  const tagged = discriminated(schema);
  const unknownCase = openEnums && direction === "response" && isOpenableDiscriminator(schema) ? [unknownVariant(schema)] : [];
  if (schema.oneOf) parts.push(tsUnion([...schema.oneOf.map((m) => tagged(m, sub(m))), ...unknownCase]));
  if (schema.anyOf) parts.push(tsUnion([...schema.anyOf.map((m) => tagged(m, sub(m))), ...unknownCase]));
  return parts.length === 0 ? "unknown" : tsIntersection(parts);
}

/**
 * With a discriminator, each member that is a mapped component is intersected with its discriminator value(s) as
 * literals, so the union narrows on the property (`Circle & { kind: "circle" }`). Open response unions add
 * `unknownVariant`; request unions stay closed.
 */
function discriminated(schema: SchemaModel): (member: SchemaModel, type: string) => string {
  const d = schema.discriminator;
  if (!d || d.mapping.length === 0) return (_member, type) => type;
  return (member, type) => {
    const values = member.ref ? d.mapping.filter((m) => m.ref.name === member.ref?.name).map((m) => jsonLiteral(m.value)) : [];
    if (values.length === 0) return type;
    return tsIntersection([type, `{ ${propertyKey(d.propertyName)}: ${values.join(" | ")} }`]);
  };
}

/** An open response union's extra case: a variant the spec did not list, known only by its discriminator value. */
function unknownVariant(schema: SchemaModel): string {
  const d = schema.discriminator;
  // Under allOf inheritance an unlisted subtype still extends the base: its properties keep their types.
  if (d?.unlistedShape) return `${d.unlistedShape.typeName} & { ${propertyKey(d.propertyName)}: ${UNKNOWN_DISCRIMINATOR_VALUE} }`;
  return `{ ${propertyKey(d?.propertyName ?? "")}: ${UNKNOWN_DISCRIMINATOR_VALUE}; [key: string]: unknown }`;
}

/** The part of the type given by the schema's own keywords (const, enum, type), or undefined if none constrain it. */
function ownType(schema: SchemaModel, direction: Direction, openEnums: boolean): string | undefined {
  if (schema.const) return literalType(schema.const.value) ?? undefined;
  if (schema.enum) {
    const literals = schema.enum.map(literalType);
    const open = openEnums && direction === "response" && isOpenableEnum(schema);
    if (literals.every((l): l is string => l !== undefined)) return tsUnion(open ? [...literals, UNKNOWN_ENUM_VALUE] : literals);
  }
  const types = schema.types ?? (schema.properties || schema.additionalProperties !== undefined ? ["object" as const] : undefined);
  if (!types) return undefined;
  return tsUnion(
    types.map((t) => {
      switch (t) {
        case "string":
          return "string";
        case "number":
        case "integer":
          return "number";
        case "boolean":
          return "boolean";
        case "null":
          return "null";
        case "array":
          return `Array<${schema.items ? tsType(schema.items, direction, openEnums) : "unknown"}>`;
        case "object":
          return objectType(schema, direction, openEnums);
      }
    }),
  );
}

function literalType(value: unknown): string | undefined {
  if (value === null || typeof value === "boolean" || typeof value === "string") return jsonLiteral(value);
  if (typeof value === "number" && Number.isFinite(value)) return jsonLiteral(value);
  return undefined;
}

/** An object literal type; extra properties get an index signature compatible with the declared ones. */
export function objectType(schema: SchemaModel, direction: Direction = "response", openEnums = false): string {
  // A property is readOnly/writeOnly by its own schema or by the component it refers to (as the validators see it):
  // requests leave out readOnly ones, responses writeOnly ones.
  const left = direction === "request" ? "readOnly" : "writeOnly";
  const properties = (schema.properties ?? []).filter((p) => (p.schema.access ?? p.schema.ref?.access) !== left);
  const members = properties.map((p) => {
    const doc = propertyDoc(p.schema);
    return `${doc ? doc + "\n" : ""}${propertyKey(p.name)}${p.required ? "" : "?"}: ${tsType(p.schema, direction, openEnums)};`;
  });
  // Keys matched by patternProperties are allowed even when additionalProperties is false.
  const extra = schema.patternProperties?.length ? true : schema.additionalProperties;
  if (extra !== false && (extra !== undefined || members.length === 0)) {
    const valueType = members.length > 0 || extra === true || extra === undefined ? "unknown" : tsType(extra, direction, openEnums);
    members.push(`[key: string]: ${valueType};`);
  }
  return members.length === 0 ? "{}" : `{\n${members.join("\n")}\n}`;
}

/** JSDoc for a property or declaration: description, then facts a caller needs (format, pattern, access). */
export function propertyDoc(schema: SchemaModel): string {
  const target = schema;
  return jsdoc([
    target.title && target.title !== target.description ? target.title : undefined,
    target.description,
    target.format ? `@format ${target.format}` : undefined,
    target.pattern ? `@pattern ${target.pattern}` : undefined,
    // Human text in a comment: the value's JSON, not the expression that would rebuild it (jsdoc() makes it inert).
    target.default ? `@default ${JSON.stringify(target.default.value) ?? "undefined"}` : undefined,
    target.access === "readOnly" ? "@readonly Returned by the server; never sent." : undefined,
    target.access === "writeOnly" ? "@writeonly Sent to the server; never returned." : undefined,
    target.deprecated ? "@deprecated" : undefined,
  ]);
}
