/**
 * The GitHub side of the incident policy: the incident form's service dropdown
 * (.github/ISSUE_TEMPLATE/incident.yml) and the issue chooser's links (.github/ISSUE_TEMPLATE/config.yml)
 * are copies of `services` and `contactLinks` in incidents/policy.yaml. GitHub reads the two files
 * as they are, so they are kept in step by `oncall form` (which rewrites only the copied part, keeping
 * every other byte, comments and line endings included) and checked by `oncall validate`.
 *
 * Everything here works on texts; reading and writing the files is left to the callers.
 */
import {
  LineCounter,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type YAMLSeq,
} from "yaml";
import type { ContactLink } from "../core/model/generated/types.js";
import type { Problem } from "../core/model/index.js";

/** The incident form, repository-relative. */
export const INCIDENT_FORM = ".github/ISSUE_TEMPLATE/incident.yml";
/** The issue chooser's configuration, repository-relative. */
export const ISSUE_CHOOSER = ".github/ISSUE_TEMPLATE/config.yml";
/** The `id` of the incident form's service dropdown. */
const SERVICES_FIELD = "services";

/** A checked file: its problems, and its text with the policy's values written in (null when it cannot be). */
interface FormSync {
  problems: Problem[];
  /** The text `oncall form` writes: equal to the input when nothing differs, null when the file cannot be edited. */
  text: string | null;
}

/** What to tell a person whose file disagrees with the policy. */
const FIX = 'run "oncall form" to copy them from incidents/policy.yaml';

/**
 * Checks the incident form's service options against the catalogue (same names, same order) and
 * returns the text with the catalogue's names as the options.
 */
function syncIncidentForm(text: string, services: readonly string[]): FormSync {
  const parsed = parseForEdit(INCIDENT_FORM, text);
  if ("problem" in parsed) return { problems: [parsed.problem], text: null };
  const { doc, at } = parsed;
  const body = doc.get("body", true);
  const field = isSeq(body) ? body.items.find((item) => isMap(item) && item.get("id") === SERVICES_FIELD) : undefined;
  const options = isMap(field) ? field.getIn(["attributes", "options"], true) : undefined;
  if (!isSeq(options)) {
    const where = at((isMap(field) ? field : isSeq(body) ? body : doc.contents)?.range?.[0] ?? 0);
    const message =
      `The incident form has no dropdown with id "${SERVICES_FIELD}" and a list of options, so reporters ` +
      `cannot name the services of incidents/policy.yaml; add one (see the README) and ${FIX}.`;
    return { problems: [problem(INCIDENT_FORM, where, message, "form-services")], text: null };
  }
  const current = options.items.map((item) => (isScalar(item) ? String(item.value) : ""));
  const problems: Problem[] = [];
  if (!sameList(current, services)) {
    const i = firstDifference(current, services);
    const node = (options.items[i] ?? options) as Node;
    const missing = services.filter((s) => !current.includes(s));
    const extra = current.filter((s) => !services.includes(s));
    const parts = [
      ...(missing.length ? [`lacks ${names(missing)}`] : []),
      ...(extra.length ? [`offers ${names(extra)}, which the catalogue does not list`] : []),
      ...(!missing.length && !extra.length ? ["lists the services in another order than the catalogue"] : []),
    ];
    const message = `The incident form's service list ${parts.join(" and ")}; ${FIX}.`;
    problems.push(problem(INCIDENT_FORM, at(node.range?.[0] ?? 0), message, "form-services"));
  }
  return { problems, text: problems.length ? replaceSeq(text, options, services.map(scalar)) : text };
}

/**
 * Checks the issue chooser's `contact_links` against the policy's `contactLinks` and returns the text
 * with the policy's links. `text` null means the file does not exist (the result creates it).
 */
function syncIssueChooser(text: string | null, links: readonly ContactLink[]): FormSync {
  const items = links.map(linkItem);
  if (text === null) {
    const message = `${ISSUE_CHOOSER} is missing while incidents/policy.yaml lists contactLinks; ${FIX}.`;
    const list = items.map((i) => `  - ${i.replace(/\n/g, "\n    ")}\n`).join("");
    const created = `blank_issues_enabled: false\ncontact_links:\n${list}`;
    return { problems: [problem(ISSUE_CHOOSER, { line: 0, column: 0 }, message, "form-links")], text: created };
  }
  const parsed = parseForEdit(ISSUE_CHOOSER, text);
  if ("problem" in parsed) return { problems: [parsed.problem], text: null };
  const { doc, at } = parsed;
  if (!isMap(doc.contents)) {
    const message = `${ISSUE_CHOOSER} must be a map with contact_links; ${FIX}.`;
    return { problems: [problem(ISSUE_CHOOSER, at(0), message, "form-links")], text: null };
  }
  const seq = doc.get("contact_links", true);
  const current = isSeq(seq) ? (seq.toJSON() as unknown[]) : [];
  if (isSeq(seq) && sameLinks(current, links)) return { problems: [], text };
  const message =
    "The issue chooser's contact_links differ from the contactLinks of incidents/policy.yaml (the bug tracker " +
    `and other links people see beside the incident form); ${FIX}.`;
  const where = at((isSeq(seq) ? seq : doc.contents).range?.[0] ?? 0);
  const problems = [problem(ISSUE_CHOOSER, where, message, "form-links")];
  if (isSeq(seq) && !seq.flow && seq.items.length) return { problems, text: replaceSeq(text, seq, items) };
  // No block list to replace: a new contact_links key at the end (or instead of an empty/flow one).
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const block = `contact_links:${eol}${items.map((i) => `  - ${i.replace(/\n/g, `${eol}    `)}${eol}`).join("")}`;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === "contact_links");
  const keyStart = (pair?.key as Node | undefined)?.range?.[0];
  const valueEnd = (pair?.value as Node | undefined)?.range?.[2];
  if (keyStart !== undefined && valueEnd !== undefined) {
    const rest = text.slice(valueEnd).replace(/^[^\S\r\n]*\r?\n/, "");
    return { problems, text: text.slice(0, keyStart) + block + rest };
  }
  return { problems, text: text + (text === "" || text.endsWith("\n") ? "" : eol) + block };
}

/** The problems of both files for a policy; `read` returns a file's text or null when it does not exist. */
export function checkIssueForms(
  policy: { services: readonly { name: string }[]; contactLinks?: readonly ContactLink[] },
  read: (path: string) => string | null,
): Problem[] {
  const problems: Problem[] = [];
  const form = read(INCIDENT_FORM);
  // A repository without the form (a test fixture, a team that reports incidents another way) has nothing to compare.
  if (form !== null)
    problems.push(
      ...syncIncidentForm(
        form,
        policy.services.map((s) => s.name),
      ).problems,
    );
  // Likewise without a chooser: GitHub shows no links, and `oncall form` creates the file.
  const chooser = policy.contactLinks ? read(ISSUE_CHOOSER) : null;
  if (policy.contactLinks && chooser !== null)
    problems.push(...syncIssueChooser(chooser, policy.contactLinks).problems);
  return problems;
}

type Position = Pick<Problem, "line" | "column">;

function parseForEdit(
  file: string,
  text: string,
): { doc: Document; at: (offset: number) => Position } | { problem: Problem } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const first = doc.errors[0];
  if (first)
    return {
      problem: problem(
        file,
        at(first.pos[0]),
        `${file} is not valid YAML (${first.message.split("\n")[0]}); GitHub cannot show it.`,
        "yaml-syntax",
      ),
    };
  return { doc, at };
}

function problem(file: string, where: Position, message: string, rule: string): Problem {
  return { file, line: where.line, column: where.column, message, severity: "error", rule, path: "" };
}

/**
 * Replaces a block or flow sequence's items by `items` (YAML texts of one item each; later lines of an
 * item are indented under its first). Everything outside the sequence is kept byte for byte.
 */
function replaceSeq(text: string, seq: YAMLSeq, items: readonly string[]): string {
  const [start, end] = seq.range!;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  if (seq.flow) return text.slice(0, start) + `[${items.join(", ")}]` + text.slice(end);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const before = text.slice(lineStart, start);
  const indent = /^[ ]*$/.test(before) ? before : " ".repeat(before.length);
  const old = text.slice(start, end);
  const tail = /\r?\n$/.exec(old) ? eol : "";
  const lines = items.map((item) => `- ${item.replace(/\n/g, `${eol}${indent}  `)}`);
  return text.slice(0, start) + lines.join(eol + indent) + tail + text.slice(end);
}

/** A scalar as YAML, plain when that reads the same. */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, "");
}

/** One contact link as the lines of a block map (name first, as GitHub's documentation writes it). */
function linkItem(link: ContactLink): string {
  return [`name: ${scalar(link.name)}`, `url: ${scalar(link.url)}`, `about: ${scalar(link.about)}`].join("\n");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function sameLinks(current: readonly unknown[], links: readonly ContactLink[]): boolean {
  if (current.length !== links.length) return false;
  return links.every((l, i) => {
    const c = current[i] as Record<string, unknown> | null;
    return (
      !!c &&
      typeof c === "object" &&
      Object.keys(c).length === 3 &&
      c.name === l.name &&
      c.url === l.url &&
      c.about === l.about
    );
  });
}

function names(list: readonly string[]): string {
  return list.map((s) => `"${s}"`).join(", ");
}

/** What `oncall form` does to a repository: the files to write and the problems it cannot fix. */
export interface FormRewrite {
  /** Repository path -> new text, only for files whose text changes. */
  writes: Map<string, string>;
  /** Problems left after rewriting (a missing form, YAML that cannot be edited). */
  unfixable: Problem[];
}

/**
 * The incident form and issue chooser with the policy's services and links written in. The form must
 * exist (there is nothing sensible to invent); the chooser is created when the policy lists links.
 */
export function rewriteIssueForms(
  policy: { services: readonly { name: string }[]; contactLinks?: readonly ContactLink[] },
  read: (path: string) => string | null,
): FormRewrite {
  const writes = new Map<string, string>();
  const unfixable: Problem[] = [];
  const form = read(INCIDENT_FORM);
  if (form === null) {
    unfixable.push(
      problem(
        INCIDENT_FORM,
        { line: 0, column: 0 },
        `${INCIDENT_FORM} is missing: copy it from the oncall-as-code template, then run "oncall form" again.`,
        "missing-file",
      ),
    );
  } else {
    const sync = syncIncidentForm(
      form,
      policy.services.map((s) => s.name),
    );
    if (sync.text === null) unfixable.push(...sync.problems);
    else if (sync.text !== form) writes.set(INCIDENT_FORM, sync.text);
  }
  if (policy.contactLinks) {
    const chooser = read(ISSUE_CHOOSER);
    const sync = syncIssueChooser(chooser, policy.contactLinks);
    if (sync.text === null) unfixable.push(...sync.problems);
    else if (sync.text !== chooser) writes.set(ISSUE_CHOOSER, sync.text);
  }
  return { writes, unfixable };
}
