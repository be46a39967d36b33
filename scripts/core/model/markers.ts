/**
 * Hidden markers that let a rerun find what an earlier run wrote: `<!-- oncall:KEY -->` in a comment or
 * issue body. GitHub renders HTML comments as nothing. Core plans bodies with them and reads them back;
 * the GitHub adapter (scripts/github/markers.ts) checks keys before it writes them.
 */

/** The marker text for a key. */
export function markerText(key: string): string {
  return `<!-- oncall:${key} -->`;
}

/** `body` with the key's marker on its own last line (idempotent). */
export function appendMarker(body: string, key: string): string {
  const marker = markerText(key);
  if (body.trimEnd().endsWith(marker)) return body;
  return `${body.trimEnd()}\n\n${marker}`;
}

/** Whether a body carries the key's marker. */
export function bodyHasMarker(body: string | null | undefined, key: string): boolean {
  return (body ?? "").includes(markerText(key));
}

/** Every marker key in a body, in order (keys are letters, digits and `._:/-`, at most 100 characters). */
export function markerKeysIn(body: string | null | undefined): string[] {
  return [...(body ?? "").matchAll(/<!-- oncall:([A-Za-z0-9][A-Za-z0-9._:/-]{0,99}) -->/g)].map((m) => m[1]!);
}

/** A link into the repository's default branch, `https://github.com/owner/repo/blob/HEAD/<path>`. */
export function blobUrl(repoUrl: string, path: string): string {
  return `${repoUrl.replace(/\/+$/, "")}/blob/HEAD/${encodeURI(path)}`;
}
