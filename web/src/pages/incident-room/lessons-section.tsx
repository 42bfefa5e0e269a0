import { type FormEvent, useEffect, useState } from "react";
import { ApiError } from "../../api/client";
import { type Lessons, lessonsApi } from "../../api/postincident";
import { TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  incidentId: string;
  editable: boolean;
  revision: number;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.replace(/^\s*[-*]\s*/, "").trim())
    .filter(Boolean);
const text = (list: string[]) => list.join("\n");
const FIELDS = [
  ["went_well", "What went well (one per line)"],
  ["went_poorly", "What went poorly (one per line)"],
  ["learned", "What we learned (one per line)"],
] as const;

type Draft = Record<"what_happened" | "went_well" | "went_poorly" | "learned", string>;
const fromLessons = (l: Lessons): Draft => ({
  what_happened: l.what_happened,
  went_well: text(l.went_well),
  went_poorly: text(l.went_poorly),
  learned: text(l.learned),
});

/** The lessons-learned review: what happened, what went well and poorly, what we learned. */
export function LessonsSection({ incidentRef, incidentId, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) =>
      lessonsApi.get(incidentRef, signal).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [incidentRef],
    revision,
  );
  const [draft, setDraft, clearDraft] = useDraft<Draft | null>(`lessons:${incidentId}`, null);
  const [saveError, setSaveError] = useState<unknown>();
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (draft) setEditing(true);
  }, [draft]);

  const value: Draft =
    draft ??
    (data ? fromLessons(data) : { what_happened: "", went_well: "", went_poorly: "", learned: "" });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      await lessonsApi.save(
        incidentRef,
        {
          what_happened: value.what_happened.trim(),
          went_well: lines(value.went_well),
          went_poorly: lines(value.went_poorly),
          learned: lines(value.learned),
        },
        data?.version,
      );
      clearDraft();
      setEditing(false);
      announce("Lessons learned saved");
      void reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === "stale_version") void reload();
      setSaveError(err);
    }
  };

  return (
    <section className="panel" aria-labelledby="lessons-title">
      <h3 id="lessons-title">Lessons learned</h3>
      <ProblemMessage error={error} title="Could not load the review" />
      {data && !editing && (
        <>
          <p className="description">{data.what_happened}</p>
          {FIELDS.map(([key, label]) =>
            data[key].length > 0 ? (
              <div key={key}>
                <h4>{label.replace(" (one per line)", "")}</h4>
                <ul>
                  {data[key].map((x) => (
                    <li key={x}>{x}</li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
          <p className="muted small">
            Last changed by {data.updated_by} <RelativeTime at={data.updated_at} />
          </p>
        </>
      )}
      {data === null && !editing && <p className="muted">No review written yet.</p>}
      {editable && !editing && (
        <button type="button" className="button small" onClick={() => setEditing(true)}>
          {data ? "Edit the review" : "Write the review"}
        </button>
      )}
      {editable && editing && (
        <form className="form" onSubmit={save}>
          <TextAreaField
            id="ll-what"
            label="What happened"
            rows={3}
            required
            value={value.what_happened}
            onChange={(what_happened) => setDraft({ ...value, what_happened })}
          />
          {FIELDS.map(([key, label]) => (
            <TextAreaField
              key={key}
              id={`ll-${key}`}
              label={label}
              rows={3}
              value={value[key]}
              onChange={(text) => setDraft({ ...value, [key]: text })}
            />
          ))}
          <ProblemMessage error={saveError} title="Not saved (what you typed is kept)" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!value.what_happened.trim()}>
              Save review
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                clearDraft();
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
