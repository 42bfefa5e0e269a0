import { invalidInput } from "../domain/errors.js";
import type { Incident } from "../domain/incident/model.js";
import { EVIDENCE_REF_KINDS, type EvidenceRefKind } from "../domain/post-incident-states.js";
import type { ResponseDeps } from "../response/deps.js";
import type { EvidenceRef } from "./postincident.types.js";

/** A reference as a caller gives it: the incident may be left out when only one is in scope. */
export interface EvidenceRefInput {
  kind: string;
  id: string | number;
  incident?: string;
  note?: string;
}

async function exists(
  deps: ResponseDeps,
  incident: Incident,
  kind: EvidenceRefKind,
  id: string,
): Promise<boolean> {
  switch (kind) {
    case "evidence":
      return (await deps.incidents.evidence(incident.id)).some((e) => e.id === id);
    case "indicator":
      return (await deps.incidents.indicators(incident.id)).some((e) => e.id === id);
    case "task":
      return (await deps.incidents.tasks(incident.id)).some((e) => e.id === id);
    case "alert":
      return incident.source_alerts.includes(id);
    case "timeline": {
      const seq = Number(id);
      if (!Number.isInteger(seq) || seq < 1) return false;
      const [entry] = await deps.incidents.timeline(incident.id, seq - 1);
      return entry?.seq === seq;
    }
  }
}

/**
 * Checks that every reference points at something recorded on an incident in the analysis's
 * scope, and pins the incident it was found on. All problems are reported together.
 */
export async function checkEvidenceRefs(
  deps: ResponseDeps,
  refs: readonly EvidenceRefInput[] | undefined,
  scope: readonly Incident[],
): Promise<EvidenceRef[]> {
  const out: EvidenceRef[] = [];
  const problems: { message: string; path: string }[] = [];
  for (const [i, ref] of (refs ?? []).entries()) {
    const path = `evidence[${i}]`;
    if (!(EVIDENCE_REF_KINDS as readonly string[]).includes(ref.kind)) {
      problems.push({ path, message: `kind must be one of ${EVIDENCE_REF_KINDS.join(", ")}` });
      continue;
    }
    const kind = ref.kind as EvidenceRefKind;
    const id = String(ref.id ?? "").trim();
    const candidates = ref.incident
      ? scope.filter((s) => s.id === ref.incident || s.human_id === ref.incident?.toUpperCase())
      : scope;
    if (ref.incident && candidates.length === 0) {
      problems.push({ path, message: `incident ${ref.incident} is not in this analysis's scope` });
      continue;
    }
    let found: Incident | undefined;
    for (const incident of candidates)
      if (await exists(deps, incident, kind, id)) {
        found = incident;
        break;
      }
    if (!found) {
      const where = candidates.map((c) => c.human_id).join(", ") || "no incident in scope";
      problems.push({ path, message: `${kind} ${id || "(empty)"} is not recorded on ${where}` });
      continue;
    }
    out.push({ kind, id, incident_id: found.id, note: ref.note?.trim() || null });
  }
  if (problems.length === 1) throw invalidInput(problems[0]?.message ?? "", problems);
  if (problems.length > 1)
    throw invalidInput(`${problems.length} evidence references do not check out`, problems);
  return out;
}
