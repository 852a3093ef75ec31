// The report in three forms: text for terminals (spec text made printable), Markdown for pull-request comments
// (spec text escaped so it can neither inject HTML nor break a table or a code span), JSON for tools (stable key
// order, deterministic lists: the report is built sorted).
import { formatLocation, printable } from "../diagnostics";
import type { Change } from "./changes";
import type { DiffReport } from "./index";

export type DiffFormat = "text" | "markdown" | "json";

export function formatReport(report: DiffReport, format: DiffFormat): string {
  if (format === "json") return JSON.stringify(report, null, 2) + "\n";
  return format === "markdown" ? markdown(report) : text(report);
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

function markdown(report: DiffReport): string {
  const s = report.summary;
  const out: string[] = [
    `### apigen diff: ${s.breaking > 0 ? "⚠️ " : ""}${md(summaryLine(report))}`,
    "",
    `${code(report.old)} → ${code(report.new)}; ${s.typesChecked} types checked by the TypeScript checker.`,
  ];
  const table = (title: string, rows: Change[]) => {
    out.push("", `#### ${title}`, "", "| class | change | where |", "| --- | --- | --- |");
    for (const c of rows) out.push(`| ${c.class} | ${cell(c.message)} | ${c.location ? code(formatLocation(c.location)) : ""} |`);
  };
  if (report.api.length > 0) table("API", report.api);
  for (const op of report.operations) table(`operation ${code(op.operationId)}`, op.changes);
  for (const t of report.types) table(`type ${code(t.type)}`, t.changes);
  if (report.disagreements.length > 0) {
    out.push("", "#### Spec rules and TypeScript checker disagree", "", "| type | direction | spec | checker | detail |", "| --- | --- | --- | --- | --- |");
    for (const d of report.disagreements) out.push(`| ${code(d.type)} | ${d.direction} | ${d.spec} | ${d.checker} | ${cell(d.detail)} |`);
  }
  return out.join("\n") + "\n";
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

function cell(value: string): string {
  return md(value);
}

/** A code span that no backtick in the value can close (backticks become entities, which code spans show raw: so
 * they are left out of spans instead, as `md` text). */
function code(value: string): string {
  return value.includes("`") || /[\r\n|]/.test(value) ? md(value) : `\`${printable(value)}\``;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
