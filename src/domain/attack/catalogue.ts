import data from "./enterprise.json" with { type: "json" };

/**
 * The MITRE ATT&CK Enterprise catalogue Firebreak ships (`enterprise.json`, reduced from the
 * mitre/cti STIX bundle named in its `source`; licence in `LICENSE.txt` beside it): tactics,
 * techniques and sub-techniques with their names and tactics. Node-free, so the web's technique
 * picker reads the same list as the server.
 */

export interface AttackTactic {
  /** "TA0002" */
  id: string;
  /** "execution": the form Sigma tags and Navigator layers use. */
  shortname: string;
  /** "Execution" */
  name: string;
}

export interface AttackTechnique {
  /** "T1059" or, for a sub-technique, "T1059.001". */
  id: string;
  name: string;
  /** Tactic shortnames, in the catalogue's order. */
  tactics: string[];
  subtechnique: boolean;
  deprecated: boolean;
}

/** Where the data comes from (the mitre/cti commit), quoted in exports and the docs. */
export const ATTACK_SOURCE: string = data.source;

/**
 * The ATT&CK release of the shipped data, as Navigator layers name it (`versions.attack`). The
 * file does not say it; its mitre/cti commit of 2025-11-13 is ATT&CK v18 (released 2025-10-28).
 * Change both together.
 */
export const ATTACK_VERSION = "18";

// The file lists tactics by id; people read them in the order an intrusion unfolds.
const MATRIX_ORDER = [
  "reconnaissance",
  "resource-development",
  "initial-access",
  "execution",
  "persistence",
  "privilege-escalation",
  "defense-evasion",
  "credential-access",
  "discovery",
  "lateral-movement",
  "collection",
  "command-and-control",
  "exfiltration",
  "impact",
];

/** The Enterprise tactics in the matrix's order (left to right). */
export const ATTACK_TACTICS: readonly AttackTactic[] = [...data.tactics].sort(
  (a, b) => MATRIX_ORDER.indexOf(a.shortname) - MATRIX_ORDER.indexOf(b.shortname),
);

const TECHNIQUES = new Map<string, AttackTechnique>(
  data.techniques.map((t) => [
    t.id,
    {
      id: t.id,
      name: t.name,
      tactics: t.tactics,
      subtechnique: t.subtechnique,
      deprecated: t.deprecated,
    },
  ]),
);
const TACTICS = new Map(data.tactics.map((t) => [t.shortname, t]));

/** A technique by its id, any case ("t1059.001" works); undefined when ATT&CK has none. */
export function attackTechnique(id: string): AttackTechnique | undefined {
  return TECHNIQUES.get(id.trim().toUpperCase());
}

/** A tactic by its shortname ("execution"). */
export function attackTactic(shortname: string): AttackTactic | undefined {
  return TACTICS.get(shortname);
}

/** The parent of a sub-technique id ("T1059.001" → "T1059"), null for a technique. */
export function parentTechniqueId(id: string): string | null {
  const dot = id.indexOf(".");
  return dot < 0 ? null : id.slice(0, dot);
}

/**
 * Techniques whose id starts with, or whose name contains, the query (case-insensitive): id
 * matches first, then by id. Deprecated techniques are left out — nobody should pick one anew.
 */
export function searchTechniques(query: string, limit = 20): AttackTechnique[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const byId: AttackTechnique[] = [];
  const byName: AttackTechnique[] = [];
  for (const t of TECHNIQUES.values()) {
    if (t.deprecated) continue;
    if (t.id.toLowerCase().startsWith(q)) byId.push(t);
    else if (t.name.toLowerCase().includes(q)) byName.push(t);
  }
  const order = (a: AttackTechnique, b: AttackTechnique) => a.id.localeCompare(b.id);
  return [...byId.sort(order), ...byName.sort(order)].slice(0, limit);
}
