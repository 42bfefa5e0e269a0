import { type FormEvent, useState } from "react";
import { INDICATOR_TYPES } from "../../../../src/domain/incident/indicator-types";
import { indicatorsApi } from "../../api/incident-extras";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { choices, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { MispImportForm } from "./misp-import-form";

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
    [incidentRef],
    revision,
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
      <DataTable
        scroll
        rows={data && [...byType].flatMap(([, list]) => list)}
        error={error}
        loading="Loading indicators"
        rowKey={(i) => i.id}
        empty={
          <EmptyState title="No indicators yet">
            <p>Add addresses, domains, hashes and other traces the attacker left.</p>
          </EmptyState>
        }
        columns={[
          { header: "Type", cell: (i) => i.type },
          { header: "Value", className: "mono hash", cell: (i) => i.value },
          { header: "Description", cell: (i) => i.description },
          {
            header: "Added",
            cell: (i) => (
              <>
                <RelativeTime at={i.created_at} />{" "}
                <span className="muted">
                  by <Actor actor={i.created_by} />
                </span>
              </>
            ),
          },
        ]}
      />
      {editable && (
        <form className="form panel" onSubmit={add} aria-labelledby="add-indicator">
          <h3 id="add-indicator">Add an indicator</h3>
          <div className="field-row">
            <SelectField
              id="ioc-type"
              label="Type"
              value={draft.type}
              onChange={(type) => setDraft({ ...draft, type })}
              choices={choices(INDICATOR_TYPES, (t) => t.replace("_", " "))}
            />
            <TextField
              id="ioc-value"
              label="Value (defanged is fine)"
              required
              className="mono"
              value={draft.value}
              onChange={(value) => setDraft({ ...draft, value })}
            />
          </div>
          <TextField
            id="ioc-description"
            label="Description"
            value={draft.description}
            onChange={(description) => setDraft({ ...draft, description })}
          />
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
      {editable && <MispImportForm incidentRef={incidentRef} onImported={() => void reload()} />}
    </div>
  );
}
