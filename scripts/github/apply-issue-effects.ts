/**
 * Labels, assignees and issue state. Each function reads the current state once (cached in the
 * context), writes only the difference, and reports `unchanged` when there is none.
 */
import { includesName, toIssueSnapshot, type ApplyContext } from "./apply-context.js";
import type { AppliedEffect, Effect } from "./effects.js";
import { hasStatus } from "./github-error.js";

type Of<K extends Effect["kind"]> = Extract<Effect, { kind: K }>;

const unchanged = (effect: Effect, summary: string, number?: number): AppliedEffect => ({
  effect,
  outcome: "unchanged",
  summary,
  ...(number ? { number } : {}),
});

export async function ensureLabels(ctx: ApplyContext, effect: Of<"ensure-labels">): Promise<AppliedEffect> {
  const existing = await ctx.call("list repository labels", () =>
    ctx.octokit.paginate(ctx.octokit.rest.issues.listLabelsForRepo, { ...ctx.repo, per_page: 100 }),
  );
  const done: string[] = [];
  for (const spec of effect.labels) {
    const color = spec.color.replace(/^#/, "").toLowerCase();
    const found = existing.find((l) => l.name.toLowerCase() === spec.name.toLowerCase());
    if (!found) {
      try {
        await ctx.call(`create label "${spec.name}"`, () =>
          ctx.octokit.rest.issues.createLabel({
            ...ctx.repo,
            name: spec.name,
            color,
            ...(spec.description !== undefined ? { description: spec.description } : {}),
          }),
        );
        done.push(`created ${spec.name}`);
      } catch (error) {
        if (!hasStatus(error, 422)) throw error; // 422 already_exists: created concurrently, fine.
      }
    } else if (
      found.color.toLowerCase() !== color ||
      (spec.description !== undefined && (found.description ?? "") !== spec.description)
    ) {
      await ctx.call(`update label "${spec.name}"`, () =>
        ctx.octokit.rest.issues.updateLabel({
          ...ctx.repo,
          name: found.name,
          color,
          ...(spec.description !== undefined ? { description: spec.description } : {}),
        }),
      );
      done.push(`updated ${spec.name}`);
    }
  }
  if (done.length === 0) return unchanged(effect, "labels already exist");
  return {
    effect,
    outcome: done.some((d) => d.startsWith("created")) ? "created" : "updated",
    summary: `labels: ${done.join(", ")}`,
  };
}

export async function addLabels(ctx: ApplyContext, effect: Of<"add-labels">): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  const issue = await ctx.issue(number);
  const missing = effect.labels.filter((l) => !includesName(issue.labels, l));
  if (missing.length === 0) return unchanged(effect, `#${number} already has ${effect.labels.join(", ")}`, number);
  const { data } = await ctx.call(`add labels to #${number}`, () =>
    ctx.octokit.rest.issues.addLabels({ ...ctx.repo, issue_number: number, labels: missing }),
  );
  ctx.remember({ ...issue, labels: data.map((l) => l.name) });
  return { effect, outcome: "updated", summary: `labelled #${number} ${missing.join(", ")}`, number, url: issue.url };
}

export async function removeLabels(ctx: ApplyContext, effect: Of<"remove-labels">): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  const issue = await ctx.issue(number);
  const present = issue.labels.filter((l) => includesName(effect.labels, l));
  if (present.length === 0) return unchanged(effect, `#${number} has none of ${effect.labels.join(", ")}`, number);
  let labels = issue.labels;
  for (const name of present) {
    try {
      const { data } = await ctx.call(`remove label "${name}" from #${number}`, () =>
        ctx.octokit.rest.issues.removeLabel({ ...ctx.repo, issue_number: number, name }),
      );
      labels = data.map((l) => l.name);
    } catch (error) {
      if (!hasStatus(error, 404)) throw error; // removed concurrently: the goal is reached.
      labels = labels.filter((l) => l !== name);
    }
  }
  ctx.remember({ ...issue, labels });
  return {
    effect,
    outcome: "updated",
    summary: `removed ${present.join(", ")} from #${number}`,
    number,
    url: issue.url,
  };
}

/** Shared by set-assignees and add-assignees: `exact` also removes assignees not wanted. */
async function assign(
  ctx: ApplyContext,
  effect: Of<"set-assignees"> | Of<"add-assignees">,
  exact: boolean,
): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  let issue = await ctx.issue(number);
  const toAdd = effect.assignees.filter((a) => !includesName(issue.assignees, a));
  const toRemove = exact ? issue.assignees.filter((a) => !includesName(effect.assignees, a)) : [];
  if (toAdd.length === 0 && toRemove.length === 0)
    return unchanged(effect, `#${number} already assigned to ${effect.assignees.join(", ") || "nobody"}`, number);
  if (toAdd.length > 0) {
    const { data } = await ctx.call(`assign ${toAdd.join(", ")} to #${number}`, () =>
      ctx.octokit.rest.issues.addAssignees({ ...ctx.repo, issue_number: number, assignees: toAdd }),
    );
    issue = ctx.remember(toIssueSnapshot(data));
  }
  if (toRemove.length > 0) {
    const { data } = await ctx.call(`unassign ${toRemove.join(", ")} from #${number}`, () =>
      ctx.octokit.rest.issues.removeAssignees({ ...ctx.repo, issue_number: number, assignees: toRemove }),
    );
    issue = ctx.remember(toIssueSnapshot(data));
  }
  // GitHub silently drops people who cannot be assigned (no access to the repository).
  const declined = toAdd.filter((a) => !includesName(issue.assignees, a));
  const warnings =
    declined.length > 0
      ? [`GitHub did not assign ${declined.join(", ")} to #${number} (no access to the repository?)`]
      : [];
  for (const w of warnings) ctx.logger.warn(w);
  return {
    effect,
    outcome: "updated",
    summary: `assignees of #${number}: ${issue.assignees.join(", ") || "nobody"}`,
    number,
    url: issue.url,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export const setAssignees = (ctx: ApplyContext, effect: Of<"set-assignees">) => assign(ctx, effect, true);
export const addAssignees = (ctx: ApplyContext, effect: Of<"add-assignees">) => assign(ctx, effect, false);

export async function updateIssue(ctx: ApplyContext, effect: Of<"update-issue">): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  const issue = await ctx.issue(number);
  const changes = {
    ...(effect.title !== undefined && effect.title !== issue.title ? { title: effect.title } : {}),
    ...(effect.body !== undefined && effect.body !== issue.body ? { body: effect.body } : {}),
  };
  if (Object.keys(changes).length === 0) return unchanged(effect, `#${number} is up to date`, number);
  const { data } = await ctx.call(`update #${number}`, () =>
    ctx.octokit.rest.issues.update({ ...ctx.repo, issue_number: number, ...changes }),
  );
  ctx.remember(toIssueSnapshot(data));
  return {
    effect,
    outcome: "updated",
    summary: `updated ${Object.keys(changes).join(" and ")} of #${number}`,
    number,
    url: issue.url,
  };
}

export async function setIssueState(
  ctx: ApplyContext,
  effect: Of<"close-issue"> | Of<"reopen-issue">,
): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  const issue = await ctx.issue(number);
  const state = effect.kind === "close-issue" ? "closed" : "open";
  const reason = effect.kind === "close-issue" ? effect.reason : undefined;
  if (issue.state === state && (reason === undefined || issue.stateReason === reason))
    return unchanged(effect, `#${number} is already ${state}`, number);
  const { data } = await ctx.call(`${state === "closed" ? "close" : "reopen"} #${number}`, () =>
    ctx.octokit.rest.issues.update({
      ...ctx.repo,
      issue_number: number,
      state,
      ...(reason ? { state_reason: reason } : {}),
    }),
  );
  ctx.remember(toIssueSnapshot(data));
  return {
    effect,
    outcome: "updated",
    summary: `${state === "closed" ? "closed" : "reopened"} #${number}`,
    number,
    url: issue.url,
  };
}
