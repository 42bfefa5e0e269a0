import type { Command } from "commander";
import type { Incident } from "../../domain/incident/model.js";
import { type ApiFlags, withApi } from "../api.js";
import { phaseTrack } from "../format.js";
import { action, collect, EXIT, printJson, printLine } from "../io.js";
import { parseAttribute, sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean; reason?: string; override?: boolean; ifVersion?: string };

const path = (ref: string, action = "") => `/incidents/${encodeURIComponent(ref)}${action}`;
const versionHeader = (flags: Flags): Record<string, string> =>
  flags.ifVersion ? { "if-match": `"${flags.ifVersion}"` } : {};

function report(flags: Flags, incident: Incident, verb: string) {
  if (flags.json) printJson(incident);
  else printLine(`${incident.human_id} ${verb}: ${phaseTrack(incident.phase)}`);
}

/** Phase moves and classification: advance, close, decline, merge, reopen, classify, ack. */
export function incidentPhaseCommands(): Command[] {
  const advance = sub(
    "advance",
    "move to the next phase once the current phase's required tasks are done",
  )
    .argument("<incident>")
    .option("--override", "pass a blocked gate (the commander's authority; needs --reason)")
    .option("--reason <text>", "why (required with --override)")
    .option("--if-version <n>", "refuse if the incident changed since version n")
    .action(
      action(async (ref: string, flags: Flags) => {
        const incident = await withApi(flags, (api) =>
          api.call<Incident>(
            "POST",
            path(ref, "/advance"),
            { reason: flags.reason, override: flags.override },
            versionHeader(flags),
          ),
        );
        report(flags, incident, "advanced");
        return EXIT.ok;
      }),
    );

  const close = sub("close", "close an incident after its post-incident work")
    .argument("<incident>")
    .option(
      "--override",
      "close with required tasks or the plan's post-incident work (RCA, lessons, reports) missing (commander; needs --reason)",
    )
    .option("--reason <text>", "closing remark, required with --override")
    .action(
      action(async (ref: string, flags: Flags) => {
        report(
          flags,
          await withApi(flags, (api) =>
            api.call<Incident>("POST", path(ref, "/close"), {
              reason: flags.reason,
              override: flags.override,
            }),
          ),
          "closed",
        );
        return EXIT.ok;
      }),
    );

  const decline = sub("decline", "end an incident as not an incident (false positive)")
    .argument("<incident>")
    .requiredOption("--reason <text>", "why it is not an incident")
    .action(
      action(async (ref: string, flags: Flags) => {
        report(
          flags,
          await withApi(flags, (api) =>
            api.call<Incident>("POST", path(ref, "/decline"), { reason: flags.reason }),
          ),
          "declined",
        );
        return EXIT.ok;
      }),
    );

  const merge = sub("merge", "merge an incident into another one")
    .argument("<incident>")
    .requiredOption("--into <incident>", "the incident that carries on")
    .requiredOption("--reason <text>", "why they are one")
    .action(
      action(async (ref: string, flags: Flags & { into: string }) => {
        report(
          flags,
          await withApi(flags, (api) =>
            api.call<Incident>("POST", path(ref, "/merge"), {
              into: flags.into,
              reason: flags.reason,
            }),
          ),
          `merged into ${flags.into}`,
        );
        return EXIT.ok;
      }),
    );

  const reopen = sub("reopen", "reopen a closed or declined incident")
    .argument("<incident>")
    .requiredOption("--reason <text>", "why")
    .action(
      action(async (ref: string, flags: Flags) => {
        report(
          flags,
          await withApi(flags, (api) =>
            api.call<Incident>("POST", path(ref, "/reopen"), { reason: flags.reason }),
          ),
          "reopened",
        );
        return EXIT.ok;
      }),
    );

  const classify = sub(
    "classify",
    "change severity, type or attributes (new tasks appear; none disappear)",
  )
    .argument("<incident>")
    .option("--severity <severity>")
    .option("--type <type>")
    .option("--attr <key=value>", "attribute, repeatable", collect)
    .requiredOption("--reason <text>", "why")
    .option("--if-version <n>", "refuse if the incident changed since version n")
    .action(
      action(
        async (
          ref: string,
          flags: Flags & { severity?: string; type?: string; attr?: string[] },
        ) => {
          const attributes = flags.attr
            ? Object.fromEntries(flags.attr.map(parseAttribute))
            : undefined;
          const incident = await withApi(flags, (api) =>
            api.call<Incident>(
              "PATCH",
              path(ref),
              { severity: flags.severity, type: flags.type, attributes, reason: flags.reason },
              versionHeader(flags),
            ),
          );
          if (flags.json) printJson(incident);
          else printLine(`${incident.human_id} is now ${incident.severity} ${incident.type}`);
          return EXIT.ok;
        },
      ),
    );

  const ack = sub("ack", "acknowledge an incident (you are on it)")
    .argument("<incident>")
    .action(
      action(async (ref: string, flags: Flags) => {
        const incident = await withApi(flags, (api) =>
          api.call<Incident>("POST", path(ref, "/acknowledge")),
        );
        if (flags.json) printJson(incident);
        else printLine(`${incident.human_id} acknowledged at ${incident.times.acknowledged_at}`);
        return EXIT.ok;
      }),
    );

  return [advance, close, decline, merge, reopen, classify, ack];
}
