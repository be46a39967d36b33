/**
 * Shared fixtures for the incident tests: the example organisation's policy (the frozen copy in
 * scripts/fixtures/example, so a team's own policy never breaks these tests), realistic issue bodies
 * as GitHub renders a submitted form, and small state builders. Test-only; nothing in the product
 * imports it.
 */
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { parse } from "yaml";
import { DEFAULT_COMMAND_LIMITS, type Policy } from "../model/index.js";
import type { IncidentReport } from "./form.js";
import { openIncidentState } from "./open.js";
import type { IncidentState } from "./state.js";

const root = new URL("../../../", import.meta.url);
const example = new URL("../../fixtures/example/", import.meta.url);

/** incidents/policy.yaml of the example organisation's test copy (scripts/fixtures/example), with its defaults. */
export function examplePolicy(): Policy {
  const raw = parse(readFileSync(new URL("incidents/policy.yaml", example), "utf8")) as Policy;
  return {
    ...raw,
    postmortemDueBusinessDays: raw.postmortemDueBusinessDays ?? 2,
    playbookReviewDays: raw.playbookReviewDays ?? 180,
    reporters: raw.reporters ?? "anyone",
    commands: { ...DEFAULT_COMMAND_LIMITS, ...raw.commands },
  };
}

/**
 * The text of a project file (not team data), for drift tests against the real form template's
 * structure, which `oncall init` and `oncall form` keep.
 */
export function repoFile(path: string): string {
  return readFileSync(new URL(path, root), "utf8");
}

/** The text of a file of the example organisation's test copy (scripts/fixtures/example). */
export function exampleFile(path: string): string {
  return readFileSync(new URL(path, example), "utf8");
}

/** A UTC instant from an ISO string. */
export function utc(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: "utc" });
}

/** Answers for {@link formBody}; omitted ones render as GitHub renders an empty answer. */
export interface FormAnswers {
  what?: string;
  who?: string;
  severity?: string;
  services?: string;
  production?: string;
  started?: string;
  links?: string;
}

/** An issue body exactly as GitHub renders the incident form. */
export function formBody(answers: FormAnswers): string {
  const section = (label: string, value: string | undefined, empty = "_No response_") =>
    `### ${label}\n\n${value ?? empty}`;
  return [
    section("What is broken?", answers.what),
    section("Who is affected?", answers.who),
    section("Severity", answers.severity, "None"),
    section("Affected services", answers.services, "None"),
    section("Is production affected?", answers.production, "None"),
    section("When did it start?", answers.started),
    section("Links", answers.links),
  ].join("\n\n");
}

/** A complete, well-formed report body: P2 on checkout. */
export const GOOD_BODY = formBody({
  what: 'Checkout shows "Your card was declined" for every card payment from the UK.',
  who: "Customers paying by card in the UK and EU; support has 30 tickets in 20 minutes.",
  severity:
    "P2 - Major: an important feature is broken for many customers or a core flow fails for a whole segment with no workaround",
  services: "checkout, api-gateway",
  production: "Yes",
  started: "2026-10-22T15:20:00Z",
  links:
    "https://grafana.fernhill.example/d/checkout-overview/checkout\nhttps://fernhill.example/support/tickets/12345",
});

/** A report as the form parser would return it, for building states directly. */
export function report(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    what: "Checkout is down",
    who: "Everyone",
    severity: "P2",
    services: ["checkout"],
    production: true,
    startedAt: null,
    startedText: null,
    links: [],
    ...overrides,
  };
}

/** A fresh incident #57 reported at 2026-10-22 15:30 UTC by `reporter`, with alice and bob on call. */
export function freshState(overrides: Partial<IncidentReport> = {}): IncidentState {
  return openIncidentState(
    {
      number: 57,
      title: "[Incident] Card payments declined",
      author: "reporter",
      createdAt: utc("2026-10-22T15:30:00Z"),
    },
    report(overrides),
    [],
    ["alice", "bob"],
  );
}
