import { Command } from "commander";
import { planReview } from "../../contract/plan-review.js";
import type { ApiFlags } from "../api.js";
import { addReviewCommands } from "./documents.js";

type Flags = ApiFlags & { plan: string };

const params = (flags: Flags) => ({ id: flags.plan });

/**
 * `firebreak plan …`: approval state, submission, sign-off, diffs between versions — the same
 * commands as `firebreak documents …`, for the plan (default: the one in force).
 */
export function planCommand(): Command {
  const plan = new Command("plan").description(
    "plan approval and review: status, submit, approve, diff",
  );
  const withPlan = (c: Command) => c.option("--plan <id>", "plan id", "current");
  return addReviewCommands(plan, withPlan, planReview.plan, params);
}
