import { attackTechnique, parentTechniqueId } from "./catalogue.js";
import { readAttackTags } from "./tags.js";

/** One ATT&CK technique seen on an incident, and where it comes from. */
export interface IncidentTechnique {
  /** "T1059.001" */
  id: string;
  /** "PowerShell"; `UNKNOWN_TECHNIQUE` when an alert names an id the shipped data lacks. */
  name: string;
  /** "T1059" for a sub-technique, else null. */
  parent: string | null;
  /** Tactic shortnames, e.g. ["execution"]. */
  tactics: string[];
  /** Alerts of the incident whose Sigma tags carried it. */
  alert_ids: string[];
  /** Added by hand (and not removed since). */
  by_hand: boolean;
}

/** The name given to a technique id that is not in the shipped ATT&CK data (a newer release). */
export const UNKNOWN_TECHNIQUE = "(not in the shipped ATT&CK data)";

/** What the derivation reads of an alert. */
export interface TaggedAlert {
  id: string;
  tags: readonly string[];
}

/** A hand-made change, as its timeline entry records it (oldest first). */
export interface TechniqueChange {
  kind: "attack.technique_added" | "attack.technique_removed";
  payload: { technique: string };
}

/**
 * An incident's techniques: those its alerts' Sigma tags name, plus those added by hand, minus
 * those removed by hand, the hand-made changes applied in order. A removal holds until the
 * technique is added again by hand — even against alerts that attach later, since a person
 * judged the tag wrong for this incident. Tactics are the technique's own, narrowed to the
 * tactic tags its alerts carried when those name some of them (T1078 is in four tactics; a rule
 * tagged `attack.persistence` says which one was seen). Sorted by id.
 */
export function incidentTechniques(
  alerts: readonly TaggedAlert[],
  changes: readonly TechniqueChange[],
): IncidentTechnique[] {
  const fromAlerts = new Map<string, { alertIds: string[]; tactics: Set<string> }>();
  for (const alert of alerts) {
    const tags = readAttackTags(alert.tags);
    for (const id of tags.techniques) {
      const seen = fromAlerts.get(id) ?? { alertIds: [], tactics: new Set<string>() };
      seen.alertIds.push(alert.id);
      for (const t of tags.tactics) seen.tactics.add(t);
      fromAlerts.set(id, seen);
    }
  }
  const byHand = new Map<string, boolean>();
  for (const c of changes)
    byHand.set(c.payload.technique.toUpperCase(), c.kind === "attack.technique_added");

  const ids = new Set([
    ...fromAlerts.keys(),
    ...[...byHand].filter(([, on]) => on).map(([id]) => id),
  ]);
  const out: IncidentTechnique[] = [];
  for (const id of ids) {
    if (byHand.get(id) === false) continue;
    const known = attackTechnique(id);
    const seen = fromAlerts.get(id);
    const hinted = [...(seen?.tactics ?? [])];
    const own = known?.tactics ?? hinted;
    const narrowed = own.filter((t) => hinted.includes(t));
    out.push({
      id,
      name: known?.name ?? UNKNOWN_TECHNIQUE,
      parent: parentTechniqueId(id),
      tactics: narrowed.length > 0 ? narrowed : own,
      alert_ids: seen?.alertIds ?? [],
      by_hand: byHand.get(id) === true,
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
