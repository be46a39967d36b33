/**
 * Builders shared by the handoff tests: a small organisation in New York, Berlin, Kolkata and Sydney
 * with hand-written weekly shifts, and incident records. Test-only; nothing in production imports it.
 */
import type { Incident, Organisation, Person, Postmortem, RotationConfig, Shift } from "../model/index.js";
import { person, rotation } from "../rotation/test-kit.js";
import { weekly } from "../trade/test-kit.js";

export { at } from "../rotation/test-kit.js";

/** Three New Yorkers in rot-a; Berlin, Kolkata and Sydney in rot-b; managers dana and frank. */
const PEOPLE: Person[] = [
  person("alice", { manager: "dana" }),
  person("bob", { manager: "dana" }),
  person("carol", { manager: "dana" }),
  person("erin", { manager: "frank", timezone: "Europe/Berlin", region: "DE-BE" }),
  person("ravi", { manager: "frank", timezone: "Asia/Kolkata", region: "IN" }),
  person("ed", { manager: "frank", timezone: "Australia/Sydney", region: "AU-NSW" }),
  person("dana", { oncall: false }),
  person("frank", { oncall: false, timezone: "Europe/Berlin", region: "DE-BE" }),
];

/** The default rotation (holiday period included) from 2026-01-05. */
export const CONFIG: RotationConfig = rotation({ start: "2026-01-05" });

/** `weeks` weekly shifts per layer from the first handoff of 2026, people taking turns. */
export function yearShifts(weeks = 51): Shift[] {
  const a = ["alice", "bob", "carol"];
  const b = ["erin", "ravi", "ed"];
  return [
    ...weekly(
      "rot-a",
      "2026-01-05T11:00",
      Array.from({ length: weeks }, (_, i) => a[i % 3]!),
    ),
    ...weekly(
      "rot-b",
      "2026-01-07T11:00",
      Array.from({ length: weeks }, (_, i) => b[i % 3]!),
    ),
  ];
}

export type HandoffOrg = Pick<Organisation, "rotation" | "people" | "shifts" | "overrides">;

export function org(shifts: Shift[] = yearShifts(), fields: Partial<HandoffOrg> = {}): HandoffOrg {
  return { rotation: CONFIG, people: PEOPLE, shifts, overrides: [], ...fields };
}

/** An incident record; defaults: P2, investigating, reported by alice. */
export function record(issue: number, fields: Partial<Incident> = {}): Incident {
  return {
    id: `INC-${issue}`,
    issue,
    title: `Incident ${issue}`,
    status: "investigating",
    severity: "P2",
    services: ["api"],
    production: true,
    reportedBy: "alice",
    reportedAt: "2026-03-10T12:00:00Z",
    roles: {},
    oncall: [],
    responders: [],
    timeline: [],
    followups: [],
    ...fields,
  };
}

export function postmortem(incident: string, fields: Partial<Postmortem["frontMatter"]> = {}): Postmortem {
  return {
    path: `postmortems/2026/${incident}-outage.md`,
    bodyLine: 10,
    body: "",
    frontMatter: {
      incident,
      title: `Postmortem of ${incident}`,
      severity: "P2",
      status: "draft",
      authors: ["carol"],
      due: "2026-03-12",
      ...fields,
    },
  };
}
