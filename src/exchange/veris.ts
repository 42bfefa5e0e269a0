/**
 * VERIS 1.4.0 export of an incident, for breach-statistics programmes (VCDB, DBIR): what Firebreak
 * knows filled in, everything else `Unknown`. docs/veris.md says which field comes from what.
 * A closed incident exports complete; an open one exports what is known so far and says so.
 */
import type { VerisMapping } from "../documents/veris-mapping.schema.js";
import type { AlertSource } from "../domain/alert.js";
import {
  VERIS_ACTIONS,
  type VERIS_ASSETS,
  type VERIS_IMPACT_RATINGS,
  type VERIS_INTERNAL_DISCOVERY,
  VERIS_SCHEMA_VERSION,
  type VERIS_TIME_UNITS,
} from "../domain/veris.js";
import type { IncidentDossier } from "./dossier.js";
import type { ExportFormat } from "./formats.js";

type Unit = (typeof VERIS_TIME_UNITS)[number];
type Discovery = (typeof VERIS_INTERNAL_DISCOVERY)[number];
type AssetVariety = (typeof VERIS_ASSETS)[number];

/** A VERIS duration: the largest unit the span fills at least once, rounded. */
export interface VerisSpan {
  unit: Unit;
  value?: number;
}

const UNITS: [Unit, number][] = [
  ["Years", 365 * 86_400_000],
  ["Months", 30 * 86_400_000],
  ["Weeks", 7 * 86_400_000],
  ["Days", 86_400_000],
  ["Hours", 3_600_000],
  ["Minutes", 60_000],
  ["Seconds", 1000],
];

/** The span between two ISO times, or Unknown when either is not known. */
export function span(from: string | null, to: string | null): VerisSpan {
  if (!from || !to) return { unit: "Unknown" };
  const ms = Date.parse(to) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return { unit: "Unknown" };
  const [unit, size] = UNITS.find(([, size]) => ms >= size) ?? ["Seconds", 1000];
  return { unit, value: Math.round(ms / size) };
}

/** How each alert source found the incident, in VERIS's words for internal discovery. */
const DISCOVERY: Record<AlertSource, Discovery> = {
  // Sigma rules over the organisation's own logs: VERIS's "Log review" is log review or SIEM.
  rule: "Log review",
  pagerduty: "Infrastructure monitoring",
  alertmanager: "Infrastructure monitoring",
  grafana: "Infrastructure monitoring",
  webhook: "Other",
};

/** Asset kinds people write in Firebreak (free text), by the first word that says what it is. */
const ASSET_WORDS: [RegExp, AssetVariety][] = [
  [/laptop|notebook/i, "U - Laptop"],
  [/workstation|desktop|endpoint|\bws\b|\bpc\b/i, "U - Desktop or laptop"],
  [/phone|mobile/i, "U - Mobile phone"],
  [/tablet/i, "U - Tablet"],
  [/database|\bdb\b/i, "S - Database"],
  [/mail|exchange/i, "S - Mail"],
  [/domain controller|directory|\bad\b|ldap/i, "S - Directory"],
  [/file ?server|file share|\bnas\b|file/i, "S - File"],
  [/web|website|application|\bapp\b/i, "S - Web application"],
  [/backup/i, "S - Backup"],
  [/\bdns\b/i, "S - DNS"],
  [/\bvm host|hypervisor|esxi/i, "S - VM host"],
  [/firewall/i, "N - Firewall"],
  [/router|switch/i, "N - Router or switch"],
  [/vpn|remote access/i, "N - Remote access"],
  [/account|user|person|identity/i, "P - End-user or employee"],
  [/server|host/i, "S - Other"],
];

function assetVariety(kind: string, name: string): AssetVariety {
  for (const [word, variety] of ASSET_WORDS) if (word.test(kind)) return variety;
  for (const [word, variety] of ASSET_WORDS) if (word.test(name)) return variety;
  return "Unknown";
}

/**
 * The plan's severity scale laid onto VERIS's four real ratings by rank, lowest first: the default
 * scale's Inconvenience, Emergency, Disaster and Catastrophe become Distracting, Painful, Damaging
 * and Catastrophic; a scale of another length is spread over the same four.
 */
function impactRating(d: IncidentDossier): (typeof VERIS_IMPACT_RATINGS)[number] {
  const scale = d.plan.body.severity_scale.map((s) => s.id);
  const rank = scale.indexOf(d.incident.severity);
  if (rank < 0) return "Unknown";
  const ladder = ["Distracting", "Painful", "Damaging", "Catastrophic"] as const;
  const at = scale.length === 1 ? 0 : Math.round((rank * (ladder.length - 1)) / (scale.length - 1));
  return ladder[at] ?? "Unknown";
}

/** The type's actions, with what VERIS requires and the plan left out as Unknown. */
function actions(mapping: VerisMapping | undefined, why: string): Record<string, unknown> {
  if (!mapping) return { unknown: { notes: why } };
  const out: Record<string, unknown> = {};
  for (const [category, given] of Object.entries(mapping.action)) {
    if (!given) continue;
    const vocabulary = VERIS_ACTIONS[category as keyof typeof VERIS_ACTIONS];
    out[category] = {
      ...given,
      ...("vector" in vocabulary && !("vector" in given && given.vector)
        ? { vector: ["Unknown"] }
        : {}),
      ...("target" in vocabulary && !("target" in given && given.target)
        ? { target: ["Unknown"] }
        : {}),
    };
  }
  return out;
}

function actors(mapping: VerisMapping | undefined, why: string): Record<string, unknown> {
  const a = mapping?.actor;
  if (!a || Object.values(a).every((v) => !v)) return { unknown: { notes: why } };
  return {
    ...(a.external ? { external: { motive: ["Unknown"], ...a.external } } : {}),
    ...(a.internal ? { internal: { motive: ["Unknown"], ...a.internal } } : {}),
    ...(a.partner ? { partner: { country: ["Unknown"], ...a.partner } } : {}),
  };
}

function attributes(mapping: VerisMapping | undefined): Record<string, unknown> {
  const a = mapping?.attribute;
  const c = a?.confidentiality;
  return {
    confidentiality: {
      data_disclosure: c?.data_disclosure ?? "Unknown",
      ...(c?.data ? { data: c.data.map((variety) => ({ variety })) } : {}),
    },
    ...(a?.integrity ? { integrity: a.integrity } : {}),
    ...(a?.availability ? { availability: a.availability } : {}),
  };
}

function discovery(d: IncidentDossier): Record<string, unknown> {
  const varieties = [...new Set(d.alerts.map((a) => DISCOVERY[a.source]))].sort();
  return varieties.length > 0 ? { internal: { variety: varieties } } : { unknown: true };
}

function assets(d: IncidentDossier): { variety: AssetVariety; amount: number }[] {
  const counts = new Map<AssetVariety, number>();
  for (const a of d.assets) {
    const v = assetVariety(a.kind, a.name);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts].map(([variety, amount]) => ({ variety, amount }));
}

/** The VERIS incident document for a dossier (valid against verisc-merged.json 1.4.0). */
export function buildVeris(d: IncidentDossier): Record<string, unknown> {
  const i = d.incident;
  const type = d.plan.body.incident_types.find((t) => t.id === i.type);
  const mapping = type?.veris;
  const open = !["closed", "declined", "merged"].includes(i.phase);
  const unmapped = `The plan does not map incident type '${i.type}' to VERIS (docs/veris.md).`;
  const first = i.times.first_activity_at ?? i.times.detected_at;
  const started = new Date(first);
  const found = assets(d);
  const notes = [
    `Exported by Firebreak from ${i.human_id} (${type?.name ?? i.type}, severity ${i.severity}) at ${d.exported_at}.`,
    open
      ? `The incident is still open (phase ${i.phase}): this is what was known so far.`
      : `The incident ended (${i.phase}${i.end_reason ? `: ${i.end_reason}` : ""}).`,
    ...(i.exercise ? ["This was an exercise, not a real incident."] : []),
  ].join(" ");
  return {
    schema_version: VERIS_SCHEMA_VERSION,
    schema_name: "verisc",
    incident_id: i.id,
    source_id: "firebreak",
    reference: i.human_id,
    security_incident:
      i.phase === "declined"
        ? "False positive"
        : i.phase === "detection"
          ? "Suspected"
          : "Confirmed",
    summary: i.description ? `${i.title}. ${i.description}` : i.title,
    timeline: {
      incident: {
        year: started.getUTCFullYear(),
        month: started.getUTCMonth() + 1,
        day: started.getUTCDate(),
      },
      compromise: { unit: "Unknown" },
      exfiltration: { unit: "Unknown" },
      // From the first known activity to awareness: only when the first activity was recorded.
      discovery: span(i.times.first_activity_at, i.times.detected_at),
      containment: span(i.times.detected_at, i.times.contained_at),
    },
    actor: actors(mapping, type ? "Not recorded in Firebreak." : unmapped),
    action: actions(mapping, unmapped),
    asset: {
      assets: found.length > 0 ? found : [{ variety: "Unknown" }],
      cloud: ["Unknown"],
    },
    attribute: attributes(mapping),
    targeted: "Unknown",
    discovery_method: discovery(d),
    impact: { overall_rating: impactRating(d) },
    ...(d.indicators.length > 0
      ? { ioc: d.indicators.map((x) => ({ indicator: x.value, comment: x.type })) }
      : {}),
    notes,
    plus: { master_id: i.id },
  };
}

/** The `veris` export format (`formats.ts`). */
export const verisFormat: ExportFormat = {
  mediaType: "application/json",
  extension: "json",
  build: buildVeris,
};
