import { useState } from "react";
import type { PlanBody } from "../../api/documents";
import { rolesApi } from "../../api/incident-extras";
import type { Incident } from "../../api/incidents";
import { SelectField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useSubmit } from "../../hooks/use-submit";
import { personName, phaseLabel, severityName } from "../../lib/labels";
import { commanderChoices } from "../../lib/plan-rules";
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
  const people = commanderChoices(plan, session?.user?.person_id);
  const [person, setPerson] = useState(people[0]?.value ?? "");
  const from = plan?.command?.required_from;

  const {
    submit: assign,
    busy: saving,
    error,
  } = useSubmit(async () => {
    await rolesApi.assign(incident.human_id, { role: "commander", person });
    announce(`${personName(plan, person)} is in command of ${incident.human_id}`);
    onNamed();
  });

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
          <SelectField
            id="pd-commander"
            label="Commander"
            value={person}
            onChange={setPerson}
            choices={people}
          />
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
