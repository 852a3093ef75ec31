// Property-based fuzzing (issue 5): specs built from hostile text — names, descriptions, enum values, patterns,
// property keys, operationIds, tags, server URLs, media types — and structural changes (dropped and duplicated
// entries). The generator stages run in this process (parseSource → model → templates → syntax check); every case
// must end in inert code with zero syntactic diagnostics, or in a clean GeneratorError (code + location). Anything
// else is a crash. A sample of the outputs is compiled with the real tsc in one run.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { GeneratorError } from "../generator/diagnostics";
import type { LoadedSpec } from "../generator/load";
import { missingRefs } from "../generator/load/checks";
import { parseSource } from "../generator/load/source";
import { buildModel } from "../generator/model";
import { renderTemplates } from "../generator/render";
import { checkSyntax } from "../generator/write/syntax-gate";
import { codeTokens, compileStrict, dangerousReferences, tempDir, toYaml } from "./helpers";

/**
 * Crashes found by this fuzzer in files outside the loading/escaping layer, reported and awaiting a fix; matched by
 * message so any other crash still fails the test. Remove an entry once its fix lands.
 */
const KNOWN_CRASHES: RegExp[] = [];

const RUNS = Number(process.env["APIGEN_FUZZ_RUNS"] ?? 1000);
const SAMPLE_EVERY = 50;
const FACTS = { generatorName: "apigen", generatorVersion: "0.0.0", specFile: "fuzz.yaml", specSha256: "0".repeat(64) };
/** Spec text that escaped its literal or comment would leave this token sequence in the code. */
const MARKER = ";PWNED;";
const ESCAPED = /;\s*PWNED\s*;/;

const PIECES = [
  "*/", "/*", "//", "\"", "'", "`", "${", "}", "{", "\\", "\\u0022", "\n", "\r", "\u2028", "\u2029", "\u0085", "\u202e", "\u2066", "\u200f",
  "\u0000", "\ufeff", "__proto__", "constructor", "prototype", "toString", "process.exit(1)", "</script>", " ", "-", ".", "_", "$", "1", "09",
  "a", "Z", "日本", "Ärger", "🚀", "delete", "class", "Promise", "Response", "then", "~", "/", "%2e", "(", ")", "[", "]", "+", "?", "*", MARKER,
];
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
const name = fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom("getThing", "Thing", "id", "q") });

const specArb = fc.record({
  title: hostileText,
  description: hostileText,
  serverUrl: fc.oneof(hostileText.map((t) => `https://x.test/${t}`), fc.constant("https://x.test")),
  operationId: name,
  operationId2: name,
  tag: name,
  summary: hostileText,
  pathLiteral: hostileText.map((t) => t.replace(/[{}]/g, "")),
  queryName: name,
  headerName: name,
  enumValues: fc.array(fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), { minLength: 1, maxLength: 4 }),
  defaultValue: fc.oneof(hostileText, fc.integer(), fc.dictionary(hostileText, hostileText, { maxKeys: 2 })),
  pattern: fc.oneof(
    { weight: 1, arbitrary: hostileText },
    // Hostile text as a valid pattern: every regex metacharacter escaped.
    { weight: 3, arbitrary: hostileText.map((t) => `^${t.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}$`) },
    { weight: 1, arbitrary: fc.constantFrom("^[a-z]+$", "a/b", "^\\d{3}$", "(", "[", "\\") },
  ),
  schemaName: name,
  schemaName2: name,
  propertyKeys: fc.uniqueArray(name, { maxLength: 4 }),
  requiredKeys: fc.array(name, { maxLength: 2 }),
  mediaType: fc.oneof(fc.constant("application/json"), hostileText.map((t) => `application/${t}`)),
  drop: fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.subarray(["servers", "tags", "parameters", "components", "requestBody", "description", "enum"]) },
  ),
  duplicateOperation: fc.boolean(),
});

type SpecInput = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function buildSpec(i: SpecInput): Record<string, unknown> {
  // A $ref is a URI: its fragment is a JSON pointer, percent-encoded.
  const ref = (n: string) => `#/components/schemas/${encodeURIComponent(n.replace(/~/g, "~0").replace(/\//g, "~1"))}`;
  const properties: Record<string, unknown> = {};
  for (const key of i.propertyKeys) properties[key] = { type: "string", description: i.description, pattern: i.pattern };
  const schemas: Record<string, unknown> = {
    [i.schemaName]: { type: "object", description: i.description, title: i.title, required: i.requiredKeys.length ? i.requiredKeys : undefined, properties },
    [i.schemaName2]: { type: "string", enum: i.drop.includes("enum") ? undefined : i.enumValues, default: i.defaultValue, nullable: true },
  };
  const parameters = [
    { name: i.queryName, in: "query", description: i.description, schema: { type: "string", pattern: i.pattern, enum: i.enumValues.filter((v) => typeof v === "string") } },
    { name: i.headerName, in: "header", schema: { $ref: ref(i.schemaName2) } },
  ];
  const operation = (operationId: string | undefined) => ({
    operationId,
    tags: [i.tag],
    summary: i.summary,
    description: i.drop.includes("description") ? undefined : i.description,
    parameters: i.drop.includes("parameters") ? undefined : parameters,
    requestBody: i.drop.includes("requestBody") ? undefined : { content: { [i.mediaType]: { schema: { $ref: ref(i.schemaName) } } } },
    responses: { "200": { description: i.summary, content: { [i.mediaType]: { schema: { $ref: ref(i.schemaName) } } } } },
  });
  const paths: Record<string, unknown> = { [`/a/${i.pathLiteral}`]: { post: operation(i.operationId) } };
  if (i.duplicateOperation) paths[`/b/${i.pathLiteral}`] = { put: operation(i.operationId2), get: operation(undefined) };
  const doc: Record<string, unknown> = {
    openapi: "3.0.3",
    info: { title: i.title, version: i.summary, description: i.description },
    servers: i.drop.includes("servers") ? undefined : [{ url: i.serverUrl, description: i.description }],
    tags: i.drop.includes("tags") ? undefined : [{ name: i.tag, description: i.description }],
    paths,
    components: i.drop.includes("components") ? undefined : { schemas },
  };
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>; // drops the undefined fields
}


type Outcome = { kind: "code"; files: { path: string; text: string }[] } | { kind: "refused"; codes: string[] };

function runStages(doc: Record<string, unknown>): Outcome {
  const text = toYaml(doc);
  try {
    const source = parseSource(text, "fuzz.yaml");
    // The load stage's own checks that run before swagger-parser (which this in-process run skips).
    const missing = missingRefs(source.data, source.locate);
    if (missing.length > 0) throw new GeneratorError(missing);
    const spec: LoadedSpec = { source, document: source.data as Record<string, unknown>, openapiVersion: "3.0", name: "fuzz" };
    const { model } = buildModel(spec);
    const files = renderTemplates(model, FACTS);
    checkSyntax(files.filter((f) => !f.path.startsWith("runtime/"))); // the runtime is fixed source, compiled by its own tests
    return { kind: "code", files };
  } catch (error) {
    if (!(error instanceof GeneratorError)) throw error;
    for (const d of error.diagnostics) {
      if (d.code.startsWith("APIGEN_INTERNAL")) throw new Error(`internal diagnostic ${d.code}: ${d.message}`);
      if (!/^APIGEN_[A-Z0-9_]+$/.test(d.code) || !d.location?.file || (d.location.line === undefined && d.location.pointer === undefined)) {
        throw new Error(`unclean diagnostic: ${JSON.stringify(d)}`);
      }
    }
    return { kind: "refused", codes: error.diagnostics.map((d) => d.code) };
  }
}

describe("fuzzing the generator with hostile specs", () => {
  const work = tempDir("apigen-fuzz-");
  afterAll(() => work.cleanup());

  it(`${RUNS} generated specs: inert, syntactically valid code or a clean diagnostic; a sample compiles strictly`, () => {
    let cases = 0;
    let generated = 0;
    const refusals = new Map<string, number>();
    const known = new Map<string, number>();
    const sampled: string[] = [];
    const started = Date.now();
    fc.assert(
      fc.property(specArb, (input) => {
        const doc = buildSpec(input);
        cases++;
        let outcome: Outcome;
        try {
          outcome = runStages(doc);
        } catch (error) {
          const message = (error as Error).message;
          if (!KNOWN_CRASHES.some((known) => known.test(message))) throw error;
          known.set(message, (known.get(message) ?? 0) + 1);
          return;
        }
        if (outcome.kind === "refused") {
          for (const code of new Set(outcome.codes)) refusals.set(code, (refusals.get(code) ?? 0) + 1);
          return;
        }
        generated++;
        for (const file of outcome.files) {
          if (file.path.startsWith("runtime/")) continue;
          if (ESCAPED.test(codeTokens(file.text))) throw new Error(`spec text became code in ${file.path}`);
          const refs = dangerousReferences(file.text);
          if (refs.length > 0) throw new Error(`${file.path} references ${refs.join(", ")}`);
          if (/[\u2028\u2029\u0085\u202a-\u202e\u2066-\u2069]/.test(file.text)) throw new Error(`${file.path} contains a raw separator or bidi control`);
        }
        if (generated % SAMPLE_EVERY === 1) {
          const dir = join(work.path, `case${generated}`);
          mkdirSync(dir, { recursive: true });
          for (const file of outcome.files) {
            mkdirSync(dirname(join(dir, file.path)), { recursive: true });
            writeFileSync(join(dir, file.path), file.text);
          }
          writeFileSync(join(dir, "openapi.ts"), "export type components = {};\nexport type operations = {};\nexport type paths = {};\n");
          writeFileSync(join(dir, "spec.json"), JSON.stringify(doc, null, 2));
          sampled.push(dir);
        }
      }),
      { numRuns: RUNS, seed: Number(process.env["APIGEN_FUZZ_SEED"] ?? 20261129) },
    );
    const compiled = compileStrict(work.path, { include: ["*/index.ts"] });
    // Reported for the record (the issue asks for the count and what was found).
    console.log(`fuzz: ${cases} cases in ${Date.now() - started} ms; ${generated} generated, ${sampled.length} compiled; refusals ${JSON.stringify(Object.fromEntries(refusals))}; known crashes ${JSON.stringify(Object.fromEntries(known))}`);
    expect(cases).toBe(RUNS);
    expect(sampled.length).toBeGreaterThan(0);
    expect(compiled).toBe("");
  }, 180_000);
});
