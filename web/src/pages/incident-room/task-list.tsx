import { isSettled } from "../../../../src/domain/incident/gate";
import { isActive, TASK_PHASES } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/documents";
import type { Incident, Task } from "../../api/incidents";
import { EmptyState } from "../../components/empty-state";
import { phaseLabel } from "../../lib/labels";
import { TaskItem } from "./task-item";

interface Props {
  incident: Incident;
  tasks: Task[];
  plan: PlanBody | undefined;
  highlighted: string | undefined;
  /** The caller may change tasks (not an observer). */
  canWrite: boolean;
  onSaved: (task: Task) => void;
}

/** The checklist, phase by phase in the procedure's order; the current phase is marked. */
export function TaskList({ incident, tasks, plan, highlighted, canWrite, onSaved }: Props) {
  const editable = canWrite && isActive(incident.phase);
  if (tasks.length === 0)
    return (
      <EmptyState title="No tasks">
        <p>The procedure for this incident type has no steps that apply to it.</p>
      </EmptyState>
    );
  return (
    <div className="task-phases">
      {TASK_PHASES.map((phase) => {
        const list = tasks.filter((t) => t.phase === phase).sort((a, b) => a.position - b.position);
        if (list.length === 0) return null;
        const current = incident.phase === phase;
        const done = list.filter(isSettled).length;
        return (
          <section
            key={phase}
            className={`task-phase${current ? " current" : ""}`}
            aria-labelledby={`tasks-${phase}`}
          >
            <h3 id={`tasks-${phase}`}>
              {phaseLabel(phase)}
              {current && <span className="badge current-phase">Current phase</span>}
              <span className="progress-text">
                {done} of {list.length} done
              </span>
            </h3>
            {phase === "remediation" && (
              <p className="hint">
                A parallel track that opens with eradication: fix the same flaw on every other
                system.
              </p>
            )}
            <ul className="tasks">
              {list.map((t) => (
                <TaskItem
                  key={t.id}
                  incidentRef={incident.human_id}
                  task={t}
                  plan={plan}
                  editable={editable}
                  highlighted={highlighted === t.id}
                  onSaved={onSaved}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
