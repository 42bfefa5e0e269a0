import { useState } from "react";
import { type Shortcut, useRegisteredShortcuts, useShortcuts } from "../hooks/use-shortcuts";
import { Dialog } from "./dialog";

function Keys({ keys }: { keys: string }) {
  const parts = keys.split(" ");
  return (
    <span className="keys">
      {parts.map((k, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a key may repeat in a sequence
        <span key={i}>
          {i > 0 && <span className="muted"> then </span>}
          <kbd>{k === "T" ? "Shift+T" : k}</kbd>
        </span>
      ))}
    </span>
  );
}

/** The `?` overlay: every shortcut the current screen and the app have registered. */
export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  useShortcuts([
    {
      keys: "?",
      group: "General",
      description: "Show keyboard shortcuts",
      run: () => setOpen(true),
    },
  ]);
  const shortcuts = useRegisteredShortcuts();
  const groups = new Map<string, Shortcut[]>();
  for (const s of shortcuts) {
    if (s.disabled) continue;
    const list = groups.get(s.group) ?? [];
    if (!list.some((x) => x.keys === s.keys)) list.push(s);
    groups.set(s.group, list);
  }
  return (
    <>
      <button
        type="button"
        className="icon-button"
        onClick={() => setOpen(true)}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
      >
        ?
      </button>
      <Dialog open={open} title="Keyboard shortcuts" onClose={() => setOpen(false)} wide>
        <div className="shortcut-groups">
          {[...groups].map(([group, list]) => (
            <section key={group}>
              <h3>{group}</h3>
              <dl className="shortcut-list">
                {list.map((s) => (
                  <div key={s.keys}>
                    <dt>
                      <Keys keys={s.keys} />
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          <section>
            <h3>In forms</h3>
            <dl className="shortcut-list">
              <div>
                <dt>
                  <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd>
                </dt>
                <dd>Send a note or submit the form</dd>
              </div>
              <div>
                <dt>
                  <kbd>Esc</kbd>
                </dt>
                <dd>Close a dialog</dd>
              </div>
            </dl>
          </section>
        </div>
      </Dialog>
    </>
  );
}
