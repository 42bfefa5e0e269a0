import { type FormEvent, useState } from "react";

/**
 * A form's submission: `busy` while `action` runs, and what it failed with (cleared when it is
 * tried again) for a `ProblemMessage`. What was typed stays in the form either way.
 */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error };
}
