// The intermediate model: plain, documented data close to OpenAPI 3.1 — no TypeScript syntax, every name decided.
// Both OpenAPI 3.0 and 3.1 documents become this one shape (3.0 `nullable` → a "null" type, boolean
// exclusiveMinimum → a number), so the render stage has exactly one input language.

export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** Access scope from readOnly/writeOnly: a readOnly value only travels in responses, writeOnly only in requests. */
export type Access = "readOnly" | "writeOnly";

export interface SchemaModel {
  /** JSON pointer of this schema in the spec, for diagnostics. */
  pointer: string;
  /** Set when this node is a reference to a named component schema (other keywords are then ignored). */
  ref?: NamedRef;
  /** Allowed JSON types; undefined means any type. */
  types?: JsonType[];
  enum?: unknown[];
  const?: { value: unknown };
  format?: string;
  // string
  pattern?: string;
  /** RegExp flags for `pattern`: "u" as JSON Schema requires, "" for legacy patterns only valid without it. */
  patternFlags?: "u" | "";
  minLength?: number;
  maxLength?: number;
  // number
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  // array
  items?: SchemaModel;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** 2020-12 `prefixItems`: item i checked against member i; `items` then applies only after them. */
  prefixItems?: SchemaModel[];
  /** 2020-12 `contains`, with `minContains` (default 1) and `maxContains`. */
  contains?: SchemaModel;
  minContains?: number;
  maxContains?: number;
  // object
  properties?: PropertyModel[];
  /** undefined: any extra property allowed (JSON Schema default). */
  additionalProperties?: boolean | SchemaModel;
  minProperties?: number;
  maxProperties?: number;
  /** `patternProperties`: each key matching `pattern` has its value checked against `schema`. */
  patternProperties?: { pattern: string; flags: "u" | ""; schema: SchemaModel }[];
  /** 2020-12 `propertyNames`: every key, as a string, must match this schema. */
  propertyNames?: SchemaModel;
  /** 2020-12 `dependentRequired`: when `name` is present, each of `required` must be too. */
  dependentRequired?: { name: string; required: string[] }[];
  /** 2020-12 `dependentSchemas`: when `name` is present, the whole value must match `schema`. */
  dependentSchemas?: { name: string; schema: SchemaModel }[];
  /** 2020-12 `if`/`then`/`else` (then and else without if have no effect and are dropped). */
  conditional?: { if: SchemaModel; then?: SchemaModel; else?: SchemaModel };
  // composition: each reduced to its list of members
  allOf?: SchemaModel[];
  anyOf?: SchemaModel[];
  oneOf?: SchemaModel[];
  not?: SchemaModel;
  discriminator?: DiscriminatorModel;
  // annotations
  title?: string;
  description?: string;
  deprecated?: boolean;
  default?: { value: unknown };
  access?: Access;
}

export interface NamedRef {
  /** Component name as in the spec (`components/schemas/<name>`). */
  name: string;
  /** The TypeScript type name the resolver chose for it. */
  typeName: string;
  /** Name of its exported `validate<Name>` function. */
  validatorName: string;
  /** Name of its internal check function; `$` never occurs in spec-derived names, so it cannot collide. */
  checkName: string;
  /**
   * Set when the schema is sent in a request (body or parameter) and its type differs by direction (itself or through
   * its parts): readOnly or writeOnly properties, or open response enums. The name of its request-side type, without
   * readOnly properties, with writeOnly ones, enums closed (`GroupWritable`); the plain name is the response side.
   */
  writableTypeName?: string;
  /**
   * Set when the schema is reachable from a request body or parameter and direction changes its verdict (readOnly or
   * writeOnly properties, open enums; itself or through its parts): its check function then checks in both
   * directions, told which by a fourth argument (`$checkGroup(v, p, e, true)` for a value to be sent).
   */
  directional?: true;
  /** The component's own readOnly/writeOnly: a property referring to a readOnly component is itself readOnly. */
  access?: Access;
  /**
   * allOf inheritance (model/inheritance.ts): set on the plain shape of a base whose own name now means "one of its
   * subtypes" — the component it was split from (`PetBase` → `Pet`).
   */
  shapeOf?: string;
}

export interface PropertyModel {
  /** The key exactly as in the spec. Any string: rendering quotes it where needed. */
  name: string;
  required: boolean;
  schema: SchemaModel;
  /** Named only in `required`, not in `properties`: it must be present, but is not a declared property (so it
   * still counts as additional for `additionalProperties`). */
  undeclared?: true;
}

export interface DiscriminatorModel {
  propertyName: string;
  /** Discriminator value → component schema, explicit `mapping` first, then implicit component names. */
  mapping: { value: string; ref: NamedRef }[];
  /**
   * allOf inheritance: the base's plain shape, which a variant the spec did not list (an open response union's unknown
   * case) still has, since every subtype extends it.
   */
  unlistedShape?: NamedRef;
}

export interface SchemaDeclaration {
  ref: NamedRef;
  schema: SchemaModel;
}

export type ParameterLocation = "path" | "query" | "header";

export interface ParameterModel {
  /** Name on the wire (path placeholder, query key, header name). */
  name: string;
  /** Property name in the operation's params object (differs from `name` only to avoid a collision). */
  key: string;
  location: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated: boolean;
  schema: SchemaModel;
  /** Query arrays: `true` repeats the key (form, explode — the default), `false` joins with commas. */
  explode: boolean;
  /** Query objects as `name[key]=value`; absent: the location's default style. */
  style?: "deepObject";
  pointer: string;
}

export interface MediaTypeModel {
  mediaType: string;
  /**
   * How the body travels: parsed JSON, a form (`application/x-www-form-urlencoded`), multipart/form-data, text
   * (e.g. `+csv`), or bytes (e.g. `+gzip`).
   */
  kind: "json" | "form" | "multipart" | "text" | "binary";
  /** Form and multipart bodies: how each property is serialized (the Encoding Object), where the spec says. */
  encoding?: EncodingModel[];
  /** `YYYY-MM-DD` for versioned vendor media types like `application/vnd.atlas.2023-01-01+json`. */
  version: string | null;
  schema?: SchemaModel;
  /**
   * Validator name for this body when the schema is inline (named refs use their component validator). For a JSON
   * request body also when it refers to a component whose request variant differs (see `directional`).
   */
  validatorName?: string;
}

/**
 * OAS Encoding Object for one property: for forms `form` (explode by default) or `deepObject` (`a[b]=c`); for
 * multipart the part's content type.
 */
export interface EncodingModel {
  property: string;
  style?: "form" | "deepObject";
  explode?: boolean;
  contentType?: string;
}

export interface RequestBodyModel {
  /** Property of the params object that holds the body (`body`, unless a parameter already has that name). */
  key: string;
  required: boolean;
  description?: string;
  /** Media types, versions ascending. */
  content: MediaTypeModel[];
  pointer: string;
}

export interface HeaderModel {
  name: string;
  description?: string;
  schema?: SchemaModel;
}

export interface ResponseModel {
  /** "200", "4XX", "default" … */
  status: string;
  description: string;
  content: MediaTypeModel[];
  headers: HeaderModel[];
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export interface OperationModel {
  operationId: string;
  /** Method name on the client's tag group, e.g. `getClusterRestoreJob`. */
  functionName: string;
  /** The variant that also returns status and headers, e.g. `getClusterRestoreJobWithResponse`. */
  withResponseName: string;
  /** The operation as a standalone export of the output (tree-shakeable), e.g. `getClusterRestoreJob`. */
  exportName: string;
  /** Its variant that also returns status and headers. */
  exportWithResponseName: string;
  paramsTypeName: string;
  paramsValidatorName: string;
  responseTypeName: string;
  responsesTypeName: string;
  /** Name of the descriptor constant in client.ts. */
  descriptorName: string;
  method: HttpMethod;
  path: string;
  /** Absolute base URL of a server this operation (or its path) names instead of the document's. */
  server?: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  externalDocs?: { url: string; description?: string };
  tags: string[];
  parameters: { path: ParameterModel[]; query: ParameterModel[]; header: ParameterModel[] };
  /** The request body, carried in the params object under `key`. */
  requestBody?: RequestBodyModel;
  /** Success responses (2XX), the body the call resolves to. */
  successResponses: ResponseModel[];
  /** The API versions (`YYYY-MM-DD`) of the success responses' media types, ascending; empty when unversioned. */
  versions: string[];
  /**
   * The earliest `apiVersion` a call may ask for: before it, the responses (or the request body) have no version.
   * Absent when nothing is versioned.
   */
  earliestVersion?: string;
  /** With several versions: the type mapping each version to what the call resolves to (`GetThingResponseByVersion`). */
  responseByVersionTypeName?: string;
  /** Error responses (4XX, 5XX, default), thrown as ApiError. */
  errorResponses: ResponseModel[];
  /** Name of the query flag that wraps the body as `{ status, content }`, when the operation has one. */
  envelopeParam?: string;
  /** How the operation pages, when its shape says so unambiguously (model/pagination.ts). */
  pagination?: PaginationModel;
  /** With pagination: the standalone iterators over pages and items, and their methods on the tag group. */
  pagesExportName?: string;
  itemsExportName?: string;
  pagesMethodName?: string;
  itemsMethodName?: string;
  /** Lifecycle facts from the spec's vendor extensions (Atlas' x-sunset, x-xgen-version, …): docs, CLI help, JSDoc. */
  lifecycle: LifecycleModel;
  /** Effective security: the operation's own requirements, else the document's. */
  security: SecurityRequirementModel[];
  /** False when the effective security is empty (`security: []`): the call sends no credentials. */
  authenticated: boolean;
  pointer: string;
}

/** What the spec says about an operation's life beyond `deprecated`: when it goes, what replaces it, who may call it. */
export interface LifecycleModel {
  /** `x-sunset`: the date (YYYY-MM-DD) after which the operation may be removed. */
  sunset?: string;
  /**
   * For a deprecated operation, the sentence of its description that names what to use instead, and the operationId
   * of the operation it names when that is an operation's summary ("Please use the List Flex Clusters endpoint instead.").
   */
  replacement?: { text: string; operationId?: string };
  /** `x-rolesRequirements`: the roles a caller needs (any of them). */
  roles: string[];
  /** `x-xgen-changelog`: dated changes, oldest first. */
  changelog: { date: string; change: string }[];
  /**
   * The API versions the operation has, ascending: each media type's `x-xgen-version`, else the version its name
   * carries (`application/vnd.atlas.2023-01-01+json`), with the media types (request and success bodies) that carry it.
   */
  versions: { version: string; mediaTypes: string[] }[];
}

/** Keys are params-object keys for parameters and property names in the response body. */
export type PaginationModel =
  /** Page numbers; `items` absent: the body is the array. */
  | { style: "page"; pageParam: string; sizeParam?: string; items?: string; total?: string }
  /** A `Link: <…>; rel="next"` response header. */
  | { style: "link"; items?: string }
  /** A cursor parameter, fed from a next-cursor property or from the last item's `cursorFromItem` while `hasMore`. */
  | { style: "cursor"; cursorParam: string; items: string; nextCursor?: string; hasMore?: string; cursorFromItem?: string };

export interface TagGroupModel {
  /** Tag as in the spec, e.g. `Legacy Backup`. */
  name: string;
  /** Property name on the client, e.g. `legacyBackup`. */
  propertyName: string;
  description?: string;
  operations: OperationModel[];
}

export type SecuritySchemeModel =
  | { kind: "oauth2ClientCredentials"; name: string; tokenUrl: string; scopes: string[]; description?: string }
  /** OAuth 2.0 with other flows, or OpenID Connect: the application brings the token. */
  | { kind: "oauth2Token"; name: string; description?: string }
  | { kind: "httpBearer"; name: string; bearerFormat?: string; description?: string }
  | { kind: "httpDigest"; name: string; description?: string }
  | { kind: "httpBasic"; name: string; description?: string }
  | { kind: "apiKey"; name: string; in: "header" | "query" | "cookie"; parameterName: string; description?: string }
  | { kind: "unsupported"; name: string; type: string; description?: string };

/** One alternative of a security requirement: all listed schemes together. */
export type SecurityRequirementModel = { scheme: string; scopes: string[] }[];

/** A kind of credential the generated client accepts as `auth`, each served by one runtime module. */
export type CredentialType = "bearer" | "serviceAccount" | "digest" | "basic" | "apiKey";

/** A security scheme the runtime can serve: which credential types serve it, and the scheme's own parameters. */
export interface ServedSchemeModel {
  name: string;
  accepts: CredentialType[];
  /** apiKey schemes: where the key goes and its name. */
  in?: "header" | "query" | "cookie";
  parameterName?: string;
  /** oauth2 client credentials: the token endpoint. */
  tokenUrl?: string;
}

/**
 * How a client of this API can authenticate, decided from the security schemes: OAuth client credentials become
 * service-account auth (whose tokens are bearer tokens), OAuth's other flows, OpenID Connect and http bearer a
 * token, http digest an API key pair, http basic a user name and password, apiKey schemes a key.
 */
export interface ClientAuthModel {
  /** In a fixed order: bearer, serviceAccount, digest, basic, apiKey. */
  credentials: CredentialType[];
  schemes: ServedSchemeModel[];
  serviceAccount?: { scheme: string; tokenUrl: string; scopes: string[] };
}

export interface ServerModel {
  url: string;
  description?: string;
}

export interface ApiModel {
  title: string;
  version: string;
  description?: string;
  openapiVersion: "3.0" | "3.1";
  servers: ServerModel[];
  /** Named component schemas, sorted by type name. */
  schemas: SchemaDeclaration[];
  /** Operations grouped by their first tag, groups and operations sorted by name. */
  tags: TagGroupModel[];
  securitySchemes: SecuritySchemeModel[];
  security: SecurityRequirementModel[];
  auth: ClientAuthModel;
  /**
   * Response string enums are open (the default): typed with an `UnknownEnumValue` case and validated as any string.
   * Request enums are always closed. False with --closed-enums.
   */
  openEnums: boolean;
}
