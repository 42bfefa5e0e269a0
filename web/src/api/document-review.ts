import { planReview } from "../../../src/contract/plan-review";
import { client } from "./client";
import type { DocumentKind } from "./documents";

export type {
  DocumentStatusView as DocumentStatus,
  VersionStatusView as VersionStatus,
} from "../../../src/contract/plan-review";

const params = (kind: DocumentKind, id: string) => ({ kind, id });

/** A document's approval: its versions' states, submission, sign-offs (`contract/plan-review.ts`). */
export const documentReviewApi = {
  status: (kind: DocumentKind, id: string, signal?: AbortSignal) =>
    client.call(planReview.document.status, { params: params(kind, id) }, { signal }),

  /** Submits a version (the newest) for approval, with a note for the approvers. */
  submit: (kind: DocumentKind, id: string, version: number, note: string) =>
    client.call(planReview.document.submit, {
      params: params(kind, id),
      body: { version, note: note || undefined },
    }),

  /** The signed-in person's decision on the version in review, bound to the hash they read. */
  sign: (
    kind: DocumentKind,
    id: string,
    decision: {
      version: number;
      hash: string;
      decision: "approve" | "request_changes";
      comment: string;
    },
  ) =>
    client.call(planReview.document.sign, {
      params: params(kind, id),
      body: { ...decision, comment: decision.comment || undefined },
    }),
};
