import { Command, Option } from "commander";
import {
  type AlertDetailView,
  type AlertView,
  alerts as alertEndpoints,
} from "../../contract/alerts.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, collect, EXIT, printJson, printLine, printList, printResult } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** One alert per line: id, status, severity, count, title, main entity. */
export function alertLine(a: AlertView): string {
  const where = a.entities.host ?? a.entities.user ?? a.entities.source_ip ?? "";
  const incident = a.incident_id ? "  (in incident)" : "";
  return `${a.id}  ${a.status.padEnd(12)} ${a.severity.padEnd(13)} ×${String(a.count).padEnd(5)} ${a.title}${where ? `  [${where}]` : ""}${incident}`;
}

const on = (id: string) => ({ params: { id } });

function printAlert(a: AlertDetailView): void {
  printLine(`${a.title}`);
  printLine(
    `${a.status} · ${a.severity}${a.level ? ` (${a.level})` : ""} · ${a.source}${a.rule_id ? ` rule ${a.rule_id}` : ""} · seen ${a.count}× from ${a.first_seen} to ${a.last_seen}`,
  );
  printLine(`dedup key ${a.dedup_key}`);
  const e = a.entities;
  const entities = [
    e.host && `host ${e.host}`,
    e.user && `user ${e.user}`,
    e.source_ip && `source ${e.source_ip}`,
    e.destination_ip && `destination ${e.destination_ip}`,
    e.process?.command_line && `process ${e.process.command_line}`,
  ].filter(Boolean);
  if (entities.length) printLine(entities.join(" · "));
  if (a.incident_id) printLine(`incident ${a.incident_id}`);
  if (a.tags.length) printLine(`tags ${a.tags.join(", ")}`);
  printLine(`${a.events_total} event(s) linked${a.events.length ? "; newest:" : ""}`);
  for (const ev of a.events.slice(0, 5))
    printLine(`  ${ev.time ?? ev.received_at}  ${JSON.stringify(ev.raw).slice(0, 160)}`);
}

/** `firebreak alerts …`: the triage queue and its actions. */
export function alertsCommand(): Command {
  const alerts = new Command("alerts").description(
    "list and triage alerts (against --server, or the local database)",
  );

  alerts.addCommand(
    sub("list", "list alerts, most recently seen first (default: the triage queue)")
      .option("--all", "every alert, not only open alerts without an incident")
      .option("--status <statuses>", "comma-separated: open, acknowledged, resolved, suppressed")
      .option("--severity <severities>", "comma-separated severity ids")
      .option("--rule <ids>", "comma-separated Sigma rule ids")
      .option("--q <text>", "text in title, dedup key, host or user")
      .addOption(new Option("--limit <n>", "how many").default("50"))
      .action(
        action(
          async (
            flags: Flags & {
              all?: boolean;
              status?: string;
              severity?: string;
              rule?: string;
              q?: string;
              limit: string;
            },
          ) => {
            const page = await withApi(flags, (api) =>
              api.call(alertEndpoints.list, {
                query: {
                  limit: flags.limit,
                  triage: !flags.all && !flags.status ? "true" : undefined,
                  status: flags.status,
                  severity: flags.severity,
                  rule: flags.rule,
                  q: flags.q,
                },
              }),
            );
            printList(
              flags,
              page,
              alertLine,
              flags.all ? "no alerts" : "triage queue empty (--all lists every alert)",
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  alerts.addCommand(
    sub("show", "show an alert with its newest events")
      .argument("<alert>", "alert id")
      .action(
        action(async (id: string, flags: Flags) => {
          const alert = await withApi(flags, (api) => api.call(alertEndpoints.get, on(id)));
          if (flags.json) printJson(alert);
          else printAlert(alert);
          return EXIT.ok;
        }),
      ),
  );

  for (const [name, endpoint, what] of [
    ["ack", alertEndpoints.acknowledge, "acknowledge an alert: someone is looking at it"],
    ["resolve", alertEndpoints.resolve, "resolve an alert; a repeat afterwards opens a new one"],
  ] as const)
    alerts.addCommand(
      sub(name, what)
        .argument("<alert>", "alert id")
        .action(
          action(async (id: string, flags: Flags) => {
            const alert = await withApi(flags, (api) => api.call(endpoint, on(id)));
            printResult(flags, alert, alertLine);
            return EXIT.ok;
          }),
        ),
    );

  alerts.addCommand(
    sub("suppress", "suppress an alert (a known false positive); repeats keep counting quietly")
      .argument("<alert>", "alert id")
      .requiredOption("--reason <text>", "why")
      .option("--for <duration>", "ISO 8601 duration, e.g. PT8H: a repeat after that reopens it")
      .option("--until <time>", "ISO 8601 time instead of --for")
      .action(
        action(
          async (id: string, flags: Flags & { reason: string; for?: string; until?: string }) => {
            const alert = await withApi(flags, (api) =>
              api.call(alertEndpoints.suppress, {
                ...on(id),
                body: { reason: flags.reason, for: flags.for, until: flags.until },
              }),
            );
            printResult(flags, alert, alertLine);
            return EXIT.ok;
          },
        ),
      ),
  );

  alerts.addCommand(
    sub(
      "declare",
      "declare an incident from alerts: the procedure for the type becomes its checklist",
    )
      .argument("<alert>", "alert id")
      .requiredOption("--type <type>", "incident type from the plan")
      .option("--severity <severity>", "default: the highest severity among the alerts")
      .option("--title <title>", "default: the alert's title")
      .option("--alert <id>", "another alert to declare with it, repeatable", collect)
      .action(
        action(
          async (
            id: string,
            flags: Flags & { type: string; severity?: string; title?: string; alert?: string[] },
          ) => {
            const res = await withApi(flags, (api) =>
              api.call(alertEndpoints.declare, {
                ...on(id),
                body: {
                  type: flags.type,
                  severity: flags.severity,
                  title: flags.title,
                  alerts: flags.alert,
                },
              }),
            );
            printResult(
              flags,
              res,
              () =>
                `declared ${res.incident.human_id} (${res.incident.severity}, ${res.incident.type}) from ${res.alert_ids.length} alert(s): ${res.incident.title}`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  alerts.addCommand(
    sub("attach", "attach alerts to an incident in progress (its timeline records them)")
      .argument("<alert>", "alert id")
      .requiredOption("--incident <id>", "incident, e.g. INC-2026-0042")
      .option("--alert <id>", "another alert to attach, repeatable", collect)
      .action(
        action(async (id: string, flags: Flags & { incident: string; alert?: string[] }) => {
          const res = await withApi(flags, (api) =>
            api.call(alertEndpoints.attach, {
              ...on(id),
              body: { incident: flags.incident, alerts: flags.alert },
            }),
          );
          printResult(
            flags,
            res,
            () => `attached ${res.alert_ids.length} alert(s) to ${res.incident.human_id}`,
          );
          return EXIT.ok;
        }),
      ),
  );
  return alerts;
}
