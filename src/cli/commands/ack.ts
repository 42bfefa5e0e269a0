import { Command } from "commander";
import { withApiOptions } from "../api.js";
import { acknowledge } from "./incident-phase.js";

/** `firebreak ack INC-…`: acknowledge an incident (stops its escalation); same as `incident ack`. */
export function ackCommand(): Command {
  return withApiOptions(
    new Command("ack").description("acknowledge an incident: you are on it, escalation stops"),
  )
    .argument("<incident>", "incident id, e.g. INC-2026-0042")
    .option("--json", "print the incident as JSON")
    .action(acknowledge);
}
