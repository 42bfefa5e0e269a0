import type { Command } from "commander";
import { incidents } from "../../contract/incidents.js";
import type { Incident } from "../../domain/incident/model.js";
import { type Api, type ApiFlags, withApi } from "../api.js";
import { phaseTrack } from "../format.js";
import { action, collect, EXIT, printResult } from "../io.js";
import { parseAttribute, sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean; reason?: string; override?: boolean; ifVersion?: string };

/** `--if-version n`: the change is refused (412) if the incident moved on since version n. */
const onVersion = (flags: Flags) => ({
  ifMatch: flags.ifVersion ? Number(flags.ifVersion) : undefined,
});

/**
 * The action of a phase move: `call` asks the server, and the incident it answers with is
 * printed as `INC-… <verb>: <phase track>` (or as JSON).
 */
function phaseMove<F extends Flags>(
  verb: string | ((flags: F) => string),
  call: (api: Api, ref: string, flags: F) => Promise<Incident>,
) {
  return action(async (ref: string, flags: F) => {
    const incident = await withApi(flags, (api) => call(api, ref, flags));
    const done = typeof verb === "string" ? verb : verb(flags);
    printResult(
      flags,
      incident,
      () => `${incident.human_id} ${done}: ${phaseTrack(incident.phase)}`,
    );
    return EXIT.ok;
  });
}

/** Acknowledges an incident (stops its escalation): `incident ack` and the top-level `ack`. */
export const acknowledge = action(async (ref: string, flags: ApiFlags & { json?: boolean }) => {
  const incident = await withApi(flags, (api) =>
    api.call(incidents.acknowledge, { params: { id: ref } }),
  );
  printResult(
    flags,
    incident,
    () => `${incident.human_id} acknowledged at ${incident.times.acknowledged_at}`,
  );
  return EXIT.ok;
});

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
      phaseMove("advanced", (api, ref, flags) =>
        api.call(
          incidents.advance,
          { params: { id: ref }, body: { reason: flags.reason, override: flags.override } },
          onVersion(flags),
        ),
      ),
    );

  const close = sub("close", "close an incident after its post-incident work")
    .argument("<incident>")
    .option(
      "--override",
      "close with required tasks or the plan's post-incident work (RCA, lessons, reports) missing (commander; needs --reason)",
    )
    .option("--reason <text>", "closing remark, required with --override")
    .action(
      phaseMove("closed", (api, ref, flags) =>
        api.call(incidents.close, {
          params: { id: ref },
          body: { reason: flags.reason, override: flags.override },
        }),
      ),
    );

  const decline = sub("decline", "end an incident as not an incident (false positive)")
    .argument("<incident>")
    .requiredOption("--reason <text>", "why it is not an incident")
    .action(
      phaseMove("declined", (api, ref, flags: Flags & { reason: string }) =>
        api.call(incidents.decline, { params: { id: ref }, body: { reason: flags.reason } }),
      ),
    );

  const merge = sub("merge", "merge an incident into another one")
    .argument("<incident>")
    .requiredOption("--into <incident>", "the incident that carries on")
    .requiredOption("--reason <text>", "why they are one")
    .action(
      phaseMove(
        (flags) => `merged into ${flags.into}`,
        (api, ref, flags: Flags & { into: string; reason: string }) =>
          api.call(incidents.merge, {
            params: { id: ref },
            body: { into: flags.into, reason: flags.reason },
          }),
      ),
    );

  const reopen = sub("reopen", "reopen a closed or declined incident")
    .argument("<incident>")
    .requiredOption("--reason <text>", "why")
    .action(
      phaseMove("reopened", (api, ref, flags: Flags & { reason: string }) =>
        api.call(incidents.reopen, { params: { id: ref }, body: { reason: flags.reason } }),
      ),
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
          flags: Flags & { severity?: string; type?: string; attr?: string[]; reason: string },
        ) => {
          const attributes = flags.attr
            ? Object.fromEntries(flags.attr.map(parseAttribute))
            : undefined;
          const incident = await withApi(flags, (api) =>
            api.call(
              incidents.classify,
              {
                params: { id: ref },
                body: {
                  severity: flags.severity,
                  type: flags.type,
                  attributes,
                  reason: flags.reason,
                },
              },
              onVersion(flags),
            ),
          );
          printResult(
            flags,
            incident,
            () => `${incident.human_id} is now ${incident.severity} ${incident.type}`,
          );
          return EXIT.ok;
        },
      ),
    );

  const ack = sub("ack", "acknowledge an incident (you are on it)")
    .argument("<incident>")
    .action(acknowledge);

  return [advance, close, decline, merge, reopen, classify, ack];
}
