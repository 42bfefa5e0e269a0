import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

/** A choice in a `SelectField`. */
export interface Choice {
  value: string;
  label: ReactNode;
}

/** Choices whose label is the value itself. */
export const choices = <V extends string>(
  values: readonly V[],
  label: (v: V) => ReactNode = (v) => v,
): Choice[] => values.map((value) => ({ value, label: label(value) }));

/** The id of a field's hint, which its control names with `aria-describedby`. */
const hintId = (id: string) => `${id}-hint`;

/** A labelled control as the forms lay them out; `hint` goes under it. */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** What binds a text control to a string. */
interface TextBinding {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
}

/** A labelled text input. */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, keyof TextBinding> & TextBinding) {
  return (
    <Field id={id} label={label} hint={hint}>
      <input
        id={id}
        aria-describedby={hint ? hintId(id) : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...input}
      />
    </Field>
  );
}

/** A labelled text area. */
export function TextAreaField({
  id,
  label,
  hint,
  value,
  onChange,
  ...area
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, keyof TextBinding> & TextBinding) {
  return (
    <Field id={id} label={label} hint={hint}>
      <textarea
        id={id}
        aria-describedby={hint ? hintId(id) : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...area}
      />
    </Field>
  );
}

interface SelectProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[] | undefined;
  /** The label of a first choice with the empty value ("Any", "Choose a type…"). */
  none?: string;
  required?: boolean;
  disabled?: boolean;
}

/** A labelled select over `choices`. */
export function SelectField({
  id,
  label,
  hint,
  value,
  onChange,
  choices,
  none,
  ...rest
}: SelectProps) {
  return (
    <Field id={id} label={label} hint={hint}>
      <select
        id={id}
        aria-describedby={hint ? hintId(id) : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...rest}
      >
        {none !== undefined && <option value="">{none}</option>}
        {choices?.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A checkbox with its label after it. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
  disabled,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
