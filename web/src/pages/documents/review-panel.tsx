import { useRef, useState } from "react";
import { documentReviewApi, type VersionStatus } from "../../api/document-review";
import type { DocumentKind } from "../../api/documents";
import { TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Actor, Person } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { personName } from "../../lib/labels";
import { mayDecide } from "../../lib/may-decide";
import { formatDateTime } from "../../lib/time";
import { useCurrentPlan } from "../../plan-context";
import { useSession } from "../../session-context";
import { SubmitForApproval } from "./submit-form";

const STATE_LABEL: Record<VersionStatus["state"], string> = {
  draft: "Draft: not submitted for approval",
  in_review: "In review: waiting for the approvers",
  approved: "Approved",
  due_for_review: "Due for review",
  superseded: "Superseded",
  retired: "Retired",
};

/**
 * The newest version's approval, on a document's versions page: its state, submitting it, and
 * for the people who may decide (the plan's approvers, or an admin while the plan in force is the
 * built-in example, ADR 0003) Approve — bound to the hash of the text they read — and Request
 * changes; who has signed and who is still missing, by name.
 */
export function ReviewPanel({
  kind,
  docId,
  onDecided,
}: {
  kind: DocumentKind;
  docId: string;
  /** After a decision or a submission: the versions list may have changed. */
  onDecided: () => void;
}) {
  const plan = useCurrentPlan();
  const { session } = useSession();
  const status = useResource(
    (signal) => documentReviewApi.status(kind, docId, signal),
    [kind, docId],
  );
  const [comment, setComment] = useState("");
  // Which of the two buttons sent the decision form (both submit it, with the comment).
  const decisionRef = useRef<"approve" | "request_changes">("approve");
  const pending = status.data?.pending;
  const body = plan.data?.body;
  const name = (id: string) => personName(body, id);
  const admin = !session || session.role === "admin";
  const who = { person: session?.user?.person_id ?? session?.user?.id, admin };
  const decides =
    pending?.state === "in_review" &&
    session?.role !== "observer" &&
    mayDecide(pending, who, body?.example === true);

  const after = async (message: string) => {
    announce(message);
    setComment("");
    await status.reload();
    onDecided();
    // An approved plan is the plan in force now: every screen reads it from there.
    if (kind === "plan") void plan.reload();
  };

  const sign = useSubmit(async () => {
    if (!pending) return;
    const decision = decisionRef.current;
    const v = await documentReviewApi.sign(kind, docId, {
      version: pending.version,
      hash: pending.hash,
      decision,
      comment,
    });
    await after(
      decision === "request_changes"
        ? `Changes requested on v${v.version}`
        : v.in_force
          ? `Approved: v${v.version} is in force`
          : `Approved v${v.version}; waiting for the other approvers`,
    );
  });

  if (status.error) return <ProblemMessage error={status.error} title="Could not load approval" />;
  if (!status.data) return null;
  const current = status.data.current;
  const round = pending?.review;
  return (
    <section className="panel" aria-labelledby="review-title">
      <h2 id="review-title">Approval</h2>
      {!pending ? (
        <p>
          The newest version, v{current.version} “{current.label}”, is in force
          {current.approved_at ? ` (approved ${formatDateTime(current.approved_at)})` : ""}. Edit
          the document to propose a new version.
        </p>
      ) : (
        <>
          <p>
            <strong>
              v{pending.version} “{pending.label}”
            </strong>
            : {STATE_LABEL[pending.state]}. Stored <DateTime at={pending.created_at} /> by{" "}
            <Actor actor={pending.created_by} />.
          </p>
          {round && (
            <dl className="review-people">
              <dt>Submitted</dt>
              <dd>
                <DateTime at={round.submitted_at} /> by <Actor actor={round.submitted_by} />
                {round.note && <> — “{round.note}”</>}
                {round.status === "changes_requested" && " (changes were requested)"}
              </dd>
              <dt>Approvers</dt>
              <dd>
                {pending.required_approvers.length > 0
                  ? `${pending.quorum >= pending.required_approvers.length ? "all" : pending.quorum} of ${pending.required_approvers.map(name).join(", ")}`
                  : `any ${pending.quorum} of ${pending.eligible_approvers.map(name).join(", ") || "the admins"}`}
              </dd>
              <dt>Signed</dt>
              <dd>
                {round.signoffs.length === 0 ? (
                  "nobody yet"
                ) : (
                  <ul>
                    {round.signoffs.map((s) => (
                      <li key={s.id}>
                        <Person id={s.person} plan={body} />:{" "}
                        {s.decision === "approve" ? "approved" : "requested changes"}{" "}
                        <DateTime at={s.at} />
                        {s.comment && <> — “{s.comment}”</>}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              {round.status === "open" && (
                <>
                  <dt>Missing</dt>
                  <dd>
                    {pending.missing.length ? pending.missing.map(name).join(", ") : "nobody"}
                  </dd>
                </>
              )}
            </dl>
          )}
          {body?.example === true && (
            <p className="muted">
              The plan in force is the built-in example: an administrator's own approval brings a
              version into force (its approvers are example people nobody signs in as).
            </p>
          )}
          {pending.state === "draft" && admin && (
            <SubmitForApproval
              kind={kind}
              docId={docId}
              version={pending.version}
              onSubmitted={() => after(`Submitted v${pending.version} for approval`)}
            />
          )}
          {decides && (
            <form
              className="form"
              onSubmit={(e) => {
                const sender = (e.nativeEvent as SubmitEvent).submitter;
                decisionRef.current =
                  sender?.getAttribute("value") === "request_changes"
                    ? "request_changes"
                    : "approve";
                void sign.submit(e);
              }}
            >
              <p>
                You decide on the text with hash{" "}
                <code className="mono" title={pending.hash}>
                  {pending.hash.slice(0, 16)}
                </code>
                ; a different text cannot carry your sign-off.
              </p>
              <TextAreaField
                id="review-comment"
                label="Comment"
                hint="Required when you request changes: say what should change."
                rows={3}
                value={comment}
                onChange={setComment}
              />
              <ProblemMessage error={sign.error} title="Your decision was not recorded" />
              <div className="form-actions">
                <button
                  type="submit"
                  value="approve"
                  className="button primary"
                  disabled={sign.busy}
                >
                  Approve v{pending.version}
                </button>
                <button
                  type="submit"
                  value="request_changes"
                  className="button"
                  disabled={sign.busy || !comment.trim()}
                >
                  Request changes
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
