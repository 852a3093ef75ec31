// openapi.ts: the `paths`/`components`/`operations` declarations by openapi-typescript, so the output also
// works with openapi-fetch. It reads the bundled document; a copy, because it annotates what it reads.
import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "../load";

export async function renderOpenApiTypes(document: OpenApiDocument): Promise<string> {
  const nodes = await openapiTS(structuredClone(document) as never, { alphabetize: true, silent: true });
  return astToString(nodes);
}
