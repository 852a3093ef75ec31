// Pagination, inferred from an operation's shape (the rule, documented in the README): only a shape that
// leaves no doubt gets page iterators; anything unclear gets none, never a guess.
//
// - page:   an integer query parameter `pageNum`/`page`/`page_number`/`pageNumber`, and a success body that is an
//           array or an object with one array property (`results`, `items`, `data`, `values`, `records`);
//           Atlas's `pageNum` + `itemsPerPage` + `{ results, totalCount }`. Stops on an empty or short page, or
//           when `totalCount`/`total`/`total_count` items have been seen.
// - link:   a success response that declares a `Link` header (RFC 8288, GitHub): the `rel="next"` URL's query is
//           sent as the next request's parameters.
// - cursor: a string query parameter `starting_after`/`after`/`cursor`/`page_token`/`pageToken`/`next_token`/
//           `nextToken`, an object body with one of the array properties above, and either a next-cursor string
//           property (`next_cursor`, `nextCursor`, `next_page_token`, `nextPageToken`) or, for `starting_after`
//           (Stripe), a `has_more` boolean and items with an `id`.
import type { OperationModel, PaginationModel, PropertyModel, SchemaDeclaration, SchemaModel } from "./types";

const PAGE_PARAMS = ["pageNum", "page", "page_number", "pageNumber"];
const SIZE_PARAMS = ["itemsPerPage", "per_page", "pageSize", "page_size", "limit"];
const CURSOR_PARAMS = ["starting_after", "after", "cursor", "page_token", "pageToken", "next_token", "nextToken"];
const ITEM_PROPERTIES = ["results", "items", "data", "values", "records"];
const TOTAL_PROPERTIES = ["totalCount", "total", "total_count"];
const NEXT_CURSOR_PROPERTIES = ["next_cursor", "nextCursor", "next_page_token", "nextPageToken"];

export function paginationOf(op: OperationModel, schemas: ReadonlyMap<string, SchemaDeclaration>): PaginationModel | undefined {
  if (op.method !== "get") return undefined;
  const success = op.successResponses.filter((r) => r.content.some((m) => m.kind === "json"));
  if (success.length !== 1) return undefined; // one shape of page, or no iterator
  const response = success[0] as (typeof success)[number];
  const body = resolve(response.content.find((m) => m.kind === "json")?.schema, schemas);
  if (!body) return undefined;
  const query = (names: string[], type: "integer" | "string") =>
    op.parameters.query.find((p) => names.includes(p.name) && resolve(p.schema, schemas)?.types?.some((t) => t === type || (type === "integer" && t === "number")));
  const arrayBody = isArray(body);
  const items = arrayBody ? undefined : arrayProperty(body, schemas);
  if (!arrayBody && !items) return undefined;

  if (response.headers.some((h) => h.name.toLowerCase() === "link")) return { style: "link", ...(items ? { items: items.name } : {}) };

  const page = query(PAGE_PARAMS, "integer");
  if (page) {
    const size = query(SIZE_PARAMS, "integer");
    const total = arrayBody ? undefined : property(body, TOTAL_PROPERTIES, schemas, "integer");
    return { style: "page", pageParam: page.key, ...(size ? { sizeParam: size.key } : {}), ...(items ? { items: items.name } : {}), ...(total ? { total: total.name } : {}) };
  }

  const cursor = query(CURSOR_PARAMS, "string");
  if (cursor && items) {
    const next = property(body, NEXT_CURSOR_PROPERTIES, schemas, "string");
    if (next) return { style: "cursor", cursorParam: cursor.key, items: items.name, nextCursor: next.name };
    const hasMore = property(body, ["has_more", "hasMore"], schemas, "boolean");
    const item = resolve(resolve(items.schema, schemas)?.items, schemas);
    const id = item ? property(item, ["id"], schemas, "string") : undefined;
    if (cursor.name === "starting_after" && hasMore && id) return { style: "cursor", cursorParam: cursor.key, items: items.name, hasMore: hasMore.name, cursorFromItem: id.name };
  }
  return undefined;
}

/** A schema with its reference followed (once per level: components refer to components). */
function resolve(schema: SchemaModel | undefined, schemas: ReadonlyMap<string, SchemaDeclaration>): SchemaModel | undefined {
  let current = schema;
  for (let depth = 0; current?.ref && depth < 8; depth++) current = schemas.get(current.ref.name)?.schema;
  return current;
}

function isArray(schema: SchemaModel): boolean {
  return schema.types?.length === 1 && schema.types[0] === "array";
}

/** The one array property among the usual item names; two of them would be a guess. */
function arrayProperty(schema: SchemaModel, schemas: ReadonlyMap<string, SchemaDeclaration>): PropertyModel | undefined {
  const candidates = (schema.properties ?? []).filter((p) => ITEM_PROPERTIES.includes(p.name) && isArrayLike(p.schema, schemas));
  return candidates.length === 1 ? candidates[0] : undefined;
}

function isArrayLike(schema: SchemaModel, schemas: ReadonlyMap<string, SchemaDeclaration>): boolean {
  const resolved = resolve(schema, schemas);
  return resolved !== undefined && isArray(resolved);
}

function property(schema: SchemaModel, names: string[], schemas: ReadonlyMap<string, SchemaDeclaration>, type: string): PropertyModel | undefined {
  return (schema.properties ?? []).find((p) => names.includes(p.name) && (resolve(p.schema, schemas)?.types ?? []).some((t) => t === type || (type === "integer" && t === "number")));
}
