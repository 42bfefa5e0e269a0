import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { uploadDocuments } from "../../src/documents/document.service.js";
import { BUILTIN_LIBRARY_DIR } from "../../src/documents/library.js";
import {
  documentStatus,
  signVersion,
  submitVersion,
  versionDiff,
} from "../../src/preparation/plan-review.service.js";
import { readiness } from "../../src/preparation/readiness.service.js";
import { declareIncident } from "../../src/response/incident.service.js";
import { TEST_DIALECTS } from "../support/databases.js";
import { type PreparationHarness, preparationHarness } from "../support/preparation.js";
import { operator, rejection } from "../support/response-helpers.js";

const person = (id: string) => ({ kind: "person" as const, id, name: id });
const PLAN_YAML = readFileSync(join(BUILTIN_LIBRARY_DIR, "plan.yml"), "utf8");

describe.each(TEST_DIALECTS)("plan approval and review ($name)", (dialect) => {
  let h: PreparationHarness;
  beforeEach(async (ctx) => {
    if (dialect.skip) ctx.skip(dialect.skip);
    h = await preparationHarness(dialect);
  });
  afterEach(async () => h?.close());

  it("records each named approver with the hash, and an edit makes a new draft whose differences are shown", async () => {
    // The first load is in force, but nobody approved it yet.
    const v1 = (await documentStatus(h.rt)).current;
    expect(v1).toMatchObject({ version: 1, state: "draft", in_force: true });
    expect(v1.required_approvers).toEqual(["margaret-osei", "william-harper", "robert-chen"]);

    // Nothing to sign before it is submitted; then only named approvers may sign.
    await rejection(signVersion(h.rt, { decision: "approve" }, person("margaret-osei")));
    const submitted = await submitVersion(h.rt, { note: "annual review" }, operator);
    expect(submitted).toMatchObject({ state: "in_review", missing: v1.required_approvers });
    expect(
      (await rejection(signVersion(h.rt, { decision: "approve" }, person("amara-okafor")))).code,
    ).toBe("forbidden");
    expect(
      (await rejection(signVersion(h.rt, { decision: "approve" }, person("elena-petrova"))))
        .message,
    ).toMatch(/not one of the plan's named approvers/);
    // A signer who read other text is refused.
    expect(
      (
        await rejection(
          signVersion(h.rt, { decision: "approve", hash: "0".repeat(64) }, person("margaret-osei")),
        )
      ).code,
    ).toBe("conflict");

    h.clock.advance(60_000);
    await signVersion(h.rt, { decision: "approve", hash: v1.hash }, person("margaret-osei"));
    await rejection(signVersion(h.rt, { decision: "approve" }, person("margaret-osei")));
    await signVersion(h.rt, { decision: "approve" }, person("william-harper"));
    expect((await documentStatus(h.rt)).current).toMatchObject({
      state: "in_review",
      missing: ["robert-chen"],
    });
    // An admin records the sign-off Robert gave on paper.
    const approved = await signVersion(
      h.rt,
      { decision: "approve", as: "robert-chen", comment: "signed in the board meeting" },
      operator,
    );
    expect(approved.state).toBe("approved");
    expect(approved.approvals.map((a) => [a.person, a.hash])).toEqual([
      ["margaret-osei", v1.hash],
      ["william-harper", v1.hash],
      ["robert-chen", v1.hash],
    ]);
    expect(approved.approvals[2]?.recorded_by).toContain("operator");
    expect(approved.review_due_at?.slice(0, 10)).toBe("2027-11-02");
    // The approval counts as the plan review of the readiness programme.
    expect(
      (await h.rt.preparation.completions.list({ activityId: "plan-review" }))[0]?.evidence[0],
    ).toContain(v1.hash);
    expect((await readiness(h.rt)).components.find((c) => c.id === "plan_approval")?.status).toBe(
      "ok",
    );

    // An incident declared now pins v1.
    const incident = await declareIncident(
      h.rt,
      { title: "Before the edit", type: "malware" },
      operator,
    );
    expect(incident.plan_version).toBe(1);

    // Editing the approved plan makes v2, a draft; v1 stays in force and the approved one.
    const edited = PLAN_YAML.replace('version: "2026.10"', 'version: "2026.11"')
      .replace("      acknowledge: PT15M\n", "      acknowledge: PT10M\n")
      .replace(
        "  - id: scribe\n    title: Scribe\n",
        "  - id: scribe\n    title: Scribe and timekeeper\n",
      );
    await uploadDocuments(h.rt.documents, edited, operator, h.clock);
    const status = await documentStatus(h.rt);
    expect(status.current).toMatchObject({ version: 1, state: "approved", in_force: true });
    expect(status.pending).toMatchObject({ version: 2, state: "draft", in_force: false });
    expect(status.approved).toMatchObject({ version: 1, state: "approved" });
    expect((await h.rt.incidents.get(incident.id))?.plan_version).toBe(1);
    expect(
      (await declareIncident(h.rt, { title: "While v2 is a draft", type: "malware" }, operator))
        .plan_version,
    ).toBe(1);
    expect((await readiness(h.rt)).components.find((c) => c.id === "plan_approval")?.status).toBe(
      "ok",
    );

    const diff = await versionDiff(h.rt, "current", "latest");
    expect(diff.from.version).toBe(1);
    expect(diff.to.version).toBe(2);
    expect(diff.summary).toEqual(
      expect.arrayContaining([
        "version changed",
        "severities changed: emergency (targets)",
        "roles changed: scribe (title)",
      ]),
    );
    expect(diff.unified).toContain("-      acknowledge: PT15M");
    expect(diff.unified).toContain("+      acknowledge: PT10M");
    expect(diff.stats).toEqual({ added_lines: 3, removed_lines: 3 });

    // Sending v2 back keeps it a draft; approving it supersedes v1.
    await submitVersion(h.rt, {}, operator);
    expect((await documentStatus(h.rt)).pending?.state).toBe("in_review");
    await signVersion(
      h.rt,
      { decision: "request_changes", comment: "explain the new target" },
      person("william-harper"),
    );
    expect((await documentStatus(h.rt)).pending?.state).toBe("draft");
    await submitVersion(h.rt, { note: "target explained" }, operator);
    for (const p of ["margaret-osei", "william-harper", "robert-chen"])
      await signVersion(h.rt, { decision: "approve" }, person(p));
    const final = await documentStatus(h.rt);
    expect(final.versions.map((v) => [v.version, v.state, v.in_force])).toEqual([
      [2, "approved", true],
      [1, "superseded", false],
    ]);
    // New incidents run v2; the one declared before keeps v1.
    expect(
      (await declareIncident(h.rt, { title: "After", type: "malware" }, operator)).plan_version,
    ).toBe(2);
    expect((await h.rt.incidents.get(incident.id))?.plan_version).toBe(1);

    // A year and a day later the approved version is due for review.
    h.clock.advance(367 * 86_400_000);
    expect((await documentStatus(h.rt)).current.state).toBe("due_for_review");
  });
});
