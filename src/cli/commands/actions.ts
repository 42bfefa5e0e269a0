import { Command } from "commander";
import { actionItems } from "../../contract/action-items.js";
import type { ActionStatus } from "../../domain/post-incident-states.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printList, printResult } from "../io.js";
import { actionLine } from "../postincident-format.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** `firebreak actions list|add|done|update`: action items across incidents, tracked to done. */
export function actionsCommand(): Command {
  const actions = new Command("actions").description(
    "action items across incidents (and follow-up tasks of closed incidents)",
  );

  actions.addCommand(
    sub("list", "action items, soonest due first")
      .option("--overdue", "only overdue ones")
      .option("--owner <person>", "only this owner's")
      .option("--status <statuses>", "comma-separated: open,in_progress,done,cancelled")
      .option("--incident <incident>", "only this incident's")
      .action(
        action(
          async (
            flags: Flags & {
              overdue?: boolean;
              owner?: string;
              status?: string;
              incident?: string;
            },
          ) => {
            const { items } = await withApi(flags, (api) =>
              api.call(actionItems.list, {
                query: {
                  overdue: flags.overdue ? "true" : undefined,
                  owner: flags.owner,
                  status: flags.status,
                  incident: flags.incident,
                },
              }),
            );
            printList(
              flags,
              { items },
              actionLine,
              flags.overdue ? "no overdue action items" : "no action items",
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  actions.addCommand(
    sub("add", "add an owned, dated action item")
      .requiredOption("--title <text>", "what is to be done")
      .requiredOption("--owner <person>", "a person id from the plan's team")
      .requiredOption("--due <date>", "ISO 8601 date or time")
      .option("--description <text>", "details")
      .option("--rca <rca>", "the root-cause analysis it implements")
      .option("--incident <incident>", "the incident it follows up")
      .option("--problem <problem>", "the problem it fixes")
      .action(
        action(
          async (
            flags: Flags & {
              title: string;
              owner: string;
              due: string;
              description?: string;
              rca?: string;
              incident?: string;
              problem?: string;
            },
          ) => {
            const item = await withApi(flags, (api) =>
              api.call(actionItems.add, {
                body: {
                  title: flags.title,
                  owner: flags.owner,
                  due_at: flags.due,
                  description: flags.description,
                  rca: flags.rca,
                  incident: flags.incident,
                  problem: flags.problem,
                },
              }),
            );
            printResult(
              flags,
              item,
              () =>
                `added ${item.human_id}: ${item.title} (${item.owner}, due ${item.due_at.slice(0, 10)})`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  actions.addCommand(
    sub("done", "mark an action item done, saying how it was verified")
      .argument("<item>", "ACT-2026-0001, or task:<id> for a follow-up task")
      .requiredOption("--verification <text>", "how it was verified that the change works")
      .option("--verified-by <who>", "who verified it (default: you)")
      .action(
        action(
          async (ref: string, flags: Flags & { verification: string; verifiedBy?: string }) => {
            const item = await withApi(flags, (api) =>
              api.call(actionItems.update, {
                params: { id: ref },
                body: {
                  status: "done",
                  verification: flags.verification,
                  verified_by: flags.verifiedBy,
                },
              }),
            );
            printResult(flags, item, () => `${ref} done: ${item.title}`);
            return EXIT.ok;
          },
        ),
      ),
  );

  actions.addCommand(
    sub("update", "change an action item's status, owner or due date")
      .argument("<item>", "ACT-2026-0001, or task:<id>")
      .option("--status <status>", "open | in_progress | done | cancelled")
      .option("--owner <person>", "new owner")
      .option("--due <date>", "new due date")
      .option("--reason <text>", "why it is cancelled")
      .action(
        action(
          async (
            ref: string,
            flags: Flags & { status?: ActionStatus; owner?: string; due?: string; reason?: string },
          ) => {
            const item = await withApi(flags, (api) =>
              api.call(actionItems.update, {
                params: { id: ref },
                body: {
                  status: flags.status,
                  owner: flags.owner,
                  due_at: flags.due,
                  cancel_reason: flags.reason,
                },
              }),
            );
            printResult(flags, item, () => `${ref}: ${item.title} (${item.status})`);
            return EXIT.ok;
          },
        ),
      ),
  );
  return actions;
}
