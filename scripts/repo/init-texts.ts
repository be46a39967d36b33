/**
 * The files `oncall init` writes for a new team, as texts: the roster from the CSV, a rotation config
 * with the documented defaults and a start at the first handoff after the chosen instant, and empty
 * history. Also how the example roster is recognised, so that init never overwrites a team's own.
 *
 * Pure: no clock, no disk.
 */
import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import { stringify } from "yaml";
import { DEFAULT_HANDOFF, DEFAULT_ROTATION, handoffMillisAfter, startOfDateMillis } from "../core/rotation/index.js";
import type { CsvPerson } from "./people-csv.js";

/**
 * The example roster carries this line with the SHA-256 of the rest of its text (line endings
 * normalised to LF, byte order mark dropped). Any edit to the roster changes the digest, so a roster a
 * team has started to make its own is never mistaken for the example, whatever it still contains.
 */
const EXAMPLE_MARKER = /^# oncall-example-roster sha256=([0-9a-f]{64})\b.*(?:\r?\n|$)/m;

/** How a roster file relates to the shipped example. */
export type RosterOrigin = "example" | "edited-example" | "own";

/** The digest the example marker carries for `text` (the marker line itself left out). */
function exampleRosterDigest(text: string): string {
  const body = text
    .replace(/^\uFEFF/, "")
    .replace(EXAMPLE_MARKER, "")
    .replace(/\r\n/g, "\n");
  return createHash("sha256").update(body, "utf8").digest("hex");
}

/** Whether `text` is the untouched example roster, an edited copy of it, or a team's own. */
export function rosterOrigin(text: string): RosterOrigin {
  const marker = EXAMPLE_MARKER.exec(text.replace(/^\uFEFF/, ""));
  if (!marker) return "own";
  return marker[1] === exampleRosterDigest(text) ? "example" : "edited-example";
}

/** `text` with its example marker set to match its content (used when the example roster is edited on purpose). */
export function markExampleRoster(text: string): string {
  const digest = exampleRosterDigest(text);
  const note = '("oncall init" replaces this roster while the digest matches)';
  const line = `# oncall-example-roster sha256=${digest} ${note}\n`;
  const body = text.replace(EXAMPLE_MARKER, "");
  // After the editor's schema line, which editors look for at the top.
  const modeline = /^(?:\uFEFF)?# yaml-language-server:[^\n]*\n/.exec(body)?.[0] ?? "";
  return modeline + line + body.slice(modeline.length);
}

/** A YAML scalar, plain when that reads back the same. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
}

/** rotations/people.yaml for the CSV's people, in CSV order. */
export function rosterText(people: readonly CsvPerson[], source: string): string {
  const header = `# yaml-language-server: $schema=../schemas/people.schema.json
#
# The on-call roster, written by "oncall init" from ${source.replace(/\n/g, " ")}; edit it here from now on.
#
# The GitHub login is the identity everywhere else (schedule, overrides, incidents, postmortems), so a
# rename changes it everywhere in the same pull request. timezone decides the layer group (US Eastern
# zones take rot-a, everyone else rot-b; see rotations/config.yaml) and the local hours of the
# acknowledgement SLO; region is the public-holiday calendar. No shift starts within newHireDays of
# start; after end, shifts fall back to the manager. oncall: false keeps someone off the rotations.

people:
`;
  const entries = people.map((p) => {
    const lines = [
      `  - login: ${scalar(p.login)}`,
      `    name: ${scalar(p.name)}`,
      `    timezone: ${scalar(p.timezone)}`,
      `    region: ${scalar(p.region)}`,
      `    start: ${p.start}`,
      ...(p.end ? [`    end: ${p.end}`] : []),
      ...(p.manager ? [`    manager: ${scalar(p.manager)}`] : []),
      `    team: ${scalar(p.team)}`,
      ...(p.oncall ? [] : ["    oncall: false"]),
    ];
    return lines.join("\n") + "\n";
  });
  return header + entries.join("\n");
}

/**
 * The rotation's `start`: the date, in `zone`, from which every layer's first handoff comes after
 * `atMs`. That is the date of the next handoff after `atMs`, or a later day when another layer would
 * otherwise begin at a handoff that has already passed.
 */
export function firstStartDate(atMs: number, zone: string, layers = DEFAULT_ROTATION.layers): string {
  const next = Math.min(...layers.map((l) => handoffMillisAfter(l, zone, atMs, false)));
  let date = DateTime.fromMillis(next, { zone }).toISODate()!;
  for (let i = 0; i < 400; i++) {
    const midnight = startOfDateMillis(date, zone);
    if (midnight <= next && layers.every((l) => handoffMillisAfter(l, zone, midnight, true) > atMs)) return date;
    date = addDays(date, 1);
  }
  throw new Error(`no start date after ${new Date(atMs).toISOString()} in ${zone}`);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * A seed for the round order, derived from the logins (FNV-1a): the same CSV always gives the same
 * schedule, and anyone can regenerate it from the recorded value.
 */
export function seedFor(people: readonly Pick<CsvPerson, "login">[]): number {
  let h = 0x811c9dc5;
  for (const ch of people
    .map((p) => p.login.toLowerCase())
    .sort()
    .join(",")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** rotations/config.yaml with the documented defaults, the rotation zone, a seed and the start date. */
export function rotationText(zone: string, seed: number, start: string): string {
  const [a, b] = DEFAULT_ROTATION.layers;
  return `# yaml-language-server: $schema=../schemas/rotation.schema.json
#
# How the on-call schedule is generated (written by "oncall init"; every value below is the default
# unless said otherwise). Published shifts never move: a change here only affects shifts generated
# from now on. To change who covers a published shift, trade it in rotations/schedule.yaml or add an
# override to rotations/overrides.yaml.

# Zone whose wall clock fixes handoff times: an 11:00 handoff stays at 11:00 there across DST changes.
timezone: ${zone}

# Seed of the order within each round, so anyone regenerating the schedule gets the same one.
seed: ${seed}

# The first handoff's date: nothing is generated before it.
start: ${start}

# No shift starts less than this many days after a person's start date.
newHireDays: ${DEFAULT_ROTATION.newHireDays}

# The published schedule should reach this many weeks ahead; the schedule workflow extends it.
horizonWeeks: ${DEFAULT_ROTATION.horizonWeeks}

# Largest size difference between the US Eastern layer and the other before people move across.
balanceTolerance: ${DEFAULT_ROTATION.balanceTolerance}

# Two weekly layers with staggered handoffs, so two people are on call at every instant.
layers:
  # US Eastern engineers.
  - name: ${a!.name}
    handoffDay: ${a!.handoffDay}
    handoffTime: "${a!.handoffTime}"
    group: eastern
  # Everyone else.
  - name: ${b!.name}
    handoffDay: ${b!.handoffDay}
    handoffTime: "${b!.handoffTime}"
    group: others

# End-of-year cover: from 23 December to 2 January volunteers take two-day slots by pull request; a
# slot nobody takes stays with the regular layer's person and is flagged flagDays ahead.
holidayPeriod:
  from: "12-23"
  to: "01-02"
  shiftDays: 2
  layers:
    - name: holiday-a
      replaces: rot-a
    - name: holiday-b
      replaces: rot-b
  flagDays: 14

# Company-wide days off (YYYY-MM-DD), non-workdays for everyone in the acknowledgement SLO.
orgHolidays: []

# Handoffs: the incoming engineer is reminded reminderHours ahead with this checklist; phases that a
# late or skipped scheduled run finds more than catchUpDays old are posted as one catch-up line.
handoff:
  reminderHours: ${DEFAULT_HANDOFF.reminderHours}
  catchUpDays: ${DEFAULT_HANDOFF.catchUpDays}
  checklist:
${DEFAULT_HANDOFF.checklist.map((item) => `    - ${JSON.stringify(item)}`).join("\n")}
`;
}

/** rotations/overrides.yaml with no overrides. */
export const EMPTY_OVERRIDES = `# yaml-language-server: $schema=../schemas/overrides.schema.json
#
# Whole or partial shifts covered by someone other than the scheduled person. An override wins over
# rotations/schedule.yaml for its layer from start (inclusive) to end (exclusive); write instants with
# seconds and an offset. For a whole-shift swap, trade the names in the schedule instead.

overrides: []
`;
