import type { Command } from "commander";
import { metrics } from "../../contract/metrics.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printResult } from "../io.js";
import { metricsLines } from "../postincident-format.js";
import { sub } from "./incident-args.js";

/** `firebreak metrics [--from] [--to]`: response metrics with small bar charts. */
export function metricsCommand(): Command {
  return sub(
    "metrics",
    "MTTD, MTTA, MTTC, MTTR and time to close; plan adherence; overdue action items",
  )
    .option("--from <date>", "incidents declared at or after (ISO 8601)")
    .option("--to <date>", "incidents declared before (ISO 8601)")
    .action(
      action(async (flags: ApiFlags & { json?: boolean; from?: string; to?: string }) => {
        const m = await withApi(flags, (api) =>
          api.call(metrics.get, { query: { from: flags.from, to: flags.to } }),
        );
        printResult(flags, m, metricsLines);
        return EXIT.ok;
      }),
    );
}
