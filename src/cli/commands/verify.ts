import { Command } from "commander";
import { incidents, type TimelineVerdict } from "../../contract/incidents.js";
import { type Api, type ApiFlags, withApi, withApiOptions } from "../api.js";
import { action, EXIT, printJson, printLine } from "../io.js";

/**
 * `firebreak verify [INC…]`: re-computes timeline hash chains, compares each with the head its
 * incident row keeps and the row's state with the timeline's replay; exit 1 if any disagrees.
 */
export function verifyCommand(): Command {
  return withApiOptions(
    new Command("verify").description(
      "verify incident timelines (hash chain, head, state replay; default: every incident)",
    ),
  )
    .argument("[incidents...]", "incident ids; none means all")
    .option("--json", "print the verdicts as JSON")
    .action(
      action(async (refs: string[], flags: ApiFlags & { json?: boolean }) => {
        const verdicts = await withApi(flags, (api) => verifyIncidents(api, refs));
        const broken = verdicts.filter((v) => !v.intact);
        if (flags.json) printJson({ intact: broken.length === 0, verdicts });
        else {
          for (const v of verdicts)
            printLine(
              v.intact
                ? `${v.incident}: intact (${v.entries} entries)`
                : `${v.incident}: BROKEN${v.first_bad_seq ? ` at entry ${v.first_bad_seq}` : ""}: ${v.reason}`,
            );
          if (verdicts.length === 0) printLine("no incidents to verify");
        }
        return broken.length === 0 ? EXIT.ok : EXIT.failed;
      }),
    );
}

/**
 * The verdict on each named incident's timeline, or on every incident's (exercises included)
 * when none is named. `firebreak restore` asks the same of a backup before using it.
 */
export async function verifyIncidents(api: Api, refs: string[]): Promise<TimelineVerdict[]> {
  const ids = [...refs];
  if (ids.length === 0) {
    let cursor: string | null = null;
    do {
      const page: { items: { human_id: string }[]; next_cursor: string | null } = await api.call(
        incidents.list,
        {
          query: { limit: 500, exercise: "true", cursor: cursor ?? undefined },
        },
      );
      ids.push(...page.items.map((i) => i.human_id));
      cursor = page.next_cursor;
    } while (cursor);
  }
  const out: TimelineVerdict[] = [];
  for (const id of ids) out.push(await api.call(incidents.verifyTimeline, { params: { id } }));
  return out;
}
