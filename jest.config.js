/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
    // swagger-parser requires json-schema-ref-parser, which ships only ES modules. Node >= 20.19 loads it with
    // require(esm); Jest's module system does not (before Node 24.9), so Jest compiles it to CommonJS.
    "^.+/json-schema-ref-parser/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true, module: "commonjs", target: "es2022", esModuleInterop: true } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@apidevtools/json-schema-ref-parser/)"],
  // Generated code imports "./x.js"; map it to the .ts source under test.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  testTimeout: 60000,
};
