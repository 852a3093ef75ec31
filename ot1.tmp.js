const yaml = require("js-yaml");
const doc = yaml.load(require("fs").readFileSync("test/fixtures/large/atlas-admin-v2.yaml", "utf8"), { schema: yaml.CORE_SCHEMA });
const { renderOpenApiTypes, loadOpenApiTypeScript } = require("./dist/render/openapi-types.js");
loadOpenApiTypeScript();
const m0 = process.memoryUsage().rss;
renderOpenApiTypes(doc, "a.yaml", { owned: true });
console.log("rss before", Math.round(m0 / 2**20), "max", Math.round(process.resourceUsage().maxRSS / 1024));
