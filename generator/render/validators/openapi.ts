// OpenAPI's own vocabulary (OAS 3.1 §4.8.24, 3.0 §4.7.24): the discriminator, readOnly/writeOnly by direction, and
// open response enums (a value added to the API later is a good answer, see UnknownEnumValue in types.ts).
import { pointerToken } from "../../diagnostics";
import { isOpenableDiscriminator } from "../../model/request-validators";
import type { DiscriminatorModel, PropertyModel, SchemaModel } from "../../model/types";
import { _, join, lit, name, pointerPlus, type Code, type Name } from "./code";
import type { Emitter } from "./codegen";
import { issues } from "./messages";

/** An open response enum: a value the spec did not list is a good answer, as long as it is a string (or a listed null). */
export function openEnumCheck(g: Emitter, values: unknown[], v: Name, p: Code, e: Name): Code[] {
  const test = values.includes(null) ? _`typeof ${v} === "string" || ${v} === null` : _`typeof ${v} === "string"`;
  return [_`if (!(${test})) ${g.issue(e, p, issues.openEnum(values))}`];
}

/**
 * The discriminator property's value picks the one schema to check against. In a response an open union (see
 * UnknownDiscriminatorValue in types.ts) accepts a value the spec did not list, as long as it is a string.
 */
export function discriminatorCheck(g: Emitter, s: SchemaModel, d: DiscriminatorModel, v: Name, p: Code, e: Name): Code[] {
  return g.openEnums && isOpenableDiscriminator(s) ? g.perDirection(() => [directedDiscriminatorCheck(g, s, d, v, p, e)]) : [directedDiscriminatorCheck(g, s, d, v, p, e)];
}

function directedDiscriminatorCheck(g: Emitter, s: SchemaModel, d: DiscriminatorModel, v: Name, p: Code, e: Name): Code {
  const tag = g.fresh("t");
  const cases = d.mapping.map((m) => _`case ${lit(m.value)}:\n${g.checkCall(m.ref, v, p, e)}\nbreak;`);
  const tagPath = pointerPlus(p, lit("/" + pointerToken(d.propertyName)));
  const values = d.mapping.map((m) => m.value);
  const open = g.openEnums && g.direction === "response" && isOpenableDiscriminator(s);
  // Under allOf inheritance every subtype extends the base: an unlisted one (open unions) and a value that is no
  // object at all are checked against the base's own shape, which says what it lacks.
  const shape = d.unlistedShape ? g.checkCall(d.unlistedShape, v, p, e) : undefined;
  const unlisted = open ? openUnlisted(g.issue(e, tagPath, issues.openDiscriminator(values)), tag, shape) : g.issue(e, tagPath, issues.discriminator(values));
  return join([
    _`if (${name("$isObj")}(${v})) {`,
    _`const ${tag} = ${v}[${lit(d.propertyName)}];`,
    _`switch (${tag}) {`,
    ...cases,
    _`default:\n${unlisted}`,
    _`}`,
    shape ? _`} else ${shape}` : _`}`,
  ], "\n");
}

/** An open union's unlisted value: any string, and (allOf inheritance) a value of the base's shape. */
function openUnlisted(issue: Code, tag: Name, shape: Code | undefined): Code {
  return shape ? _`if (typeof ${tag} !== "string") ${issue} else ${shape}` : _`if (typeof ${tag} !== "string") ${issue}`;
}

/**
 * Whether a declared property is required, and whether it is refused, in the current direction (called inside
 * `perDirection`): responses never require a writeOnly property; requests refuse a readOnly one (its schema is then
 * moot) and never require it.
 */
export function propertyRule(g: Emitter, property: PropertyModel): { required: boolean; refused: boolean } {
  const access = g.accessOf(property.schema);
  const refused = g.direction === "request" && access === "readOnly";
  const optional = refused || (g.direction === "response" && access === "writeOnly");
  return { required: property.required && !optional, refused };
}
