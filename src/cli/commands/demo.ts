import { Command, Option } from "commander";
import { loadDemo } from "../../demo/scenario.js";
import { loadLibraryIfEmpty, openRuntime } from "../../runtime.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { configFrom, withDatabaseOptions } from "../options.js";

/** `firebreak demo`: loads the demo scenario into the local database and says what it made. */
export function demoCommand(): Command {
  return withDatabaseOptions(
    new Command("demo").description(
      "load a realistic demo scenario: events, alerts in triage, incidents in several phases, and months of closed ones with their reports",
    ),
  )
    .addOption(new Option("--json", "print the summary as one JSON document"))
    .action(
      action(async (flags) => {
        const rt = await openRuntime(configFrom(flags));
        try {
          await loadLibraryIfEmpty(rt);
          const summary = await loadDemo(rt);
          if (flags.json) printJson(summary);
          else {
            printLine(summary.message);
            printLine(`events ingested: ${summary.events}; alerts: ${summary.alerts}`);
            for (const i of summary.incidents)
              printLine(`  ${i.human_id}  ${i.phase.padEnd(12)}  ${i.title}  (${i.id})`);
            for (const r of summary.reports)
              printLine(`  report: ${r.incident} ${r.kind} (${r.format}) v${r.version}`);
            printLine("start the server with `npm start` (or `firebreak serve`) to explore it");
          }
          return EXIT.ok;
        } finally {
          await rt.close();
        }
      }),
    );
}
