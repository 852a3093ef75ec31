// Headers that do not churn: the spec's hash and apigen's version live only in apigen.manifest.json, so a spec
// change rewrites only the files whose code changes (plus the manifest), a version bump only the manifest, and the
// runtime is the same bytes for every spec. Whole runs of the pipeline, in process.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GeneratorOptions } from "../generator/context";
import { generate } from "../generator/pipeline";
import { MANIFEST_FILE, parseManifest } from "../generator/write";
import { ATLAS_RUNTIME_FILES, miniSpec, outputFiles, ROOT, tempDir, toYaml } from "./helpers";

const ATLAS = readFileSync(join(ROOT, "spec", "atlas-restore-job.yaml"), "utf8");
const DESCRIPTION = "Unique 24-hexadecimal digit string that identifies the restore job.";

function run(options: Omit<GeneratorOptions, "cache">, run = generate) {
  return run({ ...options, cache: false });
}

/** Each file's bytes, inode and mtime. */
function onDisk(dir: string): Record<string, { text: string; ino: number; mtimeMs: number }> {
  return Object.fromEntries(
    outputFiles(dir).map((name) => {
      const { ino, mtimeMs } = statSync(join(dir, name));
      return [name, { text: readFileSync(join(dir, name), "utf8"), ino, mtimeMs }];
    }),
  );
}

/** The pipeline as it runs under another apigen version (nothing else differs). */
function generateAsVersion(version: string): typeof generate {
  let isolated: typeof generate | undefined;
  jest.isolateModules(() => {
    jest.doMock("../generator/context", () => {
      const actual = jest.requireActual<typeof import("../generator/context")>("../generator/context");
      return { ...actual, resolveContext: (o: GeneratorOptions) => ({ ...actual.resolveContext(o), generatorVersion: version }) };
    });
    isolated = (jest.requireActual("../generator/pipeline") as typeof import("../generator/pipeline")).generate;
  });
  jest.dontMock("../generator/context");
  return isolated!;
}

describe("apigen.manifest.json", () => {
  const dir = tempDir("apigen-manifest-");
  afterAll(() => dir.cleanup());

  it("holds generator, version, spec file and hash, and every file's sha256; no file names the hash or version", async () => {
    const spec = dir.write("atlas.yaml", ATLAS);
    const out = join(dir.path, "atlas");
    const result = await run({ spec, out });
    const manifest = parseManifest(readFileSync(join(out, MANIFEST_FILE), "utf8"));
    expect(manifest).toMatchObject({ generator: "apigen", spec: { file: "atlas.yaml", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(Object.keys(manifest!.files)).toEqual(["client.ts", "index.ts", "openapi.ts", ...ATLAS_RUNTIME_FILES, "types.ts", "validators.ts"]);
    expect(result.files.map((f) => f.path)).toContain(MANIFEST_FILE);
    expect(readFileSync(join(out, MANIFEST_FILE), "utf8")).not.toContain(dir.path); // no absolute paths
    for (const name of Object.keys(manifest!.files)) {
      const text = readFileSync(join(out, name), "utf8");
      expect(text).not.toContain(manifest!.spec.sha256);
      expect(text).not.toContain(manifest!.version);
    }
  });

  it("two different specs get the same runtime modules, byte for byte (each only those it needs)", async () => {
    const a = dir.write("a.yaml", ATLAS);
    const b = dir.write("other/b.json", JSON.stringify(miniSpec()));
    await run({ spec: a, out: join(dir.path, "out-a") });
    await run({ spec: b, out: join(dir.path, "out-b") });
    const runtimeB = outputFiles(join(dir.path, "out-b")).filter((name) => name.startsWith("runtime/"));
    expect(runtimeB).toContain("runtime/transport.ts");
    expect(runtimeB).not.toContain("runtime/auth/digest.ts"); // the mini spec has no Digest scheme
    for (const name of runtimeB) {
      expect(readFileSync(join(dir.path, "out-b", name), "utf8")).toBe(readFileSync(join(dir.path, "out-a", name), "utf8"));
    }
    expect(readFileSync(join(dir.path, "out-b", "types.ts"), "utf8")).not.toBe(readFileSync(join(dir.path, "out-a", "types.ts"), "utf8"));
  });

  it("a description-only spec change rewrites the files it changes and the manifest; the others stay untouched on disk", async () => {
    const spec = dir.write("described/spec.yaml", ATLAS);
    const out = join(dir.path, "described/out");
    await run({ spec, out });
    const before = onDisk(out);
    writeFileSync(spec, ATLAS.replaceAll(DESCRIPTION, "Identifies the restore job."));
    const result = await run({ spec, out });
    const after = onDisk(out);

    const rewritten = Object.keys(after).filter((name) => after[name]!.text !== before[name]!.text);
    expect(rewritten).toEqual(expect.arrayContaining(["types.ts", "openapi.ts", MANIFEST_FILE]));
    expect(rewritten.filter((name) => name.startsWith("runtime/"))).toEqual([]);
    expect(rewritten).not.toContain("index.ts");
    expect(result.drift.changed).toEqual(rewritten.filter((name) => name !== MANIFEST_FILE));
    expect(result.drift.manifest).toEqual([expect.stringMatching(/^spec sha256 [0-9a-f]{12}… → [0-9a-f]{12}…$/)]);
    for (const name of Object.keys(after).filter((n) => !rewritten.includes(n))) {
      expect([name, after[name]!.ino, after[name]!.mtimeMs]).toEqual([name, before[name]!.ino, before[name]!.mtimeMs]);
    }
  });

  it("a spec edit that changes no code changes only the manifest, and --check reports that", async () => {
    const spec = dir.write("commented/spec.yaml", ATLAS);
    const out = join(dir.path, "commented/out");
    await run({ spec, out });
    writeFileSync(spec, `${ATLAS}# a comment changes the spec's bytes, not its meaning\n`);
    const check = await run({ spec, out, check: true });
    expect(check.drift).toEqual({ changed: [], added: [], removed: [], manifest: [expect.stringMatching(/^spec sha256 /)] });
  });

  it("a generator version bump alone rewrites only the manifest", async () => {
    const spec = dir.write("bumped/spec.yaml", ATLAS);
    const out = join(dir.path, "bumped/out");
    await run({ spec, out }, generateAsVersion("1.0.0"));
    const before = onDisk(out);
    const result = await run({ spec, out }, generateAsVersion("1.1.0"));
    const after = onDisk(out);
    expect(result.drift).toEqual({ changed: [], added: [], removed: [], manifest: ["apigen 1.0.0 → apigen 1.1.0"] });
    expect(Object.keys(after).filter((name) => after[name]!.text !== before[name]!.text)).toEqual([MANIFEST_FILE]);
    expect(parseManifest(after[MANIFEST_FILE]!.text)?.version).toBe("1.1.0");
  });

  it("is written deterministically (keys sorted, trailing newline) for a spec in a nested folder", async () => {
    const spec = dir.write("nested/deep/spec.yaml", toYaml(miniSpec()));
    const out = join(dir.path, "nested-out");
    await run({ spec, out });
    const text = readFileSync(join(out, MANIFEST_FILE), "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["files", "generator", "spec", "version"]);
    expect(parseManifest(text)?.spec.file).toBe("spec.yaml"); // the file name only, never a path
  });
});
