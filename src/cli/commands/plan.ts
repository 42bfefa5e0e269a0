import { Command } from "commander";
import type { PlanDiff } from "../../preparation/plan-diff.js";
import type { PlanStatus } from "../../preparation/plan-review.service.js";
import type { VersionStatus } from "../../preparation/plan-state.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean; plan: string };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "–");

function versionLine(v: VersionStatus): string {
  const who =
    v.state === "in_review"
      ? `waiting for ${v.missing.join(", ") || "an approver"}`
      : v.approvals.length
        ? `signed by ${v.approvals.map((a) => `${a.person} ${day(a.at)}`).join(", ")}`
        : "";
  return `v${String(v.version).padEnd(3)} ${v.label.padEnd(10)} ${v.state.padEnd(15)} ${v.hash.slice(0, 12)}  ${who}`;
}

function printStatus(s: PlanStatus): void {
  const c = s.current;
  printLine(`${s.title} (${s.plan_id}): v${c.version} in force is ${c.state.replace(/_/g, " ")}`);
  if (s.approved && s.approved.version !== c.version)
    printLine(`last approved: v${s.approved.version}, ${day(s.approved.approved_at)}`);
  if (c.review_due_at) printLine(`review due ${day(c.review_due_at)}`);
  printLine(
    `approvers: ${c.required_approvers.join(", ") || `any of ${c.eligible_approvers.join(", ")}`}`,
  );
  printLine("");
  for (const v of s.versions) printLine(versionLine(v));
}

const path = (flags: Flags, verb: string) => `/plans/${encodeURIComponent(flags.plan)}/${verb}`;

/** `firebreak plan …`: approval state, submission, sign-off, diffs between versions. */
export function planCommand(): Command {
  const plan = new Command("plan").description(
    "plan approval and review: status, submit, approve, diff",
  );
  const withPlan = (c: Command) => c.option("--plan <id>", "plan id", "current");

  plan.addCommand(
    withPlan(sub("status", "each version's approval state and its sign-offs")).action(
      action(async (flags: Flags) => {
        const s = await withApi(flags, (api) => api.call<PlanStatus>("GET", path(flags, "status")));
        if (flags.json) printJson(s);
        else printStatus(s);
        return EXIT.ok;
      }),
    ),
  );

  plan.addCommand(
    withPlan(sub("submit", "submit a version (default: the one in force) for approval"))
      .option("--version <v>", "version number, or current")
      .option("--note <text>", "what changed, for the approvers")
      .action(
        action(async (flags: Flags & { version?: string; note?: string }) => {
          const v = await withApi(flags, (api) =>
            api.call<VersionStatus>("POST", path(flags, "submissions"), {
              ...(flags.version ? { version: flags.version } : {}),
              ...(flags.note ? { note: flags.note } : {}),
            }),
          );
          if (flags.json) printJson(v);
          else
            printLine(
              `v${v.version} submitted for approval; waiting for ${v.missing.join(", ") || "an approver"}`,
            );
          return EXIT.ok;
        }),
      ),
  );

  const sign = (name: string, decision: "approve" | "request_changes", what: string) =>
    withPlan(sub(name, what))
      .option("--version <v>", "version number, or current")
      .option("--hash <sha256>", "the hash of the text you read (refused if it differs)")
      .option("--as <person>", "admins: record this team person's sign-off")
      .option(
        "--comment <text>",
        decision === "approve" ? "a remark" : "what should change (required)",
      )
      .action(
        action(
          async (
            flags: Flags & { version?: string; hash?: string; as?: string; comment?: string },
          ) => {
            const v = await withApi(flags, (api) =>
              api.call<VersionStatus>("POST", path(flags, "signoffs"), {
                decision,
                ...(flags.version ? { version: flags.version } : {}),
                ...(flags.hash ? { hash: flags.hash } : {}),
                ...(flags.as ? { as: flags.as } : {}),
                ...(flags.comment ? { comment: flags.comment } : {}),
              }),
            );
            if (flags.json) printJson(v);
            else printLine(versionLine(v));
            return EXIT.ok;
          },
        ),
      );
  plan.addCommand(
    sign("approve", "approve", "sign off the version in review (recorded with its hash)"),
  );
  plan.addCommand(sign("request-changes", "request_changes", "send the version in review back"));

  plan.addCommand(
    withPlan(sub("diff", "what changed between two versions (3, v3, current, approved)"))
      .argument("[from]", "older version", "approved")
      .argument("[to]", "newer version", "current")
      .option("--summary", "only the structural summary, not the YAML lines")
      .action(
        action(async (from: string, to: string, flags: Flags & { summary?: boolean }) => {
          const q = new URLSearchParams({ from, to });
          const d = await withApi(flags, (api) =>
            api.call<PlanDiff>("GET", `${path(flags, "diff")}?${q}`),
          );
          if (flags.json) {
            printJson(d);
            return EXIT.ok;
          }
          printLine(`v${d.from.version} (${d.from.label}) → v${d.to.version} (${d.to.label})`);
          if (d.identical) printLine("identical content");
          for (const s of d.summary) printLine(`  * ${s}`);
          printLine(`  ${d.stats.added_lines} line(s) added, ${d.stats.removed_lines} removed`);
          if (!flags.summary && !d.identical) printLine(`\n${d.unified}`);
          return EXIT.ok;
        }),
      ),
  );
  return plan;
}
