/**
 * History is immutable: a trade may not change who was (or is being) on call before `now`. Only an
 * explicit correction, written as `correction: "why"` on every shift or override that supplies the
 * changed past time, may; the schema marks it so a reviewer sees it.
 *
 * Each finding points at the shift or override that now supplies the changed time, so the edge can
 * show the file and line a person has to look at.
 */
import type { DateTime } from "luxon";
import { FIXED_FILES, type Finding, type Override, type Shift } from "../model/index.js";
import { coveragePieces } from "../schedule/index.js";
import { describe, finding } from "../schedule/index.js";
import type { TradeChange, TradeSide } from "./diff.js";
import { formatInstant, inZone } from "../rotation/index.js";

/** A `trade-past-change` error per change that reaches back before `now` without a correction. */
export function pastChangeFindings(changes: readonly TradeChange[], after: TradeSide, now: DateTime): Finding[] {
  const zone = after.config.timezone;
  const nowMs = now.toMillis();
  const findings: Finding[] = [];
  const reported = new Set<Shift | Override>();
  for (const c of changes) {
    const startMs = c.start.toMillis();
    if (startMs >= nowMs) continue;
    const pastEnd = Math.min(c.end.toMillis(), nowMs);
    const pieces = coveragePieces({ ...after, from: inZone(startMs, zone), to: inZone(pastEnd, zone) }).filter(
      (p) => p.slot === c.slot,
    );
    const origins = [...new Set(pieces.map((p) => p.origin))];
    if (origins.length > 0 && origins.every((o) => o.correction !== undefined)) continue;
    const culprit = origins.find((o) => o.correction === undefined);
    if (culprit && reported.has(culprit)) continue;
    if (culprit) reported.add(culprit);
    const was = c.from ?? "nobody";
    const is = c.to ?? "nobody";
    const what = culprit ? describe(culprit, zone) : `${c.layer} from ${formatInstant(startMs, zone)}`;
    const message =
      `${what} changes who was on call from ${formatInstant(startMs, zone)} (${was} -> ${is}), which is before ${formatInstant(nowMs, zone)}: ` +
      `published history never changes. Trade only shifts that have not started; to record what really happened, add ` +
      `correction: "why" (at least 3 characters) to that ${culprit && "by" in culprit ? "override" : "shift"} ` +
      "in the file, " +
      "which accepts the change and keeps the reason.";
    const field = culprit ? ("by" in culprit ? "by" : "login") : undefined;
    const f = finding("error", "trade-past-change", message, culprit, field);
    // A deleted shift leaves nothing to point at on the new side: name the file at least.
    if (!culprit) f.src = { file: FIXED_FILES.schedule, path: [] };
    findings.push(f);
  }
  return findings;
}
