// `apigen generate --watch`: regenerate when a spec, a file it references, the config file or a user template
// changes. Folders are watched rather than files (editors save by writing a new file and renaming it over the old
// one, which ends a watch on the file itself); events are debounced, and a change during a run queues one more run.
// A bad edit prints its diagnostics and the last good output stays; Ctrl-C ends the watch with exit code 0.
import { watch as watchFolder, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import type { GenerateOutcome, TargetOptions } from "../api";
import { formatDiagnostic } from "../diagnostics";
import type { Io, Plan } from "./main";

export interface WatchJob {
  /** Reads the config again (it may be what changed) and returns the targets. */
  plan: () => Promise<Plan>;
  run: (targets: TargetOptions[]) => Promise<{ code: number; outcomes: GenerateOutcome[] }>;
  io: Io;
  configFile: string | undefined;
  /** Milliseconds of quiet before a run starts (editors write a file in several steps). */
  debounceMs?: number;
}

/** Folder → the names in it that matter; `*` for a template folder, where any file counts. */
type WatchSet = Map<string, Set<string>>;

export function watch(job: WatchJob): Promise<number> {
  const { io } = job;
  const debounceMs = job.debounceMs ?? 150;
  const watchers = new Map<string, FSWatcher>();
  let wanted: WatchSet = new Map();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let lastInputs: string[] = [];

  const cycle = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const plan = await job.plan();
      if ("usage" in plan) io.stderr(`error APIGEN_USAGE: ${plan.usage}\n`);
      else if ("errors" in plan) for (const d of plan.errors) io.stderr(formatDiagnostic(d) + "\n");
      else {
        const { outcomes } = await job.run(plan.targets);
        lastInputs = [...plan.targets.flatMap((t, i) => [...(outcomes[i]?.inputs ?? [t.spec])]), ...plan.targets.flatMap((t) => (t.templates ? [`${t.templates}/*`] : []))];
      }
      const config = "config" in plan ? plan.config : job.configFile;
      wanted = watchSet([...lastInputs, ...(config ? [config] : [])]);
      refreshWatchers();
      io.stderr(`apigen: watching ${describe(wanted)} (Ctrl-C to stop)\n`);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void cycle(), debounceMs);
  };

  const refreshWatchers = (): void => {
    for (const [folder, watcher] of watchers) {
      if (!wanted.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of wanted.keys()) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watchFolder(folder, (_event, name) => {
          const names = wanted.get(folder);
          if (names && (names.has("*") || name === null || names.has(String(name)))) schedule();
        });
        watcher.on("error", () => watchers.delete(folder)); // the folder went away; the next cycle tries again
        watchers.set(folder, watcher);
      } catch {
        // A folder that does not exist (yet) cannot be watched; its spec's error was already printed.
      }
    }
  };

  return new Promise((resolve) => {
    const stop = (): void => {
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      io.stderr("apigen: stopped watching\n");
      resolve(0);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    void cycle();
  });
}

function watchSet(paths: string[]): WatchSet {
  const set: WatchSet = new Map();
  for (const path of paths) {
    const [folder, name] = path.endsWith("/*") ? [path.slice(0, -2), "*"] : [dirname(path), basename(path)];
    if (!set.has(folder)) set.set(folder, new Set());
    set.get(folder)?.add(name);
  }
  return set;
}

function describe(set: WatchSet): string {
  const files = [...set.values()].reduce((n, names) => n + [...names].filter((x) => x !== "*").length, 0);
  const folders = [...set.values()].filter((names) => names.has("*")).length;
  return [files > 0 ? `${files} file${files === 1 ? "" : "s"}` : "", folders > 0 ? `${folders} template folder${folders === 1 ? "" : "s"}` : ""].filter(Boolean).join(" and ");
}
