/**
 * Marker-identified writes: one comment per (issue, key) and one issue per key. A rerun finds the
 * earlier write by its hidden marker (only in text written by a trusted author) and edits it, or
 * leaves it alone, instead of posting a duplicate.
 */
import { toIssueSnapshot, type ApplyContext } from "./apply-context.js";
import type { AppliedEffect, Effect } from "./effects.js";
import { hasMarker, withMarker } from "./markers.js";

type Of<K extends Effect["kind"]> = Extract<Effect, { kind: K }>;

export async function upsertComment(ctx: ApplyContext, effect: Of<"upsert-comment">): Promise<AppliedEffect> {
  const number = ctx.resolve(effect.issue);
  const body = withMarker(effect.body, effect.key);
  const comments = await ctx.commentsOf(number);
  const existing = comments.find((c) => hasMarker(c.body, effect.key) && ctx.isTrusted(c.author));
  if (existing && existing.body === body)
    return {
      effect,
      outcome: "unchanged",
      summary: `comment "${effect.key}" on #${number} is up to date`,
      number,
      url: existing.url,
    };
  if (existing) {
    const { data } = await ctx.call(`edit comment "${effect.key}" on #${number}`, () =>
      ctx.octokit.rest.issues.updateComment({ ...ctx.repo, comment_id: existing.id, body }),
    );
    existing.body = data.body ?? body;
    return {
      effect,
      outcome: "updated",
      summary: `updated comment "${effect.key}" on #${number}`,
      number,
      url: data.html_url,
    };
  }
  const { data } = await ctx.call(`comment "${effect.key}" on #${number}`, () =>
    ctx.octokit.rest.issues.createComment({ ...ctx.repo, issue_number: number, body }),
  );
  comments.push({ id: data.id, body: data.body ?? body, author: data.user, url: data.html_url });
  return { effect, outcome: "created", summary: `commented "${effect.key}" on #${number}`, number, url: data.html_url };
}

/**
 * Looks for an earlier issue with the key's marker among issues carrying all of the effect's labels
 * (any state, newest first, 100 per page, stopping at the first match). GitHub's search index lags
 * behind writes, so listing is used rather than search: a rerun seconds later still finds the issue.
 */
async function findMarkedIssue(ctx: ApplyContext, effect: Of<"create-issue">) {
  const labels = (effect.labels ?? []).join(",");
  const params = {
    ...ctx.repo,
    state: "all" as const,
    per_page: 100,
    sort: "created" as const,
    direction: "desc" as const,
    ...(labels ? { labels } : {}),
  };
  return ctx.call(`look for issue "${effect.key}"`, async () => {
    for await (const page of ctx.octokit.paginate.iterator(ctx.octokit.rest.issues.listForRepo, params)) {
      const found = page.data.find((i) => hasMarker(i.body, effect.key) && ctx.isTrusted(i.user));
      if (found) return found;
    }
    return undefined;
  });
}

export async function createIssue(ctx: ApplyContext, effect: Of<"create-issue">): Promise<AppliedEffect> {
  const found = await findMarkedIssue(ctx, effect);
  if (found) {
    ctx.createdIssues.set(effect.key, found.number);
    ctx.remember(toIssueSnapshot(found));
    return {
      effect,
      outcome: "unchanged",
      summary: `issue "${effect.key}" exists: #${found.number}`,
      number: found.number,
      url: found.html_url,
    };
  }
  const { data } = await ctx.call(`open issue "${effect.key}"`, () =>
    ctx.octokit.rest.issues.create({
      ...ctx.repo,
      title: effect.title,
      body: withMarker(effect.body, effect.key),
      ...(effect.labels && effect.labels.length > 0 ? { labels: effect.labels } : {}),
      ...(effect.assignees && effect.assignees.length > 0 ? { assignees: effect.assignees } : {}),
    }),
  );
  ctx.createdIssues.set(effect.key, data.number);
  ctx.remember(toIssueSnapshot(data));
  return {
    effect,
    outcome: "created",
    summary: `opened #${data.number} "${effect.title}"`,
    number: data.number,
    url: data.html_url,
  };
}
