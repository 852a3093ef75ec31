const D = "/work/wt-speed14/dist/";
const yaml = require("yaml");
const orig = yaml.parseDocument;
const sizes = [];
yaml.parseDocument = function (text, ...rest) { sizes.push(text.length); return orig.call(this, text, ...rest); };
const { readFileSync } = require("fs");
const { resolveContext } = require(D + "context.js");
const load = require(D + "load/index.js");
const { buildModel } = require(D + "model/index.js");
(async () => {
  const text = readFileSync("test/fixtures/large/atlas-admin-v2.yaml", "utf8");
  const ctx = resolveContext({ spec: "test/fixtures/large/atlas-admin-v2.yaml", out: "/tmp/speed14/x", cache: false });
  let t = performance.now();
  const spec = await load.loadSpec(ctx, { text });
  console.log("load", Math.round(performance.now() - t), "parses", sizes.length, sizes.reduce((a, b) => a + b, 0));
  sizes.length = 0; t = performance.now();
  const { warnings } = buildModel(spec);
  console.log("model", Math.round(performance.now() - t), "parses", sizes.length, sizes.reduce((a, b) => a + b, 0), sizes.sort((a,b)=>b-a).slice(0,10));
})();
