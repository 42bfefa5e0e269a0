import { z } from "zod";

/**
 * ATT&CK techniques added to or removed from an incident by hand. These entries are the record of
 * hand-made changes: an incident's techniques are its alerts' Sigma tags with these applied in
 * order (`domain/attack/incident-techniques.ts`), so nothing else stores them.
 */

const techniqueChange = z.object({
  /** "T1059.001" */
  technique: z.string(),
  /** Its ATT&CK name when the entry was written, so the timeline reads without the catalogue. */
  name: z.string(),
  reason: z.string(),
});

export const ATTACK_PAYLOADS = {
  "attack.technique_added": techniqueChange,
  "attack.technique_removed": techniqueChange,
};
