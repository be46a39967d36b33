/**
 * GitHub's published OpenAPI description (`@octokit/openapi`, api.github.com flavour), loaded once per
 * process and rewritten so Ajv can compile it:
 *
 * - OpenAPI 3.0 `nullable: true` becomes a JSON Schema type array (`["string", "null"]`, with `null`
 *   added to any `enum`) or, when the schema is a `$ref` or a combinator, `anyOf: [schema, {type: "null"}]`;
 * - every `$ref` into `#/components/...` is pointed at the schema registered under {@link COMPONENTS_ID},
 *   so an operation's inline schema and the shared components resolve against one Ajv registry;
 * - parameter and response `$ref`s are resolved here, so callers see plain operations.
 *
 * The file is ~13 MB; parsing and converting it takes a few hundred milliseconds, paid once.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** Key under which the converted `components` object is registered with Ajv. */
export const COMPONENTS_ID = "github-openapi";

/** A JSON Schema fragment from the description (after conversion). */
export type JsonSchema = Record<string, unknown>;

/** One path or query parameter of an operation. */
interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
  /** Octokit's marker for path parameters that may contain `/` (refs, branch names). */
  multiSegment: boolean;
}

/** One operation (method + path template) with the schemas a request and its responses must match. */
export interface OpenApiOperation {
  /** GitHub's id, `issues/create`: the key the fake's handlers are registered under. */
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template as published, `/repos/{owner}/{repo}/issues`. */
  template: string;
  parameters: OpenApiParameter[];
  /** Present when the operation accepts a JSON body. */
  requestBody?: { required: boolean; schema: JsonSchema };
  /** By status code (`"200"`, `"default"`); `schema` is absent for bodiless responses such as 204. */
  responses: Record<string, { schema?: JsonSchema }>;
}

export interface OpenApiDocument {
  /** The converted `components` object, to register with Ajv under {@link COMPONENTS_ID}. */
  components: Record<string, unknown>;
  operations: OpenApiOperation[];
}

const METHODS = ["get", "put", "post", "patch", "delete", "head", "options"] as const;

let cached: OpenApiDocument | undefined;

/** Parses and converts the description on first call; later calls return the same object. */
export function loadOpenApi(): OpenApiDocument {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    cached = buildDocument(JSON.parse(readFileSync(file, "utf8")) as RawSpec);
  }
  return cached;
}

interface RawSpec {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

function buildDocument(raw: RawSpec): OpenApiDocument {
  // Examples are free-form data, not schemas: leave them out of the conversion and of Ajv.
  const { examples: _examples, ...schemaParts } = raw.components;
  const components = convertSchema(schemaParts) as Record<string, Record<string, unknown>>;
  const operations: OpenApiOperation[] = [];
  for (const [template, item] of Object.entries(raw.paths)) {
    const shared = asArray(item["parameters"]);
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      operations.push({
        operationId: String(op["operationId"]),
        method: method.toUpperCase(),
        template,
        parameters: [...shared, ...asArray(op["parameters"])].map((p) => toParameter(resolveRaw(raw, p))),
        ...requestBodyOf(op),
        responses: responsesOf(raw, op),
      });
    }
  }
  return { components, operations };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Follows `$ref`s inside the raw (unconverted) description. */
function resolveRaw(raw: RawSpec, node: unknown): Record<string, unknown> {
  let current = node as Record<string, unknown>;
  for (let depth = 0; typeof current["$ref"] === "string" && depth < 10; depth++) {
    const parts = (current["$ref"] as string).replace(/^#\//, "").split("/");
    let target: unknown = raw;
    for (const part of parts) target = (target as Record<string, unknown>)[part];
    current = target as Record<string, unknown>;
  }
  return current;
}

function toParameter(p: Record<string, unknown>): OpenApiParameter {
  return {
    name: String(p["name"]),
    in: p["in"] as OpenApiParameter["in"],
    required: p["required"] === true,
    schema: convertSchema(p["schema"] ?? {}) as JsonSchema,
    multiSegment: p["x-multi-segment"] === true,
  };
}

function jsonSchemaOf(content: unknown): JsonSchema | undefined {
  if (!content || typeof content !== "object") return undefined;
  const entries = Object.entries(content as Record<string, { schema?: unknown }>);
  const json = entries.find(([type]) => type === "application/json") ?? entries.find(([type]) => /json/.test(type));
  return json?.[1].schema === undefined ? undefined : (convertSchema(json[1].schema) as JsonSchema);
}

function requestBodyOf(op: Record<string, unknown>): Pick<OpenApiOperation, "requestBody"> {
  const body = op["requestBody"] as { required?: boolean; content?: unknown } | undefined;
  const schema = jsonSchemaOf(body?.content);
  return schema ? { requestBody: { required: body?.required === true, schema } } : {};
}

function responsesOf(raw: RawSpec, op: Record<string, unknown>): OpenApiOperation["responses"] {
  const out: OpenApiOperation["responses"] = {};
  for (const [status, response] of Object.entries((op["responses"] ?? {}) as Record<string, unknown>)) {
    const schema = jsonSchemaOf(resolveRaw(raw, response)["content"]);
    out[status] = schema ? { schema } : {};
  }
  return out;
}

/**
 * Rewrites one OpenAPI 3.0 schema (recursively) into JSON Schema that Ajv understands. Exported for
 * tests; pure.
 */
export function convertSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
      out[key] = `${COMPONENTS_ID}${value}`;
    } else if (!(key === "nullable" && typeof value === "boolean")) {
      out[key] = convertSchema(value);
    }
  }
  if ((node as Record<string, unknown>)["nullable"] !== true) return out;
  const combined = "$ref" in out || "allOf" in out || "oneOf" in out || "anyOf" in out;
  if (typeof out["type"] === "string" && !combined) {
    out["type"] = [out["type"], "null"];
    if (Array.isArray(out["enum"]) && !out["enum"].includes(null)) out["enum"] = [...out["enum"], null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}
