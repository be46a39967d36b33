/**
 * The Markdown of playbooks and postmortems, read with a real CommonMark parser (mdast-util-from-markdown,
 * the parser inside remark) rather than regular expressions: a link inside a code block is not a link, a
 * `#` in a fenced block is not a heading, and positions come from the parser. Pure: text in, nodes out.
 */
import { fromMarkdown } from "mdast-util-from-markdown";
import GithubSlugger from "github-slugger";

/** The parts of an mdast node these checks read. */
interface Node {
  type: string;
  children?: Node[];
  position?: { start: { line: number; column: number } };
  url?: string;
  value?: string;
  depth?: number;
}

/** A link or image target in a body, with the 1-based body line and column of the node. */
interface MarkdownLink {
  target: string;
  line: number;
  column: number;
}

/** What the link and placeholder checks need from one Markdown body. */
export interface MarkdownOutline {
  /** Link, image and link-definition targets, in document order. */
  links: MarkdownLink[];
  /** Anchors of the headings as GitHub renders them (`## Root causes` -> `root-causes`), in order. */
  anchors: string[];
  /** Raw HTML (comments included) with its position: where placeholders are marked. */
  html: { value: string; line: number; column: number }[];
  /** Headings: depth, plain text and 1-based line. */
  headings: { depth: number; text: string; line: number }[];
}

/** Plain text of a node, as the heading anchor is made from it. */
function textOf(node: Node): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}

/** An outline, or a function that parses one when first needed (a check that can skip the parse calls it lazily). */
export type OutlineSource = MarkdownOutline | (() => MarkdownOutline);

/** The outline of `body` from `source`, parsing only when no outline was given. */
export function outlineFrom(body: string, source?: OutlineSource): MarkdownOutline {
  return typeof source === "function" ? source() : (source ?? outlineMarkdown(body));
}

/** Parses a Markdown body (front matter already removed). Positions are relative to the body. */
export function outlineMarkdown(body: string): MarkdownOutline {
  const root = fromMarkdown(body) as Node;
  const slugger = new GithubSlugger();
  const out: MarkdownOutline = { links: [], anchors: [], html: [], headings: [] };
  const visit = (node: Node) => {
    const at = node.position?.start ?? { line: 1, column: 1 };
    if ((node.type === "link" || node.type === "image" || node.type === "definition") && node.url !== undefined)
      out.links.push({ target: node.url, line: at.line, column: at.column });
    else if (node.type === "heading") {
      const text = textOf(node);
      out.anchors.push(slugger.slug(text));
      out.headings.push({ depth: node.depth ?? 1, text, line: at.line });
    } else if (node.type === "html" && node.value !== undefined)
      out.html.push({ value: node.value, line: at.line, column: at.column });
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}

/**
 * The plain text of the paragraphs under the first level-2 heading named `heading` (case-insensitive),
 * up to the next heading of level 1 or 2: comments, code and HTML left out, whitespace collapsed.
 * Undefined when there is no such section or it has no paragraph text. Only that section is parsed.
 */
export function sectionText(body: string, heading: string): string | undefined {
  const lines = body.split("\n");
  const want = heading.trim().toLowerCase();
  const start = lines.findIndex(
    (l) =>
      /^##\s/.test(l) &&
      l
        .replace(/^##\s+/, "")
        .trim()
        .toLowerCase() === want,
  );
  if (start < 0) return undefined;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^#{1,2}\s/.test(l));
  const root = fromMarkdown(rest.slice(0, end < 0 ? undefined : end).join("\n")) as Node;
  const text = (root.children ?? [])
    .filter((n) => n.type === "paragraph")
    .map(textOf)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return text || undefined;
}
