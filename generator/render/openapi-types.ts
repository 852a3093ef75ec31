// openapi.ts: the `paths`/`components`/`operations` declarations by openapi-typescript, so the output also
// works with openapi-fetch. It reads the bundled document; a copy, because it annotates what it reads.
import openapiTS, { astToString } from "openapi-typescript";
import { fail } from "../diagnostics";
import type { OpenApiDocument } from "../load";

export async function renderOpenApiTypes(document: OpenApiDocument, specFile: string): Promise<string> {
  try {
    const nodes = await openapiTS(structuredClone(document) as never, { alphabetize: true, silent: true });
    return astToString(nodes);
  } catch (error) {
    return fail("APIGEN_RENDER_OPENAPI_TS", `openapi-typescript cannot render openapi.ts: ${(error as Error).message}`, { file: specFile },
      "fix the spec at the place named; openapi-typescript lints the document with Redocly's rules");
  }
}
