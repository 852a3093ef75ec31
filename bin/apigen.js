#!/usr/bin/env node
"use strict";
// Thin launcher: the generator is compiled to dist/ by `npm install` (the "prepare" script) or `make build`.
// dist/cli/launch.js decides which thread runs the command (see there).
let cli;
try {
  cli = require("../dist/cli/launch.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND") {
    process.stderr.write("error APIGEN_NOT_BUILT: apigen is not built\n  hint: run `make build` (or `npm install`) in the apigen folder\n");
    process.exit(1);
  }
  throw error;
}
// A dependency that rejects outside our promise chain must still end as a diagnostic, not a stack trace.
process.on("unhandledRejection", (reason) => {
  process.stderr.write(cli.internalErrorText(reason));
  process.exit(1);
});
cli.launch(process.argv.slice(2));
