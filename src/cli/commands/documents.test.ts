import { describe, expect, it } from "vitest";
import type { VersionStatus } from "../../preparation/plan-state.js";
import { versionLine } from "./documents.js";

/** A version in review under a plan naming three approvers, `signed` of whom have signed. */
function inReview(quorum: number, signed: string[]): VersionStatus {
  const required = ["ana", "ben", "cleo"];
  return {
    kind: "procedure",
    plan_id: "ransomware",
    version: 2,
    label: "2.0",
    hash: "ab".repeat(32),
    created_at: "2026-12-01T00:00:00.000Z",
    created_by: "person:ana",
    state: "in_review",
    in_force: false,
    required_approvers: required,
    quorum,
    eligible_approvers: required,
    review: null,
    missing: required.filter((p) => !signed.includes(p)),
    approvals: [],
    approved_at: null,
    review_due_at: null,
  };
}

describe("versionLine", () => {
  it("names everyone still missing when all must sign", () => {
    expect(versionLine(inReview(3, ["ana"]))).toContain("waiting for ben, cleo (quorum 3)");
  });

  it("says how many of the missing are still needed when the quorum needs fewer", () => {
    expect(versionLine(inReview(2, []))).toContain("waiting for 2 of ana, ben, cleo (quorum 2)");
    expect(versionLine(inReview(2, ["ben"]))).toContain("waiting for 1 of ana, cleo (quorum 2)");
  });
});
