import { type FormEvent, useState } from "react";
import { WEEKDAYS } from "../../../../src/domain/on-call";
import { CheckboxField, choices, SelectField, TextField } from "../../components/fields";
import type { RotationInput } from "../../lib/plan-edit";
import type { PlanDraft } from "../../lib/plan-yaml";
import { EditorSection, type SectionProps } from "./editor-section";
import { localTimeZone, TIME_ZONES } from "./time-zones";

const DAY_CHOICES = choices(WEEKDAYS, (d) => d[0]?.toUpperCase() + d.slice(1));

/** The next Monday (or today, if it is one), as YYYY-MM-DD: a new rotation's first week. */
function nextMonday(now = new Date()): string {
  const d = new Date(now);
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7));
  return d.toISOString().slice(0, 10);
}

/** Weekly on-call rotations: escalation pages whoever is on call for a role. */
export function OnCallSection({ plan, apply, problems }: SectionProps) {
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState("");
  const rotations = plan.on_call ?? [];
  const without = plan.roles.filter((r) => !rotations.some((x) => x.role === r.id));
  const save = (role: string, rotation: RotationInput | null) =>
    setError(apply({ op: "rotation", role, rotation }));
  return (
    <EditorSection
      id="on-call"
      title="On call"
      intro="For a role with a rotation, escalation pages the one person on call that week; for the others, everyone who holds the role."
      problems={problems}
      error={error}
    >
      {rotations.map((r) => (
        <RotationForm
          key={r.role}
          plan={plan}
          role={r.role}
          initial={{
            people: r.people,
            day: r.handoff.day,
            time: r.handoff.time,
            time_zone: r.time_zone,
            starts: r.starts,
          }}
          onSave={(rotation) => save(r.role, rotation)}
        />
      ))}
      {without.length > 0 && (
        <div className="form">
          <SelectField
            id="rotation-new-role"
            label="Add a rotation for"
            value={adding}
            onChange={setAdding}
            none="Choose a role…"
            choices={without.map((r) => ({ value: r.id, label: r.title }))}
          />
          {adding && (
            <RotationForm
              key={adding}
              plan={plan}
              role={adding}
              initial={{
                people: plan.team.filter((p) => (p.roles ?? []).includes(adding)).map((p) => p.id),
                day: "monday",
                time: "09:00",
                time_zone: plan.organisation?.time_zone ?? localTimeZone(),
                starts: nextMonday(),
              }}
              onSave={(rotation) => {
                save(adding, rotation);
                setAdding("");
              }}
            />
          )}
        </div>
      )}
    </EditorSection>
  );
}

function RotationForm({
  plan,
  role,
  initial,
  onSave,
}: {
  plan: PlanDraft;
  role: string;
  initial: RotationInput;
  onSave: (rotation: RotationInput | null) => void;
}) {
  const [r, setR] = useState(initial);
  const set = (changes: Partial<RotationInput>) => setR({ ...r, ...changes });
  const title = plan.roles.find((x) => x.id === role)?.title ?? role;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(r);
  };
  const p = `rotation-${role}`;
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${p}-title`}>
      <h3 id={`${p}-title`}>{title}</h3>
      <fieldset className="field">
        <legend>In the rotation, one week each in this order</legend>
        <div className="field-row">
          {plan.team.map((person) => (
            <CheckboxField
              key={person.id}
              id={`${p}-${person.id}`}
              label={person.name}
              checked={r.people.includes(person.id)}
              onChange={(on) =>
                set({
                  people: on ? [...r.people, person.id] : r.people.filter((x) => x !== person.id),
                })
              }
            />
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <SelectField
          id={`${p}-day`}
          label="Hand-over day"
          value={r.day}
          onChange={(day) => set({ day })}
          choices={DAY_CHOICES}
        />
        <TextField
          id={`${p}-time`}
          label="Hand-over time"
          type="time"
          value={r.time}
          onChange={(time) => set({ time })}
          required
        />
        <SelectField
          id={`${p}-zone`}
          label="Time zone"
          value={r.time_zone}
          onChange={(time_zone) => set({ time_zone })}
          choices={TIME_ZONES}
        />
        <TextField
          id={`${p}-starts`}
          label="First week starts"
          type="date"
          value={r.starts}
          onChange={(starts) => set({ starts })}
          required
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={r.people.length === 0}>
          Apply
        </button>
        <button type="button" className="button" onClick={() => onSave(null)}>
          Remove the rotation
        </button>
      </div>
    </form>
  );
}
