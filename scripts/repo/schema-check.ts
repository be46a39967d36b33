/**
 * Runs the generated (standalone, ahead-of-time compiled) Ajv validators and turns their errors into
 * sentences with data paths. Positions are added by the caller, which has the YAML source.
 */
import type { FileKind } from "../core/model/index.js";
import * as validators from "./generated/validators.js";

export interface SchemaError {
  /** Data path of the value the message is about. */
  path: (string | number)[];
  /** True when the position should be the key itself (unknown fields). */
  atKey: boolean;
  message: string;
}

interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Validates `data` against the schema of `kind`; an empty list means valid. */
export function checkSchema(kind: FileKind, data: unknown): SchemaError[] {
  const validate = validators[kind] as unknown as ((d: unknown) => boolean) & { errors?: AjvError[] | null };
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  // anyOf failures also report every branch's error at the same path; one sentence is enough.
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  // An enum says more than the type check that fails with it (null where P1-P5 belong).
  const enumPaths = new Set(errors.filter((e) => e.keyword === "enum").map((e) => e.instancePath));
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== "anyOf" && anyOfPaths.has(e.instancePath)) continue;
    if (e.keyword === "type" && enumPaths.has(e.instancePath)) continue;
    const err = describe(e, data);
    const key = `${err.path.join("/")}|${err.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(err);
  }
  return out;
}

function parsePointer(p: string): (string | number)[] {
  if (!p) return [];
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const seg of path) v = v && typeof v === "object" ? (v as Record<string, unknown>)[seg as string] : undefined;
  return v;
}

function show(v: unknown): string {
  if (v === null) return "null";
  // A !!timestamp tag turns text into a Date; YAML's .inf and .nan are numbers JSON cannot write.
  if (v instanceof Date)
    return `a YAML timestamp (${Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()}); write the value without the tag`;
  if (typeof v === "number" && !Number.isFinite(v))
    return Number.isNaN(v) ? "the YAML value .nan (not a number)" : `the YAML value ${v > 0 ? "" : "-"}.inf (infinity)`;
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + "..." : s;
}

function name(path: (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return "The document";
  if (typeof last === "number") {
    const parent = path[path.length - 2];
    return parent === undefined ? `Item ${last + 1}` : `Item ${last + 1} of "${parent}"`;
  }
  return `"${last}"`;
}

/** What the shared definitions in common.schema.json mean, for pattern and format failures. */
const DEF_MEANING: Record<string, string> = {
  login: "a GitHub login (letters, digits and single dashes, at most 39 characters)",
  timezone: "an IANA time zone name such as Europe/Berlin",
  region: "a holiday region such as US-NY or DE (ISO 3166 country, optional subdivision), or none",
  layerName: "a layer name in lower case with dashes, such as rot-a",
  service: "a service name in lower case with dashes",
  slug: "a lower-case, dash-separated identifier",
  url: "an absolute http(s) URL",
  date: "a date written YYYY-MM-DD",
  instant: "an instant with seconds and an offset, such as 2026-12-07T11:00:00-05:00",
  time: "a time written HH:MM (24-hour)",
  monthDay: "a day of the year written MM-DD",
};

const ANY_OF_MEANING: Record<string, string> = {
  login: "a GitHub login, or null for an unfilled shift",
  severity: "one of P1, P2, P3, P4, P5, or null when not yet known",
  targetMinutes: "a whole number of minutes, or null",
};

function defName(schemaPath: string): string | undefined {
  return /\$defs\/([A-Za-z]+)\/(?:pattern|format|type)$/.exec(schemaPath)?.[1];
}

function describe(e: AjvError, data: unknown): SchemaError {
  const path = parsePointer(e.instancePath);
  const value = valueAt(data, path);
  const p = e.params;
  switch (e.keyword) {
    case "required":
      return {
        path,
        atKey: false,
        message: `${path.length ? name(path) : "The document"} is missing the required field "${String(p.missingProperty)}".`,
      };
    case "additionalProperties":
      return {
        path: [...path, String(p.additionalProperty)],
        atKey: true,
        message: `Unknown field "${String(p.additionalProperty)}"${path.length ? ` in ${name(path)}` : ""}; check its spelling against the schema.`,
      };
    case "type": {
      const def = defName(e.schemaPath);
      const expected = def && DEF_MEANING[def] ? DEF_MEANING[def] : article(String(p.type));
      return { path, atKey: false, message: `${name(path)} must be ${expected}, not ${show(value)}.` };
    }
    case "pattern":
    case "format": {
      const def = defName(e.schemaPath);
      const meaning =
        (def && DEF_MEANING[def]) ??
        (e.keyword === "format" ? `a valid ${String(p.format)}` : `text matching ${String(p.pattern)}`);
      return { path, atKey: false, message: `${name(path)} must be ${meaning}; ${show(value)} is not.` };
    }
    case "enum":
      return {
        path,
        atKey: false,
        message: `${name(path)} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}; ${show(value)} is not.`,
      };
    case "anyOf": {
      const last = path[path.length - 1];
      const meaning = (typeof last === "string" && ANY_OF_MEANING[last]) || "of an allowed form";
      return { path, atKey: false, message: `${name(path)} must be ${meaning}; ${show(value)} is not.` };
    }
    case "uniqueItems":
      return {
        path: [...path, Number(p.i)],
        atKey: false,
        message: `${name(path)} lists ${show((value as unknown[])[Number(p.i)])} twice (items ${Number(p.j) + 1} and ${Number(p.i) + 1}).`,
      };
    case "minItems":
      return {
        path,
        atKey: false,
        message: `${name(path)} needs at least ${String(p.limit)} item${p.limit === 1 ? "" : "s"}.`,
      };
    case "maxItems":
      return { path, atKey: false, message: `${name(path)} may have at most ${String(p.limit)} items.` };
    case "minLength":
      return {
        path,
        atKey: false,
        message:
          p.limit === 1
            ? `${name(path)} must not be empty.`
            : `${name(path)} must be at least ${String(p.limit)} characters long.`,
      };
    case "maxLength":
      return { path, atKey: false, message: `${name(path)} must be at most ${String(p.limit)} characters long.` };
    case "minimum":
    case "maximum":
      return {
        path,
        atKey: false,
        message: `${name(path)} must be ${e.keyword === "minimum" ? "at least" : "at most"} ${String(p.limit)}, not ${show(value)}.`,
      };
    default:
      return { path, atKey: false, message: `${name(path)} ${e.message ?? "is invalid"}.` };
  }
}

function article(type: string): string {
  const words: Record<string, string> = {
    string: "text",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false",
    object: "a mapping of fields",
    array: "a list",
    null: "null",
  };
  return words[type] ?? `of type ${type}`;
}
