// Shared test helpers: temporary folders and small specs built in code (one concern per test).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";

export const ROOT = join(__dirname, "..");

export function tempDir(prefix = "apigen-test-"): { path: string; write(rel: string, text: string): string; cleanup(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(rel, text) {
      const file = join(path, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A minimal valid OpenAPI 3.0 document with one operation; `patch` adds or replaces top-level parts. */
export function miniSpec(patch: Record<string, unknown> = {}, version = "3.0.3"): Record<string, unknown> {
  return {
    openapi: version,
    info: { title: "Mini", version: "1.0" },
    servers: [{ url: "https://api.example.test" }],
    paths: {
      "/pets/{petId}": {
        get: {
          operationId: "getPet",
          tags: ["Pets"],
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9]+$" } }],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: { type: "object", required: ["id"], properties: { id: { type: "integer" }, name: { type: "string" } } },
      },
    },
    ...patch,
  };
}

export function toYaml(doc: unknown): string {
  return stringify(doc);
}
