import { formatDuration } from "../../domain/metrics.js";
import { type Block, h2, muted, tableOr } from "../blocks.js";
import type { ReportData } from "../report-data.js";
import { clip, when } from "../text.js";

/**
 * "Changes before the incident": the deploys and configuration changes that touched its assets
 * or services in the window before its first activity — the first suspects of a cause.
 */
export function changesBlocks(d: ReportData): Block[] {
  const { anchor, from, targets, items } = d.changes;
  const anchorMs = Date.parse(anchor);
  const anchorName = d.incident.times.first_activity_at ? "first activity" : "declaration";
  return [
    h2("Changes before the incident"),
    muted(
      `From ${when(from)} to the ${anchorName} (${when(anchor)}), touching ${targets.join(", ") || "nothing: the incident names no asset or service"}.`,
    ),
    tableOr(
      ["Before", "Time", "Change", "Source", "Links"],
      items.map((c) => [
        formatDuration(anchorMs - Date.parse(c.timestamp)),
        when(c.timestamp),
        clip(c.summary, 300),
        c.source ?? "–",
        c.links.map((l) => (l.text ? `${l.text}: ${l.href}` : l.href)).join("\n") || "–",
      ]),
      "No change touched the incident's assets or services in that window.",
      { widths: [1.2, 2.6, 6, 2.4, 3.8] },
    ),
  ];
}
