import type { EvidenceRef, Rca } from "../../postincident/postincident.types.js";
import { causalChain, depths, readingOrder } from "../../postincident/rca-tree.js";
import { type Block, facts, h3, muted, p } from "../blocks.js";
import type { ReportData } from "../report-data.js";
import { when } from "../text.js";

/** What a "why" link rests on, in words. */
function describeRef(ref: EvidenceRef, d: ReportData): string {
  switch (ref.kind) {
    case "evidence": {
      const e = d.evidence.find((x) => x.id === ref.id);
      return e ? `evidence "${e.name}" (SHA-256 ${e.sha256.slice(0, 16)}…)` : `evidence ${ref.id}`;
    }
    case "indicator": {
      const x = d.indicators.find((y) => y.id === ref.id);
      return x ? `indicator ${x.type} ${x.value}` : `indicator ${ref.id}`;
    }
    case "task": {
      const t = d.tasks.find((y) => y.id === ref.id);
      return t ? `task "${t.title}"` : `task ${ref.id}`;
    }
    case "timeline": {
      const e = d.timeline.find((y) => String(y.seq) === ref.id);
      return e ? `timeline #${e.seq} (${e.kind}, ${when(e.recorded_at)})` : `timeline #${ref.id}`;
    }
    case "alert":
      return `alert ${ref.id}`;
  }
}

const STEP_WORDS: Record<Rca["status"], string> = {
  scoping: "1 of 4: scope defined",
  analysing: "2 of 4: determining causal relationships",
  solution: "3 of 4: root cause found, choosing a solution",
  implementing: "4 of 4: implementing and tracking the solution",
  complete: "complete: solution implemented and verified",
};

/**
 * An RCA for the technical and after-action reports: scope, the causal tree with its evidence
 * and contributing factors (the root cause marked), the chain to the root cause, the solution.
 */
export function rcaBlocks(rca: Rca, d: ReportData): Block[] {
  const depth = depths(rca.causes);
  const root = rca.root_cause_id ? causalChain(rca.causes, rca.root_cause_id) : [];
  return [
    h3(`${rca.human_id}: ${rca.title}`),
    facts([
      ["Step", STEP_WORDS[rca.status]],
      ["Scope", rca.scope.summary],
      ...(rca.scope.in_scope.length
        ? [["In scope", rca.scope.in_scope.join("; ")] as [string, string]]
        : []),
      ...(rca.scope.out_of_scope.length
        ? [["Out of scope", rca.scope.out_of_scope.join("; ")] as [string, string]]
        : []),
      ...(rca.scope.window_start || rca.scope.window_end
        ? [
            ["Period", `${when(rca.scope.window_start)} to ${when(rca.scope.window_end)}`] as [
              string,
              string,
            ],
          ]
        : []),
    ]),
    p('Each line answers "why?" for the line above it.', "Causal relationships."),
    rca.causes.length
      ? {
          type: "tree",
          items: readingOrder(rca.causes).map((c) => ({
            depth: depth.get(c.id) ?? 1,
            text: c.statement,
            mark: c.id === rca.root_cause_id ? "ROOT CAUSE:" : undefined,
            notes: [
              ...c.evidence.map(
                (e) => `Evidence: ${describeRef(e, d)}${e.note ? ` (${e.note})` : ""}`,
              ),
              ...c.contributing_factors.map((f) => `Contributing factor: ${f}`),
            ],
          })),
        }
      : muted("No causes recorded yet."),
    ...(root.length
      ? [p(root.map((c) => c.statement).join(" -> because -> "), "Root cause chain:")]
      : [muted("Root cause not identified yet.")]),
    ...(rca.solution
      ? [
          p(rca.solution.summary, "Solution:"),
          ...(rca.solution.workaround ? [p(rca.solution.workaround, "Workaround meanwhile:")] : []),
        ]
      : [muted("Solution not chosen yet.")]),
  ];
}

/** One sentence per RCA for readers who need the conclusion only. */
export function rootCauseSentences(d: ReportData): string[] {
  return d.rcas.map((r) => {
    const root = r.causes.find((c) => c.id === r.root_cause_id);
    return root
      ? `${r.human_id}: root cause: ${root.statement}${r.solution ? `; solution: ${r.solution.summary}` : ""}`
      : `${r.human_id}: analysis in progress (${STEP_WORDS[r.status]}).`;
  });
}
