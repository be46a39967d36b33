/**
 * Validates requests and responses of the fake against GitHub's OpenAPI description with Ajv.
 *
 * Validators are compiled lazily, once per operation and status, and shared by every fake in the
 * process (the components registry is large; compiling `pull-request` takes ~100 ms). Ajv runs
 * non-strict (the description carries `example`, `x-github` and other annotations) with `allErrors`,
 * and formats are checked in ajv-formats' "fast" mode; format errors are listed after structural
 * errors so a loose date or URI never hides a missing field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { COMPONENTS_ID, loadOpenApi, type JsonSchema, type OpenApiOperation } from "./openapi-document.js";

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv, options: { mode: "fast" }) => Ajv;

/** At most this many Ajv errors are kept per failed validation. */
const MAX_ERRORS = 12;

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, validateFormats: true });
    addFormats(ajv, { mode: "fast" });
    // Formats GitHub uses that carry no checkable syntax for us.
    for (const name of ["repo.nwo", "timestamp", "binary"]) ajv.addFormat(name, true);
    ajv.addSchema({ components: loadOpenApi().components }, COMPONENTS_ID);
  }
  return ajv;
}

function validatorFor(key: string, build: () => JsonSchema): ValidateFunction {
  let fn = cache.get(key);
  if (!fn) {
    fn = instance().compile(build());
    cache.set(key, fn);
  }
  return fn;
}

/** Turns Ajv errors into readable lines, structural errors first. */
function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const list = [...(errors ?? [])];
  list.sort((a, b) => Number(a.keyword === "format") - Number(b.keyword === "format"));
  const lines = list.slice(0, MAX_ERRORS).map((e) => {
    const where = e.instancePath === "" ? "(root)" : e.instancePath;
    const extra =
      e.keyword === "additionalProperties"
        ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'`
        : "";
    const allowed =
      e.keyword === "enum" ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : "";
    return `${where} ${e.message ?? e.keyword}${extra}${allowed} [${e.schemaPath}]`;
  });
  if (list.length > MAX_ERRORS) lines.push(`... and ${list.length - MAX_ERRORS} more`);
  return lines;
}

function run(fn: ValidateFunction, data: unknown): string[] {
  return fn(data) ? [] : describeErrors(fn.errors);
}

/** Converts a query or path value to the type its parameter schema declares, as GitHub does. */
function coerce(value: string, schema: JsonSchema): unknown {
  const types = ([] as unknown[]).concat(schema["type"] ?? []);
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/**
 * Checks path and query parameters: declared types and enums, required ones present, and no query
 * parameter the operation does not declare (a typo in a client would otherwise pass silently).
 */
export function validateParameters(
  op: OpenApiOperation,
  path: Record<string, string>,
  query: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(query)) {
    if (!op.parameters.some((p) => p.in === "query" && p.name === name))
      problems.push(`query parameter '${name}' is not declared by ${op.operationId}`);
  }
  for (const p of op.parameters) {
    if (p.in !== "path" && p.in !== "query") continue;
    const raw = p.in === "path" ? path[p.name] : query[p.name];
    if (raw === undefined) {
      if (p.required) problems.push(`${p.in} parameter '${p.name}' is required`);
      continue;
    }
    const fn = validatorFor(`${op.operationId} param ${p.in}:${p.name}`, () => p.schema);
    problems.push(...run(fn, coerce(raw, p.schema)).map((line) => `${p.in} parameter '${p.name}': ${line}`));
  }
  return problems;
}

/** Checks a parsed JSON request body (`undefined` when the request had none). */
export function validateRequestBody(op: OpenApiOperation, body: unknown): string[] {
  if (!op.requestBody) return body === undefined ? [] : [`${op.operationId} takes no request body`];
  if (body === undefined) return op.requestBody.required ? ["request body is required"] : [];
  const schema = op.requestBody.schema;
  return run(
    validatorFor(`${op.operationId} request`, () => schema),
    body,
  );
}

/**
 * Checks a response body against the schema documented for its status. An undocumented success
 * status is itself a violation; an undocumented error status (GitHub answers 404 or 422 on nearly
 * every route, documented or not) only has to look like GitHub's basic error.
 */
export function validateResponse(op: OpenApiOperation, status: number, body: unknown): string[] {
  const documented = op.responses[String(status)] ?? op.responses["default"];
  if (!documented && status < 400) return [`status ${status} is not documented for ${op.operationId}`];
  if (!documented?.schema && status >= 400) {
    const basic = validatorFor("basic-error", () => ({
      $ref: `${COMPONENTS_ID}#/components/schemas/basic-error`,
      required: ["message"],
    }));
    return run(basic, body);
  }
  if (!documented?.schema)
    return body === undefined ? [] : [`status ${status} of ${op.operationId} has no body, but one was sent`];
  // Error alternatives such as oneOf(basic-error, repository-rule-violation-error) have no required
  // fields, so any error body matches both and a strict oneOf can never pass: accept any of them.
  const schema =
    status >= 400 && Array.isArray(documented.schema["oneOf"])
      ? { anyOf: documented.schema["oneOf"] }
      : documented.schema;
  return run(
    validatorFor(`${op.operationId} response ${status}`, () => schema),
    body,
  );
}
