/**
 * What the daily postmortem run reads from GitHub before it plans: the bot's marked comments on an
 * incident issue with their creation times (how "once a day" is decided: from what is on GitHub, not
 * from when the schedule ran), and the open playbook review issues with their marker keys.
 */
import { DateTime } from "luxon";
import { markerKeysIn } from "../core/model/index.js";
import type { CommentSnapshot, RepoRef } from "./apply-context.js";
import { callGitHub } from "./github-error.js";
import type { GitHubClient } from "./octokit.js";

/** The comments of issue `number` as the adapter caches them, and the bot's marker keys with times. */
export async function readMarkedComments(
  octokit: GitHubClient,
  repo: RepoRef,
  number: number,
  botLogin: string,
): Promise<{ snapshots: CommentSnapshot[]; marked: { key: string; createdAt: DateTime }[] }> {
  const list = await callGitHub(`list comments of #${number}`, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }),
  );
  const snapshots = list.map((c) => ({ id: c.id, body: c.body ?? "", author: c.user, url: c.html_url }));
  const marked = list
    .filter((c) => c.user?.login.toLowerCase() === botLogin.toLowerCase())
    .flatMap((c) =>
      markerKeysIn(c.body).map((key) => ({ key, createdAt: DateTime.fromISO(c.created_at, { zone: "utc" }) })),
    );
  return { snapshots, marked };
}

/** Open issues carrying `label` written by `botLogin`, with their bodies (100 per page). */
export async function openLabelledIssues(
  octokit: GitHubClient,
  repo: RepoRef,
  label: string,
  botLogin: string,
): Promise<{ number: number; body: string }[]> {
  const list = await callGitHub(`list open "${label}" issues`, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: "open", labels: label, per_page: 100 }),
  );
  return list
    .filter((i) => !i.pull_request && i.user?.login.toLowerCase() === botLogin.toLowerCase())
    .map((i) => ({ number: i.number, body: i.body ?? "" }));
}
