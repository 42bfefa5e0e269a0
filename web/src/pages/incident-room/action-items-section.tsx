import { type FormEvent, useState } from "react";
import type { PlanBody } from "../../api/documents";
import { actionItemsApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  incidentId: string;
  plan: PlanBody | undefined;
  editable: boolean;
  revision: number;
}

/** Action items from this incident, tracked to done after it closes (with how it was verified). */
export function ActionItemsSection({ incidentRef, incidentId, plan, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => actionItemsApi.list({ incident: incidentRef }, signal),
    [incidentRef],
    revision,
  );
  const [draft, setDraft, clearDraft] = useDraft(`action:${incidentId}`, {
    title: "",
    owner: "",
    due: "",
  });
  const [saveError, setSaveError] = useState<unknown>();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      await actionItemsApi.create({
        title: draft.title.trim(),
        owner: draft.owner,
        due_at: draft.due,
        incident: incidentRef,
      });
      clearDraft();
      announce("Action item added");
      void reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  const [completing, setCompleting] = useState<string>();
  const [verification, setVerification] = useState("");
  const complete = async (e: FormEvent, ref: string, version: number | null) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      await actionItemsApi.complete(ref, verification.trim(), version);
      setCompleting(undefined);
      setVerification("");
      announce("Action item done");
      void reload();
    } catch (err) {
      setSaveError(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="actions-title">
      <h3 id="actions-title">Action items</h3>
      <ProblemMessage error={error ?? saveError} title="Action items" />
      {data?.length === 0 ? (
        <EmptyState title="No action items" />
      ) : (
        <ul className="record-list compact">
          {data?.map((a) => (
            <li key={a.ref}>
              <span className={`badge action-${a.status}`}>{a.status.replace("_", " ")}</span>{" "}
              <span className="mono small">{a.ref.startsWith("task:") ? "follow-up" : a.ref}</span>{" "}
              {a.title}{" "}
              <span className="muted small">
                {a.owner_name ?? a.owner ?? "no owner"}
                {a.due_at && (
                  <>
                    {" · "}
                    <RelativeTime
                      at={a.due_at}
                      due={a.status !== "done" && a.status !== "cancelled"}
                      prefix="due"
                    />
                  </>
                )}
              </span>
              {editable &&
                a.status !== "done" &&
                a.status !== "cancelled" &&
                completing !== a.ref && (
                  <button
                    type="button"
                    className="link-button small"
                    onClick={() => setCompleting(a.ref)}
                  >
                    Mark done…
                  </button>
                )}
              {completing === a.ref && (
                <form className="inline-form" onSubmit={(e) => void complete(e, a.ref, a.version)}>
                  <label htmlFor={`verify-${a.id}`}>How was it verified?</label>
                  <input
                    id={`verify-${a.id}`}
                    required
                    value={verification}
                    onChange={(e) => setVerification(e.target.value)}
                  />
                  <button type="submit" className="button small" disabled={!verification.trim()}>
                    Done
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="inline-form" onSubmit={add}>
          <div className="field-row">
            <TextField
              id="ai-title"
              label="New action item"
              required
              value={draft.title}
              onChange={(title) => setDraft({ ...draft, title })}
            />
            <SelectField
              id="ai-owner"
              label="Owner"
              required
              value={draft.owner}
              onChange={(owner) => setDraft({ ...draft, owner })}
              none="Choose…"
              choices={plan?.team.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TextField
              id="ai-due"
              label="Due"
              type="date"
              required
              value={draft.due}
              onChange={(due) => setDraft({ ...draft, due })}
            />
          </div>
          <button
            type="submit"
            className="button small"
            disabled={!draft.title.trim() || !draft.owner || !draft.due}
          >
            Add action item
          </button>
        </form>
      )}
    </section>
  );
}
