/**
 * The import concept's public surface: Opsgenie and PagerDuty schedules (their documented API response
 * shapes) converted to our roster, rotation config, published schedule and overrides, with the list of
 * what cannot be carried over and the verification table. Pure: responses and a window in, data out.
 */
export * from "./source-types.js";
export * from "./model.js";
export * from "./turns.js";
export * from "./opsgenie.js";
export * from "./pagerduty.js";
export * from "./build.js";
export * from "./verify.js";
