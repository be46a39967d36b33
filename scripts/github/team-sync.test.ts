import { describe, expect, it } from "vitest";
import { UserError } from "../core/model/index.js";
import { parseTeam } from "./team-sync.js";

// Fails before the issue 12 item 4: there was no team input to read.
describe("parseTeam (issue 12 item 4)", () => {
  it("reads organisation/team-slug", () => {
    expect(parseTeam("acme/oncall-now")).toEqual({ org: "acme", team_slug: "oncall-now" });
  });
  it.each(["acme", "acme/", "/oncall", "acme/Oncall Now", "a/b/c"])("refuses %j with a clear message", (text) => {
    expect(() => parseTeam(text)).toThrow(UserError);
    expect(() => parseTeam(text)).toThrow(/organisation\/team-slug/);
  });
});
