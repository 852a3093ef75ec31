"use strict";
// Small statistics and a plain-text table printer shared by the benchmarks.

function sorted(values) {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

function median(values) {
  const s = sorted(values);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function min(values) {
  const s = sorted(values);
  return s.length ? s[0] : NaN;
}

function max(values) {
  const s = sorted(values);
  return s.length ? s[s.length - 1] : NaN;
}

function fixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}

/** "median (min–max)" */
function spread(values, digits) {
  if (sorted(values).length === 0) return "-";
  return `${fixed(median(values), digits)} (${fixed(min(values), digits)}–${fixed(max(values), digits)})`;
}

/** Renders rows (arrays of strings) under a header as a left-aligned, space-padded table. */
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

module.exports = { median, min, max, fixed, spread, table };
