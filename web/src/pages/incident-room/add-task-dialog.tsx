import { useState } from "react";
import { isActive, TASK_PHASES, type TaskPhase } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { Dialog, FormActions } from "../../components/dialog";
import { SelectField, TextAreaField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useSubmit } from "../../hooks/use-submit";
import { phaseLabel } from "../../lib/labels";
import { formatDuration } from "../../lib/time";

/** How soon an ad-hoc task is due, as ISO 8601 durations the API takes. */
const DUE_IN = ["PT30M", "PT1H", "PT2H", "PT4H", "PT8H", "P1D", "P3D", "P7D"];

interface Props {
  open: boolean;
  incident: Incident;
  plan: PlanBody | undefined;
  onClose: () => void;
  onAdded: () => void;
}

/**
 * A task the procedure did not foresee ("check the backups of FS02"), added to the checklist of
 * a phase with an owning role or person and a due time; the timeline records it.
 */
export function AddTaskDialog({ open, incident, plan, onClose, onAdded }: Props) {
  // Every working phase has a checklist; the room offers this only while the incident is open.
  const current: TaskPhase = isActive(incident.phase) ? incident.phase : "post_incident";
  const blank = { title: "", phase: "", instructions: "", role: "", assignee: "", due_in: "" };
  const [draft, setDraft] = useState(blank);
  const set = (patch: Partial<typeof blank>) => setDraft({ ...draft, ...patch });
  const phase = TASK_PHASES.find((p) => p === draft.phase) ?? current;

  const { submit, busy, error } = useSubmit(async () => {
    const title = draft.title.trim();
    await incidentsApi.addTask(incident.human_id, {
      title,
      phase,
      instructions: draft.instructions.trim() || undefined,
      role: draft.role || undefined,
      assignee: draft.assignee || undefined,
      due_in: draft.due_in || undefined,
    });
    announce(`Task added to ${phaseLabel(phase)}: ${title}`);
    setDraft(blank);
    onClose();
    onAdded();
  });

  return (
    <Dialog open={open} title="Add a task" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <TextField
          id="at-title"
          label="Task"
          required
          maxLength={300}
          value={draft.title}
          onChange={(title) => set({ title })}
        />
        <SelectField
          id="at-phase"
          label="Phase"
          value={phase}
          onChange={(p) => set({ phase: p })}
          choices={TASK_PHASES.map((p) => ({ value: p, label: phaseLabel(p) }))}
        />
        <TextAreaField
          id="at-instructions"
          label="Instructions (optional)"
          rows={2}
          value={draft.instructions}
          onChange={(instructions) => set({ instructions })}
        />
        <div className="field-row">
          <SelectField
            id="at-role"
            label="Owning role"
            none="No role"
            value={draft.role}
            onChange={(role) => set({ role })}
            choices={plan?.roles.map((r) => ({ value: r.id, label: r.title }))}
          />
          <SelectField
            id="at-assignee"
            label="Person"
            none="Nobody yet"
            value={draft.assignee}
            onChange={(assignee) => set({ assignee })}
            choices={plan?.team.map((p) => ({ value: p.id, label: p.name }))}
          />
        </div>
        <SelectField
          id="at-due"
          label="Due"
          none="No due time"
          value={draft.due_in}
          onChange={(due_in) => set({ due_in })}
          choices={DUE_IN.map((d) => ({ value: d, label: `in ${formatDuration(d)}` }))}
        />
        <ProblemMessage error={error} title="Task not added" />
        <FormActions
          label="Add task"
          busyLabel="Adding…"
          busy={busy}
          disabled={!draft.title.trim()}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
