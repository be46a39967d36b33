/**
 * The effective outgoing and incoming people of a layer's handoff (overrides, holiday volunteers and
 * fallbacks applied), read from the coverage of the slot just before and at the handoff instant.
 */
import type { DateTime } from "luxon";
import type { Organisation } from "../model/index.js";
import { coverageWindow } from "../schedule/index.js";
import type { HandoffPerson } from "./issue.js";

/** Who hands over and who takes over at `at` in `layer` (`?` when nobody covers it). */
export function handoffPeople(
  org: Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">,
  layer: string,
  at: DateTime,
): { outgoing: HandoffPerson; incoming: HandoffPerson } {
  const { segments } = coverageWindow({
    config: org.rotation,
    people: org.people,
    shifts: org.shifts,
    overrides: org.overrides,
    from: at.minus({ minutes: 1 }),
    to: at.plus({ minutes: 1 }),
  });
  const zones = new Map(org.people.map((p) => [p.login, p.timezone]));
  const person = (ms: number): HandoffPerson => {
    const seg = segments.find((s) => s.slot === layer && s.start.toMillis() <= ms && s.end.toMillis() > ms);
    const login = seg?.login ?? "?";
    const timezone = zones.get(login);
    return timezone ? { login, timezone } : { login };
  };
  return { outgoing: person(at.toMillis() - 1), incoming: person(at.toMillis()) };
}
