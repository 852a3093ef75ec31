// Types for swagger-parser's schema validator module, which the package ships without declarations.
declare module "@apidevtools/swagger-parser/lib/validators/schema.js" {
  /** Throws a SyntaxError with ajv's `details` when the document breaks the OpenAPI 3.0/3.1 (or Swagger 2.0) schema. */
  function validateSchema(api: object): void;
  export = validateSchema;
}
