import { Command } from "commander";
import { incidents } from "../../contract/incidents.js";
import { type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printResult } from "../io.js";

/** `firebreak ack INC-…`: acknowledge an incident (stops its escalation); same as `incident ack`. */
export function ackCommand(): Command {
  return withApiOptions(
    new Command("ack").description("acknowledge an incident: you are on it, escalation stops"),
  )
    .argument("<incident>", "incident id, e.g. INC-2026-0042")
    .option("--json", "print the incident as JSON")
    .action(
      action(async (ref: string, flags: ApiFlags & { json?: boolean }) => {
        const incident = await withApi(flags, (api) =>
          api.call(incidents.acknowledge, { params: { id: ref } }),
        );
        printResult(
          flags,
          incident,
          () => `${incident.human_id} acknowledged at ${incident.times.acknowledged_at}`,
        );
        return EXIT.ok;
      }),
    );
}
