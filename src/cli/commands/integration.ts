import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { parse as parseYaml } from "yaml";
import { integrations } from "../../contract/integrations.js";
import { INTEGRATION_KINDS, type IntegrationKind } from "../../domain/alert.js";
import { invalidInput } from "../../domain/errors.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, EXIT, printJson, printLine, printList } from "../io.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** The mapping document in a file; the server checks that it is one (a 400 names the field). */
function readMapping(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw invalidInput(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    // YAML is a superset of JSON, so one parser reads both.
    return parseYaml(text) as Record<string, unknown>;
  } catch (e) {
    throw invalidInput(`${file}: ${(e as Error).message}`);
  }
}

/** `firebreak integration …`: the monitors allowed to send alerts, each with its own key. */
export function integrationCommand(): Command {
  const integration = new Command("integration").description(
    "manage alert integrations: PagerDuty Events v2, Alertmanager, Grafana alerting, generic webhooks",
  );

  integration.addCommand(
    sub("create", "create an integration and print its key (shown once)")
      .addOption(
        new Option("--kind <kind>", "sender").choices([...INTEGRATION_KINDS]).makeOptionMandatory(),
      )
      .requiredOption("--name <name>", "what sends, e.g. 'Prometheus prod'")
      .option("--mapping <file>", "webhook only: JSON or YAML mapping document")
      .action(
        action(async (flags: Flags & { kind: IntegrationKind; name: string; mapping?: string }) => {
          const created = await withApi(flags, (api) =>
            api.call(integrations.create, {
              body: {
                kind: flags.kind,
                name: flags.name,
                ...(flags.mapping ? { mapping: readMapping(flags.mapping) } : {}),
              },
            }),
          );
          if (flags.json) {
            printJson(created);
            return EXIT.ok;
          }
          printLine(`created ${created.kind} integration ${created.id} (${created.name})`);
          printLine(`key:      ${created.key}`);
          printLine(`endpoint: ${created.endpoint}`);
          printLine("The key is shown only now; Firebreak keeps a hash of it.");
          if (created.kind === "pagerduty")
            printLine("Use it as the routing_key of Events API v2 requests.");
          if (created.kind === "alertmanager")
            printLine(
              "In alertmanager.yml: webhook_configs: - url: <server>/api/v1/integrations/alertmanager, http_config: {authorization: {credentials: <key>}}",
            );
          if (created.kind === "grafana")
            printLine(
              "In Grafana: a Webhook contact point with this URL (method POST) and Authorization header credentials <key> (scheme Bearer); see docs/integrations.md",
            );
          if (created.kind === "webhook")
            printLine("Send it as Authorization: Bearer <key> (or X-Firebreak-Key).");
          return EXIT.ok;
        }),
      ),
  );

  integration.addCommand(
    sub("list", "list integrations (keys are never shown again)").action(
      action(async (flags: Flags) => {
        const page = await withApi(flags, (api) => api.call(integrations.list));
        printList(
          flags,
          page,
          (i) =>
            `${i.id}  ${i.kind.padEnd(13)} …${i.key_hint}  ${i.name}  ${i.url ?? i.endpoint}  last received ${i.last_received_at ?? "never"}`,
          "no integrations",
        );
        return EXIT.ok;
      }),
    ),
  );

  integration.addCommand(
    sub("delete", "delete an integration: its key stops working at once")
      .argument("<id>", "integration id")
      .action(
        action(async (id: string, flags: Flags) => {
          await withApi(flags, (api) => api.call(integrations.delete, { params: { id } }));
          if (flags.json) printJson({ deleted: id });
          else printLine(`deleted integration ${id}`);
          return EXIT.ok;
        }),
      ),
  );
  return integration;
}
