// The operations of a FastAPI app's OpenAPI document (GET /openapi.json, fetched in the same console run), as
// the console lists them: method, path template, summary, and a JSON body to start from when the body's
// schema is simple enough to fill in. The document is the learner's app's output: read defensively.
import { PROBE_METHODS, type ProbeMethod, type ProbeResponse } from "@/lib/runner/types";

export interface ConsoleOperation {
  method: ProbeMethod;
  /** The path template as the app declares it, e.g. /items/{item_id}. */
  path: string;
  summary: string;
  /** A JSON body skeleton (pretty-printed) when the operation takes a JSON object. */
  body?: string;
}

const MAX_OPERATIONS = 100;
const MAX_DEPTH = 4;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** #/components/schemas/Name, looked up in the document; undefined for anything else. */
function resolve(doc: Record<string, Json>, schema: Json, seen: Set<string>): Record<string, Json> | undefined {
  if (!isObject(schema)) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  if (!match || seen.has(match[1])) return undefined;
  seen.add(match[1]);
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  return resolve(doc, schemas[match[1]], seen);
}

/** A value of the schema's shape: its default or example, else an empty value of its type. */
function sample(doc: Record<string, Json>, raw: Json, depth: number, seen: Set<string>): Json {
  const schema = resolve(doc, raw, seen);
  if (!schema || depth > MAX_DEPTH) return null;
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ("example" in schema) return schema.example;
  // Optional[X] is anyOf [X, null]: take the first that is not null.
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = options.find((option) => !(isObject(option) && option.type === "null"));
      return first === undefined ? null : sample(doc, first, depth + 1, new Set(seen));
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case "string":
      return "";
    case "integer":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
      return schema.items === undefined ? [] : [sample(doc, schema.items, depth + 1, new Set(seen))];
    case "object":
    case undefined: {
      if (!isObject(schema.properties)) return {};
      return Object.fromEntries(
        Object.entries(schema.properties)
          .slice(0, 50)
          .map(([name, property]) => [name, sample(doc, property, depth + 1, new Set(seen))]),
      );
    }
    default:
      return null;
  }
}

/** The JSON body skeleton of an operation whose request body is a JSON object; undefined otherwise. */
function bodySkeleton(doc: Record<string, Json>, operation: Record<string, Json>): string | undefined {
  const requestBody = resolve(doc, operation.requestBody, new Set());
  const content = requestBody && isObject(requestBody.content) ? requestBody.content : undefined;
  const json = content && isObject(content["application/json"]) ? content["application/json"] : undefined;
  if (!json) return undefined;
  const value = sample(doc, json.schema, 0, new Set());
  return isObject(value) || Array.isArray(value) ? JSON.stringify(value, null, 2) : undefined;
}

/** The operations of the app's OpenAPI document; [] when there is none, or it is not readable JSON. */
export function operationsFrom(response: ProbeResponse | undefined): ConsoleOperation[] {
  if (!response || response.status !== 200 || response.encoding !== "text" || response.truncated) return [];
  let doc: Json;
  try {
    doc = JSON.parse(response.body);
  } catch {
    return [];
  }
  if (!isObject(doc) || !isObject(doc.paths)) return [];
  const operations: ConsoleOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/") || path.length > 2_000 || !isObject(item)) continue;
    for (const method of PROBE_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      const summary = typeof operation.summary === "string" ? operation.summary.slice(0, 200) : "";
      const body = bodySkeleton(doc, operation);
      operations.push({ method, path, summary, ...(body !== undefined && { body }) });
      if (operations.length >= MAX_OPERATIONS) return operations;
    }
  }
  return operations;
}
