/**
 * `oncall init --people PEOPLE.csv [--zone Z] [--at ISO] [--force]`: replaces the example organisation
 * with a team's own in one step, and says what is left to do on GitHub. Nothing is written unless the
 * whole result validates (see scripts/repo/init-org.ts).
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { IANAZone } from "luxon";
import { UsageError } from "../core/model/index.js";
import { parse, repoDir, AT, instantFlag } from "./args.js";
import { applyInit, planInit, type InitPlan } from "../repo/init-org.js";
import { INCIDENT_FORM } from "../repo/issue-form.js";
import { iso, when } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall init --people PEOPLE.csv [--zone ZONE] [--at ISO] [--force] [--repo DIR] [--json]

Replaces the example organisation with your team in one step: the roster rotations/people.yaml from
the CSV, rotations/config.yaml with the default rotation in --zone (default America/New_York) starting
at the first handoff after --at (default now), an empty overrides.yaml, the first published schedule,
the incident form's services from incidents/policy.yaml; the example's incident records, postmortems
and playbooks are removed (incidents/policy.yaml is kept). Nothing is written unless the result is
valid. A roster that is not the untouched example is only replaced with --force.

The CSV has a header row naming the columns login, name, timezone, region, start, end, manager, team
(any order; end and manager may be empty) and optionally oncall (false for managers who take no
shifts). Fields with commas, quotes or line breaks go in double quotes, a quote inside as "".`;

const DEFAULT_ZONE = "America/New_York";

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {
    ...AT,
    people: { type: "string" },
    zone: { type: "string" },
    force: { type: "boolean" },
  });
  const dir = repoDir(values);
  if (typeof values.people !== "string") throw new UsageError("say which CSV holds your people: --people people.csv.");
  const zone = typeof values.zone === "string" ? values.zone : DEFAULT_ZONE;
  if (!IANAZone.isValidZone(zone) || !(zone.includes("/") || zone === "UTC"))
    throw new UsageError(`--zone must be an IANA time zone such as America/New_York or Europe/Berlin, not "${zone}".`);
  // Read in the zone the new rotation will use, whatever the repository it replaces says.
  const at = instantFlag(values, "at", zone) ?? io.now();
  const csv = await readFile(resolve(values.people), "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read --people ${values.people}: ${err.code === "ENOENT" ? "no such file" : err.message}.`,
    );
  });
  const plan = await planInit({ dir, csv, csvName: values.people, zone, at, force: Boolean(values.force) });
  await applyInit(dir, plan);
  const owners = await readFile(join(dir, ".github/CODEOWNERS"), "utf8").then(
    (t) => [...new Set(t.match(/@[\w.-]+\/[\w.-]+/g) ?? [])],
    () => [],
  );
  if (values.json) {
    io.out(JSON.stringify(toJson(plan, zone), null, 2) + "\n");
    return 0;
  }
  io.out(summary(dir, values.people, plan, zone));
  io.out(nextSteps(plan, owners));
  return 0;
}

function summary(dir: string, csvName: string, plan: InitPlan, zone: string): string {
  const managers = plan.people.filter((p) => !p.oncall).length;
  const out = [`Replaced the example organisation in ${dir} with the ${plan.people.length} people of ${csvName}:`];
  out.push(
    `  rotations/people.yaml     ${plan.people.length} people${managers ? ` (${managers} take no shifts)` : ""}`,
  );
  out.push(`  rotations/config.yaml     the default two layers, handoffs in ${zone}, start ${plan.start}`);
  if (plan.shifts.length) {
    const first = plan.shifts.reduce((a, s) => (s.start < a.start ? s : a));
    const last = plan.shifts.reduce((a, s) => (s.end > a.end ? s : a));
    out.push(
      `  rotations/schedule.yaml   ${plan.shifts.length} shifts, ${when(first.start, zone)} to ${when(last.end, zone)}`,
    );
  } else out.push("  rotations/schedule.yaml   no shifts yet");
  out.push("  rotations/overrides.yaml  no overrides");
  for (const file of plan.writes.keys())
    if (file.startsWith(".github/")) out.push(`  ${file}  copied from incidents/policy.yaml`);
  const count = (re: RegExp) => plan.deletes.filter((f) => re.test(f)).length;
  out.push(
    `  removed ${count(/^incidents\//)} incident record(s), ${count(/^postmortems\//)} postmortem file(s) ` +
      `and ${count(/^playbooks\//)} playbook(s) of the example`,
  );
  for (const w of plan.warnings) out.push(`warning: ${w.file}: ${w.message}`);
  for (const n of plan.notes) out.push(`note: ${n}`);
  return out.join("\n") + "\n";
}

function nextSteps(plan: InitPlan, owners: readonly string[]): string {
  const links = plan.links.length ? ` and contactLinks (${plan.links.join(", ")})` : "";
  return `
Left to do:
  1. Check incidents/policy.yaml: its severities, services (${plan.services.join(", ")})${links}
     are the template's. Edit them for your team, then run "npx oncall form" to copy them into
     ${INCIDENT_FORM} and the issue chooser.
  2. Run "npm test" and "npx oncall validate", then commit everything and push.
  3. On GitHub, Settings:
     - Rules, Rulesets (or Branches, branch protection) for the default branch: require a pull
       request, review from Code Owners, and the status checks "validate" and "oncall/consent".
     - .github/CODEOWNERS: replace ${owners.length ? owners.join(", ") : "the example team"} with your on-call owners.
     - Pages, Source "GitHub Actions", and the repository variable ONCALL_CALENDARS_URL for the
       calendar feeds.
     - The GitHub Apps of README "Security": repository variables ONCALL_CONSENT_APP_ID, ONCALL_APP_ID
       and ONCALL_BOT_LOGIN; secrets ONCALL_CONSENT_APP_KEY (environment oncall-consent) and
       ONCALL_APP_PRIVATE_KEY.
     - Actions, General: workflow permissions read-only; approval for fork pull requests' workflows.
`;
}

function toJson(plan: InitPlan, zone: string) {
  return {
    people: plan.people.length,
    start: plan.start,
    zone,
    written: [...plan.writes.keys()],
    removed: plan.deletes,
    shifts: plan.shifts.map((s) => ({
      layer: s.layer,
      start: iso(s.start, zone),
      end: iso(s.end, zone),
      login: s.login,
    })),
    warnings: plan.warnings.map((w) => ({ file: w.file, message: w.message })),
    notes: plan.notes,
  };
}
