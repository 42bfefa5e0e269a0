import { describe, expect, it } from "vitest";
import type { Incident, NewTimelineEntry } from "../domain/incident/model.js";
import type { TimelineKind } from "../domain/incident/timeline-kinds.js";
import type { IncidentChange, IncidentStore } from "../response/incident.types.js";
import { observeIncidents } from "./reactions.js";

/** Just the two writes the wrapper watches; the rest of the store passes through untouched. */
function store(commitResult: boolean): IncidentStore {
  return {
    create: async () => {},
    commit: async () => commitResult,
    get: async () => undefined,
  } as unknown as IncidentStore;
}

const incident = { id: "i1", human_id: "INC-2026-0001", version: 3 } as Incident;
// The observer hands entries on as they are; only their kinds matter here, not their payloads.
const change = (kind: TimelineKind): IncidentChange => ({
  incident,
  expectedVersion: 3,
  timeline: [{ kind, actor: { kind: "system", id: "t" }, payload: {} } as NewTimelineEntry],
});

describe("observeIncidents", () => {
  it("reacts after a successful write, with the new version and the change's entries", async () => {
    const seen: [number, string[]][] = [];
    const observed = observeIncidents(store(true), async (i, entries) => {
      seen.push([i.version, entries.map((e) => e.kind)]);
    });
    expect(await observed.commit(change("incident.acknowledged"))).toBe(true);
    await observed.create(incident, [], change("incident.declared").timeline, []);
    expect(seen).toEqual([
      [4, ["incident.acknowledged"]],
      [3, ["incident.declared"]],
    ]);
    expect(await observed.get("x")).toBeUndefined();
  });

  it("does not react to a commit that lost the race, and never fails the write", async () => {
    const seen: string[] = [];
    const errors: unknown[] = [];
    const lost = observeIncidents(store(false), async () => {
      seen.push("reacted");
    });
    expect(await lost.commit(change("incident.classified"))).toBe(false);
    expect(seen).toEqual([]);
    const failing = observeIncidents(
      store(true),
      async () => {
        throw new Error("jobs table unreachable");
      },
      (e) => errors.push(e),
    );
    expect(await failing.commit(change("incident.classified"))).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
