import { type ReactNode, type Ref, useEffect, useState } from "react";
import { setSearch, useLocation } from "../router";
import { CheckboxField, type Choice, Field, SelectField, TextField } from "./fields";

/**
 * The filters above a list. Each filter lives in the address (`?severity=high`), so a filtered
 * list can be shared and survives a reload; the page reads the same parameters to load.
 */
export function FilterBar({
  label,
  few,
  children,
}: {
  label: string;
  /** A bar of only one or two filters, in narrower columns. */
  few?: 1 | 2;
  children: ReactNode;
}) {
  return (
    <form
      className={few === 1 ? "filters compact" : few === 2 ? "filters compact-2" : "filters"}
      aria-label={label}
      onSubmit={(e) => e.preventDefault()}
    >
      {children}
    </form>
  );
}

interface ParamProps {
  param: string;
  id: string;
  label: string;
}

/**
 * A select bound to the address parameter `param`; `fallback` is the value its absence means,
 * so choosing it removes the parameter.
 */
export function ParamSelect({
  param,
  fallback = "",
  ...select
}: ParamProps & {
  fallback?: string;
  choices: readonly Choice[] | undefined;
  none?: string;
  disabled?: boolean;
}) {
  const { search } = useLocation();
  return (
    <SelectField
      value={search.get(param) ?? fallback}
      onChange={(v) => setSearch({ [param]: v === fallback ? undefined : v })}
      {...select}
    />
  );
}

/** A text-like input (a date, say) bound to the address parameter `param`, applied as it changes. */
export function ParamInput({ param, type, ...field }: ParamProps & { type: "date" }) {
  const { search } = useLocation();
  return (
    <TextField
      type={type}
      value={search.get(param) ?? ""}
      onChange={(v) => setSearch({ [param]: v })}
      {...field}
    />
  );
}

/** A checkbox bound to the address parameter `param` (`true`, or absent). */
export function ParamCheckbox({ param, id, label }: ParamProps) {
  const { search } = useLocation();
  return (
    <CheckboxField
      id={id}
      label={label}
      checked={search.get(param) === "true"}
      onChange={(on) => setSearch({ [param]: on ? "true" : undefined })}
    />
  );
}

/** A search box bound to `param`: it searches as you type, but not on every keystroke. */
export function ParamSearch({
  param,
  id,
  label,
  placeholder,
  inputRef,
}: ParamProps & { placeholder: string; inputRef?: Ref<HTMLInputElement> }) {
  const { search } = useLocation();
  const applied = search.get(param) ?? "";
  const [text, setText] = useState(applied);
  useEffect(() => {
    if (text === applied) return;
    const t = setTimeout(() => setSearch({ [param]: text }), 300);
    return () => clearTimeout(t);
  }, [text, applied, param]);
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        ref={inputRef}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </Field>
  );
}
