// Specs people actually have (docs/spec-policy.md): a fixed sample of the APIs.guru directory
// (test/fixtures/corpus/README.md). Every spec openapi-typescript accepts must generate, and all outputs must compile
// under the strictest flags. A few hundred more run in `make bench BENCH_ONLY=corpus`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import openapiTS from "openapi-typescript";
import { generate } from "../generator/pipeline";
import { GeneratorError } from "../generator/diagnostics";
import { compileStrict, ROOT, tempDir } from "./helpers";

const CORPUS = join(ROOT, "test", "fixtures", "corpus", "apis-guru");

function specFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? specFiles(path) : name.endsWith(".json") ? [path] : [];
  });
}

const out = tempDir("apigen-corpus-");
afterAll(() => out.cleanup());

interface Outcome {
  file: string;
  folder: string;
  refused?: string[];
  warnings: string[];
}
const outcomes: Outcome[] = [];

beforeAll(async () => {
  const files = specFiles(CORPUS);
  for (const [i, file] of files.entries()) {
    const folder = `s${i}`;
    try {
      const result = await generate({ spec: file, out: join(out.path, folder), cache: false, cwd: ROOT });
      outcomes.push({ file: relative(CORPUS, file), folder, warnings: result.warnings.map((w) => w.code) });
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      outcomes.push({ file: relative(CORPUS, file), folder, refused: error.diagnostics.map((d) => `${d.code}: ${d.message}`), warnings: [] });
    }
  }
}, 120_000);

test("every spec of the sample that openapi-typescript accepts generates", async () => {
  const wronglyRefused: string[] = [];
  for (const o of outcomes.filter((x) => x.refused)) {
    const document = JSON.parse(readFileSync(join(CORPUS, o.file), "utf8")) as object;
    const theirs = await openapiTS(document as never, { silent: true }).then(() => undefined, (e: unknown) => String(e));
    if (theirs === undefined) wronglyRefused.push(`${o.file}: ${(o.refused ?? []).join("; ")}`);
  }
  const generated = outcomes.filter((o) => !o.refused).length;
  console.log(`corpus sample: ${outcomes.length} specs, ${generated} generated (${outcomes.filter((o) => o.warnings.length > 0).length} with warnings), ${outcomes.length - generated} refused`);
  expect(wronglyRefused).toEqual([]);
  expect(outcomes.length).toBeGreaterThanOrEqual(30);
}, 60_000);

test("api.video's non-string pattern is ignored with a warning", () => {
  const video = outcomes.find((o) => o.file === "api.video.json");
  expect(video?.refused).toBeUndefined();
  expect(video?.warnings).toContain("APIGEN_SCHEMA_KEYWORD_TYPE");
});

test("every generated client of the sample compiles under the strictest flags", () => {
  const folders = outcomes.filter((o) => !o.refused).map((o) => `${o.folder}/index.ts`);
  expect(compileStrict(out.path, { files: folders })).toBe("");
}, 120_000);
