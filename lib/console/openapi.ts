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
/** Schema nodes visited for the whole document: a small document can describe an exponential tree. */
const NODE_BUDGET = 2_000;
/** The largest default or example taken as is, and the largest skeleton kept (JSON characters). */
const MAX_VALUE = 1_000;
const MAX_SKELETON = 8_000;
/** All skeletons together. */
const MAX_BODIES = 64_000;

/** What a document's sampling may still spend. */
interface Budget {
  nodes: number;
}

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

/** value when its JSON is small (and it has one: a deeply nested value throws), else undefined. */
function small(value: Json): Json | undefined {
  try {
    const text = JSON.stringify(value);
    return text !== undefined && text.length <= MAX_VALUE ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A value of the schema's shape: its default or example, else an empty value of its type. */
function sample(doc: Record<string, Json>, raw: Json, depth: number, seen: Set<string>, budget: Budget): Json {
  if (--budget.nodes < 0 || depth > MAX_DEPTH) return null;
  const schema = resolve(doc, raw, seen);
  if (!schema) return null;
  const given = [schema.default, Array.isArray(schema.examples) ? schema.examples[0] : undefined, schema.example]
    .map((value) => (value === undefined ? undefined : small(value)))
    .find((value) => value !== undefined);
  if (given !== undefined) return given;
  // Optional[X] is anyOf [X, null]: take the first that is not null.
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const first = options.find((option) => !(isObject(option) && option.type === "null"));
      return first === undefined ? null : sample(doc, first, depth + 1, new Set(seen), budget);
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
      return schema.items === undefined ? [] : [sample(doc, schema.items, depth + 1, new Set(seen), budget)];
    case "object":
    case undefined: {
      if (!isObject(schema.properties)) return {};
      return Object.fromEntries(
        Object.entries(schema.properties)
          .slice(0, 50)
          .map(([name, property]) => [name, sample(doc, property, depth + 1, new Set(seen), budget)]),
      );
    }
    default:
      return null;
  }
}

/** The JSON body skeleton of an operation whose request body is a JSON object; undefined otherwise. */
function bodySkeleton(doc: Record<string, Json>, operation: Record<string, Json>, budget: Budget): string | undefined {
  const requestBody = resolve(doc, operation.requestBody, new Set());
  const content = requestBody && isObject(requestBody.content) ? requestBody.content : undefined;
  const json = content && isObject(content["application/json"]) ? content["application/json"] : undefined;
  if (!json) return undefined;
  const value = sample(doc, json.schema, 0, new Set(), budget);
  if (!isObject(value) && !Array.isArray(value)) return undefined;
  const text = JSON.stringify(value, null, 2);
  return text.length <= MAX_SKELETON ? text : undefined;
}

/**
 * The operations of the app's OpenAPI document; [] when there is none, or it is not readable JSON. The work
 * is bounded whatever the document (NODE_BUDGET, size caps), since it runs in the web server, not the sandbox.
 */
export function operationsFrom(response: ProbeResponse | undefined): ConsoleOperation[] {
  if (!response || response.status !== 200 || response.encoding !== "text" || response.truncated) return [];
  try {
    return operationsOf(JSON.parse(response.body));
  } catch {
    return [];
  }
}

function operationsOf(doc: Json): ConsoleOperation[] {
  if (!isObject(doc) || !isObject(doc.paths)) return [];
  const budget: Budget = { nodes: NODE_BUDGET };
  let bodies = 0;
  const operations: ConsoleOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/") || path.length > 2_000 || !isObject(item)) continue;
    for (const method of PROBE_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!isObject(operation)) continue;
      const summary = typeof operation.summary === "string" ? operation.summary.slice(0, 200) : "";
      let body = bodySkeleton(doc, operation, budget);
      if (body !== undefined && (bodies += body.length) > MAX_BODIES) body = undefined;
      operations.push({ method, path, summary, ...(body !== undefined && { body }) });
      if (operations.length >= MAX_OPERATIONS) return operations;
    }
  }
  return operations;
}
