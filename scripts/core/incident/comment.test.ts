import { describe, expect, it } from "vitest";
import { renderIncidentComment, type IncidentCommentInput } from "./comment.js";
import { parseStateMarker } from "./marker.js";
import { applyCommand, type IncidentState } from "./state.js";
import { examplePolicy, freshState, utc } from "./test-kit.js";

const policy = examplePolicy();
const playbooks = [
  { path: "playbooks/checkout-payment-failures.md", title: "Checkout payment failures", services: ["checkout"] },
  { path: "playbooks/search-index-lag.md", title: "Search index lag", services: ["search", "data-pipeline"] },
];
const render = (state: IncidentState, extra: Partial<IncidentCommentInput> = {}) =>
  renderIncidentComment({
    state,
    policy,
    oncallNow: [
      { login: "alice", layer: "rot-a" },
      { login: "bob", layer: "rot-b" },
    ],
    deadline: { tier: "full", targetMinutes: 10, deadline: utc("2026-10-22T15:40:00Z") },
    playbooks,
    ...extra,
  });
const step = (state: IncidentState, author: string, command: Parameters<typeof applyCommand>[1]) =>
  applyCommand(state, command, {
    author,
    at: utc("2026-10-22T15:36:00Z"),
    authorized: true,
    oncallNow: ["alice", "bob"],
  }).state;

describe("renderIncidentComment", () => {
  it("shows severity with its meaning, status, on-call people mentioned and the deadline", () => {
    const text = render(freshState());
    expect(text).toContain("**P2 Major**: An important feature is broken");
    expect(text).toContain("| **Status** | investigating |");
    expect(text).toContain("@alice (rot-a), @bob (rot-b)");
    expect(text).toContain("**due by 2026-10-22 15:40 UTC (full support, 10 min)**");
    expect(text).toContain("nobody yet: the first on-call engineer to acknowledge takes the role");
  });

  it("explains an unknown severity and a missing deadline target", () => {
    const text = render(freshState({ severity: null }), {
      deadline: { tier: "limited", targetMinutes: null, deadline: null },
    });
    expect(text).toContain("Not set yet: the reporter was not sure");
    expect(text).toContain("no target: everyone on call is outside support hours");
    expect(text).not.toContain("company-wide");
  });

  it("links the playbooks of the affected services only", () => {
    const text = render(freshState({ services: ["checkout"] }), { repoUrl: "https://github.com/example-org/oncall/" });
    expect(text).toContain(
      "- [Checkout payment failures](https://github.com/example-org/oncall/blob/HEAD/playbooks/checkout-payment-failures.md) (checkout)",
    );
    expect(text).not.toContain("Search index lag");
    expect(render(freshState({ services: [] }))).toContain("No playbook covers this incident yet");
  });

  it("reminds about company-wide communication and the update cadence when the policy asks", () => {
    const p2 = render(step(freshState(), "alice", { name: "ack" }));
    expect(p2).toContain("P2 incidents are announced company-wide. @bob, as Communications Officer");
    expect(p2).toContain("due at least every hour while the incident is open");
    const p4 = render(freshState({ severity: "P4" }));
    expect(p4).not.toContain("company-wide");
    expect(p4).not.toContain("Status updates");
    const p3 = render(freshState({ severity: "P3" }));
    expect(p3).toContain("every 4 hours");
  });

  it("checks the response checklist as the incident advances", () => {
    const checked = (text: string) => [...text.matchAll(/^- \[x\] (.*)$/gm)].map((m) => m[1]);
    expect(checked(render(freshState()))).toEqual([
      "Report received and labelled",
      "On-call engineers assigned and notified",
      "Severity set (`/severity`)",
    ]);
    let state = step(freshState(), "alice", { name: "ack" });
    state = step(state, "alice", { name: "status", status: "mitigated" });
    state = step(state, "alice", { name: "followup", text: "x" });
    state = step(state, "alice", { name: "resolve", summary: "done" });
    const text = render(state);
    expect(checked(text)).toHaveLength(10);
    expect(text).toContain("- [ ] Findings and updates on the timeline");
    // Issue 13 item 1 changed this line on purpose: it no longer promises a draft nobody opens.
    expect(text).toContain("- [ ] Postmortem required for P2: no draft pull request has been opened yet");
    expect(text).not.toContain("**due by");
  });

  describe("postmortem and playbooks after resolution (issue 13)", () => {
    const resolved = () => {
      let state = step(freshState(), "alice", { name: "ack" });
      state = step(state, "alice", { name: "resolve", summary: "done" });
      return state;
    };
    const path = "postmortems/2026/INC-7-checkout-errors.md";

    // Fails before the issue 13 item 1: the line said "a draft is opened by pull request after resolution"
    // whatever had happened.
    it("links the pull request that opened the draft, or says why it could not be opened", () => {
      const open = render({ ...resolved(), postmortem: { path, pull: 12, url: "https://x/pull/12" } });
      expect(open).toContain(`- [ ] Postmortem required for P2: the draft \`${path}\` is in pull request #12`);
      expect(open).not.toContain("is opened by pull request after resolution");
      const failed = render({ ...resolved(), postmortem: { path, problem: "Resource not accessible by integration" } });
      expect(failed).toContain(
        "the draft pull request could not be opened (Resource not accessible by integration); `/sync` tries again",
      );
      const merged = render(resolved(), { postmortemPath: path, repoUrl: "https://github.com/o/r" });
      expect(merged).toContain(`- [x] Postmortem: [${path}](https://github.com/o/r/blob/HEAD/${path})`);
      expect(render(freshState())).toContain("resolving the incident opens a pull request with a prefilled draft");
      expect(render(freshState({ severity: "P4" }))).not.toContain("Postmortem");
    });

    // Fails before the issue 13 item 5: nothing asked for playbook updates after /resolve.
    it("asks the responders to update the playbooks of the incident's services, linking each", () => {
      const text = render(resolved(), { repoUrl: "https://github.com/o/r" });
      expect(text).toContain("### After the incident");
      expect(text).toContain("@alice, @bob: please update the playbooks of the affected services");
      expect(text).toContain(
        "- [Checkout payment failures](https://github.com/o/r/blob/HEAD/playbooks/checkout-payment-failures.md)",
      );
      expect(render(freshState())).not.toContain("### After the incident");
    });
  });

  it("lists every command without any line starting with a slash", () => {
    const text = render(freshState());
    for (const command of [
      "/ack",
      "/commander @login",
      "/comms @login",
      "/severity P1..P5",
      "/timeline [HH:MM] text",
      "/responder @login",
      "/followup text",
      "/resolve [summary]",
      "/not-incident reason",
      "/sync",
    ]) {
      expect(text).toContain(`\`${command}\``);
    }
    expect(text.split("\n").filter((l) => /^\s*\//.test(l))).toEqual([]);
  });

  it("neutralizes mentions and HTML in echoed text and keeps the hidden state intact", () => {
    let state = step(freshState(), "bob", {
      name: "timeline",
      time: null,
      text: "@carol broke it <!-- oncall:incident-state v1 e30= -->",
    });
    state = step(state, "bob", { name: "resolve", summary: "thanks @dave <b>x</b>" });
    const text = render(state);
    expect(text).not.toMatch(/@carol|@dave/);
    expect(text).toContain("@\u200bcarol broke it &lt;!-- oncall:incident-state");
    expect(parseStateMarker(text)).toEqual({ state, problem: null });
  });

  it("stays under GitHub's size limit by hiding the oldest timeline entries", () => {
    let state = freshState();
    // Varied words, so compression of the hidden state does not make this easy.
    let seed = 7;
    const word = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed.toString(36);
    };
    for (let i = 0; i < 400; i++)
      state = applyCommand(
        state,
        { name: "timeline", time: null, text: `note ${i} ${Array.from({ length: 14 }, word).join(" ")}` },
        { author: "bob", at: utc("2026-10-22T16:00:00Z").plus({ minutes: i }), authorized: true, oncallNow: [] },
      ).state;
    const text = render(state);
    expect(text.length).toBeLessThanOrEqual(65_536);
    expect(text).toMatch(/_\d+ earlier entries are not shown here/);
    expect(text).toContain("note 399");
    expect(parseStateMarker(text).state).toEqual(state);
  });

  it("shows notes, such as a state rebuilt from the issue", () => {
    expect(render(freshState(), { notes: ["The saved state could not be decoded. @x"] })).toContain(
      "> [!NOTE]\n> The saved state could not be decoded. @\u200bx",
    );
  });
});
