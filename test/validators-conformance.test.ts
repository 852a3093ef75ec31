// Conformance: every case of the official JSON-Schema-Test-Suite (draft-04 for OpenAPI 3.0, 2020-12 for 3.1,
// optional files and formats included) through validators that apigen generates, compiles and loads. A case passes
// or is excluded by one entry of EXCLUSIONS (test/validators-conformance.ts) with its reason. The counts per file,
// beside ajv 8's on the same cases, are written to docs/conformance.md, which this test keeps current.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv04 from "ajv-draft-04";
import Ajv2020 from "ajv/dist/2020";
import type AjvCore from "ajv/dist/core";
import addFormats from "ajv-formats";
import { GeneratorError } from "../generator/diagnostics";
import { miniSpec, ROOT } from "./helpers";
import { loadValidators, render } from "./validators-harness";
import {
  asComponents, caseExclusion, conformanceMarkdown, describeExclusion, EXCLUSIONS, groupExclusion, suiteFiles,
  type Exclusion, type FileCount, type SuiteFile,
} from "./validators-conformance";

const DOC = join(ROOT, "docs", "conformance.md");
const counts: FileCount[] = [];
const used = new Map<Exclusion, number>();

function ajvFor(dialect: SuiteFile["dialect"]): AjvCore {
  const options = { strict: false, logger: false as const, allErrors: false, validateFormats: true };
  const ajv = dialect === "draft4" ? new Ajv04(options) : new Ajv2020(options);
  addFormats(ajv as never);
  return ajv;
}

/** The spec's validators.ts for the groups not excluded, loaded: `C<group index>` validates that group's schema. */
function validatorsOf(file: SuiteFile, included: number[]) {
  const schemas = Object.assign({}, ...included.map((i) => asComponents(file.groups[i]!.schema, `C${i}`))) as Record<string, unknown>;
  const version = file.dialect === "draft4" ? "3.0.3" : "3.1.0";
  try {
    const rendered = render(miniSpec({ components: { schemas: { Pet: { type: "object" }, ...schemas } } }, version));
    return loadValidators(rendered.find((f) => f.path === "validators.ts")!.text).schemaValidators;
  } catch (error) {
    if (error instanceof GeneratorError) throw new Error(`${file.dialect}/${file.name}: ${error.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n")}`);
    throw error;
  }
}

describe("the official JSON-Schema-Test-Suite through generated validators", () => {
  const files = suiteFiles();

  test.each(files.map((f) => [`${f.dialect}/${f.name}`, f] as const))("%s", (_name, file) => {
    const count: FileCount = { dialect: file.dialect, file: file.name, cases: 0, passed: 0, excluded: 0, failed: 0, ajvPassed: 0 };
    const exclusionOf = file.groups.map((g) => groupExclusion(file, g));
    const included = file.groups.map((_, i) => i).filter((i) => exclusionOf[i] === undefined);
    const validators = included.length > 0 ? validatorsOf(file, included) : {};
    const ajv = ajvFor(file.dialect);
    const failures: string[] = [];
    file.groups.forEach((group, i) => {
      count.cases += group.tests.length;
      const whole = exclusionOf[i];
      if (whole) {
        count.excluded += group.tests.length;
        used.set(whole, (used.get(whole) ?? 0) + group.tests.length);
        return;
      }
      let ajvCheck: ((data: unknown) => boolean) | undefined;
      try {
        const compiled = ajv.compile(group.schema as object);
        ajvCheck = (data) => compiled(data) as boolean;
      } catch {
        ajvCheck = undefined; // ajv refuses the schema: it gets none of the group's cases right
      }
      const validate = validators[`C${i}`]!;
      for (const test of group.tests) {
        const verdict = validate(test.data).valid;
        const excluded = caseExclusion(file, group, test);
        if (!excluded && ajvCheck?.(test.data) === test.valid) count.ajvPassed++;
        if (excluded) {
          count.excluded++;
          used.set(excluded, (used.get(excluded) ?? 0) + 1);
          // A case-level exclusion that passes is stale: the table must only list what still fails.
          if (verdict === test.valid) failures.push(`stale exclusion: "${group.description}" / "${test.description}" passes now`);
        } else if (verdict === test.valid) count.passed++;
        else {
          count.failed++;
          failures.push(`"${group.description}" / "${test.description}": want ${test.valid ? "valid" : "invalid"}, got ${verdict ? "valid" : "invalid"} for ${JSON.stringify(test.data)} against ${JSON.stringify(group.schema)}`);
        }
      }
    });
    counts.push(count);
    expect(failures).toEqual([]);
  });

  test("every exclusion applies to some case, and docs/conformance.md has the current counts", () => {
    expect(counts).toHaveLength(files.length); // run as a whole file: the document needs every count
    expect(EXCLUSIONS.filter((x) => !used.has(x)).map((x) => `${x.dialect}: ${describeExclusion(x)}`)).toEqual([]);
    const markdown = conformanceMarkdown(counts, used);
    if (process.env["APIGEN_WRITE_CONFORMANCE"] === "1") writeFileSync(DOC, markdown);
    expect(readFileSync(DOC, "utf8")).toBe(markdown);
  });
});
