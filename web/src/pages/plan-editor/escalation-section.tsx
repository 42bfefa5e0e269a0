import { type FormEvent, useState } from "react";
import { TextField } from "../../components/fields";
import type { StepInput } from "../../lib/plan-edit";
import type { PlanDraft } from "../../lib/plan-yaml";
import { EditorSection, type SectionProps } from "./editor-section";

/** Everyone and everything a step may notify, grouped as the plan names them. */
function recipientGroups(plan: PlanDraft) {
  return [
    { label: "Roles", items: plan.roles.map((r) => ({ value: `role:${r.id}`, label: r.title })) },
    { label: "People", items: plan.team.map((p) => ({ value: `person:${p.id}`, label: p.name })) },
    {
      label: "Channels",
      items: (plan.channels ?? []).map((c) => ({ value: `channel:${c.id}`, label: c.id })),
    },
  ];
}

/** Who is paged at each severity, step by step, and how long each step waits for an acknowledgement. */
export function EscalationSection({ plan, apply, problems }: SectionProps) {
  const [error, setError] = useState<string>();
  return (
    <EditorSection
      id="escalation"
      title="Escalation"
      intro="Each step notifies its recipients, then waits the given time (e.g. PT15M, 15 minutes) for an acknowledgement before the next."
      problems={problems}
      error={error}
    >
      {(plan.severity_scale ?? []).map((level) => {
        const path = (plan.escalation ?? []).find((e) => e.severity === level.id);
        return (
          <PathForm
            key={`${level.id}:${JSON.stringify(path?.steps ?? [])}`}
            plan={plan}
            severity={level.id}
            title={level.name}
            initial={path?.steps ?? []}
            onSave={(steps) => setError(apply({ op: "escalation", severity: level.id, steps }))}
          />
        );
      })}
    </EditorSection>
  );
}

function PathForm({
  plan,
  severity,
  title,
  initial,
  onSave,
}: {
  plan: PlanDraft;
  severity: string;
  title: string;
  initial: StepInput[];
  onSave: (steps: StepInput[]) => void;
}) {
  const [steps, setSteps] = useState<StepInput[]>(initial);
  const groups = recipientGroups(plan);
  const setStep = (i: number, changes: Partial<StepInput>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...changes } : s)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(steps);
  };
  const p = `escalation-${severity}`;
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${p}-title`}>
      <h3 id={`${p}-title`}>{title}</h3>
      {steps.length === 0 && <p className="warning-text">No escalation: nobody is paged.</p>}
      <ol>
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are positions in the path
          <li key={i}>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${p}-${i}-notify`}>Notify</label>
                <select
                  id={`${p}-${i}-notify`}
                  multiple
                  size={6}
                  value={s.notify}
                  onChange={(e) =>
                    setStep(i, { notify: [...e.target.selectedOptions].map((o) => o.value) })
                  }
                >
                  {groups.map((g) => (
                    <optgroup key={g.label} label={g.label}>
                      {g.items.map((x) => (
                        <option key={x.value} value={x.value}>
                          {x.label}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <TextField
                id={`${p}-${i}-after`}
                label="Then wait"
                hint="ISO 8601 duration: PT10M, PT1H"
                value={s.after}
                onChange={(after) => setStep(i, { after })}
                pattern="P(T?[0-9]+[WDHMS])+"
                required
              />
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() => setSteps(steps.filter((_, j) => j !== i))}
            >
              Remove step {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          onClick={() => setSteps([...steps, { notify: [], after: "PT15M" }])}
        >
          Add a step
        </button>
        <button type="submit" className="button" disabled={steps.length === 0}>
          Apply
        </button>
      </div>
    </form>
  );
}
