import { useState } from "react";
import { usersApi } from "../../api/users";
import { SelectField } from "../../components/fields";
import { useResource } from "../../hooks/use-resource";
import type { PlanEdit } from "../../lib/plan-edit";
import { isExamplePerson, type PersonInput, personId } from "../../lib/plan-edit-team";
import { EditorSection, type SectionProps } from "./editor-section";
import { type CsvProblem, parsePeopleCsv } from "./people-csv";
import { PersonForm, personInput } from "./person-form";

/** A user account to link to the person made for them, once the draft is stored. */
export interface PendingLink {
  user_id: string;
  person_id: string;
}

interface TeamProps extends SectionProps {
  /** Applies the edits adding people (and remembers the user account to link to one). */
  addPeople: (edits: PlanEdit[], link?: PendingLink) => string | undefined;
}

/**
 * The team: people added by hand, from a CSV file or from the user accounts, changed and
 * removed. While the plan is the built-in example, its people carry an "Example" badge until
 * "Replace the example team" swaps them for the people added here.
 */
export function TeamSection({ plan, apply, problems, addPeople }: TeamProps) {
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const example = plan.example === true;
  const ours = plan.team.filter((p) => !isExamplePerson(plan, p));

  /** Adds people with ids made from their names; answers why not, if it could not. */
  const add = (people: PersonInput[], link?: (id: string) => PendingLink): string | undefined => {
    const taken = plan.team.map((p) => p.id);
    const withIds = people.map((p) => {
      const id = personId(p.name, taken);
      taken.push(id);
      return { ...p, id };
    });
    const why = addPeople(
      withIds.map((person) => ({ op: "add-person" as const, person })),
      link && withIds[0] ? link(withIds[0].id) : undefined,
    );
    setError(why);
    return why;
  };

  const change = (id: string, person: PersonInput) => {
    const why = apply({ op: "update-person", id, person });
    setError(why);
    if (why === undefined) setEditing(undefined);
    return why;
  };

  return (
    <EditorSection
      id="team"
      title="Team"
      intro="The people incidents page and assign. Each needs an e-mail address; roles say what they do in an incident."
      problems={problems}
      error={error}
    >
      {example && (
        <div className="notice">
          <p>
            The people marked <span className="badge">Example</span> are the built-in plan's
            invented team. Add your own people below, then replace the examples with them: their
            roles, the on-call rotations, the escalation and the approvers move to your people.
          </p>
          <button
            type="button"
            className="button primary"
            disabled={ours.length === 0}
            onClick={() =>
              setError(apply({ op: "replace-example-team", people: ours.map(personInput) }))
            }
          >
            Replace the example team with{" "}
            {ours.length === 1 ? "this person" : `these ${ours.length} people`}
          </button>
        </div>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">The plan's team</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Contacts</th>
              <th scope="col">Roles</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.team.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name} {isExamplePerson(plan, p) && <span className="badge">Example</span>}
                  <div className="muted mono small">{p.id}</div>
                </td>
                <td>{p.contacts.map((c) => c.address).join(", ")}</td>
                <td>
                  <span className="chips">
                    {(p.roles ?? []).map((r) => (
                      <span key={r} className="chip">
                        {plan.roles.find((x) => x.id === r)?.title ?? r}
                      </span>
                    ))}
                  </span>
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => setEditing(p.id)}>
                    Edit<span className="visually-hidden"> {p.name}</span>
                  </button>{" "}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setError(apply({ op: "remove-person", id: p.id }))}
                  >
                    Remove<span className="visually-hidden"> {p.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && plan.team.some((p) => p.id === editing) && (
        <>
          <h3>Change {plan.team.find((p) => p.id === editing)?.name}</h3>
          <PersonForm
            key={editing}
            idPrefix="edit-person"
            plan={plan}
            initial={personInput(plan.team.find((p) => p.id === editing) as PlanDraftPerson)}
            submitLabel="Apply"
            onSubmit={(person) => change(editing, person)}
            onCancel={() => setEditing(undefined)}
          />
        </>
      )}
      <h3>Add a person</h3>
      <PersonForm idPrefix="new-person" plan={plan} submitLabel="Add" onSubmit={(p) => add([p])} />
      <CsvImport roles={plan.roles.map((r) => r.id)} onPeople={(people) => add(people)} />
      <FromUsers
        plan={plan}
        onAdd={(p, userId) => add([p], (id) => ({ user_id: userId, person_id: id }))}
      />
    </EditorSection>
  );
}

type PlanDraftPerson = SectionProps["plan"]["team"][number];

/** People from a CSV file (name,email,phone,roles with a header row); bad rows reported by line. */
function CsvImport({
  roles,
  onPeople,
}: {
  roles: string[];
  onPeople: (people: PersonInput[]) => string | undefined;
}) {
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ added: number; problems: CsvProblem[] }>();
  const run = () => {
    const { people, problems } = parsePeopleCsv(text, roles);
    const failed = people.length > 0 ? onPeople(people) : undefined;
    setResult({ added: failed ? 0 : people.length, problems });
    if (!failed && problems.length === 0) setText("");
  };
  return (
    <>
      <h3>Import a CSV file</h3>
      <div className="form">
        <div className="field">
          <label htmlFor="csv-file">File</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="csv-hint"
            onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? "")}
          />
        </div>
        <div className="field">
          <label htmlFor="csv-text">Or paste it</label>
          <textarea
            id="csv-text"
            className="code-input"
            rows={5}
            spellCheck={false}
            aria-describedby="csv-hint"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={
              "name,email,phone,roles\nAda Lovelace,ada@example.com,+44 20 7946 0001,commander;scribe"
            }
          />
          <p id="csv-hint" className="hint">
            A header row naming name, email, phone and roles; roles are role ids separated by ";".
          </p>
        </div>
        <div className="form-actions">
          <button type="button" className="button" disabled={!text.trim()} onClick={run}>
            Import
          </button>
        </div>
        {result && (
          <div role="status">
            <p>
              {result.added} {result.added === 1 ? "person" : "people"} added.
              {result.problems.length > 0 && ` ${result.problems.length} line(s) left out:`}
            </p>
            {result.problems.length > 0 && (
              <ul>
                {result.problems.map((p) => (
                  <li key={p.line}>
                    line {p.line}: {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </>
  );
}

/** People from the existing accounts; the account is linked to its person once the draft is stored. */
function FromUsers({
  plan,
  onAdd,
}: {
  plan: SectionProps["plan"];
  onAdd: (person: PersonInput, userId: string) => string | undefined;
}) {
  const users = useResource((signal) => usersApi.list(signal), []);
  const [userId, setUserId] = useState("");
  const inTeam = new Set(plan.team.flatMap((p) => p.contacts.map((c) => c.address.toLowerCase())));
  const free = (users.data ?? []).filter((u) => !u.disabled && !inTeam.has(u.email.toLowerCase()));
  const user = free.find((u) => u.id === userId);
  return (
    <>
      <h3>Add from users</h3>
      {free.length === 0 ? (
        <p className="muted">
          {users.loading ? "Loading the users…" : "Every user account is already in the team."}
        </p>
      ) : (
        <>
          <SelectField
            id="from-user"
            label="User"
            value={userId}
            onChange={setUserId}
            none="Choose a user…"
            choices={free.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
          />
          {user && (
            <PersonForm
              key={user.id}
              idPrefix="user-person"
              plan={plan}
              initial={{ name: user.name, email: user.email, roles: [] }}
              submitLabel={`Add ${user.name}`}
              onSubmit={(p) => {
                const why = onAdd(p, user.id);
                if (why === undefined) setUserId("");
                return why;
              }}
            />
          )}
        </>
      )}
    </>
  );
}
