/**
 * `oncall import opsgenie|pagerduty`: moves a team in from Opsgenie or PagerDuty. Reads the saved API
 * responses (--from DIR) or the API itself (--api), converts the schedule, and writes the four rotation
 * files only when the result validates and its answers match the source at every handoff (see
 * scripts/repo/import-org.ts). Anything that cannot be carried over stops it, one line per item, unless
 * --lossy.
 */
import { resolve } from "node:path";
import { IANAZone } from "luxon";
import { UsageError, UserError } from "../core/model/index.js";
import { convertOpsgenie, convertPagerDuty, gapLines, MAX_IMPORTED_LAYERS, verifyTable } from "../core/import/index.js";
import type { ImportWindow, OpsgenieSource, PagerDutySource, SourceModel } from "../core/import/index.js";
import {
  readMapping,
  readOpsgenieDir,
  readPagerDutyDir,
  writeUsersTemplate,
  KEY_COLUMN,
} from "../repo/import-source.js";
import type { ImportTool } from "../repo/import-source.js";
import { fetchOpsgenie, fetchPagerDuty, OPSGENIE_URL, PAGERDUTY_URL } from "../repo/import-api.js";
import { applyImport, planImport, UnmappedUsersError } from "../repo/import-org.js";
import { AT, instantFlag, parse, repoDir } from "./args.js";
import { iso } from "./format.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall import opsgenie|pagerduty (--from DIR | --api) [--schedule NAME|ID] [--users MAP.csv]
       [--until DATE] [--at ISO] [--fallback LOGIN] [--lossy] [--force] [--api-url URL] [--repo DIR] [--json]

Writes rotations/people.yaml, config.yaml, schedule.yaml and overrides.yaml from an Opsgenie or
PagerDuty schedule, so that who is on call from --at (default now) until --until (default 8 weeks
later; a date is midnight in the schedule's zone) is exactly what the old tool says. Every handoff is
compared with the source; nothing is written unless the result validates and matches.

--from DIR    the saved response bodies. Opsgenie: schedule.json (GET /v2/schedules/{id}?expand=rotation),
              overrides.json (GET /v2/schedules/{id}/overrides), users.json (GET /v2/users) and optionally
              timeline.json (GET /v2/schedules/{id}/timeline?expand=base,override). PagerDuty: schedule.json
              (GET /schedules/{id}?since=..&until=..), overrides.json (GET /schedules/{id}/overrides),
              users.json (GET /users).
--api         read the API instead, with the key in OPSGENIE_API_KEY or the token in PAGERDUTY_TOKEN;
              --schedule names the schedule; --api-url for Opsgenie's EU instance
              (https://api.eu.opsgenie.com) or another base URL.
--users CSV   the mapping to GitHub logins: columns username,login (Opsgenie) or email,login (PagerDuty).
              Without it, or when someone is missing, users-template.csv is written (next to the CSV, or in
              --from) to fill in, and nothing else.
--fallback L  who covers turns with nobody on call (an Opsgenie "none" participant, a hole in PagerDuty).
--lossy       import what can be imported and list what was dropped (time restrictions, teams or
              escalations as participants, turns that are not whole days, more than ${MAX_IMPORTED_LAYERS} rotations).
--force       replace a roster that is neither the example nor an earlier import.`;

const DEFAULT_WEEKS = 8;
const DAY_MS = 86_400_000;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      ...AT,
      from: { type: "string" },
      api: { type: "boolean" },
      "api-url": { type: "string" },
      schedule: { type: "string" },
      users: { type: "string" },
      until: { type: "string" },
      fallback: { type: "string" },
      lossy: { type: "boolean" },
      force: { type: "boolean" },
    },
    true,
  );
  const tool = positionals[0];
  if (tool !== "opsgenie" && tool !== "pagerduty")
    throw new UsageError(`say where to import from: "oncall import opsgenie" or "oncall import pagerduty".`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}".`);
  const dir = repoDir(values);
  const fromDir = typeof values.from === "string" ? resolve(values.from) : undefined;
  if (!fromDir === !values.api)
    throw new UsageError("give either --from DIR (saved responses) or --api, not both or neither.");
  if (values.api && typeof values.schedule !== "string")
    throw new UsageError("--api needs --schedule NAME|ID: the schedule to import.");
  if (
    typeof values.fallback === "string" &&
    !/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(values.fallback)
  )
    throw new UsageError(`--fallback "${values.fallback}" is not a GitHub login.`);

  const nowMs = io.now().toMillis();
  // Before the zone is known, a generous window in UTC: the API is asked for a day more on each side.
  const roughAt = typeof values.at === "string" ? instantFlag(values, "at", "UTC")!.toMillis() : nowMs;
  const roughUntil =
    typeof values.until === "string"
      ? instantFlag(values, "until", "UTC")!.toMillis()
      : roughAt + DEFAULT_WEEKS * 7 * DAY_MS;
  const rough = { fromMs: roughAt - DAY_MS, untilMs: roughUntil + 2 * DAY_MS };

  const source = fromDir ? await readDir(tool, fromDir) : await readApi(tool, values, io, rough);
  const zone =
    tool === "opsgenie" ? (source as OpsgenieSource).schedule.timezone : (source as PagerDutySource).schedule.time_zone;
  const z = zone && IANAZone.isValidZone(zone) ? zone : "UTC";
  const at = typeof values.at === "string" ? instantFlag(values, "at", z)! : io.now();
  const until = typeof values.until === "string" ? instantFlag(values, "until", z)! : at.plus({ weeks: DEFAULT_WEEKS });
  if (until <= at) throw new UsageError("--until must be after --at (the import window would be empty).");
  const window: ImportWindow = { fromMs: at.toMillis(), untilMs: until.toMillis() };
  const model: SourceModel =
    tool === "opsgenie"
      ? convertOpsgenie(source as OpsgenieSource, window)
      : convertPagerDuty(source as PagerDutySource, window);

  const mappingPath = typeof values.users === "string" ? resolve(values.users) : undefined;
  const mapping = mappingPath ? await readMapping(mappingPath, tool) : new Map<string, string>();
  let outcome;
  try {
    outcome = await planImport({
      dir,
      model,
      mapping,
      ...(typeof values.fallback === "string" && { fallback: values.fallback }),
      lossy: Boolean(values.lossy),
      force: Boolean(values.force),
      at,
    });
  } catch (err) {
    if (!(err instanceof UnmappedUsersError)) throw err;
    const path = await writeUsersTemplate(err.unmapped, tool, mappingPath, fromDir ?? dir);
    throw new UserError(
      `${err.message}\nWrote ${path}: fill in the login column (${KEY_COLUMN[tool]},login) and pass it with --users.`,
    );
  }
  await applyImport(dir, outcome);

  const z2 = model.zone;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          tool: model.tool,
          schedule: model.scheduleName,
          zone: z2,
          from: iso(at, z2),
          until: iso(until, z2),
          unchanged: outcome.unchanged,
          written: [...outcome.writes.keys()],
          removed: outcome.deletes,
          people: outcome.plan.people.map((p) => p.login),
          layers: outcome.plan.config.layers.map((l) => l.name),
          shifts: outcome.plan.shifts.length,
          overrides: outcome.plan.overrides.length,
          verification: outcome.rows.map((r) => ({
            at: new Date(r.atMs).toISOString(),
            layer: r.layer,
            source: r.source,
            ours: r.ours,
            ok: r.ok,
          })),
          dropped: outcome.dropped,
          notes: outcome.plan.notes,
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  const out: string[] = [];
  out.push(
    outcome.unchanged
      ? `${dir} already holds this import of ${model.tool} schedule "${model.scheduleName}"; nothing changed.`
      : `Imported ${model.tool} schedule "${model.scheduleName}" into ${dir}:`,
  );
  out.push(`  rotations/people.yaml     ${outcome.plan.people.length} people`);
  out.push(
    `  rotations/config.yaml     layers ${outcome.plan.config.layers.map((l) => l.name).join(", ")}, zone ${z2}`,
  );
  out.push(`  rotations/schedule.yaml   ${outcome.plan.shifts.length} shifts`);
  out.push(`  rotations/overrides.yaml  ${outcome.plan.overrides.length} overrides`);
  if (outcome.deletes.length)
    out.push(`  removed ${outcome.deletes.length} file(s) of the example organisation's history`);
  out.push("", `Every handoff from ${iso(at, z2)} to ${iso(until, z2)}, compared with ${model.expectedFrom}:`);
  out.push(verifyTable(outcome.rows, z2, model.tool).trimEnd());
  if (outcome.dropped.length) out.push("", "Dropped (--lossy):", ...gapLines(outcome.dropped).map((l) => `  ${l}`));
  for (const n of outcome.plan.notes) out.push(`note: ${n}`);
  for (const w of outcome.warnings) out.push(`warning: ${w.file}: ${w.message}`);
  io.out(out.join("\n") + "\n");
  return 0;
}

async function readDir(tool: ImportTool, dir: string): Promise<OpsgenieSource | PagerDutySource> {
  return tool === "opsgenie" ? readOpsgenieDir(dir) : readPagerDutyDir(dir);
}

async function readApi(
  tool: ImportTool,
  values: Record<string, unknown>,
  io: CommandIO,
  window: ImportWindow,
): Promise<OpsgenieSource | PagerDutySource> {
  const tokenVar = tool === "opsgenie" ? "OPSGENIE_API_KEY" : "PAGERDUTY_TOKEN";
  const token = io.env[tokenVar];
  if (!token)
    throw new UsageError(
      `--api reads the ${tool === "opsgenie" ? "API key" : "token"} from ${tokenVar}, which is not set.`,
    );
  const baseUrl =
    typeof values["api-url"] === "string" ? values["api-url"] : tool === "opsgenie" ? OPSGENIE_URL : PAGERDUTY_URL;
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new UsageError(`--api-url must be an http(s) URL, not "${baseUrl}".`);
  const opts = { baseUrl, token, tokenVar };
  const schedule = values.schedule as string;
  return tool === "opsgenie" ? fetchOpsgenie(opts, schedule, window) : fetchPagerDuty(opts, schedule, window);
}
