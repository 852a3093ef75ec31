const yaml = require("js-yaml");
const doc = yaml.load(require("fs").readFileSync("test/fixtures/large/atlas-admin-v2.yaml", "utf8"), { schema: yaml.CORE_SCHEMA });
const { renderOpenApiTypes, loadOpenApiTypeScript } = require("./dist/render/openapi-types.js");
loadOpenApiTypeScript();
for (let i = 0; i < 3; i++) { const c = process.cpuUsage(); renderOpenApiTypes(doc, "a.yaml"); const u = process.cpuUsage(c); console.log("cpu", Math.round((u.user + u.system) / 1000)); }
