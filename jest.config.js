// Packages that ship only ES modules but are require()d by our CommonJS dependencies (swagger-parser,
// openapi-typescript). Node >= 20.19 loads them with require(esm); Jest's module system does not before
// Node 24.9, so Jest compiles just these to CommonJS.
const ESM_ONLY = ["@apidevtools/json-schema-ref-parser", "parse-json", "index-to-position", "change-case", "supports-color", "yargs-parser"];
const esmPattern = `(${ESM_ONLY.map((p) => p.replace("/", "\\/")).join("|")})`;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    [`^.+/node_modules/${esmPattern}/.+\\.m?js$`]: [
      "ts-jest",
      { tsconfig: { allowJs: true, module: "commonjs", target: "es2022", esModuleInterop: true } },
    ],
  },
  transformIgnorePatterns: [`^(?!.*/node_modules/${esmPattern}/).*/node_modules/`],
  // Generated code imports "./x.js"; map it to the .ts source under test.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  globalSetup: "<rootDir>/test/global-setup.js",
  testTimeout: 60000,
};
