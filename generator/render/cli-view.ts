// The view of cli.ts.hbs: the command-line interface generated from the same model as the client. Everything the
// CLI prints about an operation (help, flags, versions) is plain data here; the template prints it with {{json}}
// and {{str}}, so spec text stays inert. Kept apart from views.ts, which serves the client, types and validators.
import type { ApiModel, CredentialType, OperationModel, ParameterModel, SchemaModel } from "../model/types";

/** Flags the CLI itself takes; a parameter with one of these names gets the flag `<name>Param` instead. */
export const CLI_OWN_FLAGS = ["help", "file", "version", "output-file"] as const;

export interface CliParamView {
  flag: string;
  key: string;
  location: string;
  type: string;
  itemType: string | null;
  required: boolean;
  pattern: string | null;
  enumText: string | null;
  defaultText: string | null;
  description: string | null;
  deprecated: boolean;
}

export interface CliOperationView {
  tag: string;
  operationId: string;
  exportName: string;
  paramsValidatorName: string;
  summary: string | null;
  description: string | null;
  method: string;
  path: string;
  deprecated: boolean;
  /** x-sunset (YYYY-MM-DD), and the description's sentence naming a replacement (model/lifecycle.ts). */
  sunset: string | null;
  replacement: string | null;
  /** Some security alternative needs a credential (a half-set one is refused); `authRequired`: every one does. */
  authenticated: boolean;
  authRequired: boolean;
  /** x-rolesRequirements: any one of these roles may call it. */
  roles: string[];
  versions: string[];
  params: CliParamView[];
  hasBody: boolean;
  body: { key: string; required: boolean; kind: string; mediaTypes: string[]; schema: string | null; description: string | null };
  rawOutput: boolean;
  /** Every success answer with a body is text or binary: `--output-file` is required before anything is sent. */
  rawOnly: boolean;
}

export interface CliView {
  title: string;
  prefix: string;
  credentialTypes: string[];
  env: { name: string; meaning: string }[];
  /** Each kind of credential with the variables that make it: the CLI names what is missing before sending. */
  credentials: { type: string; names: string[]; meaning: string }[];
  tags: { name: string; command: string; description: string | null }[];
  operations: CliOperationView[];
}

/**
 * The default prefix of the CLI's environment variables: the words of `info.title` before the first generic word
 * (API, Administration, Admin, REST, Service) or separator (—, -, :), upper-cased and joined with `_`, at most four
 * words. "MongoDB Atlas Administration API — …" gives MONGODB_ATLAS, the names the Atlas CLI reads; "Swagger
 * Petstore - OpenAPI 3.0" gives SWAGGER_PETSTORE; nothing left gives API.
 */
export function defaultCliPrefix(title: string): string {
  const words: string[] = [];
  for (const raw of title.split(/\s+/)) {
    if (/^(api|apis|administration|admin|rest|service|[-—–:|])$/i.test(raw)) break;
    const word = raw.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
    if (word !== "") words.push(word);
    if (/[:—–]$/.test(raw) || words.length === 4) break;
  }
  const prefix = words.join("_");
  return prefix === "" ? "API" : /^[0-9]/.test(prefix) ? `API_${prefix}` : prefix;
}

/** A prefix given as an option must make valid environment variable names. */
export const CLI_PREFIX_PATTERN = /^[A-Z][A-Z0-9_]*$/;

const ENV_BY_CREDENTIAL: Record<CredentialType, { suffixes: string[]; meaning: string }> = {
  serviceAccount: { suffixes: ["CLIENT_ID", "CLIENT_SECRET"], meaning: "service account (OAuth 2.0 client credentials)" },
  digest: { suffixes: ["PUBLIC_API_KEY", "PRIVATE_API_KEY"], meaning: "API key pair (HTTP Digest)" },
  bearer: { suffixes: ["ACCESS_TOKEN"], meaning: "access token (Bearer)" },
  basic: { suffixes: ["USERNAME", "PASSWORD"], meaning: "user name and password (HTTP Basic)" },
  apiKey: { suffixes: ["API_KEY"], meaning: "API key" },
};

export function cliView(model: ApiModel, prefix: string = defaultCliPrefix(model.title)): CliView {
  const env: CliView["env"] = [{ name: `${prefix}_BASE_URL`, meaning: "the server (default: the spec's first server)" }];
  // serviceAccount first: when several credentials are set, the recommended one wins.
  const order: CredentialType[] = ["serviceAccount", "digest", "bearer", "basic", "apiKey"];
  const credentialTypes = order.filter((c) => model.auth.credentials.includes(c));
  for (const type of credentialTypes) {
    for (const suffix of ENV_BY_CREDENTIAL[type].suffixes) env.push({ name: `${prefix}_${suffix}`, meaning: ENV_BY_CREDENTIAL[type].meaning });
  }
  if (model.auth.serviceAccount) env.push({ name: `${prefix}_TOKEN_URL`, meaning: "the token endpoint (default: the spec's)" });
  return {
    title: model.title,
    prefix,
    credentialTypes,
    env,
    credentials: credentialTypes.map((type) => ({ type, names: ENV_BY_CREDENTIAL[type].suffixes.map((s) => `${prefix}_${s}`), meaning: ENV_BY_CREDENTIAL[type].meaning })),
    tags: model.tags.map((t) => ({ name: t.name, command: t.propertyName, description: terminalText(t.description) })),
    operations: model.tags.flatMap((t) => t.operations.map((op) => operationView(t.propertyName, op))),
  };
}

function operationView(tag: string, op: OperationModel): CliOperationView {
  const params = [...op.parameters.path, ...op.parameters.query, ...op.parameters.header].map(paramView);
  const body = op.requestBody;
  return {
    tag,
    operationId: op.operationId,
    exportName: op.exportWithResponseName,
    paramsValidatorName: op.paramsValidatorName,
    summary: op.summary ?? null,
    description: terminalText(op.description),
    method: op.method.toUpperCase(),
    path: op.path,
    deprecated: op.deprecated,
    sunset: op.lifecycle.sunset ?? null,
    replacement: op.lifecycle.replacement?.text ?? null,
    authenticated: op.authenticated,
    // `security: [{}, {Key: []}]` makes a credential optional: the call is sent without one.
    authRequired: op.security.length > 0 && op.security.every((alternative) => alternative.length > 0),
    roles: op.lifecycle.roles,
    versions: op.lifecycle.versions.map((v) => v.version),
    params,
    hasBody: body !== undefined,
    body: {
      key: body?.key ?? "body",
      required: body?.required ?? false,
      kind: body?.content[0]?.kind ?? "json",
      mediaTypes: [...new Set(body?.content.map((m) => m.mediaType) ?? [])],
      schema: body?.content[0]?.schema?.ref?.name ?? null,
      description: terminalText(body?.description),
    },
    rawOutput: op.successResponses.some((r) => r.content.some(isRaw)),
    rawOnly: op.successResponses.some((r) => r.content.length > 0) && op.successResponses.every((r) => r.content.every(isRaw)),
  };
}

/**
 * Spec Markdown as a terminal shows it: a link becomes its words (an http(s) target follows in parentheses; an
 * in-page `#tag/…` reference means nothing on a terminal), `**strong**` and `*emphasis*` lose their markers.
 */
export function terminalText(markdown: string | undefined): string | null {
  if (markdown === undefined) return null;
  return markdown
    .replace(/(?<!!)\[([^[\]\n]+)\]\(([^\s()<>]+)\)/g, (_, label: string, target: string) => (/^https?:\/\//i.test(target) ? `${label} (${target})` : label))
    .replace(/\*\*(?![\s*])([^*\n]*?[^\s*])\*\*/g, "$1")
    .replace(/(?<![*\w])\*(?![\s*])([^*\n]*?[^\s*])\*(?![*\w])/g, "$1");
}

function isRaw(media: { kind: string }): boolean {
  return media.kind === "text" || media.kind === "binary";
}

function paramView(p: ParameterModel): CliParamView {
  const schema = p.schema;
  const items = schema.items;
  return {
    flag: (CLI_OWN_FLAGS as readonly string[]).includes(p.key) ? `${p.key}Param` : p.key,
    key: p.key,
    location: p.location,
    type: typeOf(schema),
    itemType: typeOf(schema) === "array" && items ? typeOf(items) : null,
    required: p.required,
    pattern: schema.pattern ?? null,
    enumText: schema.enum ? schema.enum.map((v) => JSON.stringify(v)).join(", ") : null,
    defaultText: schema.default ? JSON.stringify(schema.default.value) : null,
    description: terminalText(p.description ?? schema.description),
    deprecated: p.deprecated,
  };
}

/** The one type a flag's text is parsed to; anything not a plain scalar or array is read as JSON. */
function typeOf(schema: SchemaModel): string {
  if (schema.ref) return "json";
  const types = (schema.types ?? []).filter((t) => t !== "null");
  return types.length === 1 && types[0] !== "object" ? (types[0] as string) : "json";
}
