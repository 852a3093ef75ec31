// Using apigen from another repository: the config file, option flags over it, ignored warnings, the one-line
// no-op, user templates. Each case runs the real command (`node bin/apigen.js`) in a temporary project.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, miniSpec, tempDir, toYaml } from "./helpers";

function apigen(args: string[], cwd: string, env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "apigen.js"), ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A project folder with node_modules (so the incremental cache has a home) and a spec with one cookie-parameter warning. */
function project(): ReturnType<typeof tempDir> {
  const dir = tempDir();
  mkdirSync(join(dir.path, "node_modules"));
  const doc = miniSpec();
  (doc["paths"] as any)["/pets/{petId}"].get.parameters.push({ name: "sid", in: "cookie", schema: { type: "string" } });
  dir.write("api.yaml", toYaml(doc));
  return dir;
}

function withProject(test: (dir: ReturnType<typeof tempDir>) => void): () => void {
  return () => {
    const dir = project();
    try {
      test(dir);
    } finally {
      dir.cleanup();
    }
  };
}

describe("apigen.config.json", () => {
  it("generates every target with no arguments, and --check passes after", withProject((dir) => {
    dir.write("apigen.config.json", JSON.stringify({ targets: [{ spec: "api.yaml", out: "src/a" }, { spec: "api.yaml", out: "src/b", prettier: true }] }, null, 2));
    const run = apigen(["generate"], dir.path);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote src\/a/);
    expect(run.stdout).toMatch(/wrote src\/b/);
    expect(readdirSync(join(dir.path, "src", "a"))).toContain("client.ts");
    expect(readdirSync(join(dir.path, "src", "b"))).toContain("client.ts");
    expect(apigen(["generate", "--check"], dir.path).status).toBe(0);
  }));

  it("resolves paths against the config file's folder, not the working folder", withProject((dir) => {
    mkdirSync(join(dir.path, "sub"));
    dir.write("apigen.config.json", JSON.stringify({ targets: [{ spec: "api.yaml", out: "gen" }] }));
    const run = apigen(["generate", "--config", "../apigen.config.json"], join(dir.path, "sub"));
    expect(run.status).toBe(0);
    expect(existsSync(join(dir.path, "gen", "client.ts"))).toBe(true);
  }));

  it("refuses a wrong key or value with the config file's line and column, a hint, and writes nothing", withProject((dir) => {
    dir.write("apigen.config.json", '{\n  "targets": [\n    { "spec": "api.yaml", "out": "src/a", "prettiér": true },\n    { "spec": "api.yaml", "out": "src/b", "cache": "no" }\n  ],\n  "ignoreWarnings": ["not a code"]\n}\n');
    const run = apigen(["generate"], dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('apigen.config.json:3:43 (#/targets/0/prettiér): error APIGEN_CONFIG_UNKNOWN_KEY: unknown option "prettiér"');
    expect(run.stderr).toContain('hint: did you mean "prettier"?');
    expect(run.stderr).toContain('apigen.config.json:4:52 (#/targets/1/cache): error APIGEN_CONFIG_TYPE: "cache" must be true or false, not the string "no"');
    expect(run.stderr).toMatch(/apigen\.config\.json:6:21 \(#\/ignoreWarnings\): error APIGEN_CONFIG_TYPE: "ignoreWarnings" holds the string "not a code", which is not a warning code/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir.path, "src"))).toBe(false);
  }));

  it.each([
    ['{ "targets": [ { "spec": "api.yaml" } ] }', /\(#\/targets\/0\): error APIGEN_CONFIG_MISSING: the target has no "out"/],
    ['{ "targets": [] }', /\(#\/targets\): error APIGEN_CONFIG_TYPE: "targets" must be a non-empty array/],
    ['{ "spec": "api.yaml", "targets": [ { "spec": "api.yaml", "out": "x" } ] }', /error APIGEN_CONFIG_UNKNOWN_KEY: "spec" belongs in a target, not at the top level/],
    ['{ "targets": [ { "spec": "api.yaml", "out": "x" }, { "spec": "api.yaml", "out": "./x" } ] }', /\(#\/targets\/1\/out\): error APIGEN_CONFIG_DUPLICATE_OUT: targets 0 and 1 both write/],
    ['{ "targets": [ { "spec": "api.yaml", "out": "x" }, ] }', /^apigen\.config\.json:1:52: error APIGEN_CONFIG_PARSE: not valid JSON: unexpected "]"/m],
    ['{ "outputs": ["docs", "cli"], "targets": [ { "spec": "api.yaml", "out": "x" } ] }', /"outputs" must include "sdk": the CLI and the docs are built on the generated client; write \["sdk", "cli", "docs"\]/],
  ])("refuses %s", (text, message) => {
    const dir = project();
    try {
      dir.write("apigen.config.json", text);
      const run = apigen(["generate"], dir.path);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
    } finally {
      dir.cleanup();
    }
  });

  it("takes apigen.config.mjs (with defineConfig's shape), and reports a module that throws where it threw", withProject((dir) => {
    dir.write("apigen.config.mjs", 'const out = "src/m";\nexport default { targets: [{ spec: "api.yaml", out }] };\n');
    expect(apigen(["generate"], dir.path).status).toBe(0);
    expect(existsSync(join(dir.path, "src", "m", "client.ts"))).toBe(true);

    dir.write("apigen.config.mjs", 'const x = 1;\nthrow new Error("no config today");\n');
    const broken = apigen(["generate"], dir.path);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^apigen\.config\.mjs:2:7: error APIGEN_CONFIG_LOAD: the config module failed to load: no config today/m);

    dir.write("apigen.config.mjs", 'export default { targets: [{ spec: "api.yaml", out: 3 }] };\n');
    expect(apigen(["generate"], dir.path).stderr).toMatch(/^apigen\.config\.mjs \(#\/targets\/0\/out\): error APIGEN_CONFIG_TYPE: "out" must be a non-empty string, not number 3/m);

    dir.write("apigen.config.json", "{}");
    expect(apigen(["generate"], dir.path).stderr).toMatch(/APIGEN_CONFIG_AMBIGUOUS: both apigen\.config\.json and apigen\.config\.mjs are here/);
  }));

  it("with no config and no --spec/--out says what is missing", withProject((dir) => {
    const run = apigen(["generate"], dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/missing --spec <file> and --out <dir>, and there is no apigen\.config\.json/);
  }));
});

describe("warnings under control", () => {
  it("--ignore-warning and ignoreWarnings silence a code; a no-op run prints one line", withProject((dir) => {
    const flags = ["generate", "--spec", "api.yaml", "--out", "out"];
    const first = apigen(flags, dir.path);
    expect(first.stderr).toMatch(/warning APIGEN_PARAM_COOKIE/);

    // Unchanged inputs: one line, on stdout, naming the warnings it does not repeat.
    const again = apigen(flags, dir.path);
    expect(again.status).toBe(0);
    expect(again.stderr).toBe("");
    expect(again.stdout).toBe("apigen: out is up to date (unchanged since the last run; 1 warning, --verbose lists them)\n");

    const ignored = apigen([...flags, "--no-cache", "--ignore-warning", "APIGEN_PARAM_COOKIE"], dir.path);
    expect(ignored.status).toBe(0);
    expect(ignored.stderr).not.toMatch(/APIGEN_PARAM_COOKIE/);

    dir.write("apigen.config.json", JSON.stringify({ ignoreWarnings: ["APIGEN_PARAM_COOKIE"], targets: [{ spec: "api.yaml", out: "out" }] }));
    const viaConfig = apigen(["generate", "--no-cache"], dir.path);
    expect(viaConfig.stderr).not.toMatch(/APIGEN_PARAM_COOKIE/);
    expect(apigen(["generate"], dir.path).stdout).toBe("apigen: out is up to date (unchanged since the last run)\n");

    expect(apigen([...flags, "--ignore-warning", "cookie"], dir.path).stderr).toMatch(/APIGEN_USAGE: --ignore-warning needs a warning code/);
  }));
});

describe("user templates", () => {
  it("replace the built-in template of the same name; the rest stay built in", withProject((dir) => {
    dir.write("tpl/index.ts.hbs", '// Our own index.\nexport * from "./client.js";\nexport * from "./types.js";\n');
    dir.write("apigen.config.json", JSON.stringify({ targets: [{ spec: "api.yaml", out: "out", templates: "tpl" }] }));
    expect(apigen(["generate"], dir.path).status).toBe(0);
    const index = readFileSync(join(dir.path, "out", "index.ts"), "utf8");
    expect(index).toContain("// Our own index.");
    expect(index).not.toContain("validators.js");
    expect(readFileSync(join(dir.path, "out", "client.ts"), "utf8")).toContain("export function createClient");

    // A template edit is a new input: the incremental cache must not answer "unchanged".
    dir.write("tpl/index.ts.hbs", '// Edited.\nexport * from "./client.js";\n');
    expect(apigen(["generate", "--verbose"], dir.path).stdout).toMatch(/changed\s+out\/index\.ts/);
  }));

  it("#if and #unless choose as Handlebars does: an empty list and 0 are false, includeZero makes 0 true", withProject((dir) => {
    const line = "// {{#if docLines}}A{{else}}B{{/if}} {{#if docLines.length}}C{{else}}D{{/if}} {{#if docLines.length includeZero=true}}E{{else}}F{{/if}}{{#unless docLines}} G{{/unless}}";
    dir.write("tpl/types.ts.hbs", `{{#each schemas}}\n${line}\n{{/each}}\n`);
    const described = { type: "object", description: "A pet.", properties: { id: { type: "integer" } } };
    dir.write("two.yaml", toYaml(miniSpec({ components: { schemas: { Pet: described, Plain: { type: "object", properties: { id: { type: "integer" } } } } } })));
    const run = apigen(["generate", "--spec", "two.yaml", "--out", "out", "--templates", "tpl", "--no-cache"], dir.path);
    expect(run.status).toBe(0);
    const lines = readFileSync(join(dir.path, "out", "types.ts"), "utf8").split("\n").filter((l) => /^\/\/ [A-G] /.test(l));
    expect(new Set(lines)).toEqual(new Set(["// A C E", "// B D E G"]));
  }));

  it("a helper given more values than it takes prints as with one (the values it ignores are still checked)", withProject((dir) => {
    dir.write("tpl/types.ts.hbs", "{{#each schemas}}\n// {{id typeName}} {{id typeName docLines}} {{str typeName}}\n{{/each}}\n");
    const run = apigen(["generate", "--spec", "api.yaml", "--out", "out", "--templates", "tpl", "--no-cache"], dir.path);
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir.path, "out", "types.ts"), "utf8")).toContain('// Pet Pet "Pet"');
    dir.write("tpl/types.ts.hbs", "{{#each schemas}}\n// {{id typeName docLinez}}\n{{/each}}\n");
    expect(apigen(["generate", "--spec", "api.yaml", "--out", "out2", "--templates", "tpl", "--no-cache"], dir.path).stderr).toMatch(/^tpl\/types\.ts\.hbs:2:\d+: error APIGEN_TEMPLATE_FIELD: "docLinez" is not a field/m);
  }));

  it.each([
    ["a misspelt field", "types.ts.hbs", "{{#each schemas}}\nexport type {{id typeName}} = {{tpye}};\n{{/each}}\n",
      /^tpl\/types\.ts\.hbs:2:31: error APIGEN_TEMPLATE_FIELD: "tpye" is not a field of the view here/m],
    ["a misspelt helper argument", "types.ts.hbs", "{{#each schemaz}}x{{/each}}\n", /^tpl\/types\.ts\.hbs:1:9: error APIGEN_TEMPLATE_FIELD: "schemaz" is not a field/m],
    ["a field of a string", "types.ts.hbs", "{{#each schemas}}\n{{#if typeName.length}}x{{/if}}\n{{/each}}\n", /^tpl\/types\.ts\.hbs:2:7: error APIGEN_TEMPLATE_FIELD: "length" is not a field/m],
    ["a name every object inherits", "types.ts.hbs", "{{#each schemas}}{{id constructor}}{{/each}}\n", /^tpl\/types\.ts\.hbs:1:23: error APIGEN_TEMPLATE_FIELD: "constructor" is not a field/m],
    ["spec text printed as code", "types.ts.hbs", "{{#each operations}}\n{{#each responses}}\n// {{description}}\n{{/each}}\n{{/each}}\n",
      /^tpl\/types\.ts\.hbs:3:4: error APIGEN_TEMPLATE_UNESCAPED: "description" holds (text|null), not code/m],
    ["a syntax error", "client.ts.hbs", "{{#each tags}}\n", /^tpl\/client\.ts\.hbs:2:1: error APIGEN_TEMPLATE_SYNTAX: Parse error on line 2: Expecting .*got 'EOF'/m],
    ["a helper that would print a field unescaped", "client.ts.hbs", "// x\n  {{lookup tags 0}}\n", /^tpl\/client\.ts\.hbs:2:5: error APIGEN_TEMPLATE_HELPER: "lookup" is not a helper templates may use here/m],
    ["a helper that is not ours", "client.ts.hbs", "{{#frobnicate tags}}{{/frobnicate}}\n", /^tpl\/client\.ts\.hbs:1:4: error APIGEN_TEMPLATE_HELPER: "frobnicate"/m],
    ["a file that replaces nothing", "clients.ts.hbs", "x\n", /^tpl\/clients\.ts\.hbs: error APIGEN_TEMPLATE_UNKNOWN: "clients\.ts\.hbs" does not replace any built-in template/m],
  ])("refuses %s with the template's file, line and column", (_name, file, text, message) => {
    const dir = project();
    try {
      dir.write(`tpl/${file}`, text);
      const run = apigen(["generate", "--spec", "api.yaml", "--out", "out", "--templates", "tpl"], dir.path);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dir.path, "out"))).toBe(false);
    } finally {
      dir.cleanup();
    }
  });

  it("a template that fails after the docs are rendered leaves nothing behind, though their files were being created", withProject((dir) => {
    dir.write("tpl/types.ts.hbs", "{{#each schemaz}}x{{/each}}\n");
    const run = apigen(["generate", "--spec", "api.yaml", "--out", "gen/out", "--outputs", "sdk,docs", "--templates", "tpl", "--no-cache"], dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/APIGEN_TEMPLATE_FIELD: "schemaz"/);
    expect(readdirSync(dir.path).sort()).toEqual(["api.yaml", "node_modules", "tpl"]);
  }));

  it("output a user template breaks is refused before anything is written (the syntax gate is on with user templates)", withProject((dir) => {
    dir.write("tpl/index.ts.hbs", "export * from \"./client.js\";\nexport const = ;\n");
    const run = apigen(["generate", "--spec", "api.yaml", "--out", "out", "--templates", "tpl"], dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^index\.ts:\d+:\d+: error APIGEN_INTERNAL_SYNTAX: /m);
    expect(existsSync(join(dir.path, "out"))).toBe(false);
  }));

  it("cannot turn spec text into code: a description holding code stays inside a comment or literal", withProject((dir) => {
    const doc = miniSpec();
    (doc["info"] as any).title = '*/ process.exit(1); /*';
    dir.write("evil.yaml", toYaml(doc));
    dir.write("tpl/index.ts.hbs", "export * from \"./client.js\";\n");
    // The only ways to print a field are the escaping helpers, so a template cannot print the title raw.
    writeFileSync(join(dir.path, "tpl", "client.ts.hbs"), "export const userAgent = {{userAgent}};\n");
    const run = apigen(["generate", "--spec", "evil.yaml", "--out", "out", "--templates", "tpl"], dir.path);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/APIGEN_TEMPLATE_UNESCAPED: "userAgent" holds text, not code/);
  }));
});
