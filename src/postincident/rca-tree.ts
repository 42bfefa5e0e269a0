import { DomainError, invalidInput } from "../domain/errors.js";
import type { RcaStatus } from "../domain/post-incident-states.js";
import type { CauseNode, Rca } from "./postincident.types.js";

/** Pure rules of the causal tree and of the four RCA steps; no I/O. */

/** What the status needs to know of the RCA's action items. */
export interface ItemState {
  status: "open" | "in_progress" | "done" | "cancelled";
}

/**
 * The step an RCA has reached: scoping (scope only) → analysing ("why" links, no root cause yet)
 * → solution (root cause found, no solution yet) → implementing (solution chosen, action items
 * open) → complete (at least one action item done, none left open).
 */
export function rcaStatus(
  rca: Pick<Rca, "causes" | "root_cause_id" | "solution">,
  items: readonly ItemState[],
): RcaStatus {
  if (!rca.root_cause_id) return rca.causes.length > 0 ? "analysing" : "scoping";
  if (!rca.solution) return "solution";
  const open = items.some((i) => i.status === "open" || i.status === "in_progress");
  const done = items.some((i) => i.status === "done");
  return done && !open ? "complete" : "implementing";
}

/** The chain of "why" links from a top-level cause down to `causeId`, top first. */
export function causalChain(causes: readonly CauseNode[], causeId: string): CauseNode[] {
  const byId = new Map(causes.map((c) => [c.id, c]));
  const chain: CauseNode[] = [];
  let at = byId.get(causeId);
  while (at) {
    if (chain.includes(at)) throw new DomainError("conflict", "the causal tree has a cycle");
    chain.unshift(at);
    at = at.parent_id ? byId.get(at.parent_id) : undefined;
  }
  return chain;
}

/** The children of a node (or the top-level causes for null), in the order they were added. */
export const childrenOf = (causes: readonly CauseNode[], parentId: string | null) =>
  causes.filter((c) => c.parent_id === parentId);

/** A cause by id, or not_found. */
export function findCause(rca: Rca, causeId: string): CauseNode {
  const cause = rca.causes.find((c) => c.id === causeId);
  if (!cause) throw new DomainError("not_found", `cause ${causeId} is not in ${rca.human_id}`);
  return cause;
}

/** Appends a node under an existing parent (or at the top); the tree stays parents-first. */
export function addNode(causes: readonly CauseNode[], node: CauseNode): CauseNode[] {
  if (node.parent_id !== null && !causes.some((c) => c.id === node.parent_id))
    throw invalidInput(`parent cause ${node.parent_id} does not exist in this analysis`, [
      { message: "no such cause", path: "parent_id" },
    ]);
  return [...causes, node];
}

/** Removes a leaf; a node with children, or the root cause, must stay. */
export function removeNode(rca: Rca, causeId: string): CauseNode[] {
  findCause(rca, causeId);
  if (childrenOf(rca.causes, causeId).length > 0)
    throw new DomainError(
      "conflict",
      "this cause has deeper 'why' links under it; remove those first",
    );
  if (rca.root_cause_id === causeId)
    throw new DomainError(
      "conflict",
      "this is the identified root cause; identify another one before removing it",
    );
  return rca.causes.filter((c) => c.id !== causeId);
}

/** The depth of each node (top-level causes are 1), for indenting the tree in reports. */
export function depths(causes: readonly CauseNode[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const c of causes) depth.set(c.id, c.parent_id ? (depth.get(c.parent_id) ?? 0) + 1 : 1);
  return depth;
}

/** The tree in reading order: each node followed by its subtree (depth-first, added order). */
export function readingOrder(causes: readonly CauseNode[]): CauseNode[] {
  const out: CauseNode[] = [];
  const walk = (parent: string | null) => {
    for (const c of childrenOf(causes, parent)) {
      out.push(c);
      walk(c.id);
    }
  };
  walk(null);
  return out;
}
