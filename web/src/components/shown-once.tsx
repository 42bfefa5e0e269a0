import { type ReactNode, useId, useState } from "react";
import { RelativeTime } from "./relative-time";

interface Props {
  /** What the value is: "Invitation link", "API token", "Integration key". */
  label: string;
  value: string;
  /** When the value stops working, if it does. */
  expiresAt?: string;
  /** What to do with it. */
  children?: ReactNode;
}

/**
 * A secret the server shows only in the answer that created it (a token, a key, a one-time link):
 * selectable, with a copy button, and saying plainly that it will not be shown again.
 */
export function ShownOnce({ label, value, expiresAt, children }: Props) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // No clipboard (an insecure origin, or permission refused): the text stays selectable.
      setCopied("no");
    }
  };
  return (
    <section className="notice shown-once" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="shown-once-title">
        {label}: copy it now, you will not see it again
      </h2>
      {children}
      <div className="shown-once-row">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          className="code-input shown-once-value"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {copied === "yes" && "Copied to the clipboard. "}
        {copied === "no" && "The browser refused the clipboard: select the text and copy it. "}
        {expiresAt && <RelativeTime at={expiresAt} prefix="Expires" />}
      </p>
    </section>
  );
}
