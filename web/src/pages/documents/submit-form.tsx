import { type ReactNode, useId, useState } from "react";
import { documentReviewApi } from "../../api/document-review";
import type { DocumentKind } from "../../api/documents";
import { TextAreaField } from "../../components/fields";
import { ProblemMessage } from "../../components/problem-message";
import { useSubmit } from "../../hooks/use-submit";

interface Props {
  kind: DocumentKind;
  docId: string;
  /** The draft version to submit. */
  version: number;
  /** A heading above the form, where the page needs one. */
  heading?: ReactNode;
  className?: string;
  /** After the server took it (say so, reload, or move on). */
  onSubmitted: () => Promise<void> | void;
}

/** Submits a draft for approval with an optional note for the approvers. */
export function SubmitForApproval({
  kind,
  docId,
  version,
  heading,
  className,
  onSubmitted,
}: Props) {
  const [note, setNote] = useState("");
  const headingId = useId();
  const noteId = useId();
  const submit = useSubmit(async () => {
    await documentReviewApi.submit(kind, docId, version, note);
    setNote("");
    await onSubmitted();
  });
  return (
    <form
      className={className ?? "form"}
      aria-labelledby={heading ? headingId : undefined}
      onSubmit={submit.submit}
    >
      {heading && <h2 id={headingId}>{heading}</h2>}
      <TextAreaField
        id={noteId}
        label="Note for the approvers"
        hint="What changed and why (optional)."
        rows={3}
        value={note}
        onChange={setNote}
      />
      <ProblemMessage error={submit.error} title="Not submitted" />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={submit.busy}>
          {submit.busy ? "Submitting…" : "Submit for approval"}
        </button>
      </div>
    </form>
  );
}
