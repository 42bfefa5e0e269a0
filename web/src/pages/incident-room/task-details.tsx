import { type FormEvent, useState } from "react";
import type { PlanBody } from "../../api/documents";
import type { Task, TaskPatch } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { CheckboxField, choices, SelectField } from "../../components/fields";
import { Markdown } from "../../components/markdown";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { STATUS_LABEL } from "../../lib/labels";

interface Props {
  incidentRef: string;
  task: Task;
  plan: PlanBody | undefined;
  editable: boolean;
  onSaved: (task: Task) => void;
}

/** A task opened up: its instructions, evidence, notes, and the less frequent changes. */
export function TaskDetails({ incidentRef, task, plan, editable, onSaved }: Props) {
  const [note, setNote, clearNote] = useDraft(`task-note:${task.id}`, "");
  const [skipReason, setSkipReason, clearSkip] = useDraft(`task-skip:${task.id}`, "");
  const [skipping, setSkipping] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const save = async (patch: TaskPatch, after?: () => void) => {
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await incidentsApi.updateTask(incidentRef, task.id, patch));
      after?.();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const addNote = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) void save({ note: note.trim() }, clearNote);
  };
  const skip = (e: FormEvent) => {
    e.preventDefault();
    void save({ status: "skipped", skip_reason: skipReason.trim() }, () => {
      clearSkip();
      setSkipping(false);
    });
  };

  const settled = task.status === "done" || task.status === "skipped";
  return (
    <div className="task-details">
      {task.instructions && <Markdown source={task.instructions} className="instructions" />}
      {task.evidence_expected.length > 0 && (
        <div className="evidence-expected">
          <h4>Evidence to leave behind</h4>
          <ul>
            {task.evidence_expected.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {task.skip_reason && (
        <p>
          <strong>Skipped because:</strong> {task.skip_reason}
        </p>
      )}
      {task.completed_at && (
        <p className="muted">
          {task.status === "skipped" ? "Skipped" : "Done"} by {task.completed_by}{" "}
          <RelativeTime at={task.completed_at} />
        </p>
      )}

      {task.notes.length > 0 && (
        <div className="task-notes">
          <h4>Notes</h4>
          <ul>
            {task.notes.map((n) => (
              <li key={`${n.at}-${n.by}`}>
                <span className="muted">
                  {n.by}, <RelativeTime at={n.at} />:
                </span>{" "}
                {n.text}
              </li>
            ))}
          </ul>
        </div>
      )}

      {editable && (
        <div className="task-edit">
          <form className="inline-form" onSubmit={addNote}>
            <label htmlFor={`note-${task.id}`}>Add a note to this task</label>
            <textarea
              id={`note-${task.id}`}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) addNote(e);
              }}
            />
            <button type="submit" className="button small" disabled={saving || !note.trim()}>
              Add note
            </button>
          </form>

          <div className="task-controls">
            <SelectField
              id={`assignee-${task.id}`}
              label="Assignee"
              value={task.assignee ?? ""}
              disabled={saving}
              onChange={(assignee) => void save({ assignee: assignee || null })}
              none="Nobody yet"
              choices={plan?.team.map((p) => ({
                value: p.id,
                label: `${p.name}${task.role && p.roles.includes(task.role) ? " ★" : ""}`,
              }))}
            />
            {!settled && (
              <SelectField
                id={`status-${task.id}`}
                label="Status"
                value={task.status}
                disabled={saving}
                onChange={(status) => void save({ status: status as Task["status"] })}
                choices={choices(
                  ["open", "in_progress", "blocked"] as const,
                  (s) => STATUS_LABEL[s],
                )}
              />
            )}
            {task.phase === "remediation" && !settled && (
              <CheckboxField
                id={`follow-${task.id}`}
                label="Follow-up action (tracked after the incident closes)"
                checked={task.follow_up}
                disabled={saving}
                onChange={(follow_up) => void save({ follow_up })}
              />
            )}
          </div>

          {!settled &&
            (skipping ? (
              <form className="inline-form" onSubmit={skip}>
                <label htmlFor={`skip-${task.id}`}>
                  Why skip this task?
                  {task.required ? " (a required step: commander's authority)" : ""}
                </label>
                <textarea
                  id={`skip-${task.id}`}
                  rows={2}
                  required
                  value={skipReason}
                  onChange={(e) => setSkipReason(e.target.value)}
                />
                <div className="form-actions">
                  <button
                    type="submit"
                    className="button small"
                    disabled={saving || !skipReason.trim()}
                  >
                    Skip task
                  </button>
                  <button type="button" className="button small" onClick={() => setSkipping(false)}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : (
              <button type="button" className="button small" onClick={() => setSkipping(true)}>
                Skip with a reason…
              </button>
            ))}
          <ProblemMessage error={error} title="The task was not changed" />
        </div>
      )}
    </div>
  );
}
