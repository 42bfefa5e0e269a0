import type { Actor } from "../domain/actor.js";
import { attackTechnique, searchTechniques } from "../domain/attack/catalogue.js";
import {
  incidentTechniques as deriveTechniques,
  type IncidentTechnique,
} from "../domain/attack/incident-techniques.js";
import { isTechniqueId } from "../domain/attack/tags.js";
import { DomainError, invalidInput } from "../domain/errors.js";
import type { AttackStore } from "./attack.types.js";
import type { ResponseDeps } from "./deps.js";
import { getIncident } from "./incident.service.js";
import { changeIncident, refuseMerged, requiredText } from "./incident-change.js";

/** What the ATT&CK use cases take. */
export interface AttackDeps extends ResponseDeps {
  attack: AttackStore;
}

/**
 * The techniques of an incident (by its id, not its human id). No visibility check: callers
 * already hold the incident (the room's route, an export's dossier, a report).
 */
export async function incidentTechniques(
  deps: Pick<AttackDeps, "attack">,
  incidentId: string,
): Promise<IncidentTechnique[]> {
  return (await techniquesOfIncidents(deps, [incidentId])).get(incidentId) ?? [];
}

/**
 * The techniques of many incidents (by id) at once, for layers and metrics across incidents:
 * two queries per 500 incidents, whatever their timelines' length. Every id is in the answer.
 */
export async function techniquesOfIncidents(
  deps: Pick<AttackDeps, "attack">,
  incidentIds: readonly string[],
): Promise<Map<string, IncidentTechnique[]>> {
  const [alerts, changes] = await Promise.all([
    deps.attack.taggedAlerts(incidentIds),
    deps.attack.techniqueChanges(incidentIds),
  ]);
  const group = <T extends { incident_id: string }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) {
      const list = by.get(r.incident_id);
      if (list) list.push(r);
      else by.set(r.incident_id, [r]);
    }
    return by;
  };
  const alertsOf = group(alerts);
  const changesOf = group(changes);
  return new Map(
    incidentIds.map((id) => [
      id,
      deriveTechniques(alertsOf.get(id) ?? [], changesOf.get(id) ?? []),
    ]),
  );
}

/** The techniques of an incident a viewer may see (`INC-…` or id); not_found otherwise. */
export async function listIncidentTechniques(
  deps: AttackDeps,
  ref: string,
  viewer: Actor | undefined,
): Promise<IncidentTechnique[]> {
  const incident = await getIncident(deps, ref, viewer);
  return incidentTechniques(deps, incident.id);
}

export interface TechniqueEdit {
  /** "T1059.001", any case. */
  technique: string;
  reason: string;
}

/** A technique id of the shipped catalogue, or invalid_input naming the field. */
function knownTechnique(text: string) {
  const known = isTechniqueId(text) ? attackTechnique(text) : undefined;
  if (!known) {
    const like = searchTechniques(text, 1)[0];
    const hint = like ? `; did you mean ${like.id} (${like.name})?` : "";
    throw invalidInput(`${text} is not an ATT&CK Enterprise technique${hint}`, [
      { message: "not an ATT&CK technique id such as T1059.001", path: "technique" },
    ]);
  }
  return known;
}

/**
 * Adds a technique to an incident by hand, with a reason, as an `attack.technique_added` entry.
 * A technique already added by hand is left as it is (no entry); one its alerts carry may be
 * added too, which records that a person confirmed it. Answers the incident's techniques.
 */
export async function addIncidentTechnique(
  deps: AttackDeps,
  ref: string,
  edit: TechniqueEdit,
  actor: Actor,
  expectedVersion?: number,
): Promise<IncidentTechnique[]> {
  const technique = knownTechnique(edit.technique);
  const reason = requiredText("reason", edit.reason);
  await changeIncident(deps, ref, actor, expectedVersion, async ({ incident }) => {
    refuseMerged(incident);
    const listed = await incidentTechniques(deps, incident.id);
    if (listed.some((t) => t.id === technique.id && t.by_hand)) return { unchanged: undefined };
    return {
      result: undefined,
      change: {
        incident,
        timeline: [
          {
            kind: "attack.technique_added",
            actor,
            payload: { technique: technique.id, name: technique.name, reason },
          },
        ],
      },
    };
  });
  return listIncidentTechniques(deps, ref, actor);
}

/**
 * Removes a technique from an incident by hand, with a reason, as an `attack.technique_removed`
 * entry; it stays off even when alerts carrying it attach later, until added again by hand.
 * A technique the incident does not list is not_found. Answers the incident's techniques.
 */
export async function removeIncidentTechnique(
  deps: AttackDeps,
  ref: string,
  edit: TechniqueEdit,
  actor: Actor,
  expectedVersion?: number,
): Promise<IncidentTechnique[]> {
  const reason = requiredText("reason", edit.reason);
  const id = edit.technique.trim().toUpperCase();
  await changeIncident(deps, ref, actor, expectedVersion, async ({ incident }) => {
    refuseMerged(incident);
    const listed = (await incidentTechniques(deps, incident.id)).find((t) => t.id === id);
    if (!listed)
      throw new DomainError("not_found", `${incident.human_id} does not list technique ${id}`);
    return {
      result: undefined,
      change: {
        incident,
        timeline: [
          {
            kind: "attack.technique_removed",
            actor,
            payload: { technique: listed.id, name: listed.name, reason },
          },
        ],
      },
    };
  });
  return listIncidentTechniques(deps, ref, actor);
}
