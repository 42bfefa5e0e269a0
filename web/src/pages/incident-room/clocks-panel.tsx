import { useState } from "react";
import type { Clock } from "../../api/comms";
import { EmptyState } from "../../components/empty-state";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime, RelativeTime } from "../../components/relative-time";
import { formatDateTime } from "../../lib/time";
import { type NotifiedDeadline, RecordNotificationDialog } from "./record-notification-dialog";

interface Props {
  incidentRef: string;
  clocks: Clock[] | undefined;
  error: unknown;
  editable: boolean;
  onChanged: () => void;
}

const STATE_LABEL: Record<string, string> = {
  not_applicable: "does not apply",
  waiting: "waiting to start",
  running: "running",
  pending: "pending",
  due_soon: "due soon",
  overdue: "overdue",
  met: "met",
  met_late: "met late",
  stopped: "stopped",
};

/** Regulatory clocks: every obligation of the plan, which apply, and each deadline's time left. */
export function ClocksPanel({ incidentRef, clocks, error, editable, onChanged }: Props) {
  const [recording, setRecording] = useState<NotifiedDeadline>();
  if (error) return <ProblemMessage error={error} title="Could not load the clocks" />;
  if (!clocks) return <Loading what="Loading clocks" />;
  const applying = clocks.filter((c) => c.applies);
  const rest = clocks.filter((c) => !c.applies);
  return (
    <div className="panel-stack">
      <RecordNotificationDialog
        incidentRef={incidentRef}
        target={recording}
        onClose={() => setRecording(undefined)}
        onRecorded={onChanged}
      />
      {applying.length === 0 ? (
        <EmptyState title="No regulatory clock applies">
          <p>
            Obligations start when the incident's attributes meet their triggers (for example
            personal data).
          </p>
        </EmptyState>
      ) : (
        applying.map((c) => (
          <article key={c.obligation_id} className={`card clock clock-${c.state}`}>
            <h3>
              {c.regulation}{" "}
              <span className={`badge clock-state-${c.state}`}>
                {STATE_LABEL[c.state] ?? c.state}
              </span>
            </h3>
            <p className="muted">
              Notify {c.recipient}
              {c.started_at
                ? ` · counting from ${formatDateTime(c.started_at)} (${c.start_event})`
                : ""}
              {c.waiting_for ? ` · waiting for ${c.waiting_for}` : ""}
            </p>
            <ul className="deadlines">
              {c.deadlines.map((d) => (
                <li key={d.id}>
                  <strong>{d.name}</strong>{" "}
                  <span className="muted">({STATE_LABEL[d.state] ?? d.state})</span>{" "}
                  {d.due_at && !d.met_at && <RelativeTime at={d.due_at} due prefix="due" />}
                  {d.met_at && (
                    <span>
                      {" "}
                      met <DateTime at={d.met_at} />
                    </span>
                  )}
                  {d.notification && (
                    <span className="muted">
                      {" "}
                      · {d.notification.channel ? `by ${d.notification.channel} ` : ""}
                      {d.notification.reference
                        ? `reference ${d.notification.reference}`
                        : "no reference"}
                    </span>
                  )}
                  {d.alternatives.length > 1 && (
                    <span className="muted">
                      {" "}
                      · whichever comes first:{" "}
                      {d.alternatives
                        .map(
                          (a) =>
                            `${a.start ?? a.from} ${a.due_at ? formatDateTime(a.due_at) : "(not yet)"}${a.governs ? " ✓" : ""}`,
                        )
                        .join(", ")}
                    </span>
                  )}
                  {editable && d.due_at && !d.met_at && (
                    <button
                      type="button"
                      className="link-button small"
                      onClick={() => setRecording({ clock: c, deadlineId: d.id })}
                    >
                      Record as notified…
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </article>
        ))
      )}
      {rest.length > 0 && (
        <p className="muted">Not applicable now: {rest.map((c) => c.regulation).join(", ")}.</p>
      )}
    </div>
  );
}

/** The most urgent running deadline, for the room's header. */
export function nextDeadline(clocks: Clock[] | undefined) {
  let best: { clock: Clock; due: string } | undefined;
  for (const c of clocks ?? [])
    for (const d of c.deadlines)
      if (
        c.applies &&
        d.due_at &&
        !d.met_at &&
        c.state !== "stopped" &&
        (!best || d.due_at < best.due)
      )
        best = { clock: c, due: d.due_at };
  return best;
}
