import type { TaggedAlert, TechniqueChange } from "../domain/attack/incident-techniques.js";

/**
 * What the ATT&CK use cases read from storage: the raw material of an incident's techniques
 * (`domain/attack/incident-techniques.ts` derives them). Nothing is stored for ATT&CK itself —
 * the hand-made changes are timeline entries, the rest is alerts' tags.
 */
export interface AttackStore {
  /** The alerts of these incidents whose tags name an ATT&CK technique. */
  taggedAlerts(incidentIds: readonly string[]): Promise<(TaggedAlert & { incident_id: string })[]>;
  /** The `attack.technique_*` timeline entries of these incidents, oldest first per incident. */
  techniqueChanges(
    incidentIds: readonly string[],
  ): Promise<(TechniqueChange & { incident_id: string })[]>;
}
