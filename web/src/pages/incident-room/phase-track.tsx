import { gateBlockers, isSettled } from "../../../../src/domain/incident/gate";
import { ACTIVE_PHASES, isActive, phaseAfter } from "../../../../src/domain/incident/phase";
import type { PlanBody } from "../../api/documents";
import type { Incident, Task } from "../../api/incidents";
import { phaseLabel, severityName } from "../../lib/labels";
import { closingObligations, commanderRequired, OBLIGATIONS } from "../../lib/plan-rules";

interface Props {
  incident: Incident;
  tasks: Task[];
  /** The plan the incident runs under: its command and closing rules. */
  plan: PlanBody | undefined;
  onShowTask: (taskId: string) => void;
}

/** Where the incident is on detection → … → post-incident, and what blocks the next gate. */
export function PhaseTrack({ incident, tasks, plan, onShowTask }: Props) {
  const active = isActive(incident.phase);
  const at = active
    ? ACTIVE_PHASES.indexOf(incident.phase as (typeof ACTIVE_PHASES)[number])
    : ACTIVE_PHASES.length;
  const blockers = gateBlockers(tasks, incident.phase);
  const next = phaseAfter(incident.phase);
  const remediation = tasks.filter((t) => t.phase === "remediation");
  // What the plan asks beyond tasks; the dialogs say how to meet it.
  const planRule = next
    ? !incident.commander && commanderRequired(plan, incident.severity)
      ? `The plan also requires a named commander at ${severityName(plan, incident.severity)}: name one before advancing.`
      : undefined
    : closingObligations(plan, incident.severity).length > 0
      ? `Closing at ${severityName(plan, incident.severity)} also needs on record: ${closingObligations(
          plan,
          incident.severity,
        )
          .map((o) => OBLIGATIONS[o].name.toLowerCase())
          .join(", ")}.`
      : undefined;

  return (
    <section className="phase-track" aria-labelledby="phase-track-title">
      <h2 id="phase-track-title" className="visually-hidden">
        Phases
      </h2>
      <ol className="track">
        {ACTIVE_PHASES.map((p, i) => {
          const state = i < at ? "done" : i === at ? "current" : "upcoming";
          return (
            <li
              key={p}
              className={`track-step ${state}`}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span className="track-marker" aria-hidden="true">
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className="track-label">{phaseLabel(p)}</span>
              <span className="visually-hidden">
                {state === "done" ? " (done)" : state === "current" ? " (current phase)" : ""}
              </span>
            </li>
          );
        })}
        <li className={`track-step ${active ? "upcoming" : "current"}`}>
          <span className="track-marker" aria-hidden="true">
            {active ? "■" : "✓"}
          </span>
          <span className="track-label">{active ? "Closed" : phaseLabel(incident.phase)}</span>
        </li>
      </ol>

      {active && (
        <div className={blockers.length ? "gate blocked" : "gate ready"}>
          {blockers.length === 0 ? (
            <p>
              {next
                ? `Ready to advance to ${phaseLabel(next)}: every required ${phaseLabel(incident.phase).toLowerCase()} task is done.`
                : "Ready to close: post-incident tasks and remediation are settled."}
            </p>
          ) : (
            <>
              <p>
                <strong>
                  {next ? `To advance to ${phaseLabel(next)}` : "To close the incident"},{" "}
                  {blockers.length} task{blockers.length === 1 ? "" : "s"} must be done or skipped
                  first:
                </strong>
              </p>
              <ul className="blockers">
                {blockers.map((t) => (
                  <li key={t.id}>
                    <a
                      href={`#task-${t.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        onShowTask(t.id);
                      }}
                    >
                      {t.title}
                    </a>
                    {t.phase === "remediation" && (
                      <span className="muted">
                        {" "}
                        (remediation: finish, skip, or make it a follow-up)
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {planRule && <p>{planRule}</p>}
        </div>
      )}

      {incident.times.remediation_opened_at && remediation.length > 0 && (
        <p className="remediation-note muted">
          Remediation track (fixing the same flaw on every other system):{" "}
          {remediation.filter(isSettled).length} of {remediation.length} settled
          {remediation.some((t) => t.follow_up)
            ? `, ${remediation.filter((t) => t.follow_up).length} follow-up action(s)`
            : ""}
          .
        </p>
      )}
    </section>
  );
}
