/**
 * Postmortems: the draft written on resolution, its due date and review meeting, the life-cycle rules
 * (draft -> in-review -> final) and the lists of what is owed.
 */
export * from "./check.js";
export * from "./draft.js";
export * from "./due.js";
export * from "./list.js";
export * from "./placeholders.js";
export * from "./reviews.js";
export * from "./daily-input.js";
export * from "./reminders.js";
export * from "./agenda.js";
export * from "./announce.js";
export * from "./action-items.js";
