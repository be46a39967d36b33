/**
 * What both importers produce before anything is named in our terms: the source's schedule as layers of
 * pieces (who, from the source's point of view, holds each stretch of time), its overrides, and what
 * it says the final result is. People are still the source's keys (Opsgenie username, PagerDuty
 * email), lower case; `build.ts` maps them to GitHub logins.
 */

/** Something the import cannot carry over: where it is in the source, its value, and why. */
export interface Gap {
  field: string;
  value: string;
  why: string;
}

/** A stretch of time [startMs, endMs) held by a source user (key), or by nobody (null). */
export interface Piece {
  startMs: number;
  endMs: number;
  who: string | null;
}

/** A source user, by the key the mapping file uses. */
export interface SourceUser {
  key: string;
  name: string;
  /** IANA zone the source records for them, when it does. */
  timezone?: string;
}

/** One layer of ours, as the source defines it. */
export interface SourceLayer {
  /** Our layer name (lower case with dashes, unique). */
  name: string;
  /** How the source calls it, for messages: `rotation "Primary"`. */
  title: string;
  /** Members in the source's order (keys), each once. */
  members: string[];
  /** The cadence our config continues with: first handoff (epoch ms) and turn length in days. */
  handoffMs: number;
  days: number;
  /** When the layer ends (epoch ms), if it does. */
  endMs?: number;
  /** The published shifts inside the window, in order, without overrides. */
  base: Piece[];
}

/** An override of one layer. */
export interface SourceOverride {
  layer: string;
  startMs: number;
  endMs: number;
  who: string;
}

/** A source converted: the input of `buildImport`. */
export interface SourceModel {
  tool: "Opsgenie" | "PagerDuty";
  scheduleName: string;
  zone: string;
  team: string;
  users: Map<string, SourceUser>;
  layers: SourceLayer[];
  overrides: SourceOverride[];
  /** The source's own final answer per layer (overrides included) over [verifyFrom, verifyTo). */
  expected: Map<string, Piece[]>;
  /** Where `expected` came from, for the report: the source's rendered timeline or its rules. */
  expectedFrom: string;
  verifyFrom: number;
  verifyTo: number;
  /** What could not be carried over (dropped with --lossy, otherwise the import stops). */
  gaps: Gap[];
  /** Things worth saying that are not losses. */
  notes: string[];
}

/** The window of an import: [fromMs, untilMs). */
export interface ImportWindow {
  fromMs: number;
  untilMs: number;
}

/** Lower-cased source key, so that `Ann@Example.com` and `ann@example.com` are one person. */
export const keyOf = (s: string): string => s.trim().toLowerCase();

/** A layer name from a source name: lower case, dashes, at most 40 characters, unique among `taken`. */
export function layerNameFor(title: string, taken: Set<string>, fallback: string): string {
  let base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 36)
    .replace(/-+$/, "");
  if (!/^[a-z]/.test(base)) base = base ? `${fallback}-${base}`.slice(0, 36) : fallback;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}
