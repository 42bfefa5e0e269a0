import { type FormEvent, useState } from "react";
import { INDICATOR_TYPES } from "../../../../src/domain/incident/indicator-types";
import { indicatorsApi } from "../../api/incident-extras";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  incidentId: string;
  editable: boolean;
  revision: number;
}

/** Indicators of compromise by type; defanged input (hxxp, [.]) is accepted and refanged. */
export function IndicatorsPanel({ incidentRef, incidentId, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => indicatorsApi.list(incidentRef, signal),
    [incidentRef, revision],
  );
  const [draft, setDraft, clearDraft] = useDraft(`indicator:${incidentId}`, {
    type: "ip",
    value: "",
    description: "",
  });
  const [saveError, setSaveError] = useState<unknown>();
  const [note, setNote] = useState("");

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      const r = await indicatorsApi.add(incidentRef, {
        type: draft.type,
        value: draft.value.trim(),
        description: draft.description.trim() || undefined,
      });
      clearDraft();
      setNote(r.created ? `Added ${r.value}` : `${r.value} was already on this incident`);
      announce(r.created ? `Indicator ${r.value} added` : "Indicator already present");
      void reload();
    } catch (err) {
      setSaveError(err);
    }
  };

  const byType = new Map<string, NonNullable<typeof data>>();
  for (const i of data ?? []) byType.set(i.type, [...(byType.get(i.type) ?? []), i]);

  return (
    <div className="panel-stack">
      <ProblemMessage error={error} title="Could not load the indicators" />
      {!data ? (
        !error && <Loading what="Loading indicators" />
      ) : data.length === 0 ? (
        <EmptyState title="No indicators yet">
          <p>Add addresses, domains, hashes and other traces the attacker left.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="responsive">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Value</th>
                <th scope="col">Description</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {[...byType].flatMap(([, list]) =>
                list.map((i) => (
                  <tr key={i.id}>
                    <td data-label="Type">{i.type}</td>
                    <td data-label="Value" className="mono hash">
                      {i.value}
                    </td>
                    <td data-label="Description">{i.description}</td>
                    <td data-label="Added">
                      <RelativeTime at={i.created_at} />{" "}
                      <span className="muted">by {i.created_by}</span>
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form className="form panel" onSubmit={add} aria-labelledby="add-indicator">
          <h3 id="add-indicator">Add an indicator</h3>
          <div className="field-row">
            <div className="field">
              <label htmlFor="ioc-type">Type</label>
              <select
                id="ioc-type"
                value={draft.type}
                onChange={(e) => setDraft({ ...draft, type: e.target.value })}
              >
                {INDICATOR_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t.replace("_", " ")}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ioc-value">Value (defanged is fine)</label>
              <input
                id="ioc-value"
                required
                className="mono"
                value={draft.value}
                onChange={(e) => setDraft({ ...draft, value: e.target.value })}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="ioc-description">Description</label>
            <input
              id="ioc-description"
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </div>
          <ProblemMessage error={saveError} title="Not added (what you typed is kept)" />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!draft.value.trim()}>
              Add indicator
            </button>
            <span role="status" className="muted">
              {note}
            </span>
          </div>
        </form>
      )}
    </div>
  );
}
