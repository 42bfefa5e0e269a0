import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declareRansomware,
  expectIntact,
  operator,
  rejection,
} from "../../test/support/response-helpers.js";
import { testRuntime } from "../../test/support/runtime.js";
import type { NewTimelineEntry } from "../domain/incident/model.js";
import type { Runtime } from "../runtime.js";

describe.each(TEST_DIALECTS)("timeline append on $name", (dialect) => {
  let rt: Runtime;
  beforeEach(async (ctx) => {
    if (dialect.skip) return ctx.skip(dialect.skip);
    rt = await testRuntime(dialect);
  });
  afterEach(async () => rt?.close());

  /** Commits `entries` on the incident as the use cases do, after one valid note. */
  const append = async (incidentId: string, ...entries: NewTimelineEntry[]) => {
    const incident = await rt.incidents.get(incidentId);
    if (!incident) throw new Error(`no incident ${incidentId}`);
    const note: NewTimelineEntry = { kind: "note", actor: operator, payload: { text: "first" } };
    return rt.incidents.commit({
      incident,
      expectedVersion: incident.version,
      timeline: [note, ...entries],
    });
  };

  it("refuses an entry of an unknown kind or with a payload its kind does not allow, chaining nothing", async () => {
    const incident = await declareRansomware(rt);
    const before = await rt.incidents.timeline(incident.id);

    // What a cast or a payload assembled at run time could slip past the compiler.
    const misspelt = { kind: "incident.acknowledgd", actor: operator, payload: { first: true } };
    const unknown = await rejection(append(incident.id, misspelt as unknown as NewTimelineEntry));
    expect(unknown).toMatchObject({ code: "invalid_input", details: [{ path: "kind" }] });
    expect(unknown.message).toContain("incident.acknowledgd");

    const badPayload = {
      kind: "phase.advanced",
      actor: operator,
      payload: { from: "detection", to: "nowhere", reason: null },
    };
    expect(
      await rejection(append(incident.id, badPayload as unknown as NewTimelineEntry)),
    ).toMatchObject({ code: "invalid_input", details: [{ path: "payload.to" }] });

    // Neither the valid note before them nor the incident's version was written.
    expect(await rt.incidents.timeline(incident.id)).toEqual(before);
    expect((await rt.incidents.get(incident.id))?.version).toBe(incident.version);
    await expectIntact(rt, incident.id);
  });

  it("chains a valid entry with the payload as given, fields its schema does not name included", async () => {
    const incident = await declareRansomware(rt);
    const payload = { text: "FS01 unplugged", source: "phone call" };
    expect(await append(incident.id, { kind: "note", actor: operator, payload })).toBe(true);
    expect((await rt.incidents.timeline(incident.id)).at(-1)?.payload).toEqual(payload);
    await expectIntact(rt, incident.id);
  });
});
