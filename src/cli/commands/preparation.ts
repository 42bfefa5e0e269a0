import { Command } from "commander";
import { type ActivityView, type CompletionView, preparation } from "../../contract/preparation.js";
import { lateness } from "../../preparation/activities.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, collect, EXIT, printJson, printLine, printList, printResult } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

const STATE = { ok: "ok", due_soon: "due soon", overdue: "OVERDUE" } as const;

function activityLine(a: ActivityView): string {
  const when =
    a.state === "overdue"
      ? `overdue by ${lateness(a.overdue_by_ms ?? 0)}`
      : `due ${a.due_at.slice(0, 10)}`;
  return `${STATE[a.state].padEnd(9)} ${a.id.padEnd(30)} ${a.cadence.padEnd(5)} ${when.padEnd(22)} ${a.owner_role}`;
}

function completionLine(c: CompletionView): string {
  return `${c.completed_at.slice(0, 16).replace("T", " ")}  ${c.outcome.padEnd(6)} ${c.activity_id.padEnd(30)} ${c.completed_by}  ${c.evidence.join("; ")}`;
}

/** `firebreak preparation …`: the readiness programme's activities and their completions. */
export function preparationCommand(): Command {
  const prep = new Command("preparation").description(
    "the readiness programme: activities, when they are due, completions with evidence",
  );

  prep.addCommand(
    sub("list", "every activity of the plan, with when it is due").action(
      action(async (flags: Flags) => {
        const { items } = await withApi(flags, (api) => api.call(preparation.activities));
        printList(flags, { items }, activityLine, "the plan declares no preparation activities");
        return EXIT.ok;
      }),
    ),
  );

  prep.addCommand(
    sub("show", "one activity with its history")
      .argument("<id>", "activity id")
      .action(
        action(async (id: string, flags: Flags) => {
          const a = await withApi(flags, (api) =>
            api.call(preparation.activity, { params: { id } }),
          );
          if (flags.json) {
            printJson(a);
            return EXIT.ok;
          }
          printLine(`${a.title} (${a.id}, ${a.kind})`);
          printLine(activityLine(a));
          printLine(
            `owners: ${a.owners.join(", ") || "nobody"}; evidence: ${a.evidence.join("; ") || "–"}`,
          );
          if (a.description) printLine(`\n${a.description.trim()}`);
          printLine("");
          for (const c of a.history) printLine(completionLine(c));
          if (a.history.length === 0) printLine("never done");
          return EXIT.ok;
        }),
      ),
  );

  prep.addCommand(
    sub("complete", "record that an activity was done, with its evidence")
      .argument("<id>", "activity id")
      .option("--evidence <text>", "what proves it (repeatable)", collect)
      .option("--notes <text>", "anything worth keeping")
      .option("--at <date>", "when it was done, if earlier (ISO 8601)")
      .action(
        action(
          async (
            id: string,
            flags: Flags & { evidence?: string[]; notes?: string; at?: string },
          ) => {
            const r = await withApi(flags, (api) =>
              api.call(preparation.complete, {
                params: { id },
                body: {
                  evidence: flags.evidence ?? [],
                  ...(flags.notes ? { notes: flags.notes } : {}),
                  ...(flags.at ? { completed_at: flags.at } : {}),
                },
              }),
            );
            printResult(
              flags,
              r,
              () =>
                `${id} done; next due ${r.activity.due_at.slice(0, 10)}; readiness now ${r.readiness_score}/100`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  prep.addCommand(
    sub("history", "every completion and automatic check, newest first").action(
      action(async (flags: Flags) => {
        const { items } = await withApi(flags, (api) => api.call(preparation.completions));
        printList(flags, { items }, completionLine, "nothing recorded yet");
        return EXIT.ok;
      }),
    ),
  );
  return prep;
}
