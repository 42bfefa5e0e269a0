import { describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import {
  declareRansomware,
  expectIntact,
  operator,
  rejection,
  tickingClock,
} from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import type { Actor } from "../domain/actor.js";
import type { Runtime } from "../runtime.js";
import { declareIncident } from "./incident.service.js";
import {
  getProblem,
  linkIncidents,
  listProblems,
  openProblem,
  type ProblemTransition,
  transitionProblem,
} from "./problem.service.js";

describe.each(TEST_DIALECTS)("problems on $name", (dialect) => {
  let rt: Runtime;
  runtimePerTest(dialect, { clock: tickingClock() }, (fresh) => {
    rt = fresh;
  });

  const lastEntry = async (incidentId: string) => (await rt.incidents.timeline(incidentId)).at(-1);

  it("opens a problem with a human id, links incidents, and tells their timelines", async () => {
    const a = await declareRansomware(rt, "FS01 encrypted");
    const b = await declareRansomware(rt, "FS02 encrypted");
    const problem = await openProblem(
      rt,
      {
        title: "How do they get in?",
        description: "Two file servers in a week",
        incidents: [a.human_id],
      },
      operator,
    );
    expect(problem).toMatchObject({
      human_id: "PRB-2026-0001",
      state: "open",
      version: 1,
      opened_by: "Local operator (person:operator)",
    });
    expect(problem.incidents.map((i) => i.human_id)).toEqual([a.human_id]);
    expect(await lastEntry(a.id)).toMatchObject({
      kind: "problem.linked",
      payload: { problem: "PRB-2026-0001", state: "open" },
    });

    const linked = await linkIncidents(rt, problem.human_id, [b.id, a.id], operator);
    expect(linked.version).toBe(2);
    expect(linked.incidents.map((i) => i.human_id)).toEqual([a.human_id, b.human_id]);
    expect(await lastEntry(b.id)).toMatchObject({ kind: "problem.linked" });
    // Linking again changes nothing: no new version, no second timeline entry.
    const aEntries = (await rt.incidents.timeline(a.id)).length;
    expect((await linkIncidents(rt, problem.id, [a.id], operator)).version).toBe(2);
    expect(await rt.incidents.timeline(a.id)).toHaveLength(aEntries);

    const second = await openProblem(rt, { title: "Backups not restorable" }, operator);
    expect(second.human_id).toBe("PRB-2026-0002");
    await expectIntact(rt, a.id);
    await expectIntact(rt, b.id);
  });

  it("moves open → known error → resolved with what each state requires, on every linked timeline", async () => {
    const a = await declareRansomware(rt);
    const problem = await openProblem(rt, { title: "Initial access", incidents: [a.id] }, operator);

    const known = await transitionProblem(
      rt,
      problem.id,
      {
        to: "known_error",
        cause: "VPN appliance CVE-2024-3400",
        workaround: "VPN disabled; staff on ZTNA",
      },
      operator,
    );
    expect(known).toMatchObject({
      state: "known_error",
      cause: "VPN appliance CVE-2024-3400",
      version: 2,
    });
    expect(known.known_error_at).not.toBeNull();
    expect(await lastEntry(a.id)).toMatchObject({
      kind: "problem.state_changed",
      payload: { from: "open", to: "known_error", workaround: "VPN disabled; staff on ZTNA" },
    });

    const resolved = await transitionProblem(
      rt,
      problem.human_id,
      {
        to: "resolved",
        fix: "Firmware 11.1.2-h3 on both appliances",
        verified_by: "tomas-lindqvist",
      },
      operator,
      2,
    );
    expect(resolved).toMatchObject({
      state: "resolved",
      verified_by: "tomas-lindqvist",
      version: 3,
    });
    expect(await lastEntry(a.id)).toMatchObject({
      payload: { from: "known_error", to: "resolved" },
    });
    await expectIntact(rt, a.id);
  });

  it("refuses other transitions, missing requirements and stale versions, changing nothing", async () => {
    const a = await declareRansomware(rt);
    const problem = await openProblem(rt, { title: "Initial access", incidents: [a.id] }, operator);
    const entries = (await rt.incidents.timeline(a.id)).length;
    const move = (input: ProblemTransition, expectedVersion?: number) =>
      transitionProblem(rt, problem.id, input, operator, expectedVersion);

    const skip = await rejection(move({ to: "resolved", fix: "x", verified_by: "y" }));
    expect(skip).toMatchObject({
      code: "conflict",
      extra: { state: "open", allowed: ["known_error"] },
    });
    expect(skip.message).toMatch(
      /PRB-2026-0001 is open; it can only move to known_error, not resolved/,
    );
    const missing = await rejection(move({ to: "known_error", cause: "VPN" }));
    expect(missing).toMatchObject({ code: "invalid_input", message: "workaround is required" });
    await move({ to: "known_error", cause: "VPN", workaround: "off" });
    const stale = await rejection(
      move({ to: "resolved", fix: "patched", verified_by: "amara-okafor" }, 1),
    );
    expect(stale).toMatchObject({ code: "stale_version", extra: { current_version: 2 } });
    const unknown = await rejection(linkIncidents(rt, problem.id, ["INC-1999-0001"], operator));
    expect(unknown.message).toMatch(/incident INC-1999-0001 does not exist/);

    expect(await getProblem(rt, problem.id)).toMatchObject({
      state: "known_error",
      version: 2,
      fix: null,
    });
    expect(await rt.incidents.timeline(a.id)).toHaveLength(entries + 1);
    await move({ to: "resolved", fix: "patched", verified_by: "amara-okafor" });
    const again = await rejection(move({ to: "known_error", cause: "x", workaround: "y" }));
    expect(again.message).toMatch(/a resolved problem does not change/);
  });

  it("keeps both of two simultaneous changes to one problem", async () => {
    const a = await declareRansomware(rt);
    const b = await declareRansomware(rt, "Second");
    const problem = await openProblem(rt, { title: "Initial access" }, operator);
    await Promise.all([
      linkIncidents(rt, problem.id, [a.id], operator),
      linkIncidents(rt, problem.id, [b.id], operator),
      transitionProblem(
        rt,
        problem.id,
        { to: "known_error", cause: "VPN", workaround: "off" },
        operator,
      ),
    ]);
    const after = await getProblem(rt, problem.id);
    expect(after).toMatchObject({ state: "known_error", version: 4 });
    expect(after.incidents).toHaveLength(2);
  });

  it("lists problems newest first, by state and by incident, a page at a time", async () => {
    const a = await declareRansomware(rt);
    const p1 = await openProblem(rt, { title: "One", incidents: [a.id] }, operator);
    const p2 = await openProblem(rt, { title: "Two" }, operator);
    const p3 = await openProblem(rt, { title: "Three" }, operator);
    await transitionProblem(
      rt,
      p2.id,
      { to: "known_error", cause: "c", workaround: "w" },
      operator,
    );

    const page1 = await listProblems(rt, {}, 2);
    expect(page1.items.map((p) => p.title)).toEqual(["Three", "Two"]);
    const page2 = await listProblems(rt, {}, 2, page1.next_cursor ?? undefined);
    expect(page2).toMatchObject({ items: [{ id: p1.id }], next_cursor: null });
    expect((await listProblems(rt, { state: ["open"] })).items.map((p) => p.id)).toEqual([
      p3.id,
      p1.id,
    ]);
    expect((await listProblems(rt, { incident: a.human_id })).items.map((p) => p.id)).toEqual([
      p1.id,
    ]);
    expect((await listProblems(rt, { q: "thr" })).items.map((p) => p.id)).toEqual([p3.id]);
    expect((await listProblems(rt, { incident: "INC-1999-0001" })).items).toEqual([]);
  });
  it("shows restricted linked incidents only to their participants", async () => {
    const open = await declareRansomware(rt, "Open case");
    const insider = await declareIncident(
      rt,
      { title: "Insider case", type: "ransomware", severity: "emergency", restricted: true },
      operator,
    );
    const problem = await openProblem(
      rt,
      { title: "Shared cause", incidents: [open.id, insider.id] },
      operator,
    );
    const outsider: Actor = { kind: "person", id: "priya-natarajan" };
    expect(
      (await getProblem(rt, problem.id, outsider)).incidents.map((i) => i.incident_id),
    ).toEqual([open.id]);
    expect((await getProblem(rt, problem.id)).incidents).toHaveLength(2);
    expect(
      (await listProblems(rt, { incident: insider.id }, 50, undefined, outsider)).items,
    ).toEqual([]);
    const hidden = await rejection(linkIncidents(rt, problem.id, [insider.human_id], outsider));
    expect(hidden.message).toBe(`incident ${insider.human_id} does not exist`);
  });
});
