/**
 * Files the postmortem commands write: the record's `postmortem` path, set in place so the record's
 * comments and layout stay as they are, and the repository address that action items link to.
 */
import { parseDocument } from "yaml";

/**
 * The record text with `postmortem: <path>` set (added after `followups`, or replaced), or the text
 * unchanged when it already names that path.
 */
export function setRecordPostmortem(recordText: string, path: string): string {
  const doc = parseDocument(recordText);
  if (doc.get("postmortem") === path) return recordText;
  doc.set("postmortem", path);
  return doc.toString({ lineWidth: 100, minContentWidth: 40 });
}

/**
 * `https://github.com/<owner>/<name>/issues/` for issue links: from GITHUB_REPOSITORY (and
 * GITHUB_SERVER_URL) when set, else from the issue links the repository's postmortems already use
 * (the most common base), else undefined.
 */
export function issueBase(env: NodeJS.ProcessEnv, knownIssueLinks: readonly string[]): string | undefined {
  if (env.GITHUB_REPOSITORY && /^[\w.-]+\/[\w.-]+$/.test(env.GITHUB_REPOSITORY))
    return `${(env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}/issues/`;
  const counts = new Map<string, number>();
  for (const link of knownIssueLinks) {
    const m = /^(https:\/\/[^/\s]+\/[\w.-]+\/[\w.-]+\/issues\/)\d+$/.exec(link);
    if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
