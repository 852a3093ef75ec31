// Plan, then render: from the model, decide each file's symbols, imports and finished type expressions.
// Templates receive only these view objects — every field present, spec text raw (templates escape it with the
// helper named for its context), type expressions and code already built in code.
import type { ApiModel, MediaTypeModel, NamedRef, OperationModel, ParameterModel, ResponseModel, SchemaModel } from "../model/types";
import { code, jsdoc, stringLiteral, type Code } from "./escape";
import { propertyDoc, tsType, tsUnion, UNKNOWN_DISCRIMINATOR_VALUE, UNKNOWN_ENUM_VALUE, type Direction } from "./ts-type";
import { AUTH_MODULES, ENCODER_MODULES } from "./runtime-files";
import { ValidatorCodegen, type InlineCheck } from "./validators/codegen";
import { formatImports, PREAMBLE_HELPERS } from "./validators/format";

/** Where the output comes from. Only the manifest (write/manifest.ts) records all of it; file headers name the spec file at most. */
export interface FileHeaderFacts {
  generatorName: string;
  generatorVersion: string;
  specFile: string;
  specSha256: string;
}

// ---- types.ts -------------------------------------------------------------------------------------------------

/** allOf inheritance: the base's name is the union of its subtypes; its plain shape says what it is for. */
function inheritanceDoc(ref: NamedRef, schema: SchemaModel, shapes: ReadonlyMap<string, string>): string[] {
  const shape = shapes.get(ref.name);
  if (shape !== undefined) return [`\`${ref.name}\` as a \`$ref\` to it means (allOf inheritance): whichever of its subtypes, or itself where the mapping names it, the \`${schema.discriminator?.propertyName ?? ""}\` value picks; its own properties are \`${shape}\`.`];
  if (ref.shapeOf !== undefined) return [`The properties every subtype of \`${ref.shapeOf}\` extends (the plain schema, without the choice of subtype).`];
  return [];
}

export function typesView(model: ApiModel) {
  const multipart = operations(model).some((op) => (op.requestBody?.content ?? []).some((m) => m.kind === "multipart"));
  const open = model.openEnums;
  // Every error body the spec documents, for isApiError's narrowing (declared here, where every type is in scope).
  const errorBodies = [...new Set(operations(model).flatMap((op) => op.errorResponses.flatMap((r) => r.content.filter((m) => m.kind === "json" && m.schema).map((m) => tsType(m.schema as SchemaModel, "response", open)))))].sort();
  const shapes = new Map(model.schemas.flatMap((d) => (d.ref.shapeOf !== undefined ? [[d.ref.shapeOf, d.ref.typeName]] : [])));
  const schemas = model.schemas.flatMap(({ ref, schema }) => {
    const docLines = [schema.title, schema.description, ...inheritanceDoc(ref, schema, shapes), schema.deprecated ? "@deprecated" : undefined].filter(isText);
    const declaration = { typeName: ref.typeName, docLines, type: code(tsType(schema, "response", open)) };
    if (!ref.writableTypeName) return [declaration];
    const writable = {
      typeName: ref.writableTypeName,
      docLines: [...docLines, `\`${ref.typeName}\` as sent in a request: without its readOnly properties, with its writeOnly ones, enums closed.`],
      type: code(tsType(schema, "request")),
    };
    return [declaration, writable];
  });
  const ops = operations(model).map((op) => ({
      paramsTypeName: op.paramsTypeName,
      responseTypeName: op.responseTypeName,
      responsesTypeName: op.responsesTypeName,
      paramsDocLines: [`Path, query and header parameters of \`${op.operationId}\`, in one object.`],
      responseDocLines: [`What a successful \`${op.operationId}\` call resolves to.`],
      responsesDocLines: [`Every documented response body of \`${op.operationId}\`, by status.`],
      // Parameters travel in requests: readOnly left out, enums closed. No index signature: unknown keys are refused.
      params: [
        ...allParameters(op).map((p) => ({ key: p.key, optional: !p.required, type: code(tsType(p.schema, "request")), comment: code(parameterDoc(p)) })),
        ...(op.requestBody
          ? [{ key: op.requestBody.key, optional: !op.requestBody.required, type: code(bodyType(op.requestBody.content, "request")), comment: code(jsdoc([op.requestBody.description, "The request body."])) }]
          : []),
      ],
      responseType: code(successType(op, open)),
      hasResponseByVersion: op.responseByVersionTypeName !== undefined,
      responseByVersionTypeName: op.responseByVersionTypeName ?? "",
      responseByVersionDocLines: [`What a successful \`${op.operationId}\` call resolves to in each API version: the call's \`apiVersion\` (else the client's) picks the newest on or before it.`],
      responseVersions: op.responseByVersionTypeName === undefined ? [] : op.versions.map((version) => ({ version, type: code(successType(op, open, version)) })),
      responses: [...op.successResponses, ...op.errorResponses].map((r) => ({ status: r.status, type: code(responseBodyType(r, open)), description: r.description })),
    }));
  // Declared only where some type names it (a false positive, e.g. an enum value spelt so, only adds an unused alias).
  const texts = [...schemas.map((s) => s.type.text), ...ops.flatMap((op) => [op.responseType.text, ...op.responses.map((r) => r.type.text), ...op.responseVersions.map((v) => v.type.text)])];
  return {
    title: model.title,
    runtimeTypeImports: multipart ? ["MultipartFields"] : [],
    hasUnknownEnumValue: [...texts, ...errorBodies].some((t) => t.includes(UNKNOWN_ENUM_VALUE)),
    hasUnknownDiscriminatorValue: [...texts, ...errorBodies].some((t) => t.includes(UNKNOWN_DISCRIMINATOR_VALUE)),
    errorBodyType: code(errorBodies.length > 0 ? tsUnion(errorBodies) : "unknown"),
    schemas,
    operations: ops,
  };
}

function parameterDoc(p: ParameterModel): string {
  const doc = propertyDoc({ ...p.schema, ...(p.description !== undefined ? { description: p.description } : {}), ...(p.deprecated ? { deprecated: true } : {}) });
  return doc;
}

/**
 * The union of what each success status resolves to; a bodiless one adds `void` (the runtime resolves `undefined`).
 * With `version`: only its media types (and unversioned ones) count, and a status with none of them drops out.
 */
function successType(op: OperationModel, open: boolean, version?: string): string {
  const types = op.successResponses.flatMap((r) => {
    if (isBodiless(r)) return ["void"];
    const content = version === undefined ? r.content : r.content.filter((m) => m.version === version || m.version === null);
    return content.length === 0 ? [] : [bodyType(content, "response", open)];
  });
  return types.length === 0 ? "void" : tsUnion(types);
}

function responseBodyType(r: ResponseModel, open: boolean): string {
  return isBodiless(r) ? "undefined" : bodyType(r.content, "response", open);
}

/**
 * No body: no content, or a status that never has one (204, 205, 304 — RFC 9110), whatever media types the spec
 * lists for it (Atlas lists one without a schema on its 204s). The runtime resolves an empty body to `undefined`.
 */
export function isBodiless(r: ResponseModel): boolean {
  return r.content.length === 0 || r.status === "204" || r.status === "205" || r.status === "304";
}

/** JSON bodies are typed by their schema; text is a string; bytes arrive as Uint8Array and may be sent as any binary. */
function bodyType(content: MediaTypeModel[], direction: Direction, open = false): string {
  return tsUnion(
    content.map((m) => {
      if (m.kind === "text") return "string";
      // A form is sent from an object (encoded by the runtime) or as an already encoded string; it arrives as text.
      if (m.kind === "form") return direction === "response" ? "string" : `${m.schema ? tsType(m.schema, direction) : "Record<string, unknown>"} | string`;
      // A multipart body: an object whose string fields may also be files (Blob, File, bytes), or a FormData.
      if (m.kind === "multipart") return direction === "response" ? "Uint8Array" : `MultipartFields<${m.schema ? tsType(m.schema, direction) : "Record<string, unknown>"}> | FormData`;
      if (m.kind === "binary") return direction === "response" ? "Uint8Array" : "Uint8Array | ArrayBuffer | Blob | string";
      return m.schema ? tsType(m.schema, direction, open) : "unknown";
    }),
  );
}

// ---- validators.ts --------------------------------------------------------------------------------------------

export function validatorsView(model: ApiModel) {
  const codegen = new ValidatorCodegen(new Map(model.schemas.map(({ ref, schema }) => [ref.name, schema])), model.openEnums);
  const ops = operations(model);
  codegen.countShapes([
    ...model.schemas.map((d) => d.schema),
    ...ops.map(paramsSchema),
    ...ops.flatMap((op) => [...inlineBodies(op).map((b) => b.media), ...(op.requestBody?.content ?? [])].flatMap((m) => (m.schema ? [m.schema] : []))),
  ]);
  const schemas = model.schemas.map(({ ref, schema }) => ({
    name: ref.name,
    typeName: ref.typeName,
    docLines: [ref.shapeOf !== undefined
      ? `Validates a value against the plain shape of the component schema \`${ref.shapeOf}\` (without its subtypes); every issue is reported, none is thrown.`
      : `Validates a value against the component schema \`${ref.name}\`; every issue is reported, none is thrown.`],
    validatorName: ref.validatorName,
    checkName: ref.checkName,
    checkFunction: code(codegen.checkFunction(ref, schema)),
  }));
  const paramValidators = ops.map((op) => ({
    docLines: [`Validates the parameters of \`${op.operationId}\` before a request is sent.`],
    validatorName: op.paramsValidatorName,
    typeName: op.paramsTypeName,
    ...validatorBody(codegen.inlineCheck(paramsSchema(op), "request")),
  }));
  const responseValidators = ops.flatMap((op) =>
    inlineBodies(op).map(({ status, media }) => ({
      docLines: [`Validates the ${status} \`${media.mediaType}\` body of \`${op.operationId}\`.`],
      validatorName: media.validatorName as string,
      typeName: op.responseTypeName,
      ...validatorBody(codegen.inlineCheck(media.schema as SchemaModel)),
    })),
  );
  const requestValidators = ops.flatMap((op) =>
    (op.requestBody?.content ?? []).flatMap((media) =>
      media.validatorName === undefined || !media.schema
        ? []
        : [{
          docLines: [`Validates the \`${media.mediaType}\` request body of \`${op.operationId}\` as it is to be sent: readOnly properties must be absent.`],
          validatorName: media.validatorName,
          paramsTypeName: op.paramsTypeName,
          key: op.requestBody?.key ?? "body",
          body: code(codegen.inlineCheck(media.schema, "request").statements.join("\n")),
        }],
    ),
  );
  const typeImports = [
    ...schemas.map((s) => s.typeName),
    ...paramValidators.map((p) => p.typeName),
    ...new Set(responseValidators.map((r) => r.typeName)),
  ].sort();
  const used = codegen.usedHelpers();
  const helpers = Object.fromEntries(PREAMBLE_HELPERS.map((name) => [name, used.has(`$${name}`)]));
  // `$result` ends every exported validator.
  helpers["result"] = schemas.length + paramValidators.length + responseValidators.length + requestValidators.length > 0;
  // `$validator` makes exported validators from check functions: every component schema's, and the others' that are one call.
  helpers["validator"] = schemas.length > 0 || [...paramValidators, ...responseValidators].some((v) => v.madeOfCheck);
  return { typeImports, formatImports: formatImports(used), constants: codegen.constants.map(code), shapeFunctions: codegen.shapeFunctions.map(code), helpers, schemas, paramValidators, responseValidators, requestValidators };
}


/**
 * The params object of an operation as a schema: one property per parameter, path parameters required, and the
 * body's key (checked by its own validator). Closed: an unknown key (`prety`) is refused before anything is sent.
 */
function paramsSchema(op: OperationModel): SchemaModel {
  return {
    pointer: op.pointer,
    types: ["object"],
    properties: [
      ...allParameters(op).map((p) => ({ name: p.key, required: p.required, schema: p.schema })),
      ...(op.requestBody ? [{ name: op.requestBody.key, required: false, schema: { pointer: op.requestBody.pointer } }] : []),
    ],
    additionalProperties: false,
  };
}

function inlineBodies(op: OperationModel): { status: string; media: MediaTypeModel }[] {
  return op.successResponses.filter((r) => !isBodiless(r)).flatMap((r) => r.content.filter((m) => m.validatorName !== undefined).map((media) => ({ status: r.status, media })));
}

// ---- client.ts ------------------------------------------------------------------------------------------------

export function clientView(model: ApiModel, facts: FileHeaderFacts) {
  const ops = operations(model);
  const typeImports = new Set<string>();
  const validatorImports = new Set<string>();
  const descriptors = ops.map((op) => {
    typeImports.add(op.paramsTypeName);
    typeImports.add(op.responseTypeName);
    validatorImports.add(op.paramsValidatorName);
    const responses = successValidators(op);
    for (const m of responses.flatMap((r) => r.media)) if (m.hasValidator) validatorImports.add(m.validatorName);
    for (const m of requestBodyValidators(op)) if (m.hasValidator) validatorImports.add(m.validatorName);
    return {
      descriptorName: op.descriptorName,
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      hasServer: op.server !== undefined,
      server: op.server ?? "",
      paramsTypeName: op.paramsTypeName,
      responseTypeName: op.responseTypeName,
      paramsValidatorName: op.paramsValidatorName,
      pathParams: op.parameters.path.map(paramDescriptor),
      queryParams: op.parameters.query.map(paramDescriptor),
      headerParams: op.parameters.header.map(paramDescriptor),
      accept: acceptList(op),
      responses,
      security: op.security.map((alternative) => alternative.map((r) => r.scheme)),
      hasRequestBody: op.requestBody !== undefined,
      requestBody: {
        key: op.requestBody?.key ?? "",
        required: op.requestBody?.required ?? false,
        contentTypes: (op.requestBody?.content ?? []).map((m) => {
          const encoder = m.kind === "form" || m.kind === "multipart" ? ENCODER_MODULES[m.kind].encoder : "";
          return {
            mediaType: m.mediaType,
            version: m.version,
            hasEncoder: encoder !== "",
            encoder,
            encoding: (m.encoding ?? []).map((e) => ({
              property: e.property,
              hasStyle: e.style !== undefined,
              style: e.style ?? "form",
              explode: e.explode ?? true,
              hasContentType: e.contentType !== undefined,
              contentType: e.contentType ?? "",
            })),
          };
        }),
        validators: requestBodyValidators(op),
      },
      paginated: op.pagination !== undefined,
      paginationFields: Object.entries(op.pagination ?? {}).map(([name, value]) => ({ name, value: String(value) })),
      hasEnvelope: op.envelopeParam !== undefined,
      envelopeParam: op.envelopeParam ?? "",
    };
  });
  const kinds = new Set(ops.flatMap((op) => (op.requestBody?.content ?? []).map((m) => m.kind)));
  typeImports.add("ApiErrorBody");
  for (const op of ops) if (op.responseByVersionTypeName) typeImports.add(op.responseByVersionTypeName);
  const versionFollowing = ops.some((op) => op.responseByVersionTypeName !== undefined);
  return {
    hasPagination: ops.some((op) => op.pagination),
    // the factories of the standalone functions typed through the runtime's aliases
    transportImports: ops.some(aliased) ? ["operation", "operationWithResponse"] : [],
    paginationTypeImports: [
      "PageOptions",
      ...(ops.some((op) => op.pagination && op.earliestVersion === undefined && aliased(op)) ? ["PageIteratorMethod"] : []),
      ...(ops.some((op) => op.pagination && op.earliestVersion !== undefined && aliased(op)) ? ["VersionedPageIteratorMethod"] : []),
    ],
    baseUrl: model.servers[0]?.url ?? "",
    userAgent: userAgent(model, facts),
    authModules: model.auth.credentials.map((type) => ({ type, module: moduleSpecifier(AUTH_MODULES[type].path), factory: AUTH_MODULES[type].factory, optionType: AUTH_MODULES[type].optionType })),
    encoderModules: (["form", "multipart"] as const).filter((k) => kinds.has(k)).map((k) => ({ module: moduleSpecifier(ENCODER_MODULES[k].path), encoder: ENCODER_MODULES[k].encoder })),
    schemes: model.auth.schemes.map((scheme) => ({
      name: scheme.name,
      accepts: scheme.accepts,
      hasIn: scheme.in !== undefined,
      in: scheme.in ?? "",
      parameterName: scheme.parameterName ?? "",
      hasTokenUrl: scheme.tokenUrl !== undefined,
      tokenUrl: scheme.tokenUrl ?? "",
    })),
    hasOperations: ops.length > 0,
    runtimeTypeImports: [
      ...(ops.length > 0 ? ["ApiResponse", "OperationDescriptor"] : []),
      // in the signatures spelled out: of the operations not aliased, and of the page iterator functions
      ...(ops.some((op) => op.earliestVersion === undefined && !aliased(op)) ? ["RequestOptions"] : []),
      ...(ops.some((op) => op.earliestVersion !== undefined && (!aliased(op) || op.pagination)) ? ["VersionedRequestOptions"] : []),
      ...(ops.some((op) => op.earliestVersion === undefined && aliased(op)) ? ["ClientMethod", "OperationFunction"] : []),
      ...(ops.some((op) => op.earliestVersion !== undefined && aliased(op)) ? ["VersionedClientMethod", "VersionedOperationFunction"] : []),
      ...(versionFollowing ? ["ResponseForVersion"] : []),
      "CoreOptions",
      "Core",
    ].sort(),
    // The client's `apiVersion` as a type parameter, where some operation's response type follows it.
    clientTypeParams: code(versionFollowing ? "<V extends string | undefined = string | undefined>" : ""),
    createTypeParams: code(versionFollowing ? "<V extends string | undefined = undefined>" : ""),
    optionsType: code(versionFollowing ? "ClientOptions & { apiVersion?: V }" : "ClientOptions"),
    coreType: code(versionFollowing ? "Core<V>" : "Core"),
    // Explicit: inferred from the options, V would meet ClientOptions' own `apiVersion?: string` (`string & V`).
    coreTypeArgs: code(versionFollowing ? "<V>" : ""),
    clientType: code(versionFollowing ? "Client<V>" : "Client"),
    hasTokenUrl: model.auth.serviceAccount !== undefined,
    tokenUrl: model.auth.serviceAccount?.tokenUrl ?? "",
    tokenUrlDocLines: [`Token endpoint of the \`${model.auth.serviceAccount?.scheme ?? ""}\` client-credentials flow; \`auth.tokenUrl\` overrides it.`],
    typeImports: [...typeImports].sort(),
    validatorImports: [...validatorImports].sort(),
    descriptors,
    operations: [...ops].sort((a, b) => (a.exportName < b.exportName ? -1 : 1)).map((op) => ({
      ...paginationView(op),
      ...versionSignature(op, "function"),
      exportName: op.exportName,
      exportWithResponseName: op.exportWithResponseName,
      descriptorName: op.descriptorName,
      paramsTypeName: op.paramsTypeName,
      responseTypeName: op.responseTypeName,
      paramsOptional: paramsOptional(op),
      aliased: aliased(op),
      docLines: operationDoc(op),
      withResponseDocLines: [`Like \`${op.exportName}\`, and also resolves the HTTP status and response headers (e.g. \`ratelimit-remaining\`).`],
    })),
    tags: model.tags.map((tag) => ({
      propertyName: tag.propertyName,
      docLines: [tag.name, tag.description].filter(isText),
      operations: tag.operations.map((op) => ({
        ...paginationView(op),
        ...versionSignature(op, "method"),
        pagesMethodName: op.pagesMethodName ?? "",
        itemsMethodName: op.itemsMethodName ?? "",
        functionName: op.functionName,
        exportName: op.exportName,
        exportWithResponseName: op.exportWithResponseName,
        withResponseName: op.withResponseName,
        withResponseDocLines: [`Like \`${op.functionName}\`, and also resolves the HTTP status and response headers (e.g. \`ratelimit-remaining\`).`],
        descriptorName: op.descriptorName,
        paramsTypeName: op.paramsTypeName,
        responseTypeName: op.responseTypeName,
        paramsOptional: paramsOptional(op),
        aliased: aliased(op),
        docLines: operationDoc(op),
      })),
    })),
  };
}

/**
 * Whether the operation's functions are made by the runtime's `operation` (typed OperationFunction…) and the Client
 * types its methods through the method aliases (ClientMethod…); not when its params are optional or its response
 * follows the version asked for: those signatures are spelled out.
 */
function aliased(op: OperationModel): boolean {
  return !paramsOptional(op) && op.responseByVersionTypeName === undefined;
}

/**
 * An exported validator's statements, or the one check function they call (`$shape3(value, "", errors);`): then
 * the template makes it `$validator<T>($shape3)`, a line instead of a function for the consumer's tsc.
 */
function validatorBody({ statements, soleCheck }: InlineCheck): { body: Code; madeOfCheck: boolean; checkName: Code } {
  return { body: code(statements.join("\n")), madeOfCheck: soleCheck !== undefined, checkName: code(soleCheck ?? "") };
}

/** Whether every parameter is optional and so is the body: then the params argument may be left out. */
function paramsOptional(op: OperationModel): boolean {
  return allParameters(op).every((p) => !p.required) && !op.requestBody?.required;
}

function paramDescriptor(p: ParameterModel) {
  const deepObject = p.style === "deepObject";
  // plain: listed by its name alone (its own params key, the default style), the runtime's ParamEntry
  return { name: p.name, key: p.key, explode: p.explode, deepObject, plain: p.name === p.key && p.explode && !deepObject };
}

/** Media types the call accepts, versions ascending: the runtime picks one with the client's `apiVersion`. */
function acceptList(op: OperationModel) {
  const seen = new Set<string>();
  const list: { mediaType: string; version: string | null; hasVersion: boolean }[] = [];
  for (const media of op.successResponses.flatMap((r) => r.content).sort(compareVersions)) {
    if (seen.has(media.mediaType)) continue;
    seen.add(media.mediaType);
    list.push({ mediaType: media.mediaType, version: media.version, hasVersion: media.version !== null });
  }
  return list;
}

function compareVersions(a: MediaTypeModel, b: MediaTypeModel): number {
  const va = a.version ?? "";
  const vb = b.version ?? "";
  return va < vb ? -1 : va > vb ? 1 : 0;
}

/** Per success status and media type, the validator of that body: each API version may have its own schema. */
function successValidators(op: OperationModel) {
  return op.successResponses.map((r) => ({
    status: r.status,
    media: r.content.map((m) => {
      // A bodiless status resolves to undefined, as its type says: nothing to validate.
      const validatorName = m.kind !== "json" || isBodiless(r) ? "" : m.schema?.ref ? m.schema.ref.validatorName : (m.validatorName ?? "");
      return { mediaType: m.mediaType, hasValidator: validatorName !== "", validatorName };
    }),
  }));
}

/**
 * Per media type of the request body, the validator of a JSON body in the request direction: its own validator
 * where direction matters (or the schema is inline), else the component's; none for text and bytes.
 */
function requestBodyValidators(op: OperationModel) {
  return (op.requestBody?.content ?? []).map((m) => {
    const validatorName = m.kind !== "json" || !m.schema ? "" : (m.validatorName ?? m.schema.ref?.validatorName ?? "");
    return { mediaType: m.mediaType, hasValidator: validatorName !== "", validatorName };
  });
}

function operationDoc(op: OperationModel): string[] {
  return [
    op.summary,
    op.description,
    `\`${op.method.toUpperCase()} ${op.path}\` (operationId \`${op.operationId}\`)`,
    // Free text before the block tags: after one, it would read as part of that tag.
    op.lifecycle.roles.length > 0 ? `Required roles (any one): ${op.lifecycle.roles.join(", ")}.` : undefined,
    op.lifecycle.versions.length > 0 ? `API versions: ${op.lifecycle.versions.map((v) => v.version).join(", ")}.` : undefined,
    op.externalDocs ? `@see ${op.externalDocs.url}${op.externalDocs.description ? ` ${op.externalDocs.description}` : ""}` : undefined,
    op.errorResponses.length > 0 ? `@throws {ApiError} on ${op.errorResponses.map((r) => r.status).join(", ")}` : undefined,
    "@throws {RequestValidationError} when the parameters break the spec; nothing is sent",
    "@throws {ResponseValidationError} when the response body breaks the spec",
    op.deprecated || op.lifecycle.sunset ? deprecatedTag(op) : undefined,
  ].filter(isText);
}

/** `@deprecated` with the sunset date and the replacement the description names (`{@link}` when it is an operation here). */
function deprecatedTag(op: OperationModel): string {
  const { sunset, replacement } = op.lifecycle;
  return [
    "@deprecated",
    op.deprecated ? "This operation is deprecated by the API" : "This operation has a sunset date",
    sunset ? `and may be removed after ${sunset}.` : undefined,
    !sunset ? "." : undefined,
    replacement?.text,
    replacement?.operationId ? `See \`${replacement.operationId}\`.` : undefined,
  ].filter(isText).join(" ").replace(" .", ".");
}

/**
 * `apigen (MongoDB Atlas … 2.0)`: printable ASCII only, so it is always a valid header value. No generator version:
 * it lives only in the manifest, so that a new apigen version does not rewrite client.ts.
 */
function userAgent(model: ApiModel, facts: FileHeaderFacts): string {
  const product = `${model.title} ${model.version}`.replace(/[^\x20-\x7e]/g, "").replace(/[()\\]/g, "").replace(/\s+/g, " ").trim();
  return `${facts.generatorName}${product ? ` (${product})` : ""}`;
}

/** A paginated operation's iterators: names, its Pagination descriptor as JSON, and the item type (of the version asked for). */
function paginationView(op: OperationModel) {
  const p = op.pagination;
  const body = `Exclude<${resultType(op)}, void | undefined>`;
  return {
    paginated: p !== undefined,
    pagesExportName: op.pagesExportName ?? "",
    itemsExportName: op.itemsExportName ?? "",
    itemType: code(p === undefined ? "never" : p.items === undefined ? `${body}[number]` : `NonNullable<${body}[${stringLiteral(p.items)}]>[number]`),
  };
}

/**
 * The parts of an operation's signature that the API version decides. A versioned operation infers the call's
 * `apiVersion` as `C` (one before its first version does not compile); with several versions the result follows `C`,
 * else the client's version `V` (a type parameter of the function, bound by its `core`; of the `Client` interface).
 */
function versionSignature(op: OperationModel, where: "function" | "method") {
  const follows = op.responseByVersionTypeName !== undefined;
  const versioned = op.earliestVersion !== undefined;
  const typeParams = [
    ...(versioned ? ["C extends string | undefined = undefined"] : []),
    // Bound by `core`: a core made without a version (`Core<undefined>`) leaves V to this default, the newest.
    ...(follows && where === "function" ? ["V extends string | undefined = undefined"] : []),
  ];
  const earliest = stringLiteral(op.earliestVersion ?? "");
  return {
    versioned,
    earliestVersion: code(versioned ? earliest : ""),
    typeParams: code(typeParams.length > 0 ? `<${typeParams.join(", ")}>` : ""),
    opCoreType: code(follows ? "Core<V>" : "Core"),
    initType: code(versioned ? `VersionedRequestOptions<C, ${earliest}>` : "RequestOptions"),
    // One alias instantiation, not an intersection with it: createClient's methods then infer `C` from theirs exactly.
    pageOptionsType: code(versioned ? `VersionedRequestOptions<C, ${earliest}, PageOptions>` : "PageOptions"),
    resultType: code(resultType(op)),
    // The runtime sends the Accept of the version the type names; the descriptor only knows the union of all.
    followsVersion: follows,
  };
}

/** What a call resolves to: with several versions, the one asked for (the call's `C`, else the core's or client's `V`). */
function resultType(op: OperationModel): string {
  if (op.responseByVersionTypeName === undefined) return op.responseTypeName;
  return `ResponseForVersion<${op.responseByVersionTypeName}, [${op.versions.map(stringLiteral).join(", ")}], C extends undefined ? V : C>`;
}

/** `auth/digest.ts` → `"./runtime/auth/digest.js"`, as client.ts imports it. */
function moduleSpecifier(runtimePath: string): string {
  return `./runtime/${runtimePath.replace(/\.ts$/, ".js")}`;
}

// ---- shared ---------------------------------------------------------------------------------------------------

function operations(model: ApiModel): OperationModel[] {
  return model.tags.flatMap((t) => t.operations);
}

function allParameters(op: OperationModel): ParameterModel[] {
  return [...op.parameters.path, ...op.parameters.query, ...op.parameters.header];
}

function isText(value: string | undefined): value is string {
  return typeof value === "string" && value.length > 0;
}
