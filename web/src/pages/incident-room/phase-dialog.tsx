import { type FormEvent, useState } from "react";
import type { Problem } from "../../../../src/contract/problem";
import { phaseAfter } from "../../../../src/domain/incident/phase";
import { ApiError } from "../../api/client";
import type { PlanBody } from "../../api/documents";
import type { Incident } from "../../api/incidents";
import { incidentsApi } from "../../api/incidents";
import { Dialog } from "../../components/dialog";
import { CheckboxField, TextAreaField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { phaseLabel, severityName } from "../../lib/labels";
import { closingObligations, commanderRequired, mayCloseAnyway } from "../../lib/plan-rules";
import { useSession } from "../../session-context";
import { ClosingWork } from "./closing-work";
import { CommanderPicker } from "./commander-picker";

export type PhaseAction = "advance" | "close" | "decline" | "reopen";

interface Props {
  action: PhaseAction | undefined;
  incident: Incident;
  /** The plan the incident runs under: its command and closing rules. */
  plan: PlanBody | undefined;
  onClose: () => void;
  /** The change went through: reload. */
  onChanged: () => void;
  /** Someone else changed the incident first: reload (the typed reason stays). */
  onStale: () => Promise<void>;
  onShowTask: (taskId: string) => void;
}

function texts(action: PhaseAction, incident: Incident) {
  const next = phaseAfter(incident.phase);
  switch (action) {
    case "advance":
      return {
        title: `Advance to ${next ? phaseLabel(next) : "the next phase"}`,
        button: `Advance to ${next ? phaseLabel(next) : "next phase"}`,
        reasonLabel: "Note for the timeline (optional)",
        reasonRequired: false,
      };
    case "close":
      return {
        title: "Close the incident",
        button: "Close incident",
        reasonLabel: "Closing summary (optional)",
        reasonRequired: false,
      };
    case "decline":
      return {
        title: "Decline: not an incident",
        button: "Decline incident",
        reasonLabel: "Why this is not an incident (a false positive, expected behaviour…)",
        reasonRequired: true,
      };
    case "reopen":
      return {
        title: "Reopen the incident",
        button: "Reopen incident",
        reasonLabel: "Why it is reopened",
        reasonRequired: true,
      };
  }
}

/**
 * Changing the phase, with what the gate says: a blocked gate lists the tasks in the way and
 * lets the commander override with a written reason; the plan's command rule asks for a
 * commander, named from here; closing names the post-incident work the plan requires and lets
 * whoever holds the authority close anyway with a written reason; a change someone else made
 * first reloads the incident and keeps what was typed.
 */
export function PhaseDialog({
  action,
  incident,
  plan,
  onClose,
  onChanged,
  onStale,
  onShowTask,
}: Props) {
  const { session } = useSession();
  const [reason, setReason, clearReason] = useDraft(`phase:${incident.id}:${action}`, "");
  const [override, setOverride] = useState(false);
  const [error, setError] = useState<unknown>();
  const [gate, setGate] = useState<Problem | undefined>();
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  if (!action)
    return (
      <Dialog open={false} title="" onClose={onClose}>
        {null}
      </Dialog>
    );
  const t = texts(action, incident);

  const close = () => {
    setError(undefined);
    setGate(undefined);
    setStale(false);
    setOverride(false);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    setStale(false);
    const input = { reason: reason.trim() || undefined, override: override || undefined };
    try {
      const ref = incident.human_id;
      const done =
        action === "advance"
          ? await incidentsApi.advance(ref, input, incident.version)
          : action === "close"
            ? await incidentsApi.close(ref, input, incident.version)
            : action === "decline"
              ? await incidentsApi.decline(ref, reason.trim(), incident.version)
              : await incidentsApi.reopen(ref, reason.trim());
      clearReason();
      announce(`${done.human_id} is now in ${phaseLabel(done.phase)}`);
      close();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.code === "gate_blocked") {
        setGate(err.problem);
      } else if (err instanceof ApiError && err.code === "stale_version") {
        setStale(true);
        await onStale();
      } else setError(err);
    } finally {
      setSaving(false);
    }
  };

  const needsReason = t.reasonRequired || override;
  const needsCommander =
    action === "advance" &&
    !incident.commander &&
    (commanderRequired(plan, incident.severity) || gate?.rule === "command.required_from");
  const missing = gate?.missing_obligations;
  const closingAnyway = action === "close" && (missing?.length ?? 0) > 0;
  // A missing commander is not overridden (the answer is to name one); closing without the
  // required work is for whoever holds close and override_gate.
  const overridable =
    gate !== undefined &&
    gate.rule !== "command.required_from" &&
    (!closingAnyway || mayCloseAnyway(session, plan, incident));
  const overrideLabel = closingAnyway
    ? "Close anyway, without this work (the reason goes on the timeline and the after-action report)"
    : "Override the gate (commander's authority; the reason goes on the timeline)";
  const overrideControl = overridable ? (
    <CheckboxField
      id="gate-override"
      label={overrideLabel}
      checked={override}
      onChange={setOverride}
    />
  ) : (
    closingAnyway && (
      <p className="hint">
        Closing without this work takes the close and override authority (the incident's commander,
        or an admin): do the work, or ask them.
      </p>
    )
  );
  return (
    <Dialog open title={t.title} onClose={close}>
      <form className="form" onSubmit={submit}>
        {stale && (
          <div className="notice" role="alert">
            Someone else changed this incident while you were looking. It has been reloaded with
            their change; what you typed is kept. Check the incident, then try again.
          </div>
        )}
        {needsCommander && (
          <CommanderPicker
            incident={incident}
            plan={plan}
            onNamed={() => {
              setGate(undefined);
              onChanged();
            }}
            onLeave={close}
          />
        )}
        {action === "close" && (
          <ClosingWork
            required={closingObligations(plan, incident.severity)}
            missing={gate ? (missing ?? []) : undefined}
            severity={severityName(plan, incident.severity)}
            onLeave={close}
          />
        )}
        {gate &&
          !(needsCommander && gate.rule === "command.required_from") &&
          !(closingAnyway && !gate.blocking_tasks?.length) && (
            <div className="gate-error" role="alert">
              <p className="problem-title">{gate.title}</p>
              {!closingAnyway && <p>{gate.detail}</p>}
              {gate.blocking_tasks && gate.blocking_tasks.length > 0 && (
                <ul className="blockers">
                  {gate.blocking_tasks.map((task) => (
                    <li key={task.id}>
                      <a
                        href={`#task-${task.id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          close();
                          onShowTask(task.id);
                        }}
                      >
                        {task.title}
                      </a>
                      {task.phase && <span className="muted"> ({phaseLabel(task.phase)})</span>}
                    </li>
                  ))}
                </ul>
              )}
              {!closingAnyway && overrideControl}
            </div>
          )}
        {closingAnyway && overrideControl}
        <TextAreaField
          id="phase-reason"
          label={
            override
              ? closingAnyway
                ? "Why it closes without this work (required)"
                : "Why the gate is overridden (required)"
              : t.reasonLabel
          }
          rows={3}
          required={needsReason}
          value={reason}
          onChange={setReason}
        />
        <ProblemMessage error={error} title="The phase did not change" />
        <div className="form-actions">
          <button
            type="submit"
            className={action === "decline" ? "button danger" : "button primary"}
            disabled={saving || (needsReason && !reason.trim())}
          >
            {saving
              ? "Saving…"
              : override
                ? closingAnyway
                  ? "Close anyway"
                  : `Override and ${t.button.toLowerCase()}`
                : t.button}
          </button>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
