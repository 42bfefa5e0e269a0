import { useState } from "react";
import { isSettled } from "../../../../src/domain/incident/gate";
import type { PlanBody } from "../../api/documents";
import type { Task } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { StatusBadge } from "../../components/badges";
import { Person } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { roleTitle } from "../../lib/labels";
import { TaskDetails } from "./task-details";

interface Props {
  incidentRef: string;
  task: Task;
  plan: PlanBody | undefined;
  editable: boolean;
  /** Highlighted after "show me the task that blocks the gate". */
  highlighted: boolean;
  onSaved: (task: Task) => void;
}

/** One checklist line: check it off, see who owns it and when it is due, open it for more. */
export function TaskItem({ incidentRef, task, plan, editable, highlighted, onSaved }: Props) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const settled = isSettled(task);

  const toggle = async () => {
    setSaving(true);
    setError(undefined);
    try {
      onSaved(
        await incidentsApi.updateTask(incidentRef, task.id, { status: settled ? "open" : "done" }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  const checkId = `task-check-${task.id}`;
  return (
    <li
      id={`task-${task.id}`}
      className={`task status-${task.status}${highlighted ? " highlighted" : ""}`}
      data-task-id={task.id}
    >
      <div className="task-line">
        <input
          id={checkId}
          type="checkbox"
          className="task-check"
          checked={settled}
          disabled={!editable || saving}
          aria-describedby={`task-meta-${task.id}`}
          onChange={toggle}
        />
        <div className="task-main">
          <label htmlFor={checkId} className="task-title">
            {task.title}
          </label>
          <div id={`task-meta-${task.id}`} className="task-meta">
            {task.required && <span className="badge required">Required</span>}
            {task.reporting && <span className="badge reporting">Reporting</span>}
            {task.status !== "open" && task.status !== "done" && (
              <StatusBadge status={task.status} />
            )}
            {task.follow_up && <span className="badge follow-up">Follow-up</span>}
            {task.role && <span>{roleTitle(plan, task.role)}</span>}
            {task.assignee && (
              <span>
                → <Person id={task.assignee} plan={plan} />
              </span>
            )}
            {task.due_at && !settled && <RelativeTime at={task.due_at} due prefix="due" />}
            {task.notes.length > 0 && (
              <span className="muted">
                {task.notes.length} note{task.notes.length === 1 ? "" : "s"}
              </span>
            )}
          </div>
        </div>
        <button
          type="button"
          className="icon-button expand"
          aria-expanded={open}
          aria-controls={`task-details-${task.id}`}
          aria-label={`${open ? "Hide" : "Show"} details of ${task.title}`}
          onClick={() => setOpen(!open)}
        >
          {open ? "▴" : "▾"}
        </button>
      </div>
      <ProblemMessage error={error} title="The task was not changed" />
      {open && (
        <div id={`task-details-${task.id}`}>
          <TaskDetails
            incidentRef={incidentRef}
            task={task}
            plan={plan}
            editable={editable}
            onSaved={onSaved}
          />
        </div>
      )}
    </li>
  );
}
