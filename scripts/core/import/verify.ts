/**
 * The verification table: at every handoff in the imported window (every instant where the source or
 * our schedule changes hands, per layer), the source's person and ours. Ours is what `oncall who`
 * answers: the effective coverage of the written repository, where an unfilled shift covered by its
 * fallback counts as nobody, as the source has nobody there.
 */
import type { CoverageSegment } from "../model/index.js";
import { formatInstant } from "../rotation/index.js";
import type { ExpectedPiece } from "./build.js";

export interface VerifyRow {
  atMs: number;
  layer: string;
  source: string | null;
  ours: string | null;
  /** How ours is held: a shift, an override, a fallback. */
  how: string;
  ok: boolean;
}

/** Rows in time order; `ok` is false where the two differ. */
export function verifyImport(
  expected: ReadonlyMap<string, readonly ExpectedPiece[]>,
  ours: readonly CoverageSegment[],
  fromMs: number,
  toMs: number,
): VerifyRow[] {
  const rows: VerifyRow[] = [];
  for (const [layer, pieces] of expected) {
    const mine = ours.filter((s) => s.slot === layer);
    const cuts = new Set<number>([fromMs]);
    for (const p of pieces) if (p.startMs > fromMs && p.startMs < toMs) cuts.add(p.startMs);
    for (const s of mine) {
      const ms = s.start.toMillis();
      if (ms > fromMs && ms < toMs) cuts.add(ms);
      const end = s.end.toMillis();
      if (end > fromMs && end < toMs) cuts.add(end);
    }
    let last: string | undefined;
    for (const at of [...cuts].sort((a, b) => a - b)) {
      const src = pieces.find((p) => p.startMs <= at && at < p.endMs)?.login ?? null;
      const seg = mine.find((s) => s.start.toMillis() <= at && at < s.end.toMillis());
      const held = seg && seg.source !== "fallback" ? seg.login : null;
      const how = seg ? (seg.source === "fallback" ? `no-one (fallback ${seg.login})` : seg.source) : "no-one";
      const key = `${src}|${held}|${how}`;
      if (key === last) continue;
      last = key;
      rows.push({ atMs: at, layer, source: src, ours: held, how, ok: src === held });
    }
  }
  return rows.sort((a, b) => a.atMs - b.atMs || a.layer.localeCompare(b.layer));
}

/** The table as text, one row per handoff, in the schedule's zone. */
export function verifyTable(rows: readonly VerifyRow[], zone: string, tool: string): string {
  const head = ["when", "layer", tool, "ours", ""];
  const body = rows.map((r) => [
    formatInstant(r.atMs, zone),
    r.layer,
    r.source ?? "no-one",
    r.ours === null
      ? r.how.startsWith("no-one")
        ? r.how
        : "no-one"
      : `${r.ours}${r.how === "override" ? " (override)" : ""}`,
    r.ok ? "ok" : "DIFFERS",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return (
    [head, ...body]
      .map((cells) =>
        cells
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}
