// A misspelt command or flag names the nearest known one, as misspelt config keys do.
import { closest } from "../config/closest";

/** `unknown option "--sepc" (did you mean --spec?)`: the nearest known name, as misspelt config keys get. */
export function unknownName(what: string, given: string, known: readonly string[], context = ""): string {
  const near = closest(given, [...known]);
  return `unknown ${what} "${given}"${context}${near !== undefined ? ` (did you mean ${near}?)` : ""}`;
}
