#!/usr/bin/env node
"use strict";
// Thin launcher: the generator is compiled to dist/ by `npm install` (the "prepare" script).
const { main } = require("../dist/cli/main.js");
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
