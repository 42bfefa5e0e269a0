import { useState } from "react";
import { rolesApi } from "../../api/incident-extras";
import type { Incident, PlanBody } from "../../api/types";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { personName, phaseLabel, severityName } from "../../lib/labels";
import { commanderCandidates } from "../../lib/plan-rules";
import { setSearch } from "../../router";
import { useSession } from "../../session-context";

interface Props {
  incident: Incident;
  plan: PlanBody | undefined;
  /** Someone is in command now: reload the incident. */
  onNamed: () => void;
  /** The People tab was chosen instead: the dialog closes. */
  onLeave: () => void;
}

/**
 * The plan's command rule inside the phase dialog: what it asks and, for whoever may, naming the
 * commander right there (a role assignment, as the People tab makes it). The rule is not
 * overridden; the server refuses a person without the authority to put someone in command.
 */
export function CommanderPicker({ incident, plan, onNamed, onLeave }: Props) {
  const { session, canWrite } = useSession();
  const people = commanderCandidates(plan, session?.user?.person_id);
  const [person, setPerson] = useState(people[0]?.id ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const from = plan?.command?.required_from;

  const assign = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await rolesApi.assign(incident.human_id, { role: "commander", person });
      announce(`${personName(plan, person)} is in command of ${incident.human_id}`);
      onNamed();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="notice" aria-labelledby="commander-rule">
      <p className="problem-title" id="commander-rule">
        A commander must be named first
      </p>
      <p>
        The plan requires a named commander for incidents at{" "}
        {from ? severityName(plan, from) : "this severity"} and above before they leave{" "}
        {phaseLabel(incident.phase)}. This one is {severityName(plan, incident.severity)} and nobody
        commands it. The rule cannot be overridden: name one.
      </p>
      {canWrite && people.length > 0 && (
        <div className="inline-choice">
          <div className="field">
            <label htmlFor="pd-commander">Commander</label>
            <select id="pd-commander" value={person} onChange={(e) => setPerson(e.target.value)}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.id === session?.user?.person_id
                    ? " (you)"
                    : p.roles.includes("commander")
                      ? " (commander)"
                      : ""}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            disabled={saving || !person}
            onClick={() => void assign()}
          >
            {saving ? "Assigning…" : "Put in command"}
          </button>
        </div>
      )}
      <p className="hint">
        Or assign roles in the{" "}
        <a
          href="?tab=people"
          onClick={(e) => {
            e.preventDefault();
            onLeave();
            setSearch({ tab: "people" });
          }}
        >
          People tab
        </a>
        . Putting someone in command takes the authority to assign a commander (the commander on
        call, the executive sponsor, an admin).
      </p>
      <ProblemMessage error={error} title="Nobody was put in command" />
    </section>
  );
}
