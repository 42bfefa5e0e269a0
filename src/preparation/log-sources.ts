import type { Detection } from "../detection/detection.js";
import { normalizeEvent } from "../detection/events/index.js";
import { type Classification, type Logsource, logsourceApplies } from "../detection/sigma/index.js";
import type { Clock } from "../domain/clock.js";
import { durationMs, isDuration } from "../domain/duration.js";
import { invalidInput } from "../domain/errors.js";
import type { PreparationStores } from "./preparation.types.js";

/** A log source the detection rules are written for, and whether events of it arrive. */
export type LogSourceNeed = {
  /** `windows / process_creation`, `windows / security`, `linux / auditd`, `any`. */
  label: string;
  logsource: Logsource;
  /** How many rules need it, and the first few of their titles. */
  rules: number;
  rule_titles: string[];
  seen: boolean;
  /** Sampled events of this source in the window. */
  sampled_events: number;
};

/** What the rules need against what was received: the log source check and readiness input. */
export type LogSourceCoverage = {
  since: string;
  until: string;
  /** Events read to decide (a sample per sender and per day, not every event). */
  sampled_events: number;
  needed: number;
  seen: number;
  /** seen / needed, or null when no rule needs anything. */
  ratio: number | null;
  sources: LogSourceNeed[];
  /** The log sources events arrived from that no rule uses (context, not a fault). */
  unused: string[];
};

/** Events read per sender and per day: enough to see every source a sender mixes in. */
const PER_GROUP = 300;

const keyOf = (ls: Logsource) =>
  [ls.product, ls.category, ls.service].map((x) => x?.toLowerCase() ?? "").join("/");

const labelOf = (ls: Logsource) =>
  [ls.product, ls.category, ls.service].filter(Boolean).join(" / ") || "any";

function classificationLabel(c: Classification): string {
  const part = (x: string[] | null) => (x && x.length > 0 ? x[0] : undefined);
  return labelOf({
    product: part(c.product),
    category: part(c.category),
    service: part(c.service),
  });
}

/**
 * Compares the log sources of the compiled Sigma rules (product, category, service) with the
 * sources of the events received in the window (default the last 7 days), classified by the
 * same engine the rules run in. A source counts as seen only when an event is known to belong
 * to it (strict matching): "maybe" is what the check exists to rule out.
 */
export async function logSourceCoverage(
  deps: {
    detection: Detection;
    clock: Clock;
    preparation: Pick<PreparationStores, "eventSamples">;
  },
  window = "P7D",
): Promise<LogSourceCoverage> {
  if (!isDuration(window))
    throw invalidInput("the window is an ISO 8601 duration such as P7D", [
      { message: "not a duration", path: "window" },
    ]);
  const { engine } = deps.detection.rules();
  const needs = new Map<string, LogSourceNeed>();
  for (const rule of engine.rules) {
    const key = keyOf(rule.logsource);
    const need = needs.get(key) ?? {
      label: labelOf(rule.logsource),
      logsource: { ...rule.logsource },
      rules: 0,
      rule_titles: [],
      seen: false,
      sampled_events: 0,
    };
    need.rules++;
    if (need.rule_titles.length < 5) need.rule_titles.push(rule.title);
    needs.set(key, need);
  }

  const until = deps.clock.now();
  const since = new Date(until.getTime() - durationMs(window, until));
  const raws = await deps.preparation.eventSamples.samples(
    { since: since.toISOString(), until: until.toISOString() },
    PER_GROUP,
  );
  const classes = new Map<string, { c: Classification; n: number }>();
  for (const raw of raws) {
    if (typeof raw !== "object" || raw === null) continue;
    const c = engine.classify(engine.fieldsOf(normalizeEvent(raw)));
    const entry = classes.get(c.key) ?? { c, n: 0 };
    entry.n++;
    classes.set(c.key, entry);
  }
  const used = new Set<string>();
  for (const need of needs.values())
    for (const [key, { c, n }] of classes)
      if (logsourceApplies(need.logsource, c, true)) {
        need.seen = true;
        need.sampled_events += n;
        used.add(key);
      }

  const sources = [...needs.values()].sort(
    (a, b) =>
      Number(a.seen) - Number(b.seen) || b.rules - a.rules || a.label.localeCompare(b.label),
  );
  const seen = sources.filter((s) => s.seen).length;
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    sampled_events: raws.length,
    needed: sources.length,
    seen,
    ratio: sources.length > 0 ? seen / sources.length : null,
    sources,
    unused: [...classes]
      .filter(([key]) => !used.has(key))
      .map(([, { c }]) => classificationLabel(c))
      .filter((l, i, all) => all.indexOf(l) === i)
      .sort(),
  };
}
