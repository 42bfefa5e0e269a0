import type { ReactNode } from "react";
import { useSubmit } from "../hooks/use-submit";
import { Dialog, FormActions } from "./dialog";
import { ProblemMessage } from "./problem-message";

interface Props {
  /** Open while set; what is being confirmed. */
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  /** The confirming button's label: "Revoke token". */
  confirm: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/**
 * "Are you sure?" for a change that cannot be taken back (revoking, deleting, disabling): says
 * what will happen, runs the change, and stays open with the problem if it fails.
 */
export function ConfirmDialog({ open, title, ...form }: Props) {
  return (
    <Dialog open={open} title={title} onClose={form.onClose}>
      <ConfirmForm {...form} />
    </Dialog>
  );
}

/** The dialog's content, mounted only while it is open, so a failure does not outlive it. */
function ConfirmForm({ children, confirm, onConfirm, onClose }: Omit<Props, "open" | "title">) {
  const { submit, busy, error } = useSubmit(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <form className="form" onSubmit={submit}>
      <div>{children}</div>
      <ProblemMessage error={error} title={`${confirm}: not done`} />
      <FormActions label={confirm} busyLabel="Working…" busy={busy} danger onCancel={onClose} />
    </form>
  );
}
