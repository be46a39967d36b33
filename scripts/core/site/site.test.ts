/**
 * The dashboard's pages as text (issue 14 item 2; the browser tests in scripts/e2e/site.browser.test.ts
 * look at them in Chromium). Fails before issue 14 item 2: there was no core/site.
 */
import { describe, expect, it } from "vitest";
import { dashboardSite, triageOrder } from "./index.js";
import type { Incident, Organisation, Person, Policy } from "../model/index.js";
import { at, person, rotation } from "../rotation/test-kit.js";
import { generateSchedule } from "../rotation/index.js";

const people: Person[] = [
  person("ann", { name: 'Ann <script>alert("x")</script>' }),
  person("bo"),
  person("cy"),
  person("dee", { timezone: "Europe/Berlin" }),
  person("ed", { timezone: "Asia/Kolkata" }),
];
const config = rotation({ start: "2026-01-05" });
const shifts = generateSchedule({ config, people, published: [], until: at("2026-04-01T00:00") }).shifts;
const incident = (id: string, severity: Incident["severity"], reportedAt: string, status = "investigating") =>
  ({ id, title: `${id} <b>broken</b>`, severity, reportedAt, status, roles: {}, services: [] }) as unknown as Incident;
const org: Organisation = {
  people,
  rotation: config,
  shifts,
  overrides: [{ layer: "rot-a", start: at("2026-02-03T09:00"), end: at("2026-02-03T17:00"), by: "cy" }],
  policy: {} as Policy,
  incidents: [
    incident("INC-1", "P3", "2026-01-20T10:00:00Z"),
    incident("INC-2", "P1", "2026-02-01T10:00:00Z"),
    incident("INC-3", "P1", "2026-01-30T10:00:00Z"),
    incident("INC-4", null, "2026-01-10T10:00:00Z"),
    incident("INC-5", "P1", "2026-03-01T10:00:00Z"),
    {
      ...incident("INC-6", "P2", "2026-01-15T10:00:00Z", "resolved"),
      acknowledgedAt: "2026-01-15T10:12:00Z",
      resolvedAt: "2026-01-15T13:00:00Z",
    },
  ],
  postmortems: [],
  playbooks: [],
};
const now = at("2026-02-03T12:00");

describe("dashboardSite", () => {
  const site = dashboardSite({ org, at: now });
  const file = (path: string) => site.find((f) => f.path === path)?.content ?? "";

  it("writes every page kind, a page per person and its own assets", () => {
    expect(site.map((f) => f.path)).toEqual([
      "index.html",
      "calendar.html",
      "incidents.html",
      "slo.html",
      "fairness.html",
      "people/index.html",
      ...["ann", "bo", "cy", "dee", "ed"].map((l) => `people/${l}.html`),
      "assets/site.css",
      "assets/site.js",
    ]);
  });

  it("marks exactly the people on call now on index.html, and nothing else", () => {
    const index = file("index.html");
    const marked = [...index.matchAll(/<[^>]*data-(?:oncall-login|layer)=[^>]*>/g)].map((m) => m[0]);
    expect(marked).toHaveLength(2);
    expect(marked.every((m) => /data-oncall-login="[\w-]+" data-layer="rot-[ab]"/.test(m))).toBe(true);
    // cy's override of 3 February 09:00-17:00 is who holds rot-a at noon.
    expect(index).toContain('data-oncall-login="cy" data-layer="rot-a"');
    for (const f of site.filter((x) => x.path !== "index.html")) expect(f.content).not.toContain("data-oncall-login");
  });

  it("escapes names and titles, and refers to nothing outside the site", () => {
    for (const f of site.filter((x) => x.path.endsWith(".html"))) {
      expect(f.content).not.toContain("<script>alert");
      expect(f.content).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    expect(file("people/ann.html")).toContain("Ann &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
    expect(file("incidents.html")).toContain("INC-1 &#60;b&#62;broken&#60;/b&#62;");
  });

  it("orders open incidents by severity, then age, leaving out what was reported after `at`", () => {
    expect(triageOrder(org.incidents, now).map((i) => i.id)).toEqual(["INC-3", "INC-2", "INC-1", "INC-4"]);
  });

  it("draws charts as SVG at build time, with a label, and says there is no fairness report without holidays", () => {
    expect(file("slo.html")).toMatch(/<figure><svg aria-label="Time to acknowledge[^"]*" role="img"/);
    expect(file("fairness.html")).toContain("no fairness report");
  });

  it("is the same bytes when built again", () => {
    expect(dashboardSite({ org, at: now })).toEqual(site);
  });
});
