/**
 * Shared wording for schedule findings: the finding shape pointing at a shift or override, and a short
 * description of the entity in the rotation zone's wall time.
 */
import type { Finding, Override, Severity, Shift } from "../model/index.js";
import { formatInstant } from "../rotation/index.js";

/** A finding about one shift or override, pointing at `field` inside it (its `src` when known). */
export function finding(
  severity: Severity,
  rule: string,
  message: string,
  entity: Shift | Override | undefined,
  field?: string,
): Finding {
  const f: Finding = { severity, rule, message: sentence(message) };
  if (entity?.src) f.src = entity.src;
  if (field !== undefined) f.field = field;
  return f;
}

/** `rot-a shift 2026-12-07 11:00 EST - 2026-12-14 11:00 EST (alice)`, for messages. */
export function describe(entity: Shift | Override, zone: string): string {
  const isOverride = "by" in entity;
  const who = isOverride ? `by ${entity.by}` : (entity.login ?? "no-one");
  return `${entity.layer} ${isOverride ? "override" : "shift"} ${formatInstant(entity.start.toMillis(), zone)} - ${formatInstant(entity.end.toMillis(), zone)} (${who})`;
}

/**
 * Messages read as sentences, like the loader's: a closing full stop, and a capital when the sentence
 * opens with an ordinary word (a login or layer name keeps its case).
 */
function sentence(text: string): string {
  const t = /^(a|an|the|two|one|this|no|nobody|some) /.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return /[.!?)]$/.test(t) ? t : `${t}.`;
}
