import { type Actor, describeActor } from "../domain/actor.js";
import { invalidInput } from "../domain/errors.js";
import { newRowId } from "../domain/row-id.js";
import { requiredText } from "../response/incident-change.js";
import type { PostIncidentDeps } from "./deps.js";
import type { CauseNode, Rca } from "./postincident.types.js";
import { changeRca } from "./rca-change.js";
import { checkEvidenceRefs, type EvidenceRefInput } from "./rca-evidence.js";
import { addNode, findCause, removeNode } from "./rca-tree.js";
import { textList } from "./record.js";

export interface CauseInput {
  /** The cause this one explains ("why did the parent happen?"); none for a top-level cause. */
  parent_id?: string | null;
  statement: string;
  evidence?: EvidenceRefInput[];
  contributing_factors?: string[];
}

/** Step 2: adds a "why" link with the evidence it rests on and its contributing factors. */
export async function addCause(
  deps: PostIncidentDeps,
  ref: string,
  input: CauseInput,
  actor: Actor,
  expectedVersion?: number,
): Promise<{ rca: Rca; cause: CauseNode }> {
  const statement = requiredText("statement", input.statement, 5000);
  const factors = textList("contributing_factors", input.contributing_factors, 2000);
  let cause: CauseNode | undefined;
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    async (rca, scope, at) => {
      cause = {
        id: newRowId(),
        parent_id: input.parent_id ?? null,
        statement,
        evidence: await checkEvidenceRefs(deps, input.evidence, scope),
        contributing_factors: factors,
        added_at: at,
        added_by: describeActor(actor),
      };
      return { ...rca, causes: addNode(rca.causes, cause) };
    },
    () => ({
      kind: "rca.cause_added",
      payload: {
        cause_id: cause?.id,
        parent_id: cause?.parent_id,
        statement,
        evidence: cause?.evidence.map((e) => `${e.kind}:${e.id}`),
        contributing_factors: factors,
      },
    }),
    actor,
  );
  return { rca: after, cause: cause as CauseNode };
}

/** Step 2: corrects a "why" link's statement, evidence or contributing factors. */
export async function updateCause(
  deps: PostIncidentDeps,
  ref: string,
  causeId: string,
  patch: Partial<Omit<CauseInput, "parent_id">>,
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const statement =
    patch.statement === undefined ? undefined : requiredText("statement", patch.statement, 5000);
  const factors =
    patch.contributing_factors === undefined
      ? undefined
      : textList("contributing_factors", patch.contributing_factors, 2000);
  if (statement === undefined && factors === undefined && patch.evidence === undefined)
    throw invalidInput("nothing to change: give statement, evidence or contributing_factors");
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    async (rca, scope) => {
      const old = findCause(rca, causeId);
      const next: CauseNode = {
        ...old,
        statement: statement ?? old.statement,
        contributing_factors: factors ?? old.contributing_factors,
        evidence:
          patch.evidence === undefined
            ? old.evidence
            : await checkEvidenceRefs(deps, patch.evidence, scope),
      };
      return { ...rca, causes: rca.causes.map((c) => (c.id === causeId ? next : c)) };
    },
    (before) => ({
      kind: "rca.cause_updated",
      payload: {
        cause_id: causeId,
        from: before.causes.find((c) => c.id === causeId)?.statement,
        ...(statement ? { statement } : {}),
        ...(factors ? { contributing_factors: factors } : {}),
        ...(patch.evidence ? { evidence_changed: true } : {}),
      },
    }),
    actor,
  );
  return after;
}

/** Step 2: removes a "why" link that turned out wrong (a leaf that is not the root cause). */
export async function removeCause(
  deps: PostIncidentDeps,
  ref: string,
  causeId: string,
  actor: Actor,
  expectedVersion?: number,
): Promise<Rca> {
  const { after } = await changeRca(
    deps,
    ref,
    expectedVersion,
    (rca) => ({ ...rca, causes: removeNode(rca, causeId) }),
    (before) => ({
      kind: "rca.cause_removed",
      payload: {
        cause_id: causeId,
        statement: before.causes.find((c) => c.id === causeId)?.statement,
      },
    }),
    actor,
  );
  return after;
}
