/**
 * Bad input of the postmortem life cycle and of Markdown links (issue 13 items 3 and 5). Each case
 * fails before issue 13: the loader knew neither in-review nor final beyond a review date, and read
 * links with a regular expression that saw no anchors, no postmortem links and no code blocks.
 * The bad-input test checks at 2026-01-14; the fixture's postmortem is in-review with its review on
 * 2026-01-21, so cases that make it final also move the review before that day.
 */
import { PLAYBOOK_CHECKOUT, PLAYBOOK_GATEWAY, POSTMORTEM, replace, type BadInputCase } from "./types.js";

const final = [replace(POSTMORTEM, "status: in-review", "status: final")];
const reviewed = [...final, replace(POSTMORTEM, "review: 2026-01-21", "review: 2026-01-13")];
const BODY_LINE = "A release broke checkout for 50 minutes; rolling it back fixed it.";

export const postmortemCases: BadInputCase[] = [
  {
    name: "final postmortem whose review is still ahead",
    edits: final,
    expect: [
      {
        file: POSTMORTEM,
        line: 9,
        column: 9,
        rule: "postmortem-review-date",
        message: "the review is on 2026-01-21, after today (2026-01-14); keep it in-review until then.",
      },
    ],
  },
  {
    name: "final postmortem with placeholders left",
    edits: [
      ...reviewed,
      // Line 24: an inline marker after the 66-character sentence and a space; line 26: a block marker.
      replace(POSTMORTEM, BODY_LINE, `${BODY_LINE} <!-- TODO: how many orders? -->\n\n<!-- TODO: timeline -->`),
    ],
    expect: [
      {
        file: POSTMORTEM,
        line: 24,
        column: 68,
        rule: "postmortem-placeholder",
        message: 'A placeholder is left ("how many orders?"); a final postmortem has none',
      },
      {
        file: POSTMORTEM,
        line: 26,
        column: 1,
        rule: "postmortem-placeholder",
        message: 'A placeholder is left ("timeline")',
      },
    ],
  },
  {
    name: "placeholders of a postmortem in review are warnings",
    edits: [replace(POSTMORTEM, BODY_LINE, `<!-- TODO: summary -->\n${BODY_LINE}`)],
    expect: [
      {
        file: POSTMORTEM,
        line: 24,
        column: 1,
        rule: "postmortem-placeholder",
        severity: "warning",
        message: 'A placeholder is left ("summary"); write it before the review.',
      },
    ],
  },
  {
    name: "final postmortem without a root cause",
    edits: [...reviewed, replace(POSTMORTEM, "rootCause:\n  - code-change\n", "rootCause: []\n")],
    expect: [
      {
        file: POSTMORTEM,
        line: 14,
        column: 12,
        rule: "postmortem-root-cause",
        message: "A final postmortem names at least one root cause category (rootCause).",
      },
    ],
  },
  {
    name: "final postmortem with an action item without an issue",
    edits: [...reviewed, replace(POSTMORTEM, "    issue: https://github.com/example-org/oncall/issues/2\n", "")],
    expect: [
      {
        file: POSTMORTEM,
        line: 17,
        column: 12,
        rule: "postmortem-action-issue",
        message: 'The action item "Add a canary for checkout releases" has no issue link',
      },
    ],
  },
  {
    name: "postmortem in review without a review date",
    edits: [replace(POSTMORTEM, "review: 2026-01-21\n", "")],
    expect: [
      {
        file: POSTMORTEM,
        line: 5,
        column: 9,
        rule: "postmortem-review",
        message: "A postmortem in review needs the date of its review meeting (review).",
      },
    ],
  },
  {
    name: "final postmortem by an unknown author",
    edits: [...reviewed, replace(POSTMORTEM, "  - bob\ndue:", "  - bobby\ndue:")],
    expect: [
      { file: POSTMORTEM, line: 7, column: 5, rule: "unknown-login", message: 'Author "bobby" is not in rotations' },
    ],
  },
  {
    name: "broken link in a postmortem",
    edits: [replace(POSTMORTEM, "(../../playbooks/checkout-errors.md)", "(../../playbooks/checkout.md)")],
    // "See the " is 8 characters: the link starts at column 9 of line 25.
    expect: [
      {
        file: POSTMORTEM,
        line: 25,
        column: 9,
        rule: "broken-link",
        message: 'The link to "../../playbooks/checkout.md" points at a file that does not exist.',
      },
    ],
  },
  {
    name: "link to a heading another playbook does not have",
    edits: [replace(PLAYBOOK_GATEWAY, "(checkout-errors.md#diagnosis)", "(checkout-errors.md#diagnose)")],
    expect: [
      {
        file: PLAYBOOK_GATEWAY,
        line: 13,
        column: 56,
        rule: "missing-anchor",
        message: "names the heading #diagnose, which playbooks/checkout-errors.md does not have.",
      },
    ],
  },
  {
    name: "link to a heading of the same file that does not exist",
    edits: [
      replace(
        PLAYBOOK_CHECKOUT,
        "Look at the error rate of checkout by release.",
        "Look at the error rate of checkout by release, or [start again](#checkout-error).",
      ),
    ],
    expect: [
      {
        file: PLAYBOOK_CHECKOUT,
        line: 18,
        column: 51,
        rule: "missing-anchor",
        message: 'The link to "#checkout-error" names the heading #checkout-error, which this file does not have.',
      },
    ],
  },
  {
    name: "links to existing headings and links inside code are fine",
    edits: [
      {
        file: PLAYBOOK_CHECKOUT,
        transform: (t) =>
          `${t}\nBack to [the top](#checkout-errors); see ` +
          "[INC-1](../postmortems/2026/INC-1-checkout-errors.md#inc-1-checkout-errors-after-a-release).\n\n" +
          "```\n[not a link](nowhere.md)\n```\n",
      },
    ],
    expect: [],
  },
];
