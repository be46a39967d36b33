/**
 * Binds core/postmortem's `draftPostmortem` to what an incident run loaded, for the incident planner
 * (`IncidentPlanInput.draftPostmortem`). Read only when a resolved incident needs a draft: the holiday
 * tables (the due date counts business days in the first author's region) and the review dates of
 * the postmortems already on the branch (the draft books the first meeting with room).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { IncidentPlanInput } from "../core/incident/index.js";
import { draftPostmortem } from "../core/postmortem/index.js";
import { POSTMORTEM_FILE } from "../core/model/index.js";
import type { IncidentOrg } from "../repo/incident-org.js";
import { loadHolidayCalendar } from "../repo/holidays.js";
import { listRepositoryFiles } from "../repo/repository-files.js";

/** The draft function for the incident planner; null (with a warning pushed) when it cannot be built. */
export async function bindPostmortemDraft(
  dir: string,
  org: IncidentOrg,
  repoUrl: string | undefined,
  warnings: string[],
): Promise<NonNullable<IncidentPlanInput["draftPostmortem"]> | null> {
  try {
    const calendar = await loadHolidayCalendar();
    const booked = await bookedReviews(dir);
    const base = repoUrl?.replace(/\/+$/, "");
    return (record) => {
      const draft = draftPostmortem({
        record,
        policy: org.policy,
        org: org.roster,
        calendar,
        booked,
        ...(base ? { issueUrl: (n: number) => `${base}/issues/${n}` } : {}),
      });
      return { path: draft.path, content: draft.content };
    };
  } catch (error) {
    warnings.push(`The postmortem draft could not be prepared (${(error as Error).message}).`);
    return null;
  }
}

/**
 * The `review:` dates of the postmortems in the checkout, one per postmortem. Only the front matter's
 * `review` line is read (a full parse and validation of every postmortem is the validate workflow's job).
 * The incident workflow's sparse checkout includes this year's and last year's postmortems for this reason
 * (older ones cannot be booked into a coming meeting; bench 6a measures the checkout).
 */
async function bookedReviews(dir: string): Promise<string[]> {
  const paths = (await listRepositoryFiles(dir)).filter((p) => POSTMORTEM_FILE.test(p));
  const dates: string[] = [];
  for (const path of paths) {
    const text = await readFile(join(dir, path), "utf8").catch(() => "");
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    const review = /^review:\s*["']?(\d{4}-\d{2}-\d{2})["']?\s*$/m.exec(front)?.[1];
    if (review) dates.push(review);
  }
  return dates;
}
