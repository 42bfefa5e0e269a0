import { type FormEvent, useState } from "react";
import { CheckboxField, TextField } from "../../components/fields";
import type { PersonInput } from "../../lib/plan-edit-team";
import type { PlanDraft } from "../../lib/plan-yaml";

type Person = PlanDraft["team"][number];

/** A person of the plan as the form edits them (their first e-mail, phone and chat). */
export function personInput(p: Person): PersonInput {
  const first = (channel: string) => p.contacts.find((c) => c.channel === channel)?.address;
  return {
    id: p.id,
    name: p.name,
    email: first("email") ?? "",
    phone: first("phone"),
    chat: first("chat"),
    roles: p.roles ?? [],
  };
}

/** Name, contacts and roles of one person, to add or to change. */
export function PersonForm({
  idPrefix,
  plan,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  plan: PlanDraft;
  initial?: PersonInput;
  submitLabel: string;
  /** Answers why not, when the change could not be made; the form then keeps what was typed. */
  onSubmit: (person: PersonInput) => string | undefined;
  onCancel?: () => void;
}) {
  const empty: PersonInput = { name: "", email: "", phone: "", chat: "", roles: [] };
  const [p, setP] = useState<PersonInput>(initial ?? empty);
  const set = (changes: Partial<PersonInput>) => setP({ ...p, ...changes });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (onSubmit(p) === undefined && !initial) setP(empty);
  };
  return (
    <form className="form" onSubmit={submit}>
      <div className="field-row">
        <TextField
          id={`${idPrefix}-name`}
          label="Name"
          value={p.name}
          onChange={(name) => set({ name })}
          required
        />
        <TextField
          id={`${idPrefix}-email`}
          label="E-mail"
          type="email"
          value={p.email}
          onChange={(email) => set({ email })}
          required
        />
        <TextField
          id={`${idPrefix}-phone`}
          label="Phone (optional)"
          type="tel"
          value={p.phone ?? ""}
          onChange={(phone) => set({ phone })}
        />
        <TextField
          id={`${idPrefix}-chat`}
          label="Chat handle (optional)"
          value={p.chat ?? ""}
          onChange={(chat) => set({ chat })}
        />
      </div>
      <fieldset className="field">
        <legend>Roles</legend>
        <div className="field-row">
          {plan.roles.map((r) => (
            <CheckboxField
              key={r.id}
              id={`${idPrefix}-role-${r.id}`}
              label={r.title}
              checked={p.roles.includes(r.id)}
              onChange={(on) =>
                set({ roles: on ? [...p.roles, r.id] : p.roles.filter((x) => x !== r.id) })
              }
            />
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
