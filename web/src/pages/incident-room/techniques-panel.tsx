import { useState } from "react";
import {
  ATTACK_TACTICS,
  attackTechnique,
  searchTechniques,
} from "../../../../src/domain/attack/catalogue";
import { attackApi, type IncidentTechnique } from "../../api/attack";
import { Dialog, FormActions } from "../../components/dialog";
import { EmptyState } from "../../components/empty-state";
import { TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { Link } from "../../router";

interface Props {
  incidentRef: string;
  editable: boolean;
  revision: number;
}

/** MITRE's page of a technique: T1059.001 → /techniques/T1059/001/. */
const mitreUrl = (id: string) => `https://attack.mitre.org/techniques/${id.replace(".", "/")}/`;

/** The techniques under each tactic, in the matrix's order; unplaced ones last. */
function byTactic(list: IncidentTechnique[]): { title: string; items: IncidentTechnique[] }[] {
  const groups = ATTACK_TACTICS.map((t) => ({
    title: t.name,
    items: list.filter((x) => x.tactics.includes(t.shortname)),
  }));
  const unplaced = list.filter((x) => x.tactics.length === 0);
  return [...groups, { title: "No known tactic", items: unplaced }].filter((g) => g.items.length);
}

/**
 * The incident's ATT&CK techniques grouped by tactic, with where each comes from (the alerts
 * whose Sigma tags carried it, or a responder); writers add one (searched by id or name) or
 * remove one, with a reason that goes on the timeline.
 */
export function TechniquesPanel({ incidentRef, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => attackApi.list(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const [removing, setRemoving] = useState<IncidentTechnique>();

  return (
    <section className="panel-stack" aria-labelledby="techniques-title">
      <h3 id="techniques-title">ATT&amp;CK techniques</h3>
      <ProblemMessage error={error} title="Could not load the techniques" />
      {data && data.length === 0 && (
        <EmptyState title="No techniques yet">
          <p>They come from the alerts' Sigma tags (attack.t…), or add one by hand.</p>
        </EmptyState>
      )}
      {data &&
        byTactic(data).map((group) => (
          <div key={group.title}>
            <h4>{group.title}</h4>
            <ul>
              {group.items.map((t) => (
                <li key={t.id}>
                  <a
                    href={mitreUrl(t.id)}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="mono"
                  >
                    {t.id}
                  </a>{" "}
                  {t.name}
                  {t.parent && (
                    <span className="muted"> ({attackTechnique(t.parent)?.name ?? t.parent})</span>
                  )}{" "}
                  <span className="muted">
                    {t.alert_ids.map((id, n) => (
                      <span key={id}>
                        {n > 0 ? ", " : "from "}
                        <Link to={`/alerts/${id}`}>alert {n + 1}</Link>
                      </span>
                    ))}
                    {t.by_hand && `${t.alert_ids.length ? "; " : ""}added by hand`}
                  </span>
                  {editable && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setRemoving(t)}
                      aria-label={`Remove ${t.id} ${t.name}`}
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {editable && (
        <AddTechniqueForm
          incidentRef={incidentRef}
          onAdded={(id) => {
            announce(`Technique ${id} added`);
            void reload();
          }}
        />
      )}
      <Dialog
        open={removing !== undefined}
        title={`Remove ${removing?.id ?? ""} ${removing?.name ?? ""}`}
        onClose={() => setRemoving(undefined)}
      >
        {removing && (
          <RemoveForm
            incidentRef={incidentRef}
            technique={removing}
            onDone={() => {
              announce(`Technique ${removing.id} removed`);
              setRemoving(undefined);
              void reload();
            }}
            onCancel={() => setRemoving(undefined)}
          />
        )}
      </Dialog>
    </section>
  );
}

function AddTechniqueForm({
  incidentRef,
  onAdded,
}: {
  incidentRef: string;
  onAdded: (id: string) => void;
}) {
  const [technique, setTechnique] = useState("");
  const [reason, setReason] = useState("");
  const matches = searchTechniques(technique, 12);
  const { submit, busy, error } = useSubmit(async () => {
    // A name typed in full (or picked from the list by name) is read as its technique.
    const id = attackTechnique(technique) ? technique : (matches[0]?.id ?? technique);
    await attackApi.add(incidentRef, id.trim(), reason.trim());
    setTechnique("");
    setReason("");
    onAdded(id.trim().toUpperCase());
  });
  return (
    <form className="form panel" onSubmit={submit} aria-labelledby="add-technique">
      <h3 id="add-technique">Add a technique</h3>
      <div className="field-row">
        <TextField
          id="technique-search"
          label="Technique (id or name)"
          hint={
            matches[0] && !attackTechnique(technique)
              ? `${matches[0].id} ${matches[0].name}`
              : undefined
          }
          list="technique-choices"
          autoComplete="off"
          required
          value={technique}
          onChange={setTechnique}
        />
        <datalist id="technique-choices">
          {matches.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </datalist>
        <TextField
          id="technique-reason"
          label="Reason"
          required
          value={reason}
          onChange={setReason}
        />
      </div>
      <ProblemMessage error={error} title="Not added (what you typed is kept)" />
      <div className="form-actions">
        <button
          type="submit"
          className="button primary"
          disabled={busy || !technique.trim() || !reason.trim()}
        >
          {busy ? "Adding…" : "Add technique"}
        </button>
      </div>
    </form>
  );
}

function RemoveForm({
  incidentRef,
  technique,
  onDone,
  onCancel,
}: {
  incidentRef: string;
  technique: IncidentTechnique;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState("");
  const { submit, busy, error } = useSubmit(async () => {
    await attackApi.remove(incidentRef, technique.id, reason.trim());
    onDone();
  });
  return (
    <form className="form" onSubmit={submit}>
      <p>
        {technique.alert_ids.length > 0
          ? "It stays off even when more alerts carrying it arrive, until someone adds it again."
          : "It was added by hand; removing it is written on the timeline."}
      </p>
      <TextField
        id="technique-remove-reason"
        label="Reason"
        required
        value={reason}
        onChange={setReason}
      />
      <ProblemMessage error={error} title="Not removed" />
      <FormActions
        label="Remove technique"
        busyLabel="Removing…"
        busy={busy}
        disabled={!reason.trim()}
        danger
        onCancel={onCancel}
      />
    </form>
  );
}
