import { type FormEvent, useState } from "react";
import type { PlanBody } from "../../api/documents";
import { rolesApi } from "../../api/incident-extras";
import { EmptyState } from "../../components/empty-state";
import { CheckboxField, SelectField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { Person } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";
import { personName, roleTitle } from "../../lib/labels";

interface Props {
  incidentRef: string;
  plan: PlanBody | undefined;
  editable: boolean;
  revision: number;
  onChanged: () => void;
}

/** Who holds which plan role on this incident; assigning is a handover unless "additional". */
export function PeoplePanel({ incidentRef, plan, editable, revision, onChanged }: Props) {
  const { data, error, reload } = useResource(
    (signal) => rolesApi.list(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const [role, setRole] = useState("");
  const [person, setPerson] = useState("");
  const [additional, setAdditional] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();

  const done = () => {
    void reload();
    onChanged();
  };
  const assign = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      await rolesApi.assign(incidentRef, { role, person, additional: additional || undefined });
      announce(`${personName(plan, person)} is ${roleTitle(plan, role)}`);
      setPerson("");
      done();
    } catch (err) {
      setSaveError(err);
    }
  };
  const release = async (id: string) => {
    setSaveError(undefined);
    try {
      await rolesApi.release(incidentRef, id);
      done();
    } catch (err) {
      setSaveError(err);
    }
  };

  const current = (data ?? []).filter((r) => r.current);
  const past = (data ?? []).filter((r) => !r.current);
  const candidates = plan?.team.filter((p) => !role || p.roles.includes(role)) ?? [];
  const others = plan?.team.filter((p) => role && !p.roles.includes(role)) ?? [];

  return (
    <div className="panel-stack">
      <ProblemMessage error={error ?? saveError} title="Roles" />
      {!data ? (
        !error && <Loading what="Loading roles" />
      ) : current.length === 0 ? (
        <EmptyState title="Nobody is assigned yet" />
      ) : (
        <ul className="role-list">
          {current.map((r) => (
            <li key={r.id}>
              <strong>{roleTitle(plan, r.role)}</strong>: <Person id={r.person} plan={plan} />{" "}
              <span className="muted small">
                since <RelativeTime at={r.assigned_at} />
              </span>
              {editable && r.role !== "commander" && (
                <button
                  type="button"
                  className="link-button small"
                  onClick={() => void release(r.id)}
                >
                  Release
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {past.length > 0 && (
        <details>
          <summary>Earlier assignments ({past.length})</summary>
          <ul>
            {past.map((r) => (
              <li key={r.id}>
                {roleTitle(plan, r.role)}: <Person id={r.person} plan={plan} />{" "}
                <span className="muted small">
                  until <RelativeTime at={r.ended_at ?? r.assigned_at} />
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {editable && (
        <form className="form panel" onSubmit={assign} aria-labelledby="assign-role">
          <h3 id="assign-role">Assign a role</h3>
          <div className="field-row">
            <SelectField
              id="as-role"
              label="Role"
              required
              value={role}
              onChange={setRole}
              none="Choose…"
              choices={plan?.roles.map((r) => ({ value: r.id, label: r.title }))}
            />
            <div className="field">
              <label htmlFor="as-person">Person</label>
              <select
                id="as-person"
                required
                value={person}
                onChange={(e) => setPerson(e.target.value)}
              >
                <option value="">Choose…</option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
                {others.length > 0 && (
                  <optgroup label="Not in this role in the plan">
                    {others.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </div>
          </div>
          <CheckboxField
            id="as-additional"
            label="In addition to whoever holds it now (not a handover)"
            checked={additional}
            onChange={setAdditional}
          />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!role || !person}>
              Assign
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
