/**
 * `oncall form [--repo DIR] [--json]`: writes the service catalogue and the contact links of
 * incidents/policy.yaml into the GitHub issue form and issue chooser (.github/ISSUE_TEMPLATE/), which
 * GitHub reads as they are. Only the copied lists change; every other byte of both files is kept.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { FIXED_FILES, UserError } from "../core/model/index.js";
import { parse, repoDir } from "./args.js";
import { loadRepository } from "../repo/load-repository.js";
import { INCIDENT_FORM, ISSUE_CHOOSER, rewriteIssueForms } from "../repo/issue-form.js";
import { formatText } from "../repo/problems-output.js";
import type { CommandIO } from "./command.js";

export const usage = `oncall form [--repo DIR] [--json]

Copies the services of incidents/policy.yaml into the "Affected services" dropdown of
${INCIDENT_FORM} and, when the policy lists contactLinks, those links into ${ISSUE_CHOOSER}.
The rest of both files (texts, comments, line endings) is kept byte for byte. "oncall validate"
reports either file when it differs from the policy.`;

const POLICY = FIXED_FILES.policy;

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values } = parse(argv, {});
  const dir = repoDir(values);
  const { org, present, problems, fileCount } = await loadRepository(dir, { only: (p) => p === POLICY });
  const blocking = problems.filter((p) => p.file === POLICY && p.severity === "error");
  if (!present.has("policy") || blocking.length) {
    const list = blocking.length ? `:\n${formatText(blocking, fileCount).trimEnd()}` : ` (${POLICY} is missing).`;
    throw new UserError(`the form is copied from ${POLICY}, which must be valid first${list}`);
  }
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), "utf8");
    } catch {
      return null;
    }
  };
  const { writes, unfixable } = rewriteIssueForms(org.policy, read);
  if (unfixable.length)
    throw new UserError(`nothing was written:\n${formatText(unfixable, unfixable.length).trimEnd()}`, 1);
  for (const [file, text] of writes) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          written: [...writes.keys()],
          services: org.policy.services.map((s) => s.name),
          contactLinks: org.policy.contactLinks?.length ?? null,
        },
        null,
        2,
      ) + "\n",
    );
    return 0;
  }
  if (!writes.size)
    io.out(
      `${INCIDENT_FORM}${org.policy.contactLinks ? ` and ${ISSUE_CHOOSER}` : ""} already match ${POLICY}; ` +
        "nothing to write.\n",
    );
  for (const file of writes.keys()) io.out(`Wrote ${file} from ${POLICY}.\n`);
  if (writes.has(INCIDENT_FORM))
    io.out(
      `The incident form offers ${org.policy.services.length} service(s): ` +
        `${org.policy.services.map((s) => s.name).join(", ")}.\n`,
    );
  return 0;
}
