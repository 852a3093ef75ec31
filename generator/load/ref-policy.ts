// The $ref policy: external references may only name files inside the spec's own folder, and never the network
// unless the user allows it. Checked twice: up front on the root document (so errors carry line:column), and in
// the resolvers swagger-parser uses (so refs inside referenced files obey the same rule).
import { readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { diagnostic, type Diagnostic, type SourceLocation } from "../diagnostics";
import { sitePointer, type RefSite } from "./checks";

export interface RefPolicy {
  /** Real path of the folder external files must live in. */
  rootDir: string;
  allowNetwork: boolean;
  /** Every file the resolvers read (the run's inputs besides the spec, for the incremental check). */
  filesRead: Set<string>;
  /** Set when a resolver fetched from the network: such a run has inputs that cannot be hashed. */
  usedNetwork: boolean;
}

export function refPolicyFor(specPath: string, allowNetwork: boolean): RefPolicy {
  return { rootDir: realpathSync(dirname(specPath)), allowNetwork, filesRead: new Set(), usedNetwork: false };
}

const NETWORK_REF = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Finds every `$ref` of the root document (its sites, from checks.ts) that breaks the policy. */
export function checkRootRefs(sites: RefSite[], policy: RefPolicy, locate: (pointer: string) => SourceLocation): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const site of sites) {
    const problem = site.kind === "ref" ? refProblem(site.ref, policy) : undefined;
    if (problem) found.push(diagnostic("error", problem.code, problem.message, locate(sitePointer(site, "$ref")), problem.hint));
  }
  return found;
}

interface RefProblem {
  code: string;
  message: string;
  hint: string;
}

function refProblem(ref: string, policy: RefPolicy): RefProblem | undefined {
  if (ref.startsWith("#")) return undefined;
  const target = ref.split("#")[0] ?? "";
  if (NETWORK_REF.test(target) && !target.toLowerCase().startsWith("file:")) {
    if (policy.allowNetwork) return undefined;
    return {
      code: "APIGEN_REF_NETWORK",
      message: `$ref "${ref}" points to the network, which is not allowed`,
      hint: "download the file into the spec's folder and reference it by a relative path, or pass --allow-network",
    };
  }
  const absolute = target.toLowerCase().startsWith("file:") ? fileURLToPath(target) : resolve(policy.rootDir, decodeURIComponent(target));
  if (!isInside(absolute, policy.rootDir)) {
    return {
      code: "APIGEN_REF_OUTSIDE",
      message: `$ref "${ref}" points outside the spec's folder (${policy.rootDir})`,
      hint: "move the referenced file into the spec's folder; references may not leave it",
    };
  }
  return undefined;
}

function isInside(path: string, dir: string): boolean {
  let real = path;
  try {
    real = realpathSync(path); // follows symlinks, so a link cannot smuggle a file in from outside
  } catch {
    // a missing file is reported by the resolver with its own message
  }
  const rel = relative(dir, real);
  return rel === "" || (!rel.startsWith(".." + sep) && rel !== ".." && !isAbsolute(rel));
}

/** A refusal by a resolver; kept aside because the ref parser replaces a resolver's message with a generic one. */
export interface RefViolation {
  code: "APIGEN_REF_OUTSIDE" | "APIGEN_REF_NETWORK";
  message: string;
  hint: string;
}

/** Resolver options for @apidevtools/json-schema-ref-parser that enforce the policy on every file it reads. */
export function resolverOptions(policy: RefPolicy, violations: RefViolation[]): Record<string, unknown> {
  const refuse = (violation: RefViolation): never => {
    violations.push(violation);
    throw new Error(violation.message);
  };
  const file = {
    order: 100,
    canRead: (info: { url: string }) => !NETWORK_REF.test(info.url) || info.url.toLowerCase().startsWith("file:"),
    read: (info: { url: string }) => {
      const path = info.url.toLowerCase().startsWith("file:") ? fileURLToPath(info.url) : decodeURIComponent(info.url);
      if (!isInside(path, policy.rootDir)) {
        refuse({
          code: "APIGEN_REF_OUTSIDE",
          message: `a referenced file refers to "${path}", outside the spec's folder (${policy.rootDir})`,
          hint: "move the referenced file into the spec's folder; references may not leave it",
        });
      }
      policy.filesRead.add(path);
      return readFileSync(path);
    },
  };
  if (policy.allowNetwork) {
    // The default http resolver stays in place; this one only notes that the network was used, then defers to it.
    const noteNetwork = { order: 150, canRead: (info: { url: string }) => { if (NETWORK_REF.test(info.url)) policy.usedNetwork = true; return false; }, read: () => undefined };
    return { external: true, file, noteNetwork };
  }
  const http = {
    order: 200,
    canRead: (info: { url: string }) => NETWORK_REF.test(info.url),
    read: (info: { url: string }) =>
      refuse({
        code: "APIGEN_REF_NETWORK",
        message: `a referenced file refers to "${info.url}" on the network, which is not allowed`,
        hint: "download the file into the spec's folder and reference it by a relative path, or pass --allow-network",
      }),
  };
  return { external: true, file, http };
}
