import { describe, expect, it } from "vitest";
import { type GateTask, gateBlockers } from "./gate.js";
import { phaseAfter } from "./phase.js";

const task = (id: string, over: Partial<GateTask>): GateTask => ({
  id,
  phase: "containment",
  title: id,
  required: true,
  status: "open",
  ...over,
});

describe("the phase gates", () => {
  const tasks = [
    task("isolate", {}),
    task("optional", { required: false }),
    task("done", { status: "done" }),
    task("skipped", { status: "skipped" }),
    task("lessons", { phase: "post_incident" }),
    task("patch-all", { phase: "remediation", required: false }),
    task("deferred", { phase: "remediation", follow_up: true }),
  ];
  const ids = (list: GateTask[]) => list.map((t) => t.id);

  it("blocks a phase on its required tasks that are neither done nor skipped", () => {
    expect(ids(gateBlockers(tasks, "containment"))).toEqual(["isolate"]);
    expect(ids(gateBlockers(tasks, "detection"))).toEqual([]);
  });

  it("blocks closing also on remediation not settled nor deferred as a follow-up", () => {
    expect(ids(gateBlockers(tasks, "post_incident"))).toEqual(["lessons", "patch-all"]);
  });

  it("has no gate once the incident has ended", () => {
    expect(gateBlockers(tasks, "closed")).toEqual([]);
  });

  it("advances one phase at a time, and not past post-incident", () => {
    expect(phaseAfter("detection")).toBe("containment");
    expect(phaseAfter("post_incident")).toBeUndefined();
    expect(phaseAfter("declined")).toBeUndefined();
  });
});
