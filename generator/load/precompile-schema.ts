// Build step (`make build`, npm's prepare): the OpenAPI 3.0 and 3.1 schema validators as ajv standalone code, so a
// run loads them in milliseconds instead of compiling the meta-schemas (openapi-schema.ts). The code is what ajv
// would compile at run time with the same options; only its `require`s of ajv's runtime helpers are resolved from
// swagger-parser's folder, where the ajv that generated the code lives.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { compileValidator, STANDALONE_FILE, swaggerParserRequire, type SchemaVersion } from "./openapi-schema";

const VERSIONS: readonly SchemaVersion[] = ["3.0", "3.1"];

/** One CommonJS module exporting, per OpenAPI version, a function that evaluates that version's validator. */
export function standaloneValidatorsSource(): string {
  const standaloneCode = (swaggerParserRequire()("ajv/dist/standalone") as { default: (ajv: unknown, validate: unknown) => string }).default;
  const sections = VERSIONS.map((version) => {
    const { ajv, validate } = compileValidator(version, { source: true });
    const code = standaloneCode(ajv, validate).replace(/\brequire\(/g, "ajvRequire(");
    return `exports[${JSON.stringify(version)}] = () => {\n  const module = { exports: {} };\n${code}\n  return module.exports;\n};\n`;
  });
  return [
    "\"use strict\";",
    "// Written by dist/load/precompile-schema.js at build time (ajv standalone code of swagger-parser's OpenAPI schemas): do not edit.",
    "const ajvRequire = require(\"node:module\").createRequire(require.resolve(\"@apidevtools/swagger-parser\"));",
    ...sections,
  ].join("\n");
}

if (require.main === module) {
  writeFileSync(join(__dirname, STANDALONE_FILE), standaloneValidatorsSource());
}
