import { audit } from "../audit/audit.service.js";
import {
  currentPlan,
  lintAgainstInForce,
  refuseLintErrors,
  rehydrate,
} from "../documents/document.service.js";
import type { DocumentState, StoredDocument } from "../documents/document.types.js";
import type { PlanDocument } from "../documents/plan.schema.js";
import { type Actor, describeActor } from "../domain/actor.js";
import type { DocumentKind } from "../domain/document-kind.js";
import { DomainError, invalidInput, notFound } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { recordKindDone } from "./activity.service.js";
import { diffPlans, type PlanDiff } from "./plan-diff.js";
import {
  eligibleApprovers,
  planStatuses,
  requiredApprovers,
  roundComplete,
  type VersionStatus,
} from "./plan-state.js";
import type { PlanReview, PreparationDeps } from "./preparation.types.js";

type Deps = Pick<PreparationDeps, "documents" | "clock" | "preparation" | "audit">;

/** Which document: a kind and its id (for plans, default the plan in force). */
export type DocumentRef = { kind?: DocumentKind; id?: string };

/** A document's approval picture: the version in force, the one awaiting approval, every version. */
export type DocumentStatus = {
  kind: DocumentKind;
  /** The document's id (any kind). */
  plan_id: string;
  title: string;
  /** The version in force; when none is (retired), the newest version. */
  current: VersionStatus;
  /** The newest version when it is not the one in force: the draft awaiting approval. */
  pending: VersionStatus | null;
  /** The newest approved version, or null. */
  approved: VersionStatus | null;
  versions: VersionStatus[];
  /** Every decision on what is in force (first load, approvals, retirement), oldest first. */
  history: DocumentState[];
};

const label = (d: { kind: string; plan_id?: string; id?: string; version: number }) =>
  `${d.kind}/${d.plan_id ?? d.id}@v${d.version}`;

async function versionsOf(deps: Deps, ref: DocumentRef) {
  const kind = ref.kind ?? "plan";
  let id = ref.id;
  if (!id) {
    if (kind !== "plan")
      throw invalidInput(`say which ${kind} (id)`, [{ path: "id", message: "required" }]);
    id = (await currentPlan(deps.documents)).id;
  }
  const versions = await deps.documents.versions(kind, id);
  if (versions.length === 0) throw notFound(kind, id);
  return { kind, id, versions };
}

/** Every version of a document with its approval state, judged by the plan in force. */
export async function documentStatus(deps: Deps, ref: DocumentRef = {}): Promise<DocumentStatus> {
  const { kind, id, versions } = await versionsOf(deps, ref);
  const history = await deps.documents.states(kind, id);
  const statuses = planStatuses(
    versions,
    await deps.preparation.reviews.reviews(kind, id),
    history,
    (await currentPlan(deps.documents)).body,
    deps.clock.now(),
  );
  const newest = statuses[0] as VersionStatus;
  const inForce = statuses.find((s) => s.in_force);
  return {
    kind,
    plan_id: id,
    title:
      (inForce ? versions.find((v) => v.version === inForce.version) : versions[0])?.title ?? id,
    current: inForce ?? newest,
    pending: newest.in_force ? null : newest,
    approved: statuses.find((s) => s.state === "approved" || s.state === "due_for_review") ?? null,
    versions: statuses,
    history,
  };
}

/**
 * Every document whose newest version is a draft or in review (not in force), with its approval
 * picture: what the approvers have to look at.
 */
export async function pendingDocuments(deps: Deps): Promise<DocumentStatus[]> {
  const inForce = new Map(
    (await deps.documents.current()).map((d) => [`${d.kind}/${d.id}`, d.version]),
  );
  const waiting = (await deps.documents.latest()).filter(
    (d) => inForce.get(`${d.kind}/${d.id}`) !== d.version,
  );
  const statuses = await Promise.all(waiting.map((d) => documentStatus(deps, d)));
  // A retired document's last version is out of force but awaits nothing.
  return statuses.filter((s) => s.pending?.state === "draft" || s.pending?.state === "in_review");
}

/** `3`, `v3`, `current` (in force), `latest` (newest), `approved` → a stored version. */
async function resolveVersion(deps: Deps, ref: DocumentRef, version: string | number) {
  const { kind, id, versions } = await versionsOf(deps, ref);
  const text = String(version).trim().toLowerCase();
  const pick = (n: number | undefined) => versions.find((v) => v.version === n);
  let found: StoredDocument | undefined;
  if (text === "latest") found = versions[0];
  else if (text === "current" || text === "in_force") found = await deps.documents.get(kind, id);
  else if (text === "approved")
    found = pick((await documentStatus(deps, { kind, id })).approved?.version);
  else {
    const n = Number(text.replace(/^v/, ""));
    found = Number.isInteger(n) ? pick(n) : undefined;
  }
  if (!found) throw notFound(`${kind} version`, `${id}@${version}`);
  return found;
}

async function statusOf(deps: Deps, doc: StoredDocument): Promise<VersionStatus> {
  return (await documentStatus(deps, doc)).versions.find(
    (v) => v.version === doc.version,
  ) as VersionStatus;
}

/** Refuses a version that would not lint clean once in force beside what is in force now. */
async function mustFitInForce(deps: Deps, doc: StoredDocument): Promise<void> {
  if ((await deps.documents.get(doc.kind, doc.id))?.version === doc.version) return;
  refuseLintErrors(
    await lintAgainstInForce(deps.documents, deps.clock, rehydrate([doc])),
    `if ${label(doc)} came into force beside what is in force now`,
  );
}

/**
 * Submits a version (default: the newest) for approval: opens a review round for exactly its
 * content, after checking that it fits what is in force. Rounds still open for other versions
 * are withdrawn (they review text that is no longer proposed). The version in force may be
 * submitted again: that is the periodic review, and its approval restarts the review cycle.
 */
export async function submitVersion(
  deps: Deps,
  input: DocumentRef & { version?: string | number; note?: string },
  actor: Actor,
): Promise<VersionStatus> {
  const doc = await resolveVersion(deps, input, input.version ?? "latest");
  const rounds = await deps.preparation.reviews.reviews(doc.kind, doc.id);
  const now = deps.clock.now().toISOString();
  if (rounds.some((r) => r.status === "open" && r.version === doc.version))
    throw new DomainError("conflict", `${label(doc)} is already in review`);
  await mustFitInForce(deps, doc);
  for (const r of rounds.filter((x) => x.status === "open"))
    await deps.preparation.reviews.close(r.id, "withdrawn", now);
  const note = (input.note ?? "").trim().slice(0, 5000);
  const id = newRowId();
  await deps.preparation.reviews.open({
    id,
    kind: doc.kind,
    plan_id: doc.id,
    version: doc.version,
    hash: doc.hash,
    status: "open",
    submitted_at: now,
    submitted_by: describeActor(actor),
    note,
    closed_at: null,
  });
  await audit(deps, {
    actor,
    action: "document.submitted",
    target: label(doc),
    details: { hash: doc.hash, review: id, note },
  });
  return statusOf(deps, doc);
}

/** An approver's decision on the version in review. */
export interface SignInput extends DocumentRef {
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
 * While the plan in force is the built-in example (`example: true`), its approvers are example
 * people nobody signs in as: an admin's own approval is the whole quorum, so that the first
 * version of the organisation's own plan can come into force (docs/adr/0003).
 */
function exampleBootstrap(plan: PlanDocument, adminSelf: boolean): boolean {
  return plan.example === true && adminSelf;
}

/**
 * Refuses a person who may not decide on documents under the plan in force: its named approvers
 * when it names some; else anyone holding `approve_plan`, or an admin deciding in their own name
 * (and, under the example plan, an admin always).
 */
function mustBeApprover(plan: PlanDocument, person: string, adminSelf: boolean): void {
  const required = requiredApprovers(plan);
  if ((required.length === 0 && adminSelf) || exampleBootstrap(plan, adminSelf)) return;
  if (!eligibleApprovers(plan).includes(person))
    throw new DomainError(
      "forbidden",
      `${person} holds no role with the 'approve_plan' authority in the plan in force`,
    );
  if (required.length > 0 && !required.includes(person))
    throw new DomainError(
      "forbidden",
      `${person} is not one of the plan's named approvers (${required.join(", ")})`,
    );
}

/**
 * Puts an approved version in force: the previous version is superseded (for a plan, any other
 * plan in force too, since exactly one plan governs). Each change is audited.
 */
async function putInForce(deps: Deps, doc: StoredDocument, round: PlanReview, actor: Actor) {
  const at = deps.clock.now();
  const previous = await deps.documents.get(doc.kind, doc.id);
  await deps.documents.setState(
    {
      kind: doc.kind,
      id: doc.id,
      state: "in_force",
      version: doc.version,
      hash: doc.hash,
      reason: `approved in review ${round.id}`,
    },
    actor,
    at,
  );
  await audit(deps, {
    actor,
    action: "document.in_force",
    target: label(doc),
    details: { hash: doc.hash, review: round.id, previous: previous?.version ?? null },
  });
  const replaced = previous && previous.version !== doc.version ? [previous] : [];
  if (doc.kind === "plan")
    replaced.push(...(await deps.documents.current("plan")).filter((p) => p.id !== doc.id));
  for (const old of replaced) {
    if (old.id !== doc.id)
      await deps.documents.setState(
        {
          kind: old.kind,
          id: old.id,
          state: "retired",
          version: null,
          hash: null,
          reason: `superseded by ${label(doc)}`,
        },
        actor,
        at,
      );
    await audit(deps, {
      actor,
      action: "document.superseded",
      target: label(old),
      details: { hash: old.hash, replaced_by: label(doc) },
    });
  }
}

/**
 * Records one approver's decision on the open round of a version (default: the version in
 * review): `approve` — once the quorum of the plan in force has signed this exact hash, the
 * version comes into force — or `request_changes` (the round closes and the version is a draft
 * again). Each sign-off keeps the person, the time and the hash, and is audited. A plan's
 * approval also counts as the plan review of the readiness programme.
 */
export async function signVersion(
  deps: Deps,
  input: SignInput,
  actor: Actor,
): Promise<VersionStatus> {
  const { kind, id } = await versionsOf(deps, input);
  const open = (await deps.preparation.reviews.reviews(kind, id)).filter(
    (r) => r.status === "open",
  );
  const doc = await resolveVersion(
    deps,
    { kind, id },
    input.version ?? open.at(-1)?.version ?? "latest",
  );
  if (input.hash !== undefined && input.hash !== doc.hash)
    throw new DomainError(
      "conflict",
      `${label(doc)} has hash ${doc.hash.slice(0, 12)}…, not ${input.hash.slice(0, 12)}…: it is not the text you read`,
    );
  const person = signer(actor, input.as);
  const approverPlan = (await currentPlan(deps.documents)).body;
  const adminSelf = input.as === undefined && actor.admin === true;
  mustBeApprover(approverPlan, person, adminSelf);
  const comment = (input.comment ?? "").trim().slice(0, 5000);
  if (input.decision === "request_changes" && !comment)
    throw invalidInput("say what should change (comment)", [
      { message: "required", path: "comment" },
    ]);
  const round = open.filter((r) => r.version === doc.version).at(-1);
  if (!round)
    throw new DomainError(
      "conflict",
      `${label(doc)} is not in review: submit it first (firebreak documents submit)`,
    );
  const now = deps.clock.now().toISOString();
  const signoff = {
    id: newRowId(),
    review_id: round.id,
    kind: doc.kind,
    plan_id: doc.id,
    version: doc.version,
    hash: doc.hash,
    person,
    decision: input.decision,
    comment,
    at: now,
    recorded_by: describeActor(actor),
  };
  // An approval is for a version that still fits what is in force now (it may have changed
  // since the submission).
  if (input.decision === "approve") await mustFitInForce(deps, doc);
  if (!(await deps.preparation.reviews.addSignoff(signoff)))
    throw new DomainError("conflict", `${person} has already decided on this review`);
  // Counted from the stored sign-offs, so that two approvers signing at once cannot both miss
  // the quorum; closing the round succeeds once, so the version comes into force once.
  const signed = (await deps.preparation.reviews.reviews(kind, id)).find((r) => r.id === round.id);
  const completes =
    input.decision === "approve" &&
    (exampleBootstrap(approverPlan, adminSelf) ||
      roundComplete(approverPlan, signed?.signoffs ?? []));
  await audit(deps, {
    actor,
    action: input.decision === "approve" ? "document.approved" : "document.changes_requested",
    target: label(doc),
    details: { person, hash: doc.hash, review: round.id, comment, quorum_reached: completes },
  });
  if (input.decision === "request_changes")
    await deps.preparation.reviews.close(round.id, "changes_requested", now);
  else if (completes && (await deps.preparation.reviews.close(round.id, "approved", now))) {
    await putInForce(deps, doc, round, actor);
    if (doc.kind === "plan")
      await recordKindDone(
        deps,
        "plan_review",
        [`plan ${doc.id} v${doc.version} (${doc.label}) approved, hash ${doc.hash}`],
        actor,
      );
  }
  return statusOf(deps, doc);
}

/**
 * Retires a document: no version of it is in force any more (a procedure no longer used, an
 * exercise dropped). New incidents stop using it; running incidents keep the version they
 * pinned. The plan itself is replaced by approving another version, never retired. Decided by
 * an approver of the plan in force (or an admin), with a reason, refused when what stays in
 * force would not lint clean without it (the plan still names the procedure, say), and audited.
 */
export async function retireDocument(
  deps: Deps,
  input: { kind: DocumentKind; id: string; reason?: string },
  actor: Actor,
): Promise<DocumentStatus> {
  if (input.kind === "plan")
    throw new DomainError(
      "conflict",
      "the plan in force is replaced by approving another version, not retired",
    );
  const doc = await deps.documents.get(input.kind, input.id);
  if (!doc) throw notFound(`${input.kind} in force`, input.id);
  const reason = (input.reason ?? "").trim().slice(0, 5000);
  if (!reason)
    throw invalidInput("say why it is retired (reason)", [{ message: "required", path: "reason" }]);
  if (actor.admin !== true)
    mustBeApprover((await currentPlan(deps.documents)).body, signer(actor, undefined), false);
  refuseLintErrors(
    await lintAgainstInForce(deps.documents, deps.clock, [], [doc]),
    `in what stays in force without ${label(doc)}`,
  );
  await deps.documents.setState(
    { kind: doc.kind, id: doc.id, state: "retired", version: null, hash: null, reason },
    actor,
    deps.clock.now(),
  );
  await audit(deps, {
    actor,
    action: "document.retired",
    target: label(doc),
    details: { hash: doc.hash, reason },
  });
  return documentStatus(deps, doc);
}

/** The differences between two versions (`3`, `v3`, `current`, `latest`, `approved`). */
export async function versionDiff(
  deps: Deps,
  from: string | number,
  to: string | number,
  ref: DocumentRef = {},
): Promise<PlanDiff> {
  const a = await resolveVersion(deps, ref, from);
  const b = await resolveVersion(deps, ref, to);
  const text = (d: StoredDocument) => ({
    version: d.version,
    label: d.label,
    hash: d.hash,
    source: d.source,
    body: d.body as unknown as Record<string, unknown>,
  });
  return diffPlans(text(a), text(b));
}
