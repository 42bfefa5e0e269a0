import type { StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import { addDuration } from "../domain/duration.js";
import type { PlanReview, Signoff } from "./preparation.types.js";

/**
 * A plan version's approval state, from its review rounds (pure):
 *
 * - `draft`: never submitted, or sent back (changes requested, withdrawn);
 * - `in_review`: a round is open, sign-offs are being collected;
 * - `approved`: every required approver signed this exact content (hash);
 * - `due_for_review`: approved, and the plan's review cycle has passed since;
 * - `superseded`: approved once, but a newer version has been approved since.
 *
 * Required approvers are the team members `approval.by` names; a plan that names none needs
 * one sign-off by anyone holding a role with the `approve_plan` authority.
 */
export type PlanState = "draft" | "in_review" | "approved" | "due_for_review" | "superseded";

/** One plan version's approval picture (API and CLI shape). */
export type VersionStatus = {
  plan_id: string;
  version: number;
  label: string;
  hash: string;
  created_at: string;
  created_by: string;
  state: PlanState;
  /** Who must sign (person ids); empty: any one eligible approver. */
  required_approvers: string[];
  /** Everyone in the team holding `approve_plan`. */
  eligible_approvers: string[];
  /** The newest round for this version, with its sign-offs. */
  review: PlanReview | null;
  /** Required approvers who have not signed the open round yet. */
  missing: string[];
  /** The approving round's sign-offs (who, when, which hash). */
  approvals: Signoff[];
  approved_at: string | null;
  review_due_at: string | null;
};

/** People who may sign a version: team members whose roles carry `approve_plan`. */
export function eligibleApprovers(plan: PlanDocument): string[] {
  const roles = new Set(
    plan.roles.filter((r) => r.authority.includes("approve_plan")).map((r) => r.id),
  );
  return plan.team.filter((p) => p.roles.some((r) => roles.has(r))).map((p) => p.id);
}

/** The named approvers that are eligible team members (lint reports the others). */
export function requiredApprovers(plan: PlanDocument): string[] {
  const eligible = new Set(eligibleApprovers(plan));
  return (plan.approval?.by ?? []).filter((p) => eligible.has(p));
}

/** Whether a round's approvals are complete. */
export function roundComplete(plan: PlanDocument, signoffs: readonly Signoff[]): boolean {
  const signed = new Set(signoffs.filter((s) => s.decision === "approve").map((s) => s.person));
  const required = requiredApprovers(plan);
  return required.length > 0 ? required.every((p) => signed.has(p)) : signed.size > 0;
}

/** The state of one version from the review rounds of its plan. */
export function versionStatus(
  doc: StoredDocument<"plan">,
  rounds: readonly PlanReview[],
  newestApprovedVersion: number | null,
  now: Date,
): VersionStatus {
  const mine = rounds.filter((r) => r.version === doc.version && r.hash === doc.hash);
  const latest = mine.at(-1) ?? null;
  const approving = mine.filter((r) => r.status === "approved").at(-1) ?? null;
  const required = requiredApprovers(doc.body);
  const approvedAt = approving?.closed_at ?? null;
  const reviewDue = approvedAt ? addDuration(new Date(approvedAt), doc.body.review.cycle) : null;
  let state: PlanState = "draft";
  if (latest?.status === "open") state = "in_review";
  else if (approving) {
    if (newestApprovedVersion !== null && newestApprovedVersion > doc.version) state = "superseded";
    else state = reviewDue && reviewDue < now ? "due_for_review" : "approved";
  }
  const signed = new Set(
    (latest?.status === "open" ? latest.signoffs : [])
      .filter((s) => s.decision === "approve")
      .map((s) => s.person),
  );
  return {
    plan_id: doc.id,
    version: doc.version,
    label: doc.label,
    hash: doc.hash,
    created_at: doc.createdAt,
    created_by: doc.createdBy,
    state,
    required_approvers: required,
    eligible_approvers: eligibleApprovers(doc.body),
    review: latest,
    missing: latest?.status === "open" ? required.filter((p) => !signed.has(p)) : [],
    approvals: approving?.signoffs.filter((s) => s.decision === "approve") ?? [],
    approved_at: approvedAt,
    review_due_at: reviewDue?.toISOString() ?? null,
  };
}

/** Every version's status, newest first. */
export function planStatuses(
  versions: readonly StoredDocument<"plan">[],
  rounds: readonly PlanReview[],
  now: Date,
): VersionStatus[] {
  const approved = rounds.filter((r) => r.status === "approved").map((r) => r.version);
  const newest = approved.length > 0 ? Math.max(...approved) : null;
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => versionStatus(v, rounds, newest, now));
}
