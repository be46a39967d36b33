/**
 * Relative links between playbooks and postmortems: the file must exist, and a `#anchor` must name a
 * heading of the target (or of the same file for `#anchor` alone), as GitHub renders it. Links with a
 * scheme (https:, mailto:) and site-absolute paths (`/...`) are not checked: they leave the repository.
 */
import type { Finding, SourceRef } from "../model/index.js";
import { outlineFrom, type OutlineSource } from "./markdown.js";

/** A Markdown document of the repository: its path, the body, and the file line where the body starts. */
export interface MarkdownDocument {
  path: string;
  body: string;
  /** 1-based line of the file where the body starts (after the front matter). */
  bodyLine: number;
  src?: SourceRef;
}

export interface LinkCheckContext {
  /** Whether a repository path exists (any file, not only Markdown). */
  exists(path: string): boolean;
  /**
   * The heading anchors of a repository Markdown file, or undefined when its text is not known here
   * (then only the file's existence is checked).
   */
  anchorsOf(path: string): ReadonlySet<string> | undefined;
}

/** Resolves `rel` against the folder `dir` (both repository-relative, forward slashes). */
function joinPath(dir: string, rel: string): string {
  const parts = dir === "" ? [] : dir.split("/");
  for (const seg of rel.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Findings `broken-link` (no such file) and `missing-anchor` (no such heading), each at the file line
 * and column where the link starts. `outline` may be passed when the body was parsed already (or a
 * function that parses it: a body without `](` or `]:` has no link and is not parsed at all).
 */
export function checkLinks(doc: MarkdownDocument, ctx: LinkCheckContext, outline?: OutlineSource): Finding[] {
  const out: Finding[] = [];
  if (!/\]\s*[(:]/.test(doc.body)) return out;
  const parsed = outlineFrom(doc.body, outline);
  const dir = doc.path.includes("/") ? doc.path.slice(0, doc.path.lastIndexOf("/")) : "";
  for (const link of parsed.links) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(link.target) || link.target.startsWith("/") || link.target === "") continue;
    const hash = link.target.indexOf("#");
    const file = hash < 0 ? link.target : link.target.slice(0, hash);
    const anchor = hash < 0 ? undefined : decode(link.target.slice(hash + 1));
    const target = file === "" ? doc.path : joinPath(dir, decode(file.split("?")[0]!));
    const place = { line: doc.bodyLine + link.line - 1, column: link.column, ...(doc.src && { src: doc.src }) };
    if (file !== "" && !ctx.exists(target)) {
      out.push({
        severity: "error",
        rule: "broken-link",
        message: `The link to "${link.target}" points at a file that does not exist.`,
        ...place,
      });
      continue;
    }
    if (anchor === undefined || anchor === "") continue;
    const anchors = file === "" ? new Set(parsed.anchors) : ctx.anchorsOf(target);
    if (anchors && !anchors.has(anchor.toLowerCase()))
      out.push({
        severity: "error",
        rule: "missing-anchor",
        message:
          `The link to "${link.target}" names the heading #${anchor}, which ` +
          `${file === "" ? "this file" : target} does not have.`,
        ...place,
      });
  }
  return out;
}
