import type { Command } from "commander";
import { incidents, type NoteInput } from "../../contract/incidents.js";
import { invalidInput } from "../../domain/errors.js";
import type { TaskPhase } from "../../domain/incident/phase.js";
import type { TaskStatus } from "../../domain/incident/task.js";
import { refersToRow } from "../../domain/row-id.js";
import { type Api, type ApiFlags, withApi } from "../api.js";
import { taskLine } from "../format.js";
import { action, EXIT, printJson, printLine, printResult } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** A task by full id, short id (as `show` prints it) or procedure step id. */
async function findTask(api: Api, incident: string, ref: string) {
  const { items } = await api.call(incidents.tasks, { params: { id: incident } });
  const matches = items.filter((t) => t.step_id === ref || refersToRow(t.id, ref));
  const [only] = matches;
  if (only && matches.length === 1) return only;
  throw invalidInput(
    matches.length === 0
      ? `no task '${ref}' on ${incident}`
      : `'${ref}' matches ${matches.length} tasks; give more of the id`,
  );
}

/** Checklist work: update a task, add an ad-hoc one, write notes and decisions. */
export function incidentTaskCommands(): Command[] {
  const task = sub(
    "task",
    "work a task: --done, --start, --block, --skip REASON, --assign PERSON, --note TEXT, --follow-up",
  )
    .argument("<incident>")
    .argument("<tasks...>", "task ids, their first characters, or procedure step ids")
    .option("--done", "mark done")
    .option("--start", "mark in progress")
    .option("--block", "mark blocked")
    .option("--reopen", "mark open again")
    .option("--skip <reason>", "skip it, saying why (required tasks need the authority)")
    .option("--assign <person>", "assign to a person from the plan's team")
    .option("--note <text>", "add a note")
    .option("--follow-up", "turn it into a follow-up action that outlives the incident")
    .action(
      action(
        async (
          incident: string,
          refs: string[],
          flags: Flags & {
            done?: boolean;
            start?: boolean;
            block?: boolean;
            reopen?: boolean;
            skip?: string;
            assign?: string;
            note?: string;
            followUp?: boolean;
          },
        ) => {
          const statuses = (
            [
              [flags.done, "done"],
              [flags.start, "in_progress"],
              [flags.block, "blocked"],
              [flags.reopen, "open"],
              [flags.skip, "skipped"],
            ] as const
          ).flatMap(([given, status]): TaskStatus[] => (given ? [status] : []));
          if (statuses.length > 1)
            throw invalidInput("give one of --done, --start, --block, --reopen, --skip");
          const patch = {
            status: statuses[0] || undefined,
            skip_reason: flags.skip,
            assignee: flags.assign,
            note: flags.note,
            follow_up: flags.followUp,
          };
          if (Object.values(patch).every((v) => v === undefined))
            throw invalidInput(
              "nothing to do: give --done, --start, --skip, --assign, --note or --follow-up",
            );
          const updated = await withApi(flags, async (api) => {
            const done = [];
            for (const ref of refs) {
              const t = await findTask(api, incident, ref);
              done.push(
                await api.call(incidents.updateTask, {
                  params: { id: incident, taskId: t.id },
                  body: patch,
                }),
              );
            }
            return done;
          });
          if (flags.json) printJson(updated.length === 1 ? updated[0] : updated);
          else for (const t of updated) printLine(taskLine(t).trim());
          return EXIT.ok;
        },
      ),
    );

  const addTask = sub("add-task", "add a task the procedure did not foresee")
    .argument("<incident>")
    .requiredOption("--title <title>")
    .requiredOption(
      "--phase <phase>",
      "detection|containment|eradication|recovery|remediation|post_incident",
    )
    .option("--instructions <markdown>")
    .option("--role <role>")
    .option("--assign <person>")
    .option("--required", "the phase gate waits for it")
    .option("--due-in <duration>", "ISO 8601 duration, e.g. PT2H")
    .action(
      action(
        async (
          incident: string,
          flags: Flags & {
            title: string;
            phase: string;
            instructions?: string;
            role?: string;
            assign?: string;
            required?: boolean;
            dueIn?: string;
          },
        ) => {
          const created = await withApi(flags, (api) =>
            api.call(incidents.addTask, {
              params: { id: incident },
              body: {
                title: flags.title,
                // The server names the phases when this is none of them.
                phase: flags.phase as TaskPhase,
                instructions: flags.instructions,
                role: flags.role,
                assignee: flags.assign,
                required: flags.required,
                due_in: flags.dueIn,
              },
            }),
          );
          printResult(flags, created, () => `added ${taskLine(created).trim()}`);
          return EXIT.ok;
        },
      ),
    );

  const note = sub("note", "write a note or a decision on the timeline")
    .argument("<incident>")
    .argument("<text>")
    .option("--decision", "record it as a decision")
    .option("--occurred-at <time>", "ISO 8601 time it happened, if earlier than now")
    .option(
      "--sets <what>",
      "a decision that starts a clock: classified (major incident) or determined (materiality)",
    )
    .action(
      action(
        async (
          incident: string,
          text: string,
          flags: Flags & { decision?: boolean; occurredAt?: string; sets?: string },
        ) => {
          const updated = await withApi(flags, (api) =>
            api.call(incidents.addNote, {
              params: { id: incident },
              body: {
                text,
                kind: flags.decision || flags.sets ? "decision" : "note",
                occurred_at: flags.occurredAt,
                // The server names what a decision can set when this is neither.
                sets: flags.sets as NoteInput["sets"],
              },
            }),
          );
          printResult(
            flags,
            updated,
            () =>
              `${flags.decision || flags.sets ? "decision" : "note"} recorded on ${updated.human_id}`,
          );
          return EXIT.ok;
        },
      ),
    );

  return [task, addTask, note];
}
