import { type FormEvent, forwardRef, useState } from "react";
import { incidentsApi } from "../../api/incidents";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";

interface Props {
  incidentRef: string;
  incidentId: string;
  disabled: boolean;
  /**
   * The incident is closed or declined: notes (only notes) still go on its record, as what was
   * learnt after the end, and say so.
   */
  ended: boolean;
  onPosted: () => void;
}

/**
 * Writing on the timeline: a note, or a decision (what was decided and why); after the end, a
 * note only. What is typed is kept per incident until the server has it, so a failed post or a
 * reload loses nothing.
 */
export const NoteComposer = forwardRef<HTMLTextAreaElement, Props>(function NoteComposer(
  { incidentRef, incidentId, disabled, ended, onPosted },
  ref,
) {
  const [draft, setDraft, clearDraft] = useDraft(`note:${incidentId}`, {
    text: "",
    kind: "note" as "note" | "decision",
  });
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const kind = ended ? "note" : draft.kind;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!draft.text.trim() || saving) return;
    setSaving(true);
    setError(undefined);
    try {
      await incidentsApi.addNote(incidentRef, { text: draft.text.trim(), kind });
      clearDraft();
      announce(kind === "decision" ? "Decision recorded" : "Note added");
      onPosted();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Add to the timeline">
      {ended ? (
        <label htmlFor="composer-text">
          Post-close note: added to the record of the ended incident
        </label>
      ) : (
        <label htmlFor="composer-text" className="visually-hidden">
          {kind === "decision" ? "Text of the decision" : "Text of the note"}
        </label>
      )}
      <textarea
        id="composer-text"
        ref={ref}
        rows={3}
        disabled={disabled}
        placeholder={
          ended
            ? "What was learnt after the end (a late finding, a regulator's answer)"
            : kind === "decision"
              ? "What was decided, by whom, and why"
              : "What happened, what you found, what you are doing (Ctrl+Enter to post)"
        }
        value={draft.text}
        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit();
        }}
      />
      <div className="composer-actions">
        {!ended && (
          <fieldset className="segmented">
            <legend className="visually-hidden">Kind of entry</legend>
            {(["note", "decision"] as const).map((kind) => (
              <label key={kind} className={draft.kind === kind ? "selected" : undefined}>
                <input
                  type="radio"
                  name="composer-kind"
                  value={kind}
                  checked={draft.kind === kind}
                  onChange={() => setDraft({ ...draft, kind })}
                />
                {kind === "note" ? "Note" : "Decision"}
              </label>
            ))}
          </fieldset>
        )}
        <button
          type="submit"
          className="button primary"
          disabled={disabled || saving || !draft.text.trim()}
        >
          {saving
            ? "Posting…"
            : ended
              ? "Post note after close"
              : kind === "decision"
                ? "Record decision"
                : "Post note"}
        </button>
      </div>
      <ProblemMessage error={error} title="Not posted (your text is kept)" />
    </form>
  );
});
