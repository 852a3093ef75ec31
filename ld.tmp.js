const D = "/work/wt-speed14/dist/";
const { readFileSync } = require("fs");
const { resolveContext } = require(D + "context.js");
const load = require(D + "load/index.js");
const { buildModel } = require(D + "model/index.js");
(async () => {
  const text = readFileSync("test/fixtures/large/atlas-admin-v2.yaml", "utf8");
  const ctx = resolveContext({ spec: "test/fixtures/large/atlas-admin-v2.yaml", out: "/tmp/speed14/x", cache: false });
  for (let i = 0; i < 3; i++) {
    let c = process.cpuUsage();
    const spec = await load.loadSpec(ctx, { text });
    const l = process.cpuUsage(c); c = process.cpuUsage();
    buildModel(spec);
    const m = process.cpuUsage(c);
    console.log("load cpu", Math.round((l.user + l.system) / 1000), "model cpu", Math.round((m.user + m.system) / 1000));
  }
})();
