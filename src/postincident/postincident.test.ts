import { beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../test/support/databases.js";
import { operator, ransomwareWithRecords } from "../../test/support/postincident.js";
import { rejection } from "../../test/support/response-helpers.js";
import { runtimePerTest } from "../../test/support/runtime.js";
import { fixedClock } from "../domain/clock.js";
import { getProblem, openProblem } from "../response/problem.service.js";
import { verifyTimeline } from "../response/timeline.service.js";
import type { Runtime } from "../runtime.js";
import { addActionItem, updateActionItem } from "./action-item.service.js";
import {
  addCause,
  getRca,
  identifyRootCause,
  removeCause,
  setSolution,
  startRca,
} from "./rca.service.js";

describe.each(TEST_DIALECTS)("root-cause analysis on $name", (dialect) => {
  let rt: Runtime;
  const clock = fixedClock("2026-03-02T09:00:00.000Z");
  beforeEach(() => clock.set("2026-03-02T09:00:00.000Z"));
  runtimePerTest(dialect, { clock }, (fresh) => {
    rt = fresh;
  });

  it("goes scope → causes with evidence → root cause → solution → verified action items, and the problem follows", async () => {
    const { incident } = await ransomwareWithRecords(rt);
    const evidence = await rt.incidents.evidence(incident.id);
    const problem = await openProblem(
      rt,
      { title: "Ransomware entry vector unknown", incidents: [incident.id] },
      operator,
    );

    const rca = await startRca(
      rt,
      { incident: incident.human_id, scope: { summary: "FS01 encryption", in_scope: ["FS01"] } },
      operator,
    );
    expect(rca.human_id).toMatch(/^RCA-2026-\d{4}$/);
    expect(rca.status).toBe("scoping");

    const why1 = await addCause(
      rt,
      rca.id,
      {
        statement: "The attacker ran the encryptor with domain admin rights",
        evidence: [
          { kind: "evidence", id: evidence[0]?.id as string },
          { kind: "timeline", id: 1 },
        ],
        contributing_factors: ["EDR was in audit mode on FS01"],
      },
      operator,
    );
    const why2 = await addCause(
      rt,
      rca.id,
      { parent_id: why1.cause.id, statement: "A VPN account without MFA was phished" },
      operator,
    );
    expect(why2.rca.status).toBe("analysing");
    expect(why1.cause.evidence[0]?.incident_id).toBe(incident.id);

    // References must point at what is recorded in scope; nothing is written otherwise.
    const bad = await rejection(
      addCause(
        rt,
        rca.id,
        {
          statement: "x",
          evidence: [
            { kind: "evidence", id: "nope" },
            { kind: "timeline", id: 9999 },
          ],
        },
        operator,
      ),
    );
    expect(bad.code).toBe("invalid_input");
    expect(bad.details.map((d) => d.path)).toEqual(["evidence[0]", "evidence[1]"]);
    expect((await getRca(rt, rca.id)).causes).toHaveLength(2);
    expect(
      (await rejection(addCause(rt, rca.id, { parent_id: "ghost", statement: "x" }, operator)))
        .code,
    ).toBe("invalid_input");

    // Step order: no solution before a root cause; a node with children cannot be removed.
    expect((await rejection(setSolution(rt, rca.id, { summary: "MFA" }, operator))).code).toBe(
      "invalid_input",
    );
    expect((await rejection(removeCause(rt, rca.id, why1.cause.id, operator))).code).toBe(
      "conflict",
    );

    const found = await identifyRootCause(
      rt,
      rca.human_id,
      { cause_id: why2.cause.id, workaround: "VPN restricted to managed devices" },
      operator,
    );
    expect(found.rca.status).toBe("solution");
    expect(found.problems_updated).toEqual([problem.human_id]);
    let p = await getProblem(rt, problem.id);
    expect(p.state).toBe("known_error");
    expect(p.cause).toBe("A VPN account without MFA was phished");
    expect(p.workaround).toBe("VPN restricted to managed devices");

    const solved = await setSolution(
      rt,
      rca.id,
      { summary: "Enforce phishing-resistant MFA on every remote access path" },
      operator,
    );
    expect(solved.status).toBe("implementing");

    expect(
      (
        await rejection(
          addActionItem(
            rt,
            { rca: rca.id, title: "x", owner: "mallory", due_at: "2026-04-01" },
            operator,
          ),
        )
      ).code,
    ).toBe("invalid_input");
    const a1 = await addActionItem(
      rt,
      {
        rca: rca.id,
        title: "Enforce FIDO2 MFA on the VPN",
        owner: "kenji-sato",
        due_at: "2026-04-01",
      },
      operator,
    );
    const a2 = await addActionItem(
      rt,
      {
        rca: rca.id,
        title: "Put EDR in block mode on servers",
        owner: "jonas-weber",
        due_at: "2026-03-20T17:00:00Z",
      },
      operator,
    );
    expect(a1.incident_id).toBe(incident.id);
    expect(a1.human_id).toMatch(/^ACT-2026-\d{4}$/);

    // Done needs a verification; cancelling needs a reason.
    expect((await rejection(updateActionItem(rt, a1.id, { status: "done" }, operator))).code).toBe(
      "invalid_input",
    );
    expect(
      (await rejection(updateActionItem(rt, a2.id, { status: "cancelled" }, operator))).code,
    ).toBe("invalid_input");
    await updateActionItem(
      rt,
      a1.human_id,
      {
        status: "done",
        verification: "Login without a key refused in test",
        verified_by: "priya-natarajan",
      },
      operator,
    );
    expect((await getRca(rt, rca.id)).status).toBe("implementing");
    // A stale If-Match is refused.
    expect(
      (await rejection(updateActionItem(rt, a2.id, { status: "in_progress" }, operator, 7))).code,
    ).toBe("stale_version");
    await updateActionItem(
      rt,
      a2.id,
      { status: "done", verification: "EICAR blocked on FS02" },
      operator,
      1,
    );

    const done = await getRca(rt, rca.id);
    expect(done.status).toBe("complete");
    p = await getProblem(rt, problem.id);
    expect(p.state).toBe("resolved");
    expect(p.fix).toContain("Enforce phishing-resistant MFA");
    expect(p.verified_by).toContain("priya-natarajan");

    const kinds = (await rt.incidents.timeline(incident.id)).map((e) => e.kind);
    for (const k of [
      "rca.started",
      "rca.cause_added",
      "rca.root_cause_identified",
      "rca.solution_set",
      "action_item.added",
      "action_item.updated",
      "rca.completed",
      "problem.state_changed",
    ])
      expect(kinds).toContain(k);
    expect((await verifyTimeline(rt, incident.id, undefined)).intact).toBe(true);
  });

  it("analyses a problem across its incidents and refuses evidence outside its scope", async () => {
    const one = await ransomwareWithRecords(rt);
    const two = await ransomwareWithRecords(rt, { title: "Files encrypted on FS02" });
    const other = await ransomwareWithRecords(rt, { title: "Unrelated" });
    const problem = await openProblem(
      rt,
      { title: "Repeated encryption", incidents: [one.incident.id, two.incident.id] },
      operator,
    );
    const rca = await startRca(
      rt,
      { problem: problem.human_id, scope: { summary: "both file servers" } },
      operator,
    );
    expect(rca.problem_id).toBe(problem.id);
    const ev2 = (await rt.incidents.evidence(two.incident.id))[0]?.id as string;
    const evOther = (await rt.incidents.evidence(other.incident.id))[0]?.id as string;
    const { cause } = await addCause(
      rt,
      rca.id,
      { statement: "Same loader", evidence: [{ kind: "evidence", id: ev2 }] },
      operator,
    );
    expect(cause.evidence[0]?.incident_id).toBe(two.incident.id);
    await rejection(
      addCause(
        rt,
        rca.id,
        { statement: "x", evidence: [{ kind: "evidence", id: evOther }] },
        operator,
      ),
    );
    // Both linked timelines hear about the analysis.
    for (const id of [one.incident.id, two.incident.id])
      expect((await rt.incidents.timeline(id)).some((e) => e.kind === "rca.cause_added")).toBe(
        true,
      );
    expect(
      (await rt.incidents.timeline(other.incident.id)).some((e) => e.kind.startsWith("rca.")),
    ).toBe(false);
    await rejection(
      startRca(
        rt,
        { incident: one.incident.id, problem: problem.id, scope: { summary: "x" } },
        operator,
      ),
    );
  });
});
