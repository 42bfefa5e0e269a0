import { type FormEvent, useState } from "react";
import { SelectField, TextField } from "../../components/fields";
import { EditorSection, type SectionProps } from "./editor-section";
import { localTimeZone, TIME_ZONES } from "./time-zones";

/** Whose plan this is: the name shown everywhere and the time zone every user sees by default. */
export function OrganisationSection({ plan, apply, problems }: SectionProps) {
  const [name, setName] = useState(plan.organisation?.name ?? "");
  const [zone, setZone] = useState(plan.organisation?.time_zone ?? localTimeZone());
  const [error, setError] = useState<string>();
  const save = (e: FormEvent) => {
    e.preventDefault();
    setError(apply({ op: "organisation", name, time_zone: zone || undefined }));
  };
  return (
    <EditorSection
      id="organisation"
      title="Organisation"
      intro="Your organisation's name, and the time zone times are shown in unless a user picks their own."
      problems={problems}
      error={error}
    >
      <form className="form" onSubmit={save}>
        <div className="field-row">
          <TextField id="org-name" label="Name" value={name} onChange={setName} required />
          <SelectField
            id="org-zone"
            label="Time zone"
            value={zone}
            onChange={setZone}
            choices={TIME_ZONES}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Apply
          </button>
          {plan.organisation && (
            <span className="muted">
              In the draft: {plan.organisation.name}
              {plan.organisation.time_zone ? `, ${plan.organisation.time_zone}` : ""}
            </span>
          )}
        </div>
      </form>
    </EditorSection>
  );
}
