/**
 * The live incident state, hidden in the bot comment as one HTML comment:
 *
 *     <!-- oncall:incident-state v1 BASE64(GZIP(JSON)) -->
 *
 * Compressed because GitHub caps a comment at 65,536 characters and a long incident's timeline would
 * not fit twice (visible and hidden) otherwise; plain BASE64(JSON) is read too.
 * GitHub does not render it, so the issue itself carries everything a rerun, a comment edit or a
 * reopened issue needs to rebuild the state; nothing is stored elsewhere. A person editing the visible
 * part of the comment does not disturb it. When the block is missing, from an unknown version, or
 * garbled, parsing reports why and the planner starts again from the issue instead of crashing.
 * (Decode by hand with `base64 -d | gunzip`.)
 */
import { gunzipSync, gzipSync } from "node:zlib";
import type { IncidentState } from "./state.js";

/** Current format version of the hidden block. */
const STATE_MARKER_VERSION = 1;

const MARKER = /<!--\s*oncall:incident-state\s+v(\d+)\s+([\s\S]*?)\s*-->/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The hidden block for a state. */
export function serializeStateMarker(state: IncidentState): string {
  const payload = gzipSync(Buffer.from(JSON.stringify(state), "utf8"), { level: 9 }).toString("base64");
  return `<!-- oncall:incident-state v${STATE_MARKER_VERSION} ${payload} -->`;
}

/** The outcome of reading a comment: the state, or null with the reason when there was one but it is unusable. */
export interface ParsedStateMarker {
  state: IncidentState | null;
  /** Plain-words reason a marker was present but unusable; null when it was fine or simply absent. */
  problem: string | null;
}

/**
 * Reads the hidden block from a comment body. The bot writes it after all the visible text, so when a
 * body holds more than one (a person pasted one into the visible part), the last one is the bot's.
 */
export function parseStateMarker(body: string | null | undefined): ParsedStateMarker {
  const match = [...(body ?? "").matchAll(new RegExp(MARKER.source, "g"))].pop();
  if (!match) return { state: null, problem: null };
  if (Number(match[1]) !== STATE_MARKER_VERSION) {
    return {
      state: null,
      problem: `The saved incident state has format v${match[1]}, which this version does not read.`,
    };
  }
  const payload = (match[2] ?? "").replace(/\s+/g, "");
  if (!BASE64.test(payload)) return { state: null, problem: "The saved incident state could not be decoded." };
  let value: unknown;
  try {
    const bytes = Buffer.from(payload, "base64");
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const json = (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
    value = JSON.parse(json);
  } catch {
    return { state: null, problem: "The saved incident state could not be decoded." };
  }
  const problem = stateProblem(value);
  return problem
    ? { state: null, problem: `The saved incident state is invalid (${problem}).` }
    : { state: value as IncidentState, problem: null };
}

/** Removes the hidden block, for showing or comparing the visible part of a comment. */
export function stripStateMarker(body: string): string {
  return body.replace(new RegExp(MARKER.source, "g"), "").trimEnd();
}

const STATUSES = ["triage", "investigating", "identified", "monitoring", "mitigated", "resolved", "not-incident"];
const SEVERITIES = ["P1", "P2", "P3", "P4", "P5"];
const TIERS = ["full", "partial", "limited"];
const KINDS = [
  "opened",
  "confirmed",
  "ack",
  "role",
  "severity",
  "status",
  "note",
  "responder",
  "followup",
  "resolve",
  "not-incident",
  "slo",
  "reopened",
];

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === "string";
const optStr: Check = (v) => v === undefined || typeof v === "string";
const strList: Check = (v) => Array.isArray(v) && v.every(str);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const FIELDS: Record<string, Check> = {
  v: (v) => v === 1,
  issue: (v) => Number.isInteger(v) && (v as number) > 0,
  title: str,
  status: (v) => STATUSES.includes(v as string),
  severity: (v) => v === null || SEVERITIES.includes(v as string),
  severitySetBy: (v) => v === "form" || v === "command",
  services: strList,
  production: (v) => typeof v === "boolean",
  impact: optStr,
  links: strList,
  startedAt: optStr,
  reportedBy: str,
  reportedAt: str,
  triageReason: optStr,
  confirmedAt: optStr,
  confirmedBy: optStr,
  oncall: strList,
  acknowledgedAt: optStr,
  acknowledgedBy: optStr,
  mitigatedAt: optStr,
  resolvedAt: optStr,
  commander: optStr,
  comms: optStr,
  rolesDefaulted: (v) => typeof v === "boolean",
  responders: strList,
  timeline: (v) =>
    Array.isArray(v) &&
    v.every((e) => isObject(e) && str(e.at) && str(e.author) && str(e.text) && KINDS.includes(e.kind as string)),
  followups: (v) =>
    Array.isArray(v) &&
    v.every(
      (f) =>
        isObject(f) &&
        str(f.key) &&
        str(f.title) &&
        str(f.author) &&
        (f.issue === undefined || Number.isInteger(f.issue)) &&
        (f.closed === undefined || typeof f.closed === "boolean"),
    ),
  summary: optStr,
  notIncidentReason: optStr,
  formProblems: strList,
  processed: strList,
  deadline: (v) =>
    v === undefined ||
    (isObject(v) &&
      TIERS.includes(v.tier as string) &&
      (v.targetMinutes === null || (Number.isInteger(v.targetMinutes) && (v.targetMinutes as number) > 0)) &&
      (v.at === null || (typeof v.at === "string" && !Number.isNaN(Date.parse(v.at)))) &&
      Object.keys(v).every((k) => ["tier", "targetMinutes", "at"].includes(k))),
  postmortem: (v) =>
    v === undefined ||
    (isObject(v) &&
      str(v.path) &&
      (v.pull === undefined || (Number.isInteger(v.pull) && (v.pull as number) > 0)) &&
      optStr(v.url) &&
      optStr(v.problem) &&
      Object.keys(v).every((k) => ["path", "pull", "url", "problem"].includes(k))),
};

/** The first field that does not fit IncidentState, or null. Hand-written: the state has no schema. */
function stateProblem(value: unknown): string | null {
  if (!isObject(value)) return "not an object";
  for (const [field, check] of Object.entries(FIELDS)) if (!check(value[field])) return `field ${field}`;
  const unknown = Object.keys(value).find((k) => !(k in FIELDS));
  return unknown ? `unknown field ${unknown}` : null;
}
