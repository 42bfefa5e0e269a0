import { ATTACK_TACTICS } from "./catalogue.js";
import type { IncidentTechnique } from "./incident-techniques.js";

/** A technique and how many incidents saw it. */
export interface TechniqueCount {
  id: string;
  name: string;
  parent: string | null;
  tactics: string[];
  incidents: number;
}

/** A tactic, how many incidents saw any technique of it, and how many techniques of it. */
export interface TacticCount {
  tactic: string;
  name: string;
  incidents: number;
  techniques: number;
}

/**
 * Techniques seen across incidents: each technique with the number of incidents that saw it
 * (most first, then by id), and each tactic of the matrix that was seen, in the matrix's order.
 * An incident counts once per technique and once per tactic, however many alerts carried it.
 */
export function countTechniques(perIncident: readonly (readonly IncidentTechnique[])[]): {
  techniques: TechniqueCount[];
  by_tactic: TacticCount[];
} {
  const techniques = new Map<string, TechniqueCount>();
  const tactics = new Map<string, { incidents: number; techniques: Set<string> }>();
  for (const seen of perIncident) {
    const tacticsHere = new Set<string>();
    for (const t of seen) {
      const count = techniques.get(t.id) ?? {
        id: t.id,
        name: t.name,
        parent: t.parent,
        tactics: [] as string[],
        incidents: 0,
      };
      count.incidents++;
      for (const tactic of t.tactics) {
        if (!count.tactics.includes(tactic)) count.tactics.push(tactic);
        tacticsHere.add(tactic);
        const byTactic = tactics.get(tactic) ?? { incidents: 0, techniques: new Set<string>() };
        byTactic.techniques.add(t.id);
        tactics.set(tactic, byTactic);
      }
      techniques.set(t.id, count);
    }
    for (const tactic of tacticsHere) (tactics.get(tactic) as { incidents: number }).incidents++;
  }
  return {
    techniques: [...techniques.values()].sort(
      (a, b) => b.incidents - a.incidents || a.id.localeCompare(b.id),
    ),
    by_tactic: ATTACK_TACTICS.flatMap((t) => {
      const seen = tactics.get(t.shortname);
      return seen
        ? [
            {
              tactic: t.shortname,
              name: t.name,
              incidents: seen.incidents,
              techniques: seen.techniques.size,
            },
          ]
        : [];
    }),
  };
}
