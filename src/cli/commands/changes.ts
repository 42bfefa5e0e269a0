import { Option } from "commander";
import { type ChangeView, changes as changeEndpoints } from "../../contract/changes.js";
import { durationMs, isDuration } from "../../domain/duration.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printList } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  since?: string;
  until?: string;
  service?: string;
  incident?: string;
  limit: string;
  cursor?: string;
};

/** One change per line: its time, summary, source and the names it touches. */
export function changeLine(c: ChangeView): string {
  const where = c.source ? `  [${c.source}]` : "";
  const touches = c.targets.filter((t) => t !== c.source?.toLowerCase());
  return `${c.timestamp}  ${c.summary}${where}${touches.length ? `  touches ${touches.join(", ")}` : ""}`;
}

/** `--since PT24H` means 24 hours ago; anything else is passed on as a time for the API to check. */
function since(value: string | undefined): string | undefined {
  if (value === undefined || !isDuration(value)) return value;
  return new Date(Date.now() - durationMs(value)).toISOString();
}

/** `firebreak changes`: change events (deploys, configuration changes) from every integration. */
export function changesCommand() {
  return sub(
    "changes",
    "list change events, newest first; with --incident, the ones before that incident",
  )
    .option("--since <time|duration>", "changes at or after this time, or this long ago (PT24H)")
    .option("--until <time>", "changes at or before this time")
    .option("--service <name>", "changes touching this service or host (any case)")
    .option("--incident <ref>", "the changes before this incident (its window and its names)")
    .addOption(new Option("--limit <n>", "how many").default("50"))
    .option("--cursor <cursor>", "the next page: the previous page's next_cursor")
    .action(
      action(async (flags: Flags) => {
        if (flags.incident) {
          const before = await withApi(flags, (api) =>
            api.call(changeEndpoints.beforeIncident, { params: { id: flags.incident as string } }),
          );
          if (flags.json) printJson(before);
          else {
            printLine(
              `changes from ${before.from} to ${before.anchor} touching ${before.targets.join(", ") || "nothing (the incident names no asset or service)"}`,
            );
            for (const c of before.items) printLine(changeLine(c));
            if (before.items.length === 0) printLine("no changes");
          }
          return EXIT.ok;
        }
        const page = await withApi(flags, (api) =>
          api.call(changeEndpoints.list, {
            query: {
              since: since(flags.since),
              until: flags.until,
              service: flags.service,
              limit: flags.limit,
              cursor: flags.cursor,
            },
          }),
        );
        printList(flags, page, changeLine, "no changes");
        if (!flags.json && page.next_cursor) printLine(`more: --cursor '${page.next_cursor}'`);
        return EXIT.ok;
      }),
    );
}
