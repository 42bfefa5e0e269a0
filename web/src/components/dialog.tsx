import { type ReactNode, useEffect, useId, useRef } from "react";

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider, for lists (the shortcut help). */
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog>: it traps focus, closes on Escape, and gives focus back
 * to whatever opened it.
 */
export function Dialog({ open, title, onClose, children, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? "dialog wide" : "dialog"}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      {open && children}
    </dialog>
  );
}

interface FormActionsProps {
  /** The submit button's label, and what it says while the request runs. */
  label: ReactNode;
  busyLabel: string;
  busy: boolean;
  /** Not ready to submit yet (a required field is empty). */
  disabled?: boolean;
  /** For what cannot be undone: the submit button is red. */
  danger?: boolean;
  onCancel: () => void;
}

/** A dialog form's buttons: submit, then Cancel. */
export function FormActions({
  label,
  busyLabel,
  busy,
  disabled,
  danger,
  onCancel,
}: FormActionsProps) {
  return (
    <div className="form-actions">
      <button
        type="submit"
        className={danger ? "button danger" : "button primary"}
        disabled={busy || disabled}
      >
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
