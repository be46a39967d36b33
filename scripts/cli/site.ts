/** `oncall site --out DIR [--at ISO] [--base-url URL]`: the dashboard and the calendar feeds as a static site. */
import { resolve } from "node:path";
import { UsageError, UserError } from "../core/model/index.js";
import { calendarFeedSite } from "../core/calendar/index.js";
import { dashboardSite } from "../core/site/index.js";
import { writeSiteFiles } from "../repo/publication-files.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { parse, repoDir, AT, nowOrAt } from "./args.js";
import { loadForCommand } from "../repo/load-for-command.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall site --out DIR [--at ISO] [--base-url URL] [--repo DIR]

Writes a static site to DIR: who is on call now (index.html), the coming eight weeks per layer,
incidents in triage order, SLO attainment and MTTA/MTTR charts, fairness, and a page per person with
their calendar feed (the feeds are written under calendars/). It makes no request anywhere else and
works opened from disk. --at builds it for another instant than now. --base-url is the address the
site is served from (https://acme.github.io/oncall/), for absolute and webcal subscription links.`;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, { ...AT, out: { type: "string" }, "base-url": { type: "string" } });
  if (typeof values.out !== "string" || !values.out) throw new UsageError("--out DIR is required.");
  const baseUrl = typeof values["base-url"] === "string" ? values["base-url"] : undefined;
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(baseUrl))
    throw new UsageError(`--base-url must be an http(s) address, not "${baseUrl}".`);
  const dir = repoDir(values);
  const at = await nowOrAt(values, io, dir);
  const { org } = await loadForCommand(dir, at);
  const holidays = await loadHolidayCalendar();
  const pages = dashboardSite({ org, at, holidays, ...(baseUrl && { baseUrl }) });
  // The feeds' own index page is replaced by the dashboard (the People page lists the feeds).
  const feeds = calendarFeedSite({ org, now: at, ...(baseUrl && { baseUrl }) }).filter((f) => f.path !== "index.html");
  const out = resolve(values.out);
  await writeSiteFiles(out, [...pages, ...feeds]).catch((e: NodeJS.ErrnoException) => {
    const reasons: Record<string, string> = { ENOTDIR: "a file is in the way", EACCES: "permission denied" };
    throw new UserError(`cannot write the site to ${values.out}: ${reasons[e.code ?? ""] ?? e.code ?? e.message}.`);
  });
  io.err(`Wrote ${pages.length} page(s) and file(s) and ${feeds.length} calendar feed(s) to ${values.out}.\n`);
  return 0;
}
