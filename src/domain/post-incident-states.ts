/**
 * The states and kinds of post-incident records (`postincident/`): what the use cases check, the
 * stores keep and the API's contract answers (Node-free, so the contract and the web import them).
 */

/** Where an RCA stands, derived from what it holds: the four steps of the source document. */
export const RCA_STATUSES = [
  "scoping",
  "analysing",
  "solution",
  "implementing",
  "complete",
] as const;
export type RcaStatus = (typeof RCA_STATUSES)[number];

/** What a "why" link rests on: something recorded on an incident in the RCA's scope. */
export const EVIDENCE_REF_KINDS = ["evidence", "timeline", "indicator", "task", "alert"] as const;
export type EvidenceRefKind = (typeof EVIDENCE_REF_KINDS)[number];

export const ACTION_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const PROPOSAL_STATUSES = ["proposed", "accepted", "rejected", "applied"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
