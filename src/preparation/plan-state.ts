import type { DocumentState, StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import type { DocumentKind } from "../domain/document-kind.js";
import { addDuration } from "../domain/duration.js";
import type { PlanReview, Signoff } from "./preparation.types.js";

/**
 * A document version's approval state (pure), for every kind — plan, procedure, declaration
 * policy, exercise:
 *
 * - `draft`: never submitted, or sent back (changes requested, withdrawn). The first load into
 *   an empty database is in force (`in_force`) while still a draft: nobody approved it;
 * - `in_review`: a round is open, sign-offs are being collected;
 * - `approved`: the approvers signed this exact content (hash) and it is in force;
 * - `due_for_review`: a plan approved and in force whose review cycle has passed since;
 * - `superseded`: was in force, and another version has been put in force since;
 * - `retired`: was in force when the document was retired (no version of it is in force).
 *
 * Who approves is always decided by the plan IN FORCE (`approverPlan`), never by the version
 * under review: a draft cannot name its own approvers. Required approvers are the team members
 * its `approval.by` names; `approval.quorum` of them must sign (default: all). A plan that
 * names none needs one sign-off by anyone holding the `approve_plan` authority, or an admin.
 */
export type PlanState =
  | "draft"
  | "in_review"
  | "approved"
  | "due_for_review"
  | "superseded"
  | "retired";

/** One version's approval picture (API and CLI shape). */
export type VersionStatus = {
  kind: DocumentKind;
  /** The document's id (named plan_id since plans were the first kind reviewed). */
  plan_id: string;
  version: number;
  label: string;
  hash: string;
  created_at: string;
  created_by: string;
  state: PlanState;
  /** Whether this version is the one every reader (and every new incident) uses now. */
  in_force: boolean;
  /** Who must sign (person ids, from the plan in force); empty: any one eligible approver. */
  required_approvers: string[];
  /** How many of the required approvers must sign (1 when none are named). */
  quorum: number;
  /** Everyone in the plan in force's team holding `approve_plan`. */
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

/** How many approvals a round needs: `approval.quorum` (capped), default every named approver. */
export function approvalQuorum(plan: PlanDocument): number {
  const required = requiredApprovers(plan).length;
  if (required === 0) return 1;
  return Math.min(plan.approval?.quorum ?? required, required);
}

/** Whether a round's approvals reach the quorum of the plan in force. */
export function roundComplete(plan: PlanDocument, signoffs: readonly Signoff[]): boolean {
  const signed = new Set(signoffs.filter((s) => s.decision === "approve").map((s) => s.person));
  const required = requiredApprovers(plan);
  if (required.length === 0) return signed.size > 0;
  return required.filter((p) => signed.has(p)).length >= approvalQuorum(plan);
}

/** What happened to a version that was once in force: superseded by another, or retired. */
function afterInForce(version: number, states: readonly DocumentState[]): PlanState | null {
  const at = states.findLastIndex((s) => s.state === "in_force" && s.version === version);
  if (at < 0) return null;
  return states[at + 1]?.state === "retired" ? "retired" : "superseded";
}

/** The state of one version from its rounds and its document's in-force history. */
export function versionStatus(
  doc: StoredDocument,
  rounds: readonly PlanReview[],
  states: readonly DocumentState[],
  approverPlan: PlanDocument,
  now: Date,
): VersionStatus {
  const mine = rounds.filter((r) => r.version === doc.version && r.hash === doc.hash);
  const latest = mine.at(-1) ?? null;
  const approving = mine.filter((r) => r.status === "approved").at(-1) ?? null;
  const required = requiredApprovers(approverPlan);
  const last = states.at(-1);
  const inForce = last?.state === "in_force" && last.version === doc.version;
  const approvedAt = approving?.closed_at ?? null;
  const cycle = doc.kind === "plan" ? (doc as StoredDocument<"plan">).body.review.cycle : null;
  const reviewDue = approvedAt && cycle ? addDuration(new Date(approvedAt), cycle) : null;
  let state: PlanState = "draft";
  if (latest?.status === "open") state = "in_review";
  else if (inForce) {
    if (approving) state = reviewDue && reviewDue < now ? "due_for_review" : "approved";
  } else state = afterInForce(doc.version, states) ?? (approving ? "superseded" : "draft");
  const signed = new Set(
    (latest?.status === "open" ? latest.signoffs : [])
      .filter((s) => s.decision === "approve")
      .map((s) => s.person),
  );
  return {
    kind: doc.kind,
    plan_id: doc.id,
    version: doc.version,
    label: doc.label,
    hash: doc.hash,
    created_at: doc.createdAt,
    created_by: doc.createdBy,
    state,
    in_force: inForce,
    required_approvers: required,
    quorum: approvalQuorum(approverPlan),
    eligible_approvers: eligibleApprovers(approverPlan),
    review: latest,
    missing: latest?.status === "open" ? required.filter((p) => !signed.has(p)) : [],
    approvals: approving?.signoffs.filter((s) => s.decision === "approve") ?? [],
    approved_at: approvedAt,
    review_due_at: reviewDue?.toISOString() ?? null,
  };
}

/** Every version's status, newest first. */
export function planStatuses(
  versions: readonly StoredDocument[],
  rounds: readonly PlanReview[],
  states: readonly DocumentState[],
  approverPlan: PlanDocument,
  now: Date,
): VersionStatus[] {
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => versionStatus(v, rounds, states, approverPlan, now));
}
