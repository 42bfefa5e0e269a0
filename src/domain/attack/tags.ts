import { attackTactic } from "./catalogue.js";

/**
 * Sigma's ATT&CK tags (https://github.com/SigmaHQ/sigma-specification, "Tags"): `attack.t1059`
 * and `attack.t1059.001` name a technique, `attack.execution` a tactic; group and software tags
 * (`attack.g0016`, `attack.s0002`) are not techniques and are ignored. Older rules write tactics
 * with underscores (`attack.defense_evasion`); they read as the hyphenated shortname.
 */
const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
const TACTIC_TAG = /^attack\.([a-z][a-z_-]*)$/i;

/** What one alert's tags say about ATT&CK. */
export interface AttackTags {
  /** Technique ids in upper case ("T1059.001"), each once, in tag order. */
  techniques: string[];
  /** Tactic shortnames the catalogue knows ("execution"). */
  tactics: string[];
}

/** Reads the ATT&CK tags among an alert's tags; any other tag is ignored. */
export function readAttackTags(tags: readonly string[]): AttackTags {
  const techniques = new Set<string>();
  const tactics = new Set<string>();
  for (const tag of tags) {
    const technique = TECHNIQUE_TAG.exec(tag.trim())?.[1];
    if (technique) {
      techniques.add(technique.toUpperCase());
      continue;
    }
    const tactic = TACTIC_TAG.exec(tag.trim())?.[1]?.toLowerCase().replaceAll("_", "-");
    if (tactic && attackTactic(tactic)) tactics.add(tactic);
  }
  return { techniques: [...techniques], tactics: [...tactics] };
}

/** Whether a text is a technique id in ATT&CK's form ("T1059", "t1059.001"). */
export function isTechniqueId(text: string): boolean {
  return /^t\d{4}(?:\.\d{3})?$/i.test(text.trim());
}
