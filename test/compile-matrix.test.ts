// The generated clients compile with the real tsc under every common consumer tsconfig (DESIGN.md, "Quality bars"),
// with TypeScript 5.9 and TypeScript 7, and a consumer file importing "./client/index.js" type-checks against them.
//
// Scope, chosen for CI time (2 cores, so tsc runs 2 at a time): the committed restore-job client gets every setting
// under both compilers, and so does the whole Atlas client (7 MB of TypeScript) under TypeScript 7 (a few seconds a
// run). Under 5.9 one Atlas run costs 11–17 s of CPU, so Atlas gets only plain strict, strictest, bundler, CommonJS
// and es2020 there, one consumer each. Node-consumer cells also compile the generated CLI (cli.ts, a Node program). The consumer matters where the lib changes what the runtime sees (fetch,
// Headers, AbortSignal come from @types/node or from lib.dom): Node and browser for strict, strictest and es2020.
import { spawn } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { enableTypeChecking, ROOT, tempDir } from "./helpers";

const COMPILERS = {
  "5.9": join(ROOT, "node_modules", "typescript", "bin", "tsc"),
  "7": join(ROOT, "node_modules", "typescript-7", "bin", "tsc"),
} as const;
type Compiler = keyof typeof COMPILERS;
type Consumer = "node" | "browser";
type ClientName = "restore-job" | "atlas";

interface Setting {
  name: string;
  options: Record<string, unknown>;
  /** The consumer's package.json "type" (decides ESM or CommonJS under nodenext). */
  packageType: "module" | "commonjs";
  consumers: Consumer[];
  /** The one consumer the Atlas client is also compiled as under TypeScript 5.9 (none: not run there). */
  atlasOn59?: Consumer;
}

const STRICTEST = {
  strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true, noUnusedLocals: true, noUnusedParameters: true, noFallthroughCasesInSwitch: true,
};

// Every setting names `strict` itself: TypeScript 7 turns it on by default, 5.9 does not.
const SETTINGS: Setting[] = [
  { name: "strict", options: { strict: true }, packageType: "module", consumers: ["node", "browser"], atlasOn59: "node" },
  { name: "strictest", options: STRICTEST, packageType: "module", consumers: ["node", "browser"], atlasOn59: "node" },
  { name: "non-strict", options: { strict: false }, packageType: "module", consumers: ["node"] },
  { name: "allowUnreachableCode: false", options: { strict: true, allowUnreachableCode: false }, packageType: "module", consumers: ["node"] },
  {
    name: "bundler",
    options: { strict: true, module: "esnext", moduleResolution: "bundler", verbatimModuleSyntax: true, isolatedModules: true },
    packageType: "module",
    consumers: ["browser"],
    atlasOn59: "browser",
  },
  // No moduleResolution: each compiler's default for CommonJS (node10 in 5.9, bundler in 7).
  { name: "commonjs", options: { strict: true, module: "commonjs", moduleResolution: undefined }, packageType: "commonjs", consumers: ["node"], atlasOn59: "node" },
  { name: "es2020", options: { strict: true, target: "es2020" }, packageType: "module", consumers: ["node", "browser"], atlasOn59: "browser" },
  // The base is nodenext as ES modules; this is nodenext in a CommonJS package.
  { name: "nodenext commonjs", options: { strict: true, module: "nodenext", moduleResolution: "nodenext" }, packageType: "commonjs", consumers: ["node"] },
];

/** What every setting starts from: a Node-style project (nodenext, ESM), type-checking only. */
function compilerOptions(setting: Setting, consumer: Consumer): Record<string, unknown> {
  const target = (setting.options["target"] as string | undefined) ?? "es2022";
  // Node gets fetch & co. from @types/node, a browser from lib.dom; neither sees the other's globals.
  const env =
    consumer === "node"
      ? { lib: [target], types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")] }
      : { lib: [target, "dom"], types: [] };
  // skipLibCheck only skips .d.ts files (lib, @types); every generated file is .ts and is checked in full.
  const options = { target, module: "nodenext", moduleResolution: "nodenext", skipLibCheck: true, noEmit: true, ...env, ...setting.options };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

// A consumer that imports from index.js, as the settings' import rules demand (type-only imports marked), and makes a
// typed call; `satisfies` fails if the declared types drift from what the call resolves.
const CONSUMERS: Record<ClientName, string> = {
  "restore-job": [
    'import { ApiError, createClient, type GetClusterRestoreJobResponse } from "./client/index.js";',
    'const client = createClient({ auth: { type: "bearer", token: () => "t" }, timeoutMs: 5000 });',
    "export async function restoreJob(jobId: string): Promise<string | undefined> {",
    "  try {",
    '    const job = await client.legacyBackup.getClusterRestoreJob({ groupId: "32b6e34b3d91647abb20e7b8", clusterName: "Cluster0", jobId });',
    "    return (job satisfies GetClusterRestoreJobResponse).id;",
    "  } catch (err) {",
    "    if (err instanceof ApiError) return undefined;",
    "    throw err;",
    "  }",
    "}",
    "",
  ].join("\n"),
  atlas: [
    'import { ApiError, createClient, type GetGroupResponse } from "./client/index.js";',
    'const client = createClient({ auth: { type: "bearer", token: "t" } });',
    "export async function groupName(groupId: string): Promise<string | undefined> {",
    "  try {",
    "    const group = await client.projects.getGroup({ groupId });",
    "    return (group satisfies GetGroupResponse).name;",
    "  } catch (err) {",
    "    if (err instanceof ApiError) return undefined;",
    "    throw err;",
    "  }",
    "}",
    "",
  ].join("\n"),
};

interface Cell {
  client: ClientName;
  compiler: Compiler;
  setting: Setting;
  consumer: Consumer;
  label: string;
}

const CELLS: Cell[] = [];
for (const client of ["restore-job", "atlas"] as const) {
  for (const compiler of ["5.9", "7"] as const) {
    for (const setting of SETTINGS) {
      const consumers = client === "atlas" && compiler === "5.9" ? (setting.atlasOn59 === undefined ? [] : [setting.atlasOn59]) : setting.consumers;
      for (const consumer of consumers) {
        CELLS.push({ client, compiler, setting, consumer, label: `${client} × TypeScript ${compiler} × ${setting.name} (${consumer})` });
      }
    }
  }
}

interface Outcome {
  status: number | null;
  output: string;
  seconds: number;
}

function run(command: string, args: string[], cwd: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output, seconds: (performance.now() - started) / 1000 }));
  });
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

const dir = tempDir("apigen-matrix-");
const clientDirs: Record<ClientName, string> = {
  "restore-job": join(ROOT, "generated", "atlas-restore-job"),
  atlas: join(dir.path, "atlas-client"),
};
const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const generate = await run(
    process.execPath,
    [join(ROOT, "bin", "apigen.js"), "generate", "--spec", join(ROOT, "test", "fixtures", "large", "atlas-admin-v2.yaml"), "--out", clientDirs.atlas, "--outputs", "sdk,cli", "--quiet"],
    ROOT,
  );
  if (generate.status !== 0) throw new Error(`apigen failed on the Atlas spec:\n${generate.output}`);
  // One folder per client and package type, holding a copy of the client (a link would let tsc resolve the files
  // to their real path, outside the folder's package.json) and one tsconfig per cell.
  const folders = new Map<string, string>();
  for (const cell of CELLS) {
    const key = `${cell.client}-${cell.setting.packageType}`;
    if (folders.has(key)) continue;
    const folder = join(dir.path, key);
    cpSync(clientDirs[cell.client], join(folder, "client"), { recursive: true });
    // The output's executable files carry `// @ts-nocheck` for their users' sake; here every body is checked.
    enableTypeChecking(join(folder, "client"));
    writeFileSync(join(folder, "package.json"), JSON.stringify({ type: cell.setting.packageType }));
    writeFileSync(join(folder, "consumer.ts"), CONSUMERS[cell.client]);
    folders.set(key, folder);
  }
  // Slow runs first, so the two lanes finish together.
  const order = [...CELLS].sort((a, b) => weight(b) - weight(a));
  await pool(order, 2, async (cell, index) => {
    const folder = folders.get(`${cell.client}-${cell.setting.packageType}`)!;
    const tsconfig = join(folder, `tsconfig.${index}.json`);
    // The generated CLI (outputs: cli) is a Node program: every Node-consumer cell compiles it too.
    const files = cell.consumer === "node" ? ["consumer.ts", "client/cli.ts"] : ["consumer.ts"];
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions: compilerOptions(cell.setting, cell.consumer), files }, null, 2));
    outcomes.set(cell.label, await run(process.execPath, [COMPILERS[cell.compiler], "-p", tsconfig], folder));
  });
}, 600_000);

afterAll(() => {
  dir.cleanup();
  // For the record (and the choice of scope above); never asserted.
  const rows = CELLS.map((cell) => {
    const outcome = outcomes.get(cell.label);
    return `${cell.label.padEnd(80)} ${outcome === undefined ? "not run" : outcome.status === 0 ? "pass" : "FAIL"} ${outcome?.seconds.toFixed(1) ?? "-"} s`;
  });
  console.log(`compile matrix:\n${rows.join("\n")}`);
});

function weight(cell: Cell): number {
  return (cell.client === "atlas" ? 10 : 1) * (cell.compiler === "5.9" ? 10 : 1);
}

test("the matrix runs the compilers it names", () => {
  const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  expect(version("typescript")).toMatch(/^5\.9\./);
  expect(version("typescript-7")).toMatch(/^7\./);
});

test.each(CELLS.map((cell) => [cell.label, cell] as const))("%s compiles", (_label, cell) => {
  const outcome = outcomes.get(cell.label);
  if (outcome === undefined) throw new Error("tsc did not run");
  if (outcome.status !== 0 || outcome.output !== "") {
    const options = JSON.stringify(compilerOptions(cell.setting, cell.consumer));
    throw new Error(`tsc exited with ${outcome.status} under ${options} (package type ${cell.setting.packageType}):\n${outcome.output}`);
  }
});
