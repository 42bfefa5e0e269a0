import { Command, Option } from "commander";
import { clocks as clockEndpoints } from "../../contract/clocks.js";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "../../domain/clock-states.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { clockLines } from "../clock-format.js";
import { action, EXIT, printJson, printLine } from "../io.js";

type Flags = ApiFlags & { json?: boolean };

/**
 * `firebreak clocks [INC]`: regulatory clocks of one incident, or the running ones of all
 * incidents, overdue first; `record` meets a deadline, `stop` ends a clock with a reason.
 */
export function clocksCommand(): Command {
  // `list` is the default subcommand, so that `clocks INC --json` works and options after
  // `record`/`stop` belong to them (a parent with options of its own would take them).
  const clocks = new Command("clocks").description(
    "regulatory clocks: of one incident, or of all incidents, overdue first",
  );
  const list = withApiOptions(
    new Command("list").description("show clocks (the default): overdue first, with a time bar"),
  )
    .argument("[incident]", "incident id; none means every incident's running clocks")
    .option("--state <states>", "only these clock states, comma-separated (e.g. overdue)")
    .option("--all", "also obligations that do not apply")
    .option("--json", "print the clocks as one JSON document")
    .action(
      action(async (ref: string | undefined, flags: Flags & { state?: string; all?: boolean }) => {
        const { items } = await withApi(flags, (api) =>
          ref
            ? api.call(clockEndpoints.ofIncident, { params: { id: ref } })
            : api.call(clockEndpoints.list, { query: { state: flags.state } }),
        );
        const shown = items.filter(
          (c) =>
            (flags.all || c.state !== "not_applicable") &&
            (!ref || !flags.state || flags.state.split(",").includes(c.state)),
        );
        if (flags.json) printJson({ items: shown });
        else if (shown.length === 0)
          printLine(
            flags.state
              ? `no clocks in state ${flags.state}`
              : ref
                ? `no clocks apply to ${ref}`
                : "no clocks running",
          );
        else for (const l of clockLines(shown)) printLine(l);
        return EXIT.ok;
      }),
    );
  clocks.addCommand(list, { isDefault: true });

  clocks.addCommand(
    withApiOptions(
      new Command("record").description("record the notification that meets a deadline"),
    )
      .argument("<incident>")
      .argument("<obligation>", "obligation id, e.g. gdpr-art-33")
      .requiredOption("--deadline <id>", "deadline id, e.g. notify-authority")
      .option("--sent-at <time>", "ISO 8601 time it was sent (default: now)")
      .option("--recipient <who>", "to whom (default: the obligation's recipient)")
      .option("--reference <ref>", "the regulator's case number or filing id")
      .addOption(
        new Option("--channel <how>", "how it was sent").choices([...NOTIFICATION_CHANNELS]),
      )
      .option("--json", "print the clock as JSON")
      .action(
        action(
          async (
            ref: string,
            obligation: string,
            flags: Flags & {
              deadline: string;
              sentAt?: string;
              recipient?: string;
              reference?: string;
              channel?: NotificationChannel;
            },
          ) => {
            const clock = await withApi(flags, (api) =>
              api.call(clockEndpoints.recordNotification, {
                params: { id: ref, obligationId: obligation },
                body: {
                  deadline_id: flags.deadline,
                  sent_at: flags.sentAt,
                  recipient: flags.recipient,
                  reference: flags.reference,
                  channel: flags.channel,
                },
              }),
            );
            if (flags.json) printJson(clock);
            else for (const l of clockLines([clock])) printLine(l);
            return EXIT.ok;
          },
        ),
      ),
  );

  clocks.addCommand(
    withApiOptions(new Command("stop").description("stop a clock for good, with a reason"))
      .argument("<incident>")
      .argument("<obligation>")
      .requiredOption("--reason <text>", "why, e.g. the DPO's assessment")
      .option("--json", "print the clock as JSON")
      .action(
        action(async (ref: string, obligation: string, flags: Flags & { reason: string }) => {
          const clock = await withApi(flags, (api) =>
            api.call(clockEndpoints.stop, {
              params: { id: ref, obligationId: obligation },
              body: { reason: flags.reason },
            }),
          );
          if (flags.json) printJson(clock);
          else for (const l of clockLines([clock])) printLine(l);
          return EXIT.ok;
        }),
      ),
  );
  return clocks;
}
