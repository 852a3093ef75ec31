// The one message for a bug in apigen, wherever it is caught (a stage, the generate thread, the launcher): no stack
// trace unless --debug asks for it.

/** `error APIGEN_INTERNAL: …` and its hint, as printed on stderr. */
export function internalErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `error APIGEN_INTERNAL: ${message}\n  hint: this is a bug in apigen; run again with --debug and report the output\n`;
}
