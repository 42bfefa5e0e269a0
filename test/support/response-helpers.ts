import { expect } from "vitest";
import type { Actor } from "../../src/domain/actor.js";
import type { Clock } from "../../src/domain/clock.js";
import { DomainError } from "../../src/domain/errors.js";
import type { Incident } from "../../src/domain/incident/model.js";
import { declareIncident } from "../../src/response/incident.service.js";
import { verifyTimeline } from "../../src/response/timeline.service.js";
import type { Runtime } from "../../src/runtime.js";

export const operator: Actor = {
  kind: "person",
  id: "operator",
  name: "Local operator",
  admin: true,
};

/**
 * A clock that moves one second on every reading, so that records made one after another never
 * share a timestamp (lists ordered by time then read in a known order).
 */
export function tickingClock(start = "2026-11-23T08:00:00Z"): Clock {
  let t = Date.parse(start);
  return {
    now: () => {
      t += 1000;
      return new Date(t);
    },
  };
}

/** The library's ransomware procedure at Emergency: the incident most tests work on. */
export const declareRansomware = (
  rt: Runtime,
  title = "Files encrypted on FS01",
): Promise<Incident> =>
  declareIncident(rt, { title, type: "ransomware", severity: "emergency" }, operator);

/**
 * `declareRansomware`, and `seq`: how many timeline entries the declaration wrote (the entries
 * after it are the test's).
 */
export async function declaredRansomware(
  rt: Runtime,
): Promise<{ incident: Incident; seq: number }> {
  const incident = await declareRansomware(rt);
  return { incident, seq: (await rt.incidents.timeline(incident.id)).length };
}

/** The DomainError a promise rejects with (fails the test if it resolves or throws another). */
export async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** Everything a failed call must leave untouched on an incident. */
export async function incidentState(rt: Runtime, ref: string) {
  const incident = (await rt.incidents.get(ref)) as Incident;
  const evidence = await rt.incidents.evidence(incident.id);
  return {
    incident,
    timeline: await rt.incidents.timeline(incident.id),
    evidence,
    custody: await Promise.all(evidence.map((e) => rt.incidents.custody(e.id))),
    indicators: await rt.incidents.indicators(incident.id),
    assets: await rt.incidents.assets(incident.id),
    roles: await rt.incidents.roles(incident.id),
  };
}

/** The kinds of the timeline entries after a given sequence number. */
export async function kindsAfter(rt: Runtime, incidentId: string, seq: number): Promise<string[]> {
  return (await rt.incidents.timeline(incidentId, seq)).map((e) => e.kind);
}

/** Asserts the incident's hash chain verifies. */
export async function expectIntact(rt: Runtime, ref: string): Promise<void> {
  expect(await verifyTimeline(rt, ref, undefined)).toMatchObject({ intact: true });
}
