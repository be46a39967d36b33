/**
 * The four rotation files an import writes, as texts. Pure and deterministic: the same plan always
 * gives the same bytes, so importing again over an imported repository changes nothing.
 */
import { stringify } from "yaml";
import type { ImportPlan } from "../core/import/index.js";
import { appendShifts, isoInstant, SCHEDULE_HEADER } from "./schedule-file.js";

/** Marks a roster written by an import: a later import may replace it without --force. */
export const IMPORT_MARKER = "# oncall-import:";

const scalar = (value: string): string => stringify(value, { lineWidth: 0 }).replace(/\n$/, "");

/** rotations/people.yaml. */
export function importedRosterText(plan: ImportPlan, source: string): string {
  const head = `# yaml-language-server: $schema=../schemas/people.schema.json
${IMPORT_MARKER} ${source.replace(/\n/g, " ")}
#
# Written by "oncall import"; edit it here from now on. The source has no holiday region and no start
# date: region is none (only orgHolidays count) and start is set early enough for every imported shift.
# Fill in the real ones (a region such as DE-BE, the first day at the company), and managers.

people:
`;
  const entries = plan.people.map(
    (p) =>
      [
        `  - login: ${scalar(p.login)}`,
        `    name: ${scalar(p.name)}`,
        `    timezone: ${scalar(p.timezone)}`,
        `    region: ${scalar(p.region)}`,
        `    start: ${p.start}`,
        `    team: ${scalar(p.team)}`,
        ...(p.oncall ? [] : ["    oncall: false"]),
      ].join("\n") + "\n",
  );
  return head + entries.join("\n");
}

/** rotations/config.yaml: one layer per imported rotation, holiday period off (the source has none). */
export function importedConfigText(plan: ImportPlan, source: string): string {
  const { config } = plan;
  const layers = config.layers.map((l) =>
    [
      `  - name: ${l.name}`,
      `    handoffDay: ${l.handoffDay}`,
      `    handoffTime: "${l.handoffTime}"`,
      ...(l.shiftWeeks !== undefined ? [`    shiftWeeks: ${l.shiftWeeks}`] : []),
      ...(l.shiftDays !== undefined ? [`    shiftDays: ${l.shiftDays}`] : []),
      ...(l.end !== undefined ? [`    end: ${l.end}`] : []),
      `    members: [${l.members.map(scalar).join(", ")}]`,
    ].join("\n"),
  );
  return `# yaml-language-server: $schema=../schemas/rotation.schema.json
#
# Imported by "oncall import" from ${source.replace(/\n/g, " ")}. The published schedule holds the
# imported weeks exactly; after them, "oncall schedule generate" continues each layer from these rules
# (members in the source's order, shuffled per round with the seed like any layer of ours).

timezone: ${config.timezone}
seed: ${config.seed}
start: ${config.start}

# The source has no end-of-year volunteer period.
holidayPeriod:
  enabled: false

layers:
${layers.join("\n")}
`;
}

/** rotations/schedule.yaml: the imported shifts, one per line. */
export function importedScheduleText(plan: ImportPlan): string {
  const empty = SCHEDULE_HEADER.replace(/shifts:\n$/, "shifts: []\n");
  return appendShifts(empty, plan.shifts, plan.zone);
}

/** rotations/overrides.yaml: the imported overrides, one per line. */
export function importedOverridesText(plan: ImportPlan): string {
  const head = `# yaml-language-server: $schema=../schemas/overrides.schema.json
#
# Whole or partial shifts covered by someone other than the scheduled person (imported ones first).
`;
  if (!plan.overrides.length) return `${head}\noverrides: []\n`;
  const lines = plan.overrides.map((o) => {
    const fields = [
      `layer: ${o.layer}`,
      `start: ${isoInstant(o.start, plan.zone)}`,
      `end: ${isoInstant(o.end, plan.zone)}`,
      `by: ${scalar(o.by)}`,
      ...(o.reason ? [`reason: ${JSON.stringify(o.reason)}`] : []),
    ];
    return `  - { ${fields.join(", ")} }`;
  });
  return `${head}\noverrides:\n${lines.join("\n")}\n`;
}
