import type { Command } from "commander";
import { comms } from "../../contract/comms.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  audience: string;
  summary: string;
  impact?: string;
  actions?: string;
  blockers?: string;
  decisions?: string;
  obligations?: string;
  nextUpdate?: string;
};

/** `firebreak incident update INC --audience executives --summary …`: post a status update. */
export function incidentUpdateCommand(): Command {
  return sub("update", "post a status update to an audience of the plan, on its channels")
    .argument("<incident>")
    .requiredOption("--audience <id>", "the plan's audience, e.g. responders or executives")
    .requiredOption("--summary <text>", "what is known now")
    .option("--impact <text>", "who and what is affected")
    .option("--actions <text>", "what is being done")
    .option("--blockers <text>", "open blockers and asks")
    .option("--decisions <text>", "decisions needed from the audience")
    .option("--obligations <text>", "regulatory status (default: the clocks running)")
    .option("--next-update <when>", "when the next update comes (default: one cadence from now)")
    .action(
      action(async (ref: string, flags: Flags) => {
        const result = await withApi(flags, (api) =>
          api.call(comms.postUpdate, {
            params: { id: ref },
            body: {
              audience: flags.audience,
              summary: flags.summary,
              impact: flags.impact,
              actions: flags.actions,
              blockers: flags.blockers,
              decisions: flags.decisions,
              obligations: flags.obligations,
              next_update: flags.nextUpdate,
            },
          }),
        );
        if (flags.json) printJson(result);
        else {
          const channels = result.notifications.map((n) => n.channel).join(", ") || "no channel";
          printLine(`${result.incident}: update for ${result.audience} sent to ${channels}`);
          if (result.missing.length > 0)
            printLine(`(left empty: ${result.missing.map((m) => `{{${m}}}`).join(", ")})`);
          printLine();
          printLine(result.text.trimEnd());
        }
        return EXIT.ok;
      }),
    );
}
