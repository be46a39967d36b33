/** The fairness concept's public surface: the load report per person and layer, and its CSV and Markdown. */
export * from "./balance.js";
export * from "./format.js";
export * from "./hours.js";
export * from "./report.js";
export * from "./response.js";
