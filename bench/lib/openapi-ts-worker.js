"use strict";
// The peer for bench/openapi-types.bench.js: openapi-typescript's own API on the same document, as its users call it
// (`openapiTS(document, options)`, then `astToString`), answering the same request shape as apigen's worker.
const { parentPort } = require("node:worker_threads");
const { default: openapiTS, astToString } = require("openapi-typescript");
const OPTIONS = { alphabetize: true, silent: true }; // apigen's (generator/render/openapi-types.ts)

parentPort.on("message", (request) => {
  const document = request.json !== undefined ? JSON.parse(request.json) : request.document;
  openapiTS(document, OPTIONS).then(
    (nodes) => parentPort.postMessage({ id: request.id, ok: true, text: astToString(nodes) }),
    (error) => parentPort.postMessage({ id: request.id, ok: false, message: String(error && error.message) }),
  );
});
