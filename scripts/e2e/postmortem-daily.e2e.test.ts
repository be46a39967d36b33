/**
 * The daily `postmortem` workflow of issue 13 items 4 and 5, end to end: the bundled action (rebuild
 * with `npm run bundle`) against the fake GitHub, at instants given through its `at` input, over a
 * temp copy of the example organisation with its own postmortems, records and review cadence. Runs
 * start late, twice, or not at all, as scheduled runs do.
 */
import { appendFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAction, type ActionRun } from "./action-runner.js";
import { useWebhooks, type Hook } from "./webhook-kit.js";
import { buildEvent } from "./event-payloads.js";
import type { FakeGitHub } from "./fake-github/index.js";
import { useFakeGitHub } from "./fake-github/test-helper.js";
import { exampleWorkspace, removeWorkspace, seedPeople, writes } from "./incident-kit.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const ENTRY = join(root, ".github/actions/postmortem/dist/index.mjs");

let clock = new Date("2026-12-02T06:41:00Z");
const fake = useFakeGitHub({ now: () => clock });
let workspace = "";

/** Incident #n as the fake knows it (closed, labelled) and its record, resolved on `resolvedAt`. */
async function incident(f: FakeGitHub, n: number, severity: string, title: string, summary: string) {
  const issue = f.seed.issue({ title: `[Incident] ${title}`, labels: ["incident"], state: "closed" });
  expect(issue.number).toBe(n);
  const record = {
    id: `INC-${n}`,
    issue: n,
    title: `[Incident] ${title}`,
    status: "resolved",
    severity,
    services: ["auth"],
    production: true,
    summary,
    reportedBy: "dwashington",
    reportedAt: "2026-11-27T10:00:00Z",
    resolvedAt: "2026-11-27T12:00:00Z",
    roles: { commander: "dwashington", comms: "kbarrett" },
    oncall: ["dwashington", "kbarrett"],
    responders: ["marcus-bell"],
    timeline: [],
    followups: [],
  };
  await writeFile(join(workspace, `incidents/2026/INC-${n}.yaml`), stringify(record));
}

/** A postmortem file for INC-`n` with this front matter; its Summary is `summary`, else still a placeholder. */
async function postmortem(n: number, slug: string, front: Record<string, unknown>, summary?: string): Promise<string> {
  const path = `postmortems/2026/INC-${n}-${slug}.md`;
  const text = summary ?? "<!-- TODO: summary -->";
  await writeFile(join(workspace, path), `---\n${stringify(front)}---\n\n# INC-${n}\n\n## Summary\n\n${text}\n`);
  return path;
}

const REVIEWS = [
  "reviews:",
  "  every: 1w",
  "  weekday: thursday",
  '  time: "15:00"',
  "  zone: Europe/Berlin",
  "  from: 2026-11-05",
  "",
].join("\n");

beforeEach(async () => {
  workspace = await exampleWorkspace();
  await rm(join(workspace, "postmortems/2026"), { recursive: true, force: true });
  await mkdir(join(workspace, "postmortems/2026"), { recursive: true });
  await appendFile(join(workspace, "incidents/policy.yaml"), `\n${REVIEWS}`);
  const f = fake();
  seedPeople(f);
  await incident(f, 1, "P1", "Sign-in is down", "Sign-in failed for everyone for 40 minutes after a bad deploy.");
  await incident(f, 2, "P2", "Search is empty", "Search returned nothing for an hour.");
  await incident(f, 3, "P1", "Checkout fails", "Card payments failed for 25 minutes.");
  await postmortem(1, "sign-in-is-down", {
    incident: "INC-1",
    title: "Sign-in is down",
    severity: "P1",
    status: "draft",
    authors: ["dwashington", "kbarrett"],
    due: "2026-12-01",
    review: "2026-12-10",
    actionItems: [
      { title: "Alert on the sign-in error rate", owner: "dwashington" },
      { title: "<!-- TODO: what else? -->", owner: "kbarrett" },
    ],
  });
  await postmortem(
    2,
    "search-is-empty",
    {
      incident: "INC-2",
      title: "Search is empty",
      severity: "P2",
      status: "in-review",
      authors: ["kbarrett"],
      due: "2026-12-04",
    },
    "An index rebuild dropped every document; the alert on empty results was missing.",
  );
  await postmortem(3, "checkout-fails", {
    incident: "INC-3",
    title: "Checkout fails",
    severity: "P1",
    status: "final",
    authors: ["dwashington"],
    due: "2026-11-24",
    review: "2026-11-26",
    rootCause: ["code-change"],
    actionItems: [
      { title: "Canary card payments", owner: "dwashington", issue: "https://github.com/acme/oncall/issues/99" },
    ],
  });
});
afterEach(() => removeWorkspace(workspace));

const webhook = useWebhooks();

/** One run of the bundled action at `at`, as the schedule starts it; returns the run and its writes. */
async function daily(f: FakeGitHub, at: string, hook?: Hook): Promise<{ run: ActionRun; writes: number }> {
  clock = new Date(at);
  const start = f.log.entries.length;
  const run = await runAction({
    entry: ENTRY,
    ...buildEvent("schedule", { schedule: "41 6 * * *" }),
    apiUrl: f.url,
    workspace,
    inputs: { "github-token": f.token, at, ...(hook ? { "webhook-url": hook.url } : {}) },
  });
  expect(run.exitCode, `postmortem action at ${at}:\n${run.stdout}\n${run.stderr}`).toBe(0);
  f.assertNoViolations();
  return { run, writes: writes(f.log.entries.slice(start)).length };
}

const bot = (f: FakeGitHub, n: number, prefix: string) =>
  f.comments(n).filter((c) => c.user === "github-actions[bot]" && c.body.includes(`<!-- oncall:${prefix}`));
const issues = (f: FakeGitHub, label: string) =>
  [...f.repo().issues.values()].filter((i) => !i.pull && i.labels.includes(label));

describe("daily postmortem workflow", () => {
  // Fails before the issue 13 item 4: there was no postmortem workflow at all.
  it("reminds the authors of an overdue draft at most once a day over three days, late and repeated runs included", async () => {
    const f = fake();
    await daily(f, "2026-12-02T06:41:00Z");
    expect(bot(f, 1, "postmortem-overdue:")).toHaveLength(1);
    expect(bot(f, 1, "postmortem-overdue:")[0]?.body).toContain(
      "@dwashington, @kbarrett: the postmortem draft [postmortems/2026/INC-1-sign-in-is-down.md]",
    );
    // The same day: a rerun, and a second run in the evening, remind nobody again.
    expect((await daily(f, "2026-12-02T06:41:00Z")).writes).toBe(0);
    await daily(f, "2026-12-02T20:00:00Z");
    expect(bot(f, 1, "postmortem-overdue:")).toHaveLength(1);
    // Day two, a little earlier than day one's run; day three's run was skipped, day four's runs late.
    await daily(f, "2026-12-03T05:30:00Z");
    expect(bot(f, 1, "postmortem-overdue:")).toHaveLength(2);
    await daily(f, "2026-12-05T11:00:00Z");
    await daily(f, "2026-12-05T11:30:00Z");
    expect(bot(f, 1, "postmortem-overdue:")).toHaveLength(3);
    // The postmortem without a review date: its on-call owners were asked once, on the first day.
    expect(bot(f, 2, "postmortem-unscheduled:")).toHaveLength(1);
    expect(bot(f, 2, "postmortem-unscheduled:")[0]?.body).toContain("has no review meeting yet");
    // Not a draft, not overdue: INC-2 got no overdue reminder; INC-3 is final.
    expect(bot(f, 2, "postmortem-overdue:")).toHaveLength(0);
    expect(f.comments(3)).toHaveLength(0);
  }, 300_000);

  // Fails before the issue 13 item 4: no agenda issue was ever opened.
  it("opens the agenda issue two days before the review meeting, then updates it when more are booked", async () => {
    const f = fake();
    await daily(f, "2026-12-08T06:41:00Z"); // more than two days before Thursday 10 December 15:00 Berlin
    expect(issues(f, "incident-review")).toHaveLength(0);
    await daily(f, "2026-12-08T14:30:00Z");
    const [agenda] = issues(f, "incident-review");
    expect(issues(f, "incident-review")).toHaveLength(1);
    expect(agenda?.title).toBe("Incident review 2026-12-10");
    expect(agenda?.body).toContain("### INC-1: Sign-in is down");
    expect(agenda?.body).toContain("- Summary: Sign-in failed for everyone for 40 minutes after a bad deploy.");
    expect(agenda?.body).toContain("- Speakers: @dwashington, @kbarrett, @marcus-bell");
    expect(agenda?.body).not.toContain("INC-2");
    // INC-2 is booked into the same meeting: the next run edits the same issue.
    const path = join(workspace, "postmortems/2026/INC-2-search-is-empty.md");
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace("due: 2026-12-04\n", "due: 2026-12-04\nreview: 2026-12-10\n"),
    );
    await daily(f, "2026-12-09T06:41:00Z");
    expect(issues(f, "incident-review")).toHaveLength(1);
    expect(issues(f, "incident-review")[0]?.body).toContain("### INC-2: Search is empty");
    // The Summary its authors wrote wins over the record's; a placeholder one falls back to the record.
    expect(issues(f, "incident-review")[0]?.body).toContain("- Summary: An index rebuild dropped every document;");
    expect((await daily(f, "2026-12-09T06:41:00Z")).writes).toBe(0);
  }, 300_000);

  // Fails before the issue 13 item 4: a final P1 postmortem was announced nowhere.
  it("announces a final P1 postmortem once: one issue labelled announcement and one chat message", async () => {
    const f = fake();
    const hook = await webhook();
    const first = await daily(f, "2026-12-02T06:41:00Z", hook);
    await daily(f, "2026-12-02T06:41:00Z", hook);
    await daily(f, "2026-12-03T06:41:00Z", hook);
    const announced = issues(f, "announcement");
    expect(announced).toHaveLength(1);
    expect(announced[0]?.title).toBe("Postmortem of INC-3: Checkout fails");
    expect(announced[0]?.body).toContain("Card payments failed for 25 minutes.");
    expect(first.run.outputs["announced"]).toBe(String(announced[0]?.number));
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.text).toContain("Postmortem of INC-3 (P1) is final");
    // Masked by the runner (the mask command itself names it); printed nowhere else.
    const logged = `${first.run.stdout}\n${first.run.stderr}`.split("\n").filter((l) => !l.startsWith("::add-mask::"));
    expect(logged.join("\n")).not.toContain("webhook-secret");
  }, 300_000);

  // Fails before the issue 13 item 4: action items without an issue stayed without one.
  it("opens a follow-up issue per action item without one and a pull request writing the links back", async () => {
    const f = fake();
    const first = await daily(f, "2026-12-02T06:41:00Z");
    const followups = issues(f, "follow-up");
    expect(followups.map((i) => i.title)).toEqual(["Alert on the sign-in error rate"]); // not the placeholder
    expect(followups[0]?.assignees).toEqual(["dwashington"]);
    expect(followups[0]?.body).toContain("postmortems/2026/INC-1-sign-in-is-down.md");
    const pulls = [...f.repo().issues.values()].filter((i) => i.pull);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.pull?.headRef).toBe("oncall/postmortem-action-items");
    expect(first.run.outputs["write-back"]).toBe(String(pulls[0]?.number));
    const written = f.readFile("postmortems/2026/INC-1-sign-in-is-down.md", "oncall/postmortem-action-items") ?? "";
    expect(written).toContain(`issue: https://github.com/acme/oncall/issues/${followups[0]?.number}`);
    expect(written).toContain("<!-- TODO: what else? -->");
    // The next day, before the pull request is merged: no second issue, the pull request as it was.
    await daily(f, "2026-12-03T06:41:00Z");
    expect(issues(f, "follow-up")).toHaveLength(1);
    expect([...f.repo().issues.values()].filter((i) => i.pull)).toHaveLength(1);
  }, 300_000);

  // Fails before the issue 13 item 5: stale playbooks were only a validation warning.
  it("keeps one review issue per stale playbook, assigned to its owners, and closes it once reviewed", async () => {
    const f = fake();
    await daily(f, "2026-12-02T06:41:00Z");
    await daily(f, "2026-12-03T06:41:00Z");
    const reviews = issues(f, "playbook-review");
    expect(reviews.map((i) => i.title)).toEqual([expect.stringMatching(/^Review the playbook: /)]);
    expect(reviews[0]?.body).toContain("playbooks/auth-login-failures.md");
    expect(reviews[0]?.state).toBe("open");
    expect(reviews[0]?.assignees.length).toBeGreaterThan(0);
    const path = join(workspace, "playbooks/auth-login-failures.md");
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace("lastReviewed: 2026-04-20", "lastReviewed: 2026-12-03"),
    );
    await daily(f, "2026-12-04T06:41:00Z");
    expect(issues(f, "playbook-review")).toHaveLength(1);
    expect(issues(f, "playbook-review")[0]?.state).toBe("closed");
  }, 300_000);

  it("prints the plan and writes nothing on a dry run", async () => {
    const f = fake();
    clock = new Date("2026-12-02T06:41:00Z");
    const start = f.log.entries.length;
    const run = await runAction({
      entry: ENTRY,
      ...buildEvent("schedule", { schedule: "41 6 * * *" }),
      apiUrl: f.url,
      workspace,
      inputs: { "github-token": f.token, at: "2026-12-02T06:41:00Z", "dry-run": "true" },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("Dry run: the plan, not applied:");
    expect(run.stdout).toContain("pull request writing the issue links of 1 action item(s) back");
    expect(writes(f.log.entries.slice(start))).toEqual([]);
  }, 300_000);
});
