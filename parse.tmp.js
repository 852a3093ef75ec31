const ts = require("typescript");
const fs = require("fs");
const files = process.argv.slice(2);
for (let r = 0; r < 2; r++) for (const f of files) {
  const text = fs.readFileSync(f, "utf8");
  let t = performance.now();
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const parse = performance.now() - t;
  t = performance.now();
  ts.bindSourceFile && 0;
  if (r) console.log(f.replace(/.*\//, "").padEnd(16), (text.length / 1e6).toFixed(2), "MB", text.split("\n").length, "lines parse", Math.round(parse), "ms", "jsdoc-ish lines", text.split("\n").filter((l) => /^\s*(\/\*\*|\*)/.test(l)).length);
}
