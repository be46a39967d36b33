/**
 * The incident form and issue chooser follow incidents/policy.yaml (issue 16, item 2): `oncall validate`
 * reports a form whose services, or a chooser whose links, differ from the policy, at the form's file
 * and line; `oncall form` rewrites only those lists, keeping every other byte (CRLF included).
 *
 * Fails before issue 16 item 2: validate said nothing about the form, and there was no `form` command.
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { runCli } from "./run-cli.js";
import { fixtureDir } from "../repo/test-repo.js";

const TEMPLATE = fileURLToPath(new URL("../fixtures/adoption/issue-template/", import.meta.url));
const AT = "2026-02-01T12:00:00Z";
const FORM = ".github/ISSUE_TEMPLATE/incident.yml";
const CHOOSER = ".github/ISSUE_TEMPLATE/config.yml";

/** The minimal fixture with the adoption fixture's form (which lists eight services the policy lacks). */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), "oncall-form-"));
  cpSync(fixtureDir("minimal"), dir, { recursive: true });
  mkdirSync(join(dir, ".github/ISSUE_TEMPLATE"), { recursive: true });
  for (const f of ["incident.yml", "config.yml"]) cpSync(join(TEMPLATE, f), join(dir, ".github/ISSUE_TEMPLATE", f));
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");
const serviceOptions = (text: string) =>
  (parse(text) as { body: { id?: string; attributes: { options?: string[] } }[] }).body.find(
    (b) => b.id === "services",
  )!.attributes.options;

describe("the issue form follows the policy (process)", () => {
  it("validate reports the form's services at their line; oncall form rewrites them, keeping CRLF and all else", () => {
    const dir = repo();
    // Windows line endings, to show they survive.
    writeFileSync(join(dir, FORM), read(dir, FORM).replace(/\n/g, "\r\n"));
    const before = read(dir, FORM);
    // The first option that differs: the catalogue lists checkout second, the form auth.
    const line = before.split("\r\n").findIndex((l) => l.trim() === "- auth") + 1;

    const v = runCli(["validate", "--repo", dir, "--at", AT, "--json"]);
    expect(v.code).toBe(1);
    const problems = (
      JSON.parse(v.stdout) as { problems: { file: string; line: number; rule: string; message: string }[] }
    ).problems.filter((p) => p.file === FORM);
    expect(problems).toEqual([expect.objectContaining({ file: FORM, line, rule: "form-services" })]);
    expect(problems[0]!.message).toContain('offers "search"');
    expect(problems[0]!.message).toContain("oncall form");

    const f = runCli(["form", "--repo", dir]);
    expect(f.stderr).toBe("");
    expect(f.code).toBe(0);
    expect(f.stdout).toContain(`Wrote ${FORM}`);
    const after = read(dir, FORM);
    expect(serviceOptions(after)).toEqual(["api-gateway", "checkout", "auth"]);
    expect(after.replace(/\r\n/g, "")).not.toContain("\n");
    const outside = (t: string) =>
      t.replace(/options:\r\n(\s+- [a-z-]+\r\n)+(?=\s+validations:\r\n\s+required: false)/, "options:\r\n<services>");
    expect(outside(after)).toBe(outside(before));

    expect(runCli(["validate", "--repo", dir, "--at", AT]).code).toBe(0);
    // A second run has nothing to do.
    expect(runCli(["form", "--repo", dir]).stdout).toContain("nothing to write");
  });

  it("with contactLinks in the policy, validate reports the chooser's links and oncall form writes them", () => {
    const dir = repo();
    const policy = join(dir, "incidents/policy.yaml");
    writeFileSync(
      policy,
      read(dir, "incidents/policy.yaml") +
        "contactLinks:\n  - name: Report a bug\n    url: https://github.com/our-org/tracker/issues/new\n" +
        "    about: 'Bugs: fixed by the owning team.'\n",
    );
    const v = runCli(["validate", "--repo", dir, "--at", AT, "--json"]);
    expect(v.code).toBe(1);
    const p = (JSON.parse(v.stdout) as { problems: { file: string; line: number; rule: string }[] }).problems;
    expect(p.filter((x) => x.file === CHOOSER)).toEqual([
      expect.objectContaining({ file: CHOOSER, line: 4, rule: "form-links" }),
    ]);

    expect(runCli(["form", "--repo", dir]).code).toBe(0);
    const chooser = read(dir, CHOOSER);
    expect(
      chooser.startsWith(
        "# Only incidents are raised in this test repository.\nblank_issues_enabled: false\ncontact_links:\n",
      ),
    ).toBe(true);
    expect(parse(chooser)).toEqual({
      blank_issues_enabled: false,
      contact_links: [
        {
          name: "Report a bug",
          url: "https://github.com/our-org/tracker/issues/new",
          about: "Bugs: fixed by the owning team.",
        },
      ],
    });
    expect(runCli(["validate", "--repo", dir, "--at", AT]).code).toBe(0);
  });

  it("oncall form refuses a broken policy or a form without the services dropdown, writing nothing", () => {
    const dir = repo();
    writeFileSync(join(dir, FORM), read(dir, FORM).replace("id: services", "id: components"));
    const before = read(dir, FORM);
    const r = runCli(["form", "--repo", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no dropdown with id "services"');
    expect(read(dir, FORM)).toBe(before);

    writeFileSync(join(dir, "incidents/policy.yaml"), "services: [\n");
    const broken = runCli(["form", "--repo", dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("incidents/policy.yaml");
    expect(broken.stderr).not.toMatch(/at .*\.m?[jt]s:\d+/);
  });
});
