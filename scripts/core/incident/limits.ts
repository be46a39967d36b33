/**
 * Applying the commands of one comment within the policy's limits (incidents/policy.yaml `commands`):
 * at most `perComment` commands, of which at most `followupsPerComment` may open follow-up issues.
 * One comment pasted with a hundred `/followup` lines would otherwise open a hundred issues, and one
 * with a hundred `/responder` lines would page a hundred people.
 *
 * The limits go by position, not by what happened: the 11th command line of a comment is refused
 * whether or not the first ten did anything, so a rerun refuses exactly the same lines. A refused
 * command is still remembered as processed, so it is never applied later by surprise; the reply names
 * each one and says why.
 */
import type { CommandError, ParsedCommand } from "./commands.js";
import { applyCommand, commandKey, type CommandContext, type IncidentDecision, type IncidentState } from "./state.js";
import { DEFAULT_COMMAND_LIMITS, type CommandLimits } from "../model/index.js";

/** What applying one comment's commands did. */
export interface CommentOutcome {
  state: IncidentState;
  decisions: IncidentDecision[];
  /** Commands refused by a limit, for the reply (with the parse errors, by line). */
  refused: CommandError[];
}

/**
 * Applies `commands` (one comment's, in line order) to `state`, each with `ctx` and its own line,
 * refusing those beyond the limits (see the module comment). `limits` defaults to the policy defaults.
 */
export function applyCommentCommands(
  state: IncidentState,
  commands: readonly ParsedCommand[],
  ctx: Omit<CommandContext, "line">,
  limits: Partial<CommandLimits> = {},
): CommentOutcome {
  const { perComment, followupsPerComment } = { ...DEFAULT_COMMAND_LIMITS, ...limits };
  const decisions: IncidentDecision[] = [];
  const refused: CommandError[] = [];
  let followups = 0;
  commands.forEach(({ line, command }, index) => {
    let why: string | null = null;
    if (index >= perComment)
      why = `one comment applies at most ${perComment} commands; post the rest in another comment`;
    else if (command.name === "followup" && followups++ >= followupsPerComment) {
      why = `one comment opens at most ${followupsPerComment} follow-up issues; post the rest in another comment`;
    }
    if (why === null) {
      const outcome = applyCommand(state, command, { ...ctx, line });
      state = outcome.state;
      decisions.push(...outcome.decisions);
      return;
    }
    refused.push({ line, text: `/${command.name}`, message: `not applied: ${why}.` });
    state = markProcessed(state, commandKey({ commentId: ctx.commentId, line }));
  });
  return { state, decisions, refused };
}

/** `state` with `key` in its processed list (a copy; unchanged when there is no key or it is there). */
function markProcessed(state: IncidentState, key: string | null): IncidentState {
  if (key === null || state.processed.includes(key)) return state;
  return { ...state, processed: [...state.processed, key] };
}
