/**
 * The `slo-report` action: posts last month's acknowledgement SLO report as an issue, once per month,
 * and to the job summary. Input `month` picks another month; input `at` replaces the clock (tests and
 * replays only). The work is in scripts/runs/slo-report.ts.
 */
import * as core from "@actions/core";
import { actionContext } from "../github/action-context.js";
import { runAction } from "../github/run-action.js";
import { runSloReport } from "../runs/slo-report.js";

runAction(() => runSloReport(actionContext(), { month: core.getInput("month"), at: core.getInput("at") }));
