import { Command } from "commander";
import { type RcaView, rcas } from "../../contract/rca.js";
import { invalidInput } from "../../domain/errors.js";
import type { EvidenceRefKind } from "../../domain/post-incident-states.js";
import { refersToRow, shortRowId } from "../../domain/row-id.js";
import { type ApiFlags, withApi } from "../api.js";
import { action, collect, EXIT, printJson, printLine, printResult } from "../io.js";
import { rcaLines } from "../postincident-format.js";
import { sub } from "./incident-args.js";

type Flags = ApiFlags & { json?: boolean };

/** `kind:id` or `kind:id@INC-…` → an evidence reference. */
function evidenceRef(text: string) {
  const m = /^(evidence|timeline|indicator|task|alert):([^@]+)(?:@(.+))?$/.exec(text);
  if (!m)
    throw invalidInput(
      `--evidence takes kind:id (evidence, timeline, indicator, task, alert), not '${text}'`,
    );
  // A match has one of the evidence kinds and an id.
  return { kind: m[1] as EvidenceRefKind, id: m[2] as string, incident: m[3] };
}

function show(rca: RcaView, json?: boolean) {
  if (json) printJson(rca);
  else for (const l of rcaLines(rca)) printLine(l);
}

/** `firebreak rca start|show|cause|root|solution`: root-cause analysis in its four steps. */
export function rcaCommand(): Command {
  const rca = new Command("rca").description(
    "root-cause analysis: scope, causal relationships, solution, action items",
  );

  rca.addCommand(
    sub("start", "step 1: open an analysis of an incident or a problem with its scope")
      .option("--incident <incident>", "the incident to analyse")
      .option("--problem <problem>", "the problem to analyse")
      .requiredOption("--scope <text>", "what the analysis covers")
      .option("--in-scope <item>", "system, team or process in scope, repeatable", collect)
      .option("--out-of-scope <item>", "explicitly out of scope, repeatable", collect)
      .option("--title <text>", "title (default: the incident's or problem's)")
      .action(
        action(
          async (
            flags: Flags & {
              incident?: string;
              problem?: string;
              scope: string;
              inScope?: string[];
              outOfScope?: string[];
              title?: string;
            },
          ) => {
            const made = await withApi(flags, (api) =>
              api.call(rcas.start, {
                body: {
                  incident: flags.incident,
                  problem: flags.problem,
                  title: flags.title,
                  scope: {
                    summary: flags.scope,
                    in_scope: flags.inScope,
                    out_of_scope: flags.outOfScope,
                  },
                },
              }),
            );
            show(made, flags.json);
            return EXIT.ok;
          },
        ),
      ),
  );

  rca.addCommand(
    sub("show", "show an analysis with its causal tree")
      .argument("<rca>", "RCA-2026-0001, or an incident id to list its analyses")
      .action(
        action(async (ref: string, flags: Flags) => {
          const items = await withApi(flags, async (api) =>
            /^RCA-/i.test(ref) || /^[0-9a-f-]{36}$/.test(ref)
              ? [await api.call(rcas.get, { params: { id: ref } })]
              : (await api.call(rcas.ofIncident, { params: { id: ref } })).items,
          );
          if (flags.json) printJson(items.length === 1 ? items[0] : { items });
          else if (items.length === 0) printLine(`no root-cause analysis for ${ref}`);
          else for (const r of items) show(r);
          return EXIT.ok;
        }),
      ),
  );

  rca.addCommand(
    sub("cause", 'step 2: add a "why" link with its evidence and contributing factors')
      .argument("<rca>")
      .requiredOption(
        "--statement <text>",
        'the cause, e.g. "the VPN accepted a password without MFA"',
      )
      .option(
        "--parent <causeId>",
        "the cause this one explains (id or its short id, as `rca show` prints it)",
      )
      .option(
        "--evidence <kind:id>",
        "evidence:ID, timeline:SEQ, indicator:ID, task:ID or alert:ID, repeatable",
        collect,
      )
      .option("--factor <text>", "contributing factor, repeatable", collect)
      .action(
        action(
          async (
            ref: string,
            flags: Flags & {
              statement: string;
              parent?: string;
              evidence?: string[];
              factor?: string[];
            },
          ) => {
            const out = await withApi(flags, async (api) => {
              let parent = flags.parent;
              if (parent && parent.length < 36) {
                const current = await api.call(rcas.get, { params: { id: ref } });
                parent =
                  current.causes.find((c) => refersToRow(c.id, parent as string))?.id ?? parent;
              }
              return api.call(rcas.addCause, {
                params: { id: ref },
                body: {
                  parent_id: parent,
                  statement: flags.statement,
                  evidence: (flags.evidence ?? []).map(evidenceRef),
                  contributing_factors: flags.factor,
                },
              });
            });
            printResult(
              flags,
              out,
              () => `added cause #${shortRowId(out.cause.id)} to ${out.rca.human_id}`,
            );
            return EXIT.ok;
          },
        ),
      ),
  );

  rca.addCommand(
    sub("root", "step 2 concluded: name the root cause (linked problems become known errors)")
      .argument("<rca>")
      .argument("<cause>", "cause id or its short id, as `rca show` prints it")
      .option("--workaround <text>", "the workaround until the solution is in place")
      .action(
        action(async (ref: string, cause: string, flags: Flags & { workaround?: string }) => {
          const out = await withApi(flags, async (api) => {
            const current = await api.call(rcas.get, { params: { id: ref } });
            const id = current.causes.find((c) => refersToRow(c.id, cause))?.id ?? cause;
            return api.call(rcas.identifyRootCause, {
              params: { id: ref },
              body: { cause_id: id, workaround: flags.workaround },
            });
          });
          if (flags.json) printJson(out);
          else {
            show(out.rca);
            if (out.problems_updated.length)
              printLine(`problems updated: ${out.problems_updated.join(", ")}`);
          }
          return EXIT.ok;
        }),
      ),
  );

  rca.addCommand(
    sub("solution", "step 3: the effective solution")
      .argument("<rca>")
      .requiredOption("--summary <text>", "the solution")
      .option("--workaround <text>", "the workaround meanwhile")
      .action(
        action(async (ref: string, flags: Flags & { summary: string; workaround?: string }) => {
          const out = await withApi(flags, (api) =>
            api.call(rcas.setSolution, {
              params: { id: ref },
              body: { summary: flags.summary, workaround: flags.workaround },
            }),
          );
          show(out, flags.json);
          return EXIT.ok;
        }),
      ),
  );
  return rca;
}
