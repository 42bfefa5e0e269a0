import { attackTactic } from "../../domain/attack/catalogue.js";
import { type Block, h2, muted, tableOr } from "../blocks.js";
import type { ReportData } from "../report-data.js";

/**
 * "ATT&CK techniques": what the adversary did, in MITRE ATT&CK's words, and where each
 * technique comes from (the alerts whose Sigma tags carried it, or a responder's judgement).
 */
export function techniqueBlocks(d: ReportData): Block[] {
  const alertTitle = new Map<string, string>();
  for (const e of d.timeline)
    if (e.kind === "alert.attached") alertTitle.set(e.payload.alert_id, e.payload.title);
  const declaring = new Set(d.incident.source_alerts);
  const alertName = (id: string) =>
    alertTitle.has(id)
      ? `alert: ${alertTitle.get(id)}`
      : declaring.has(id)
        ? `a declaring alert (${id})`
        : `alert ${id}`;
  return [
    h2("ATT&CK techniques"),
    tableOr(
      ["Technique", "Name", "Tactics", "From"],
      d.techniques.map((t) => [
        t.id,
        t.parent ? `${t.name} (sub-technique of ${t.parent})` : t.name,
        t.tactics.map((s) => attackTactic(s)?.name ?? s).join(", ") || "–",
        [...t.alert_ids.map((id) => alertName(id)), ...(t.by_hand ? ["added by hand"] : [])].join(
          "\n",
        ),
      ]),
      "No ATT&CK technique is known: no alert carried one and none was added by hand.",
      { widths: [1.6, 4, 3, 6], mono: [0] },
    ),
    ...(d.techniques.length
      ? [muted("Hand-made additions and removals, with their reasons, are on the timeline.")]
      : []),
  ];
}
