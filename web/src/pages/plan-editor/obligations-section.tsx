import { type FormEvent, useState } from "react";
import type { Obligation } from "../../api/documents";
import { CheckboxField, TextField } from "../../components/fields";
import { EditorSection, type SectionProps } from "./editor-section";

/**
 * The regulatory obligations: which apply to the organisation, and whom each notifies. One
 * switched off leaves the plan; switching it on again brings back the definition of the plan
 * in force (`available`), so nothing is typed anew.
 */
export function ObligationsSection({
  plan,
  apply,
  problems,
  available,
}: SectionProps & { available: readonly Obligation[] }) {
  const [error, setError] = useState<string>();
  const inDraft = plan.compliance ?? [];
  const all = [...inDraft, ...available.filter((a) => !inDraft.some((o) => o.id === a.id))];
  return (
    <EditorSection
      id="obligations"
      title="Obligations"
      intro="Switch off the regulations that do not apply to you; say whom each one notifies (your supervisory authority, your CSIRT)."
      problems={problems}
      error={error}
    >
      {all.map((o) => {
        const on = inDraft.some((x) => x.id === o.id);
        return (
          <div key={o.id} className="form">
            <CheckboxField
              id={`obligation-${o.id}`}
              label={o.regulation}
              checked={on}
              onChange={(enabled) =>
                setError(
                  apply(
                    enabled
                      ? { op: "obligation-enabled", id: o.id, enabled: true, definition: o }
                      : { op: "obligation-enabled", id: o.id, enabled: false },
                  ),
                )
              }
            />
            {on && (
              <RecipientForm
                key={o.recipient}
                id={o.id}
                initial={o.recipient}
                onSave={(recipient) =>
                  setError(apply({ op: "obligation-recipient", id: o.id, recipient }))
                }
              />
            )}
          </div>
        );
      })}
    </EditorSection>
  );
}

function RecipientForm({
  id,
  initial,
  onSave,
}: {
  id: string;
  initial: string;
  onSave: (r: string) => void;
}) {
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(value);
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <TextField
        id={`obligation-${id}-recipient`}
        label="Recipient"
        value={value}
        onChange={setValue}
        required
      />
      <button type="submit" className="button" disabled={value.trim() === initial}>
        Apply
      </button>
    </form>
  );
}
