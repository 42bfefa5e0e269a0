import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";
import { attack, type IncidentTechniqueView } from "../../contract/attack.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printResult } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** One line per technique: id, name, tactics, and where it comes from. */
function techniqueLines(list: { items: IncidentTechniqueView[] }): string[] {
  if (list.items.length === 0) return ["no ATT&CK techniques"];
  return list.items.map((t) => {
    const from = [
      t.alert_ids.length > 0
        ? `${t.alert_ids.length} alert${t.alert_ids.length > 1 ? "s" : ""}`
        : "",
      t.by_hand ? "by hand" : "",
    ].filter(Boolean);
    return `${t.id.padEnd(10)} ${t.name}  [${t.tactics.join(", ")}]  (${from.join(", ")})`;
  });
}

/** `firebreak attack …`: ATT&CK techniques on incidents and Navigator layers. */
export function attackCommand(): Command {
  const cmd = new Command("attack").description(
    "MITRE ATT&CK techniques on incidents (from alerts' Sigma tags, or by hand) and Navigator layers",
  );

  cmd.addCommand(
    sub("list", "an incident's techniques, with their tactics and where they come from")
      .argument("<incident>", "incident id or human id (INC-2026-0042)")
      .action(
        action(async (incident: string, flags: Flags) => {
          const list = await withApi(flags, (api) =>
            api.call(attack.list, { params: { id: incident } }),
          );
          printResult(flags, list, techniqueLines);
          return EXIT.ok;
        }),
      ),
  );

  for (const [verb, help] of [
    ["add", "add a technique to an incident by hand (written on its timeline)"],
    ["remove", "remove a technique from an incident by hand (it stays off until added again)"],
  ] as const)
    cmd.addCommand(
      sub(verb, help)
        .argument("<incident>", "incident id or human id (INC-2026-0042)")
        .argument("<technique>", "ATT&CK technique id, such as T1059 or T1059.001")
        .requiredOption("--reason <text>", "why, for the timeline")
        .action(
          action(async (incident: string, technique: string, flags: Flags & { reason: string }) => {
            const list = await withApi(flags, (api) =>
              verb === "add"
                ? api.call(attack.add, {
                    params: { id: incident },
                    body: { technique, reason: flags.reason },
                  })
                : api.call(attack.remove, {
                    params: { id: incident, technique },
                    body: { reason: flags.reason },
                  }),
            );
            printResult(flags, list, techniqueLines);
            return EXIT.ok;
          }),
        ),
    );

  cmd.addCommand(
    sub(
      "layer",
      "an ATT&CK Navigator layer (format 4.5) over the named incidents, or every incident of the period",
    )
      .argument("[incidents...]", "incident ids or human ids; none: every incident of the period")
      .option("--since <date>", "incidents declared at or after (ISO 8601)")
      .option("--until <date>", "incidents declared before (ISO 8601)")
      .option("--out <file>", "write the layer to this file instead of stdout")
      .action(
        action(
          async (
            incidents: string[],
            flags: Flags & { since?: string; until?: string; out?: string },
          ) => {
            const layer = await withApi(flags, (api) =>
              api.call(attack.layer, {
                query: {
                  incident: incidents.length > 0 ? incidents.join(",") : undefined,
                  since: flags.since,
                  until: flags.until,
                },
              }),
            );
            const text = `${JSON.stringify(layer, null, 2)}\n`;
            if (flags.out === undefined) {
              // The layer is the one JSON document stdout carries, --json or not.
              process.stdout.write(text);
              return EXIT.ok;
            }
            const file = resolve(flags.out);
            writeFileSync(file, text);
            // The layer's metadata names its incidents first, then a divider, then its source.
            const divider = layer.metadata.findIndex((m) => "divider" in m);
            const summary = {
              file,
              incidents: divider < 0 ? layer.metadata.length : divider,
              techniques: new Set(layer.techniques.map((t) => t.techniqueID)).size,
            };
            if (flags.json) printJson(summary);
            else
              printLine(
                `${file}: ${summary.techniques} techniques over ${summary.incidents} incidents; open it in the ATT&CK Navigator (Open Existing Layer → Upload from local)`,
              );
            return EXIT.ok;
          },
        ),
      ),
  );
  return cmd;
}
