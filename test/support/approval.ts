import { type ImportResult, uploadDocuments } from "../../src/documents/document.service.js";
import type { Actor } from "../../src/domain/actor.js";
import type { DocumentKind } from "../../src/domain/document-kind.js";
import { signVersion, submitVersion } from "../../src/preparation/plan-review.service.js";
import type { Runtime } from "../../src/runtime.js";
import { operator } from "./response-helpers.js";

/**
 * Takes stored drafts through approval the way an organisation does: the actor (an admin)
 * submits each, then records the sign-offs of the plan in force's named approvers up to its
 * quorum — or, where the plan names none, approves in their own name. Afterwards the drafts are
 * in force.
 */
export async function approveDrafts(
  rt: Runtime,
  drafts: readonly { kind: DocumentKind | string; id: string; version: number }[],
  actor: Actor = operator,
): Promise<void> {
  for (const d of drafts) {
    const ref = { kind: d.kind as DocumentKind, id: d.id };
    const v = await submitVersion(rt, { ...ref, version: d.version }, actor);
    const signers = v.required_approvers.length
      ? v.required_approvers.slice(0, v.quorum)
      : [undefined];
    for (const as of signers)
      await signVersion(rt, { ...ref, version: d.version, decision: "approve", as }, actor);
  }
}

/** Uploads documents (as an upload through the API would) and approves what it stored. */
export async function uploadApproved(
  rt: Runtime,
  yaml: string,
  actor: Actor = operator,
): Promise<ImportResult> {
  const result = await uploadDocuments(rt.documents, yaml, actor, rt.clock);
  if (!result.inForce) await approveDrafts(rt, result.stored, actor);
  return result;
}
