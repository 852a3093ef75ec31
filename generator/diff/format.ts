// The report in three forms: text for terminals (spec text made printable), Markdown for pull-request comments
// (spec text escaped so it can neither inject HTML nor break a table or a code span), JSON for tools (stable key
// order, deterministic lists: the report is built sorted).
import { formatLocation, printable } from "../diagnostics";
import { CLASS_ORDER, cmp, type Change, type ChangeClass } from "./changes";
import type { DiffReport } from "./index";

export type DiffFormat = "text" | "markdown" | "json";

export function formatReport(report: DiffReport, format: DiffFormat, options: MarkdownOptions = {}): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  return format === "markdown" ? markdown(report, options) : text(report);
}

export function summaryLine(report: DiffReport): string {
  const s = report.summary;
  const parts = [`${plural(s.breaking, "breaking change")}`, plural(s.warning, "warning"), `${s.compatible} compatible`];
  if (s.disagreements > 0) parts.push(plural(s.disagreements, "disagreement") + " between the spec rules and the TypeScript checker");
  return parts.join(", ");
}

function text(report: DiffReport): string {
  const out: string[] = [`apigen diff ${printable(report.old)} → ${printable(report.new)}: ${summaryLine(report)} (${report.summary.typesChecked} types checked by TypeScript)`];
  const line = (c: Change) => `  ${c.class.padEnd(10)} ${printable(c.message)}${c.location ? `  [${formatLocation(c.location)}]` : ""}`;
  if (report.api.length > 0) out.push("", "API", ...report.api.map(line));
  for (const op of report.operations) out.push("", `operation ${printable(op.operationId)}`, ...op.changes.map(line));
  for (const t of report.types) out.push("", `type ${printable(t.type)}`, ...t.changes.map(line));
  if (report.disagreements.length > 0) {
    out.push("", "spec rules and TypeScript checker disagree");
    for (const d of report.disagreements) out.push(`  ${d.type} (${d.direction}): spec ${d.spec}, checker ${d.checker}: ${printable(d.detail)}`);
  }
  return out.join("\n") + "\n";
}

/** A GitHub comment holds at most 65,536 characters; bytes ≥ characters, so this many bytes always fits, with room. */
export const MARKDOWN_MAX_BYTES = 60_000;

export interface MarkdownOptions {
  /** Cap on the report's UTF-8 size; 0 for none. Entries past it are left out and counted, breaking ones last. */
  maxBytes?: number;
}

/** One table row of the report with what it is; rows are kept in order until the cap. */
interface Row {
  section: "breaking" | "disagreement" | "warning" | "compatible";
  text: string;
}

const SECTION_TITLES: Record<Row["section"], string> = {
  breaking: "Breaking changes",
  disagreement: "Spec rules and TypeScript checker disagree",
  warning: "Warnings",
  compatible: "Compatible changes",
};

const CHANGE_HEADER = ["| in | change | where |", "| --- | --- | --- |"];
const DISAGREEMENT_HEADER = ["| type | direction | spec | checker | detail |", "| --- | --- | --- | --- | --- |"];

/**
 * For a pull-request comment: a summary table by kind and verdict, then the breaking changes in full, then the
 * disagreements, warnings and compatible changes folded in `<details>`. Past the cap, rows are left out from the
 * end (compatible first) and a closing note counts them and says how to get the full report.
 */
export function markdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? MARKDOWN_MAX_BYTES;
  const s = report.summary;
  const head: string[] = [
    `### apigen diff: ${s.breaking > 0 ? "⚠️ " : ""}${md(summaryLine(report))}`,
    "",
    `${code(report.old)} → ${code(report.new)}; ${s.typesChecked} types checked by the TypeScript checker.`,
    ...summaryTable(report),
  ];
  const rows = reportRows(report);
  const budget = maxBytes > 0 ? maxBytes - bytes(render(head, [])) - NOTE_RESERVE : Infinity;
  let kept = 0, used = 0;
  for (const row of rows) {
    const cost = bytes(row.text) + 1;
    if (used + cost > budget) break;
    used += cost;
    kept++;
  }
  const left = rows.slice(kept);
  const note = left.length === 0 ? [] : omittedNote(left, rows.length, maxBytes);
  return render(head, rows.slice(0, kept), note);
}

/** Room kept for the closing note and section scaffolding (headings, `<details>`, table headers) past the cap. */
const NOTE_RESERVE = 1_500;

function render(head: string[], rows: Row[], note: string[] = []): string {
  const out = [...head];
  for (const section of ["breaking", "disagreement", "warning", "compatible"] as const) {
    const mine = rows.filter((r) => r.section === section);
    if (mine.length === 0) continue;
    const header = section === "disagreement" ? DISAGREEMENT_HEADER : CHANGE_HEADER;
    if (section === "breaking") out.push("", `#### ${SECTION_TITLES[section]}`, "", ...header, ...mine.map((r) => r.text));
    else out.push("", `<details><summary>${SECTION_TITLES[section]} (${mine.length})</summary>`, "", ...header, ...mine.map((r) => r.text), "", "</details>");
  }
  return [...out, ...note].join("\n") + "\n";
}

/** Counts by change kind (its code) and verdict: the shape of a large diff at a glance. */
function summaryTable(report: DiffReport): string[] {
  const counts = new Map<string, Record<ChangeClass, number>>();
  for (const c of allChanges(report)) {
    const row = counts.get(c.code) ?? { breaking: 0, warning: 0, compatible: 0 };
    row[c.class]++;
    counts.set(c.code, row);
  }
  if (counts.size === 0 && report.disagreements.length === 0) return ["", "No changes to the generated surface."];
  const order = (r: Record<ChangeClass, number>) => CLASS_ORDER.findIndex((cls) => r[cls] > 0);
  const sorted = [...counts].sort((a, b) => order(a[1]) - order(b[1]) || total(b[1]) - total(a[1]) || cmp(a[0], b[0]));
  const cell = (n: number) => (n === 0 ? "" : String(n));
  const lines = ["", "| kind | breaking | warning | compatible |", "| --- | ---: | ---: | ---: |"];
  for (const [kind, r] of sorted) lines.push(`| ${kind} | ${cell(r.breaking)} | ${cell(r.warning)} | ${cell(r.compatible)} |`);
  const missed = report.summary.breaking - allChanges(report).filter((c) => c.class === "breaking").length;
  if (missed > 0) lines.push(`| types the checker rejects (no rule saw it) | ${missed} | | |`);
  return lines;
}

function total(r: Record<ChangeClass, number>): number {
  return r.breaking + r.warning + r.compatible;
}

function allChanges(report: DiffReport): Change[] {
  return [...report.api, ...report.operations.flatMap((o) => o.changes), ...report.types.flatMap((t) => t.changes)];
}

/** Every entry as a table row, in the order the cap gives up on them: compatible first, breaking last. */
function reportRows(report: DiffReport): Row[] {
  const entries: { where: string; change: Change }[] = [
    ...report.api.map((change) => ({ where: "API", change })),
    ...report.operations.flatMap((o) => o.changes.map((change) => ({ where: `operation ${code(o.operationId)}`, change }))),
    ...report.types.flatMap((t) => t.changes.map((change) => ({ where: `type ${code(t.type)}`, change }))),
  ];
  const row = (e: { where: string; change: Change }) => `| ${e.where} | ${md(e.change.message)} | ${e.change.location ? code(formatLocation(e.change.location)) : ""} |`;
  const of = (cls: ChangeClass) => entries.filter((e) => e.change.class === cls).map((e): Row => ({ section: cls, text: row(e) }));
  const disagreements = report.disagreements.map((d): Row => ({ section: "disagreement", text: `| ${code(d.type)} | ${d.direction} | ${d.spec} | ${d.checker} | ${md(d.detail)} |` }));
  return [...of("breaking"), ...disagreements, ...of("warning"), ...of("compatible")];
}

const OMITTED_LABELS: Record<Row["section"], string> = { breaking: "breaking", disagreement: "disagreements", warning: "warnings", compatible: "compatible" };

/** Past the cap: how many rows of each section were left out, and where the whole report is. (The summary table
 * and the heading are always kept, so a cap smaller than they are is exceeded by them.) */
function omittedNote(left: Row[], all: number, maxBytes: number): string[] {
  const counts = (["breaking", "disagreement", "warning", "compatible"] as const)
    .map((section) => [section, left.filter((r) => r.section === section).length] as const)
    .filter(([, n]) => n > 0)
    .map(([section, n]) => `${n} ${OMITTED_LABELS[section]}`);
  return [
    "",
    `> **${left.length} of ${all} entries left out** (${counts.join(", ")}) to keep this report under ${maxBytes.toLocaleString("en-US")} bytes, which fits a GitHub comment.`,
    "> The full report: `apigen diff … --format json > diff.json`, or `--format markdown --max-bytes 0 > diff.md` (the summary table above counts everything).",
  ];
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Spec text inside Markdown: HTML and Markdown punctuation become entities or backslash escapes, line breaks a
 * space, so a description cannot open a tag, a link, a code span or a new table row.
 */
export function md(value: string): string {
  // Backslash escapes first: the entities added after them hold a `#` that must stay as it is.
  return printable(value.replace(/\r\n?|\n|\u2028|\u2029/g, " "))
    .replace(/([\\*_[\]()#!~])/g, "\\$1")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    .replace(/\|/g, "&#124;").replace(/`/g, "&#96;");
}

/** A code span that no backtick in the value can close (backticks become entities, which code spans show raw: so
 * they are left out of spans instead, as `md` text). */
function code(value: string): string {
  return value.includes("`") || /[\r\n|]/.test(value) ? md(value) : `\`${printable(value)}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
