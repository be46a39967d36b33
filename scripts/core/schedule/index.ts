/** The schedule concept's public surface: other folders import it only from here. */
export * from "./coverage-window.js";
export * from "./effective.js";
export * from "./findings.js";
export * from "./people-rules.js";
export * from "./publication-text.js";
export * from "./publication.js";
export * from "./rules.js";
export * from "./update.js";
export * from "./who.js";
