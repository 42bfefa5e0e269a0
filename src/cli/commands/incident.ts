import { Command, Option } from "commander";
import { incidents } from "../../contract/incidents.js";
import { type Api, type ApiFlags, withApi } from "../api.js";
import { incidentLine, phaseTrack, tasksByPhase, timelineLine } from "../format.js";
import { action, collect, EXIT, printJson, printLine, printList, printResult } from "../io.js";
import { parseAttribute, sub } from "./incident-args.js";
import { incidentPhaseCommands } from "./incident-phase.js";
import { incidentRecordCommands } from "./incident-record.js";
import { incidentTaskCommands } from "./incident-task.js";
import { incidentUpdateCommand } from "./incident-update.js";

type Flags = ApiFlags & { json?: boolean };

export async function showIncident(api: Api, ref: string): Promise<void> {
  const params = { id: ref };
  const incident = await api.call(incidents.get, { params });
  const tasks = (await api.call(incidents.tasks, { params })).items;
  const timeline = (await api.call(incidents.timeline, { params })).items;
  printLine(`${incident.human_id}  ${incident.title}`);
  printLine(
    `severity ${incident.severity} · type ${incident.type} · commander ${incident.commander ?? "none"} · version ${incident.version}${incident.exercise ? " · EXERCISE" : ""}`,
  );
  printLine(phaseTrack(incident.phase));
  if (incident.blocking_tasks.length > 0)
    printLine(`next gate blocked by ${incident.blocking_tasks.length} required task(s)`);
  printLine();
  for (const l of tasksByPhase(tasks)) printLine(l);
  printLine();
  printLine("timeline (latest 15)");
  for (const e of timeline.slice(-15)) printLine(timelineLine(e));
}

export function incidentCommand(): Command {
  const incident = new Command("incident").description(
    "declare and work incidents (against --server, or the local database)",
  );

  incident.addCommand(
    sub("declare", "declare an incident: the matching procedure becomes its checklist")
      .requiredOption("--type <type>", "incident type from the plan (e.g. ransomware)")
      .requiredOption("--title <title>", "short title")
      .option(
        "--severity <severity>",
        "severity id from the plan's scale (default: the type's default)",
      )
      .option("--description <text>", "what is known so far")
      .option(
        "--attr <key=value>",
        "incident attribute, repeatable (personal_data=true, affected_services=[payments,web])",
        collect,
      )
      .option("--asset <name>", "affected asset, repeatable", collect)
      .option("--first-activity-at <time>", "ISO 8601 time of the first known adverse activity")
      .option("--aware-at <time>", "ISO 8601 time the organisation became aware (default: now)")
      .option("--commander <person>", "incident commander (a person id from the plan's team)")
      .option("--restricted", "visible only to participants")
      .action(
        action(
          async (
            flags: Flags & {
              type: string;
              title: string;
              severity?: string;
              description?: string;
              attr?: string[];
              asset?: string[];
              firstActivityAt?: string;
              awareAt?: string;
              commander?: string;
              restricted?: boolean;
            },
          ) => {
            const attributes = Object.fromEntries((flags.attr ?? []).map(parseAttribute));
            const created = await withApi(flags, (api) =>
              api.call(incidents.declare, {
                body: {
                  title: flags.title,
                  type: flags.type,
                  severity: flags.severity,
                  description: flags.description,
                  attributes,
                  assets: flags.asset,
                  first_activity_at: flags.firstActivityAt,
                  aware_at: flags.awareAt,
                  commander: flags.commander,
                  restricted: flags.restricted,
                },
              }),
            );
            printResult(
              flags,
              created,
              () =>
                `declared ${created.human_id} (${created.severity}, ${created.type}): ${created.title}`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  incident.addCommand(
    sub("list", "list incidents, newest first")
      .option("--all", "include closed, declined and merged incidents")
      .option("--phase <phases>", "comma-separated phases")
      .option("--severity <severities>", "comma-separated severities")
      .option("--type <types>", "comma-separated types")
      .addOption(new Option("--limit <n>", "how many").default("50"))
      .action(
        action(
          async (
            flags: Flags & {
              all?: boolean;
              phase?: string;
              severity?: string;
              type?: string;
              limit: string;
            },
          ) => {
            const page = await withApi(flags, (api) =>
              api.call(incidents.list, {
                query: {
                  limit: flags.limit,
                  open: flags.all ? undefined : "true",
                  phase: flags.phase,
                  severity: flags.severity,
                  type: flags.type,
                },
              }),
            );
            printList(
              flags,
              page,
              incidentLine,
              flags.all ? "no incidents" : "no open incidents (--all shows ended ones)",
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  incident.addCommand(
    sub("show", "show an incident: phase track, checklist by phase, recent timeline")
      .argument("<incident>", "incident id, e.g. INC-2026-0042")
      .action(
        action(async (ref: string, flags: Flags) => {
          await withApi(flags, async (api) => {
            if (!flags.json) return showIncident(api, ref);
            const params = { id: ref };
            const [incident, tasks, timeline] = [
              await api.call(incidents.get, { params }),
              await api.call(incidents.tasks, { params }),
              await api.call(incidents.timeline, { params }),
            ];
            printJson({ incident, tasks: tasks.items, timeline: timeline.items });
          });
          return EXIT.ok;
        }),
      ),
  );

  for (const cmd of [
    ...incidentPhaseCommands(),
    ...incidentTaskCommands(),
    ...incidentRecordCommands(),
    incidentUpdateCommand(),
  ])
    incident.addCommand(cmd);
  return incident;
}
