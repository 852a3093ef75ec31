// The views of the Markdown reference (docs-index.md.hbs, docs-operation.md.hbs): an index by tag and a page per
// operation, from the same model as the client and the CLI. Plain data, spec text raw: the templates print it with
// {{md}}, {{mdblock}}, {{mdcode}} and {{sh}} (escape.ts), so no spec can add HTML or break a table.
import type { ApiModel, CredentialType, OperationModel, ParameterModel, PropertyModel, ResponseModel, SchemaModel } from "../model/types";
import { CLI_OWN_FLAGS } from "./cli-view";
import { code, jsonLiteral, markdownCode, markdownRichBlock, markdownRichInline, type Code, type OperationPage } from "./escape";

/** Where the docs go in the output folder. */
export const DOCS_DIR = "docs";
/** A table stops here (a note says how many rows were left out): Atlas' largest bodies would otherwise run to thousands. */
const MAX_ROWS = 250;
/** Nested properties are listed this deep; deeper objects are named by type only. */
const MAX_DEPTH = 6;

export interface SchemaRowView {
  /** `delivery.methodName`, `hashes[].links[].href`. */
  name: string;
  type: string;
  required: boolean;
  access: string | null;
  pattern: string | null;
  enumValues: string[];
  defaultText: string | null;
  description: string | null;
  /** The description as safe Markdown on one line (escape.ts `markdownRichInline`). */
  descriptionMarkdown: Code | null;
  deprecated: boolean;
}

/** A page, with its view made when asked for: rendered one after another, each page's view is garbage once its text is. */
export interface DocsPage<View> {
  path: string;
  view(): View;
}

/** The index and one page per operation. `prefix` names the CLI's environment variables; `hasCli` shows its command lines. */
export function docsViews(model: ApiModel, prefix: string, hasCli: boolean): { index: DocsPage<ReturnType<typeof indexView>>; pages: DocsPage<ReturnType<typeof operationView>>[] } {
  const files = pageFiles(model);
  const byId = new Map([...files].map(([op, stem]) => [op.operationId, `${stem}.md`]));
  const md = richMarkdown((operationId) => byId.get(operationId));
  const tables = schemaTables(new Map(model.schemas.map((d) => [d.ref.name, d.schema])), md);
  const env = environment(model, prefix);
  const pages = model.tags.flatMap((tag) =>
    tag.operations.map((op) => ({ path: `${DOCS_DIR}/${files.get(op)}.md`, view: () => operationView(model, tag.propertyName, tag.name, op, files, tables, env, hasCli, md) })),
  );
  return { index: { path: `${DOCS_DIR}/README.md`, view: () => indexView(model, files, env, hasCli, md) }, pages };
}

/** File stems: the operation's export name (an identifier), made unique ignoring case for case-insensitive file systems. */
function pageFiles(model: ApiModel): Map<OperationModel, string> {
  const files = new Map<OperationModel, string>();
  const taken = new Set<string>(["readme"]);
  const ops = model.tags.flatMap((t) => t.operations).sort((a, b) => (a.exportName < b.exportName ? -1 : a.exportName > b.exportName ? 1 : 0));
  for (const op of ops) {
    let stem = op.exportName;
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${op.exportName}${n}`;
    taken.add(stem.toLowerCase());
    files.set(op, stem);
  }
  return files;
}

interface Environment {
  prefix: string;
  /** The credential the examples use: the first the spec accepts, in the CLI's order (service account first). */
  credential: CredentialType | null;
}

function environment(model: ApiModel, prefix: string): Environment {
  const order: CredentialType[] = ["serviceAccount", "digest", "bearer", "basic", "apiKey"];
  return { prefix, credential: order.find((c) => model.auth.credentials.includes(c)) ?? null };
}

/** `createClient`'s auth option in the examples, read from the CLI's environment variables. */
function authExample(env: Environment) {
  const fields: Record<CredentialType, [string, string][]> = {
    serviceAccount: [["clientId", "CLIENT_ID"], ["clientSecret", "CLIENT_SECRET"]],
    digest: [["publicKey", "PUBLIC_API_KEY"], ["privateKey", "PRIVATE_API_KEY"]],
    bearer: [["token", "ACCESS_TOKEN"]],
    basic: [["username", "USERNAME"], ["password", "PASSWORD"]],
    apiKey: [["key", "API_KEY"]],
  };
  return {
    hasAuth: env.credential !== null,
    type: env.credential ?? "",
    fields: (env.credential ? fields[env.credential] : []).map(([key, suffix]) => ({ key, env: `${env.prefix}_${suffix}` })),
  };
}

/** Spec Markdown made safe: a block (paragraphs, lists, fenced code) or one line (a table cell, a heading). */
interface RichMarkdown {
  block(text: string | undefined): Code | null;
  inline(text: string): Code;
  inline(text: string | undefined): Code | null;
  /** `[label](url)` and operation references resolve to pages of these docs. */
  page: OperationPage;
}

/**
 * Each text is rendered once per docs run: large specs repeat the same property descriptions on hundreds of pages
 * (on Atlas, rendering the same Markdown again was most of the docs' time).
 */
function richMarkdown(page: OperationPage): RichMarkdown {
  const blocks = new Map<string, Code>();
  const inlines = new Map<string, Code>();
  const once = (cache: Map<string, Code>, text: string, render: (text: string, page: OperationPage) => string): Code => {
    let done = cache.get(text);
    if (done === undefined) cache.set(text, (done = code(render(text, page))));
    return done;
  };
  function inline(text: string): Code;
  function inline(text: string | undefined): Code | null;
  function inline(text: string | undefined): Code | null {
    return text === undefined ? null : once(inlines, text, markdownRichInline);
  }
  return { block: (text) => (text === undefined ? null : once(blocks, text, markdownRichBlock)), inline, page };
}

function indexView(model: ApiModel, files: Map<OperationModel, string>, env: Environment, hasCli: boolean, md: RichMarkdown) {
  return {
    title: model.title,
    version: model.version,
    description: model.description ?? null,
    descriptionMarkdown: md.block(model.description),
    baseUrl: model.servers[0]?.url ?? null,
    hasCli,
    auth: authExample(env),
    tags: model.tags.map((tag) => ({
      name: tag.name,
      description: tag.description ?? null,
      descriptionMarkdown: md.block(tag.description),
      operations: tag.operations.map((op) => ({
        file: files.get(op) as string,
        operationId: op.operationId,
        method: op.method.toUpperCase(),
        path: op.path,
        summary: op.summary ?? null,
        deprecated: op.deprecated,
        sunset: op.lifecycle.sunset ?? null,
      })),
    })),
  };
}

function operationView(
  model: ApiModel,
  tagProperty: string,
  tagName: string,
  op: OperationModel,
  files: Map<OperationModel, string>,
  tables: SchemaTables,
  env: Environment,
  hasCli: boolean,
  md: RichMarkdown,
) {
  const params = [...op.parameters.path, ...op.parameters.query, ...op.parameters.header];
  const replacementOp = op.lifecycle.replacement?.operationId === undefined ? undefined : [...files.keys()].find((o) => o.operationId === op.lifecycle.replacement?.operationId);
  const body = op.requestBody;
  const bodyMedia = body?.content[0];
  const required = params.filter((p) => p.required);
  return {
    title: model.title,
    tag: tagName,
    operationId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    summary: op.summary ?? null,
    description: op.description ?? null,
    descriptionMarkdown: md.block(op.description),
    externalDocsUrl: op.externalDocs?.url ?? null,
    externalDocsDescription: op.externalDocs?.description ?? null,
    externalDocsLink: op.externalDocs ? externalDocsLink(op.externalDocs, md.page) : null,
    deprecated: op.deprecated,
    sunset: op.lifecycle.sunset ?? null,
    replacement: op.lifecycle.replacement?.text ?? null,
    replacementMarkdown: md.inline(op.lifecycle.replacement?.text),
    replacementOperationId: replacementOp?.operationId ?? null,
    replacementFile: replacementOp ? (files.get(replacementOp) as string) : null,
    roles: op.lifecycle.roles,
    changelog: op.lifecycle.changelog.map((entry) => ({ ...entry, changeMarkdown: md.inline(entry.change) })),
    versions: op.lifecycle.versions,
    params: params.map((p) => paramView(p, md)),
    hasBody: body !== undefined,
    body: {
      required: body?.required ?? false,
      description: body?.description ?? null,
      descriptionMarkdown: md.block(body?.description),
      mediaTypes: body?.content.map((m) => m.mediaType) ?? [],
      typeName: bodyMedia?.schema?.ref?.name ?? null,
      ...tables(bodyMedia?.schema, "request"),
    },
    responses: op.successResponses.map((r) => responseView(r, tables, md)),
    errors: op.errorResponses.map((r) => ({ status: r.status, description: r.description, descriptionMarkdown: md.inline(r.description), typeName: r.content.find((m) => m.schema?.ref)?.schema?.ref?.name ?? null })),
    example: {
      clientProperty: tagProperty,
      method: op.functionName,
      args: required.map((p) => ({ key: p.key, value: code(jsonLiteral(exampleValue(p))) })),
      hasBody: body !== undefined,
      bodyKey: body?.key ?? "body",
      auth: authExample(env),
      hasCli,
      cliFlags: required.map((p) => ({ flag: (CLI_OWN_FLAGS as readonly string[]).includes(p.key) ? `${p.key}Param` : p.key, value: flagText(exampleValue(p)) })),
      curl: curlView(model, op, required, env),
    },
  };
}

/** "More (Cloud Backup Documentation): <link>": an http(s) URL as a link, a reference to an operation as its page, else code. */
function externalDocsLink(docs: { url: string; description?: string }, page: OperationPage): Code {
  const label = docs.description ?? docs.url;
  const linked = markdownRichInline(`[${label.replace(/[[\]]/g, " ")}](${docs.url})`, page);
  return code(linked.startsWith("[") ? linked : markdownCode(docs.url));
}

function paramView(p: ParameterModel, md: RichMarkdown) {
  return {
    name: p.name,
    location: p.location,
    type: typeText(p.schema),
    required: p.required,
    description: p.description ?? p.schema.description ?? null,
    descriptionMarkdown: md.inline(p.description ?? p.schema.description),
    pattern: p.schema.pattern ?? null,
    enumValues: (p.schema.enum ?? []).map(valueText),
    defaultText: p.schema.default ? valueText(p.schema.default.value) : null,
    deprecated: p.deprecated,
  };
}

function responseView(r: ResponseModel, tables: SchemaTables, md: RichMarkdown) {
  const media = r.content[0];
  const bodiless = r.content.length === 0 || r.status === "204" || r.status === "205" || r.status === "304";
  return {
    status: r.status,
    description: r.description,
    descriptionMarkdown: md.inline(r.description),
    mediaTypes: r.content.map((m) => m.mediaType),
    typeName: bodiless ? null : (media?.schema?.ref?.name ?? null),
    ...(bodiless ? { rows: [], omittedRows: 0 } : tables(media?.schema, "response")),
  };
}

/**
 * A value the example can be run with: the default, the first enum value, the minimum, else for a string the
 * parameter's name when the pattern allows it, then a value built from the pattern (`^([a-f0-9]{24})$` gives 24 `a`s),
 * and only when neither fits the pattern `{name}`, as the Atlas docs write path parameters.
 */
function exampleValue(p: ParameterModel): unknown {
  if (p.schema.default) return p.schema.default.value;
  if (p.schema.enum && p.schema.enum.length > 0) return p.schema.enum[0];
  const type = p.schema.types?.find((t) => t !== "null");
  if (type === "integer" || type === "number") return p.schema.minimum ?? 1;
  if (type === "boolean") return true;
  const pattern = p.schema.pattern;
  if (pattern === undefined) return `{${p.name}}`;
  if (matches(pattern, p.name)) return p.name;
  const sample = samplesByPattern.get(pattern) ?? remember(samplesByPattern, pattern, patternSample(pattern) ?? null);
  return sample !== null && matches(pattern, sample) ? sample : `{${p.name}}`;
}

function matches(pattern: string, text: string): boolean {
  const regex = regexByPattern.get(pattern) ?? remember(regexByPattern, pattern, compiled(pattern));
  return regex !== null && regex.test(text);
}

function compiled(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return null;
  }
}

// Large specs repeat a few path-parameter patterns hundreds of times (Atlas: `^([a-f0-9]{24})$` on most operations):
// each is compiled and sampled once per process, at most 10,000 of them (long --watch sessions).
const regexByPattern = new Map<string, RegExp | null>();
const samplesByPattern = new Map<string, string | null>();

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size < 10_000) cache.set(key, value);
  return value;
}

/**
 * The shortest string a simple pattern spells out: anchors, groups (the first alternative), character classes (the
 * first character), `\d`/`\w`, escaped literals and quantifiers (their minimum, at least one for `+`). Anything else
 * gives undefined; the caller checks the result against the pattern anyway.
 */
export function patternSample(pattern: string): string | undefined {
  let out = "";
  let last = "";
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i);
    const quantifier = /^(?:\{(\d+)(?:,\d*)?\}|([*+?]))\??/.exec(rest);
    if (quantifier) {
      const times = quantifier[1] !== undefined ? Number(quantifier[1]) : quantifier[2] === "+" ? 1 : 0;
      if (times > 256) return undefined;
      out = out.slice(0, out.length - last.length) + last.repeat(times);
      last = "";
      i += quantifier[0].length;
      continue;
    }
    const atom = /^(?:\[\^?(\\.|[^\]\\])[^\]]*\]|\\([dws])|\\([^A-Za-z0-9])|\((?:\?:)?((?:[^()|\\]|\\.)*)(?:\|[^()]*)?\)|([\^$])|([^\\[\](){}*+?|.^$]))/.exec(rest);
    if (!atom) return undefined;
    if (atom[0].startsWith("[^")) return undefined;
    const [, classFirst, shorthand, escaped, group, anchor, literal] = atom;
    const piece: string | undefined = classFirst !== undefined ? classFirst.replace(/^\\/, "") : shorthand !== undefined ? (shorthand === "d" ? "1" : shorthand === "w" ? "a" : " ") : escaped ?? (group !== undefined ? patternSample(group) : anchor !== undefined ? "" : literal);
    if (piece === undefined) return undefined;
    last = piece;
    out += piece;
    i += atom[0].length;
  }
  return out;
}

function flagText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The path with each path parameter's example value in place of `{name}`, as the client would send it. */
function examplePath(path: string, required: ParameterModel[]): string {
  return path.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const p = required.find((r) => r.location === "path" && r.name === name);
    return p ? encodeURIComponent(flagText(exampleValue(p))) : whole;
  });
}

/** The curl line's facts: the URL with the required query parameters, the media types, which credential. */
function curlView(model: ApiModel, op: OperationModel, required: ParameterModel[], env: Environment) {
  const server = op.server ?? model.servers[0]?.url ?? "";
  const query = required.filter((p) => p.location === "query").map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(flagText(exampleValue(p)))}`);
  // The newest version, as the client asks for without `apiVersion`.
  const accept = op.successResponses.flatMap((r) => r.content.map((m) => m.mediaType)).sort().pop();
  const credential = op.authenticated ? env.credential : null;
  // An API key sent in a header (the curl line cannot show one sent in the query or a cookie without its value).
  const keyScheme = model.auth.schemes.find((s) => s.accepts.includes("apiKey") && s.in === "header" && s.parameterName !== undefined);
  return {
    method: op.method.toUpperCase(),
    url: `${server.replace(/\/$/, "")}${examplePath(op.path, required)}${query.length > 0 ? `?${query.join("&")}` : ""}`,
    accept: accept === undefined ? null : `Accept: ${accept}`,
    headers: required.filter((p) => p.location === "header").map((p) => `${p.name}: ${flagText(exampleValue(p))}`),
    contentType: op.requestBody?.content[0] ? `Content-Type: ${op.requestBody.content[0].mediaType}` : null,
    bearer: credential === "serviceAccount" || credential === "bearer",
    digest: credential === "digest",
    basic: credential === "basic",
    apiKeyHeader: credential === "apiKey" && keyScheme ? `${keyScheme.parameterName}: ` : null,
    apiKeyEnv: `${env.prefix}_API_KEY`,
    tokenEnv: `${env.prefix}_ACCESS_TOKEN`,
    userEnv: `${env.prefix}_${credential === "digest" ? "PUBLIC_API_KEY" : "USERNAME"}`,
    passwordEnv: `${env.prefix}_${credential === "digest" ? "PRIVATE_API_KEY" : "PASSWORD"}`,
  };
}

// ---- schemas as tables --------------------------------------------------------------------------------------------

type Direction = "request" | "response";
/** A body's rows, and how many were left out past the limit. */
type SchemaTable = { rows: SchemaRowView[]; omittedRows: number };
/** A body's table of properties (see schemaRows). */
type SchemaTables = (schema: SchemaModel | undefined, direction: Direction) => SchemaTable;

/**
 * schemaRows, once per named schema and direction: a named body's table depends on nothing else, and large specs
 * answer with the same few bodies (Atlas' error and paginated bodies) on hundreds of pages.
 */
function schemaTables(schemas: ReadonlyMap<string, SchemaModel>, md: RichMarkdown): SchemaTables {
  const named = new Map<string, SchemaTable>();
  return (schema, direction) => {
    if (schema?.ref === undefined) return schemaRows(schema, schemas, direction, md);
    const key = `${direction} ${schema.ref.name}`;
    let table = named.get(key);
    if (table === undefined) named.set(key, (table = schemaRows(schema, schemas, direction, md)));
    return table;
  };
}

/** A body's properties as rows, nested ones by path; references are followed once per path (cycles stop). */
function schemaRows(schema: SchemaModel | undefined, schemas: ReadonlyMap<string, SchemaModel>, direction: Direction, md: RichMarkdown): SchemaTable {
  const rows: SchemaRowView[] = [];
  let omitted = 0;
  const visit = (node: SchemaModel, prefix: string, depth: number, path: ReadonlySet<string>) => {
    for (const { property, access } of propertiesOf(node, schemas, new Set(path))) {
      // What a direction never carries is not listed: readOnly in a request, writeOnly in a response.
      if ((direction === "request" && access === "readOnly") || (direction === "response" && access === "writeOnly")) continue;
      if (rows.length >= MAX_ROWS) {
        omitted++;
        continue;
      }
      const name = `${prefix}${property.name}`;
      const target = resolved(property.schema, schemas);
      rows.push({
        name,
        type: typeText(property.schema),
        required: property.required,
        access: access === "readOnly" ? "read-only" : access === "writeOnly" ? "write-only" : null,
        pattern: target.pattern ?? null,
        enumValues: (target.enum ?? []).map(valueText),
        defaultText: target.default ? valueText(target.default.value) : null,
        description: property.schema.description ?? target.description ?? null,
        descriptionMarkdown: md.inline(property.schema.description ?? target.description),
        deprecated: property.schema.deprecated === true || target.deprecated === true,
      });
      if (depth >= MAX_DEPTH) continue;
      const ref = property.schema.ref?.name;
      if (ref !== undefined && path.has(ref)) continue;
      const inner = new Set(path);
      if (ref !== undefined) inner.add(ref);
      const items = target.types?.includes("array") && target.items ? resolved(target.items, schemas) : undefined;
      const itemRef = target.items?.ref?.name;
      if (items && (itemRef === undefined || !path.has(itemRef))) {
        if (itemRef !== undefined) inner.add(itemRef);
        visit(items, `${name}[].`, depth + 1, inner);
      } else visit(target, `${name}.`, depth + 1, inner);
    }
  };
  if (schema) {
    const root = resolved(schema, schemas);
    const start = new Set(schema.ref ? [schema.ref.name] : []);
    if (root.types?.includes("array") && root.items) visit(resolved(root.items, schemas), "[].", 1, root.items.ref ? new Set([...start, root.items.ref.name]) : start);
    else visit(root, "", 1, start);
  }
  return { rows, omittedRows: omitted };
}

/** The properties of an object schema and of the allOf members it extends, each with its readOnly/writeOnly. */
function propertiesOf(schema: SchemaModel, schemas: ReadonlyMap<string, SchemaModel>, seen: Set<string>): { property: PropertyModel; access: string | undefined }[] {
  const out: { property: PropertyModel; access: string | undefined }[] = [];
  for (const member of schema.allOf ?? []) {
    if (member.ref && seen.has(member.ref.name)) continue;
    if (member.ref) seen.add(member.ref.name);
    out.push(...propertiesOf(resolved(member, schemas), schemas, seen));
  }
  for (const property of schema.properties ?? []) {
    if (property.undeclared) continue;
    out.push({ property, access: property.schema.access ?? property.schema.ref?.access ?? resolved(property.schema, schemas).access });
  }
  return out;
}

function resolved(schema: SchemaModel, schemas: ReadonlyMap<string, SchemaModel>): SchemaModel {
  return schema.ref ? (schemas.get(schema.ref.name) ?? schema) : schema;
}

/** `string (date-time)`, `array of BackupRestoreJob`, `one of A, B`: the type as a reader says it. */
function typeText(schema: SchemaModel): string {
  if (schema.ref) return schema.ref.name;
  const members = schema.oneOf ?? schema.anyOf;
  if (members && members.length > 0) return `one of ${members.map(typeText).join(", ")}`;
  if (schema.allOf && schema.allOf.length === 1 && schema.allOf[0]) return typeText(schema.allOf[0]);
  const types = (schema.types ?? []).filter((t) => t !== "null");
  const nullable = schema.types?.includes("null") ? " or null" : "";
  if (types.length === 0) return schema.properties ? `object${nullable}` : `any${nullable}`;
  const words = types.map((t) => (t === "array" ? `array of ${schema.items ? typeText(schema.items) : "any"}` : t));
  return `${words.join(" or ")}${schema.format ? ` (${schema.format})` : ""}${nullable}`;
}

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}
