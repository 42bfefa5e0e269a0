import { Option } from "commander";
import { type SearchResultItem, search } from "../../contract/search.js";
import { INCIDENT_PHASES } from "../../domain/incident/phase.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & {
  json?: boolean;
  type?: string;
  severity?: string;
  phase?: (typeof INCIDENT_PHASES)[number];
  tag?: string;
  since?: string;
  until?: string;
  exercises?: boolean;
  limit: string;
  cursor?: string;
};

/**
 * The matched words of a snippet stand out: bold on a terminal, between `[` and `]` otherwise
 * (a pipe or a file keeps no escape codes).
 */
function passage(parts: SearchResultItem["snippets"][number]["parts"], tty: boolean): string {
  return parts
    .map((p) => (p.match ? (tty ? `\u001b[1m${p.text}\u001b[22m` : `[${p.text}]`) : p.text))
    .join("")
    .replace(/\s+/g, " ");
}

/** One incident as a table row, then a line per passage that matched. */
export function resultLines(item: SearchResultItem, tty = false): string[] {
  return [
    `${item.human_id.padEnd(16)} ${item.severity.padEnd(13)} ${item.phase.padEnd(14)} ${item.type.padEnd(14)} ${item.title}`,
    ...item.snippets.map((s) => `    ${s.kind.padEnd(11)} ${passage(s.parts, tty)}`),
  ];
}

/** `firebreak search QUERY`: full-text search across incidents (docs/search.md). */
export function searchCommand() {
  return sub(
    "search",
    "search incidents: titles, descriptions, notes, timeline, tasks, indicators, evidence, assets, lessons",
  )
    .argument(
      "<query...>",
      'words (all must match), "a phrase", prefix*; indicators may be defanged',
    )
    .option("--type <type>", "only incidents of this type")
    .option("--severity <severity>", "only incidents of this severity")
    .addOption(
      new Option("--phase <phase>", "only incidents in this phase").choices(INCIDENT_PHASES),
    )
    .option("--tag <tag>", "only incidents whose alerts or indicators carry this tag")
    .option("--since <time>", "declared at or after (ISO 8601)")
    .option("--until <time>", "declared before (ISO 8601)")
    .option("--exercises", "include exercises")
    .addOption(new Option("--limit <n>", "how many incidents (at most 100)").default("20"))
    .option("--cursor <cursor>", "the next page: the cursor the previous page printed")
    .action(
      action(async (words: string[], flags: Flags) => {
        const page = await withApi(flags, (api) =>
          api.call(search.incidents, {
            query: {
              q: words.join(" "),
              type: flags.type,
              severity: flags.severity,
              phase: flags.phase,
              tag: flags.tag,
              since: flags.since,
              until: flags.until,
              exercise: flags.exercises ? "true" : undefined,
              limit: flags.limit,
              cursor: flags.cursor,
            },
          }),
        );
        if (flags.json) {
          printJson(page);
          return EXIT.ok;
        }
        if (page.items.length === 0) printLine("no incident matches");
        const tty = process.stdout.isTTY === true;
        for (const item of page.items) for (const line of resultLines(item, tty)) printLine(line);
        if (page.next_cursor) printLine(`more: --cursor ${page.next_cursor}`);
        return EXIT.ok;
      }),
    );
}
