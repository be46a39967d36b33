/**
 * Action items of postmortems that have no issue yet: one `follow-up` issue each, assigned to its
 * owner and linking the postmortem and the incident (found again by its marker, so never opened
 * twice), then one pull request that writes the issue links back into the postmortems' front matter.
 * Items whose text is still placeholder text wait until someone writes them.
 */
import { parseDocument } from "yaml";
import type { Effect, FileWrite } from "../model/index.js";
import { neutralizeMentions, safeInline } from "../model/index.js";
import { appendMarker, blobUrl } from "../model/index.js";
import { type PostmortemFacts } from "./daily-input.js";

/** Label of follow-up issues (the same as the incident's `/followup` issues). */
export const FOLLOWUP_LABEL = "follow-up";

/** Head branch of the write-back pull request. */
export const ACTION_ITEMS_BRANCH = "oncall/postmortem-action-items";

/** An action item that needs an issue, and the key of the issue that tracks it. */
export interface PendingActionItem {
  key: string;
  path: string;
  incident: number;
  /** Position in the front matter's `actionItems`. */
  index: number;
  title: string;
  owner: string;
}

/**
 * The marker key of an action item: its postmortem's incident, its position and a hash of its title,
 * so that rewording an item before its issue exists does not leave an issue for the old wording open.
 */
export function actionItemKey(incident: number, index: number, title: string): string {
  let hash = 0x811c9dc5;
  for (const ch of title.trim()) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `postmortem-action:INC-${incident}:${index + 1}:${hash.toString(16).padStart(8, "0")}`;
}

/** The items without an issue, skipping placeholder text (`isPlaceholder`, core/postmortem's check). */
export function pendingActionItems(
  postmortems: readonly PostmortemFacts[],
  isPlaceholder: (text: string) => boolean = () => false,
): PendingActionItem[] {
  return postmortems.flatMap((pm) =>
    pm.actionItems.flatMap((item, index) =>
      item.issue || isPlaceholder(item.title) || isPlaceholder(item.owner)
        ? []
        : [
            {
              key: actionItemKey(pm.incident, index, item.title),
              path: pm.path,
              incident: pm.incident,
              index,
              ...item,
            },
          ],
    ),
  );
}

/** One create-issue per pending item. */
export function actionItemIssues(items: readonly PendingActionItem[], repoUrl: string): Effect[] {
  return items.map((item) => ({
    kind: "create-issue",
    key: item.key,
    title: safeInline(item.title, 250),
    body: appendMarker(
      [
        `Action item from the postmortem of incident #${item.incident}: [${item.path}](${blobUrl(repoUrl, item.path)}).`,
        "",
        `> ${neutralizeMentions(item.title).replace(/\n/g, " ")}`,
        "",
        `Owner: @${item.owner}. The postmortem links this issue once the bot's pull request is merged.`,
      ].join("\n"),
      item.key,
    ),
    labels: [FOLLOWUP_LABEL],
    assignees: [item.owner],
  }));
}

/**
 * The postmortem files with the issue links written into their front matter: `sources` maps a path to
 * the file's text on the default branch, `links` an item's key to its issue's URL. Items whose issue
 * is not known are left as they are; files that do not change are not returned.
 */
export function writeBackFiles(
  items: readonly PendingActionItem[],
  links: ReadonlyMap<string, string>,
  sources: ReadonlyMap<string, string>,
): FileWrite[] {
  const files: FileWrite[] = [];
  for (const path of [...new Set(items.map((i) => i.path))].sort()) {
    const text = sources.get(path);
    if (text === undefined) continue;
    const match = /^(---\r?\n)([\s\S]*?\r?\n)(---\r?\n?[\s\S]*)$/.exec(text);
    if (!match) continue;
    const doc = parseDocument(match[2] ?? "");
    let changed = false;
    for (const item of items.filter((i) => i.path === path)) {
      const url = links.get(item.key);
      if (!url || doc.getIn(["actionItems", item.index, "issue"]) !== undefined) continue;
      doc.setIn(["actionItems", item.index, "issue"], url);
      changed = true;
    }
    if (changed) files.push({ path, content: `${match[1]}${doc.toString({ lineWidth: 0 })}${match[3]}` });
  }
  return files;
}

/** The write-back pull request for `files` (one for all postmortems, updated by later runs). */
export function writeBackEffect(files: FileWrite[], numbers: readonly number[]): Effect | null {
  if (files.length === 0) return null;
  return {
    kind: "commit-file",
    files,
    message: "Postmortems: link the action items' issues",
    pullRequest: {
      branch: ACTION_ITEMS_BRANCH,
      title: "Postmortems: link the action items' follow-up issues",
      body: [
        "The daily postmortem workflow opened a follow-up issue for each action item without one " +
          `(${numbers.map((n) => `#${n}`).join(", ")}); this writes their links into the postmortems' front matter.`,
        "",
        "Merge it so the postmortems point at their issues; until then the workflow keeps this pull request current.",
      ].join("\n"),
    },
  };
}
