/** Playbooks: Markdown outlines (links, heading anchors), link checks and staleness. */
export * from "./markdown.js";
export * from "./links.js";
export * from "./stale.js";
export * from "./review-issues.js";
