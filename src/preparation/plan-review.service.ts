import { randomUUID } from "node:crypto";
import { currentPlan } from "../documents/document.service.js";
import type { StoredDocument } from "../documents/document.types.js";
import { type Actor, describeActor } from "../domain/actor.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { recordKindDone } from "./activity.service.js";
import { diffPlans, type PlanDiff } from "./plan-diff.js";
import {
  eligibleApprovers,
  planStatuses,
  requiredApprovers,
  roundComplete,
  type VersionStatus,
} from "./plan-state.js";
import type { PreparationDeps } from "./preparation.types.js";

type Deps = Pick<PreparationDeps, "documents" | "clock" | "preparation">;

/** The plan's approval picture: the version in force, the newest approved one, every version. */
export type PlanStatus = {
  plan_id: string;
  title: string;
  /** The newest version: the one in force. */
  current: VersionStatus;
  /** The newest approved version (maybe older than current), or null. */
  approved: VersionStatus | null;
  versions: VersionStatus[];
};

async function versionsOf(deps: Deps, planId?: string) {
  const id = planId ?? (await currentPlan(deps.documents)).id;
  const versions = (await deps.documents.versions("plan", id)) as StoredDocument<"plan">[];
  if (versions.length === 0) throw notFound("plan", id);
  return { id, versions };
}

/** Every version of the plan (default: the one in force) with its approval state. */
export async function planStatus(deps: Deps, planId?: string): Promise<PlanStatus> {
  const { id, versions } = await versionsOf(deps, planId);
  const statuses = planStatuses(
    versions,
    await deps.preparation.reviews.reviews(id),
    deps.clock.now(),
  );
  const current = statuses[0] as VersionStatus;
  const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  return {
    plan_id: id,
    title: newest.title,
    current,
    approved: statuses.find((s) => s.state === "approved" || s.state === "due_for_review") ?? null,
    versions: statuses,
  };
}

/** `3`, `v3`, `current`, `approved` → a stored version. */
async function resolveVersion(deps: Deps, planId: string | undefined, ref: string | number) {
  const { id, versions } = await versionsOf(deps, planId);
  const text = String(ref).trim().toLowerCase();
  if (text === "current" || text === "latest")
    return versions.reduce((a, b) => (b.version > a.version ? b : a));
  if (text === "approved") {
    const approved = (await planStatus(deps, id)).approved;
    if (!approved) throw notFound("approved version of plan", id);
    return versions.find((v) => v.version === approved.version) as StoredDocument<"plan">;
  }
  const n = Number(text.replace(/^v/, ""));
  const found = Number.isInteger(n) ? versions.find((v) => v.version === n) : undefined;
  if (!found) throw notFound("plan version", `${id}@${ref}`);
  return found;
}

/**
 * Submits a plan version (default: the one in force) for approval: opens a review round for
 * exactly its content. Rounds still open for older versions are withdrawn (they review text
 * that is no longer proposed). An approved version may be submitted again: that is the
 * periodic review, and its approval restarts the review cycle.
 */
export async function submitPlan(
  deps: Deps,
  input: { plan?: string; version?: string | number; note?: string },
  actor: Actor,
): Promise<VersionStatus> {
  const doc = await resolveVersion(deps, input.plan, input.version ?? "current");
  const rounds = await deps.preparation.reviews.reviews(doc.id);
  const now = deps.clock.now().toISOString();
  if (rounds.some((r) => r.status === "open" && r.version === doc.version))
    throw new DomainError("conflict", `plan ${doc.id} v${doc.version} is already in review`);
  for (const r of rounds.filter((x) => x.status === "open"))
    await deps.preparation.reviews.close(r.id, "withdrawn", now);
  await deps.preparation.reviews.open({
    id: randomUUID(),
    plan_id: doc.id,
    version: doc.version,
    hash: doc.hash,
    status: "open",
    submitted_at: now,
    submitted_by: describeActor(actor),
    note: (input.note ?? "").trim().slice(0, 5000),
    closed_at: null,
  });
  return (await planStatus(deps, doc.id)).versions.find(
    (v) => v.version === doc.version,
  ) as VersionStatus;
}

/** An approver's decision on the version in review. */
export interface SignInput {
  plan?: string;
  version?: string | number;
  /** The hash the signer read; refused when the version's content is different. */
  hash?: string;
  decision: "approve" | "request_changes";
  comment?: string;
  /** An admin recording a sign-off given elsewhere (on paper, in a meeting) names the person. */
  as?: string;
}

function signer(actor: Actor, as: string | undefined): string {
  if (as !== undefined) {
    if (actor.admin !== true && actor.kind !== "system")
      throw new DomainError(
        "forbidden",
        "only an administrator may record another person's sign-off",
      );
    return as;
  }
  if (actor.kind !== "person")
    throw new DomainError("forbidden", "a sign-off is given by a person of the plan's team");
  return actor.id;
}

/**
 * Records one approver's decision on the open round of a version: `approve` (the round is
 * approved once every required approver has signed), or `request_changes` (the round closes
 * and the version is a draft again). Each sign-off keeps the person, the time and the hash of
 * the content signed. Approving also counts as the plan review of the readiness programme.
 */
export async function signPlan(deps: Deps, input: SignInput, actor: Actor): Promise<VersionStatus> {
  const doc = await resolveVersion(deps, input.plan, input.version ?? "current");
  if (input.hash !== undefined && input.hash !== doc.hash)
    throw new DomainError(
      "conflict",
      `plan ${doc.id} v${doc.version} has hash ${doc.hash.slice(0, 12)}…, not ${input.hash.slice(0, 12)}…: it is not the text you read`,
    );
  const person = signer(actor, input.as);
  const eligible = eligibleApprovers(doc.body);
  const required = requiredApprovers(doc.body);
  if (!eligible.includes(person))
    throw new DomainError(
      "forbidden",
      `${person} holds no role with the 'approve_plan' authority in plan ${doc.id} v${doc.version}`,
    );
  if (required.length > 0 && !required.includes(person))
    throw new DomainError(
      "forbidden",
      `${person} is not one of the plan's named approvers (${required.join(", ")})`,
    );
  const comment = (input.comment ?? "").trim().slice(0, 5000);
  if (input.decision === "request_changes" && !comment)
    throw invalidInput("say what should change (comment)", [
      { message: "required", path: "comment" },
    ]);
  const round = (await deps.preparation.reviews.reviews(doc.id))
    .filter((r) => r.status === "open" && r.version === doc.version)
    .at(-1);
  if (!round)
    throw new DomainError(
      "conflict",
      `plan ${doc.id} v${doc.version} is not in review: submit it first (firebreak plan submit)`,
    );
  const now = deps.clock.now().toISOString();
  const signoff = {
    id: randomUUID(),
    review_id: round.id,
    plan_id: doc.id,
    version: doc.version,
    hash: doc.hash,
    person,
    decision: input.decision,
    comment,
    at: now,
    recorded_by: describeActor(actor),
  };
  if (!(await deps.preparation.reviews.addSignoff(signoff)))
    throw new DomainError("conflict", `${person} has already decided on this review`);
  if (input.decision === "request_changes")
    await deps.preparation.reviews.close(round.id, "changes_requested", now);
  else if (roundComplete(doc.body, [...round.signoffs, signoff])) {
    if (await deps.preparation.reviews.close(round.id, "approved", now))
      await recordKindDone(
        deps,
        "plan_review",
        [`plan ${doc.id} v${doc.version} (${doc.label}) approved, hash ${doc.hash}`],
        actor,
      );
  }
  return (await planStatus(deps, doc.id)).versions.find(
    (v) => v.version === doc.version,
  ) as VersionStatus;
}

/** The differences between two versions (`3`, `v3`, `current`, `approved`). */
export async function planDiff(
  deps: Deps,
  from: string | number,
  to: string | number,
  planId?: string,
): Promise<PlanDiff> {
  const a = await resolveVersion(deps, planId, from);
  const b = await resolveVersion(deps, planId, to);
  const text = (d: StoredDocument<"plan">) => ({
    version: d.version,
    label: d.label,
    hash: d.hash,
    source: d.source,
    body: d.body as unknown as Record<string, unknown>,
  });
  return diffPlans(text(a), text(b));
}
