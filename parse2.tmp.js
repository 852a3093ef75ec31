const ts = require("typescript");
const fs = require("fs");
const text = fs.readFileSync("/tmp/speed14/out/validators.ts", "utf8");
const lines = text.split("\n");
const n = lines.length;
const parse = (t) => { const s = performance.now(); ts.createSourceFile("x.ts", t, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS); return Math.round(performance.now() - s); };
parse(text); parse(text);
for (let k = 0; k < 8; k++) {
  const part = lines.slice(Math.floor(k * n / 8), Math.floor((k + 1) * n / 8)).join("\n");
  console.log(k, part.length, parse(part), parse(part));
}
console.log("full", parse(text), parse(text));
