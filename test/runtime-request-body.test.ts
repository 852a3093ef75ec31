// Request bodies in the request direction (OAS 3.0 §4.7.24): the runtime checks a JSON body with the validator the
// client descriptor names for its media type, and refuses a body that sends a readOnly property (or lacks a
// writeOnly one the schema requires) before anything reaches the server — a real server on 127.0.0.1 counts.
import { miniSpec } from "./helpers";
import { closeServers, json, rejectionOf, rt, serve, useRuntimeTemplate } from "./runtime-harness";
import { loadValidators, render } from "./validators-harness";

useRuntimeTemplate();
afterEach(closeServers);

const MEDIA = "application/vnd.example.2024-01-01+json";
const spec = miniSpec({
  paths: {
    "/groups": {
      post: {
        operationId: "createGroup",
        tags: ["Groups"],
        requestBody: { required: true, content: { [MEDIA]: { schema: { $ref: "#/components/schemas/Group" } } } },
        responses: { "201": { description: "created", content: { [MEDIA]: { schema: { $ref: "#/components/schemas/Group" } } } } },
      },
    },
  },
  components: {
    schemas: {
      Group: {
        type: "object",
        required: ["id", "name", "secret"],
        properties: {
          id: { type: "string", readOnly: true },
          name: { type: "string", minLength: 1 },
          secret: { type: "string", writeOnly: true },
          owner: { $ref: "#/components/schemas/Owner" },
        },
      },
      Owner: { type: "object", properties: { id: { type: "string", readOnly: true }, email: { type: "string" } } },
    },
  },
});
const files = render(spec);
const validators = loadValidators(files.find((f) => f.path === "validators.ts")!.text);
const client = files.find((f) => f.path === "client.ts")!.text;
const requestValidatorName = new RegExp(`validate: \\{\\n\\s*"${MEDIA.replace(/[.+]/g, "\\$&")}": (\\w+),`).exec(client)?.[1] ?? "";

type RequestValidationError = Error & { issues: { path: string; keyword: string; message: string }[] };

const operation = () => ({
  operationId: "createGroup",
  method: "POST",
  path: "/groups",
  pathParams: [],
  queryParams: [],
  headerParams: [],
  accept: [{ mediaType: MEDIA, version: "2024-01-01" }],
  validateParams: (value: unknown) => ({ valid: true as const, value }),
  responses: { "201": { [MEDIA]: validators["validateGroup"]! } },
  authenticated: false,
  requestBody: { key: "body", required: true, contentTypes: [{ mediaType: MEDIA, version: "2024-01-01" }], validate: { [MEDIA]: validators[requestValidatorName]! } },
});

async function send(body: unknown) {
  const server = await serve((req, res) => json(res, 201, { ...(JSON.parse(req.body) as object), id: "g1" }, { "content-type": MEDIA }));
  const transport = rt.createTransport({ baseUrl: server.url }, { baseUrl: "https://unused.test", userAgent: "t" });
  return { server, result: transport.request(operation(), { body }) };
}

test("the client names a request-direction validator for the body", () => {
  expect(requestValidatorName).toBe("validateCreateGroupV20240101RequestBody");
});

test("a valid body is sent, and the answer (with its readOnly id) is accepted", async () => {
  const { server, result } = await send({ name: "g", secret: "s" });
  await expect(result).resolves.toMatchObject({ id: "g1", name: "g" });
  expect(server.requests).toHaveLength(1);
  expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: "g", secret: "s" });
});

test("a body with a readOnly property is refused before any request reaches the server", async () => {
  const { server, result } = await send({ id: "mine", name: "g", secret: "s", owner: { id: "o1" } });
  const err = (await rejectionOf(result)) as RequestValidationError;
  expect(err.name).toBe("RequestValidationError");
  expect(err.issues).toEqual([
    { path: "/body/id", keyword: "readOnly", message: "must not be sent: the property is readOnly" },
    { path: "/body/owner/id", keyword: "readOnly", message: "must not be sent: the property is readOnly" },
  ]);
  expect(server.requests).toHaveLength(0);
});

test("a body without a required writeOnly property is refused before anything is sent", async () => {
  const { server, result } = await send({ name: "g" });
  const err = (await rejectionOf(result)) as RequestValidationError;
  expect(err.issues).toEqual([{ path: "/body", keyword: "required", message: 'must have required property "secret"' }]);
  expect(server.requests).toHaveLength(0);
});

test("a body that breaks another keyword is refused too, with a pointer into the params object", async () => {
  const { server, result } = await send({ name: "", secret: "s" });
  const err = (await rejectionOf(result)) as RequestValidationError;
  expect(err.issues.map((i) => [i.path, i.keyword])).toEqual([["/body/name", "minLength"]]);
  expect(server.requests).toHaveLength(0);
});

test("the same schema as a response still requires the readOnly id and ignores the missing writeOnly secret", () => {
  expect(validators["validateGroup"]!({ name: "g" }).errors?.map((e) => e.message)).toEqual(['must have required property "id"']);
});
