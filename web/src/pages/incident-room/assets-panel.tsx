import { type FormEvent, useState } from "react";
import { ASSET_STATUSES } from "../../../../src/domain/incident/asset-status";
import { assetsApi } from "../../api/incident-extras";
import { DataTable } from "../../components/data-table";
import { EmptyState } from "../../components/empty-state";
import { choices, SelectField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  editable: boolean;
  revision: number;
}

const label = (s: string) => s.replace("_", " ");

/** The systems and accounts involved and where each stands (suspected → … → restored). */
export function AssetsPanel({ incidentRef, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => assetsApi.list(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const [name, setName] = useState("");
  const [kind, setKind] = useState("host");
  const [saveError, setSaveError] = useState<unknown>();

  const put = async (assets: { name: string; kind?: string; status: string }[]) => {
    setSaveError(undefined);
    try {
      await assetsApi.put(incidentRef, assets);
      announce("Assets updated");
      void reload();
      return true;
    } catch (err) {
      setSaveError(err);
      return false;
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await put([{ name: name.trim(), kind, status: "suspected" }])) setName("");
  };

  return (
    <div className="panel-stack">
      <ProblemMessage error={error ?? saveError} title="Assets" />
      <DataTable
        rows={data}
        error={error}
        loading="Loading assets"
        rowKey={(a) => a.id}
        empty={
          <EmptyState title="No assets recorded">
            <p>List the hosts, servers and accounts involved to track each one to restored.</p>
          </EmptyState>
        }
        columns={[
          { header: "Asset", rowHeader: true, cell: (a) => a.name },
          { header: "Kind", cell: (a) => a.kind },
          {
            header: "Status",
            cell: (a) =>
              editable ? (
                <select
                  aria-label={`Status of ${a.name}`}
                  value={a.status}
                  onChange={(e) =>
                    void put([{ name: a.name, kind: a.kind, status: e.target.value }])
                  }
                >
                  {ASSET_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {label(s)}
                    </option>
                  ))}
                </select>
              ) : (
                label(a.status)
              ),
          },
          { header: "Updated", cell: (a) => <RelativeTime at={a.updated_at} /> },
        ]}
      />
      {editable && (
        <form className="inline-form panel" onSubmit={add} aria-label="Add an asset">
          <div className="field-row">
            <TextField id="asset-name" label="Asset" required value={name} onChange={setName} />
            <SelectField
              id="asset-kind"
              label="Kind"
              value={kind}
              onChange={setKind}
              choices={choices(["host", "server", "account", "service", "device", "network"])}
            />
          </div>
          <button type="submit" className="button small" disabled={!name.trim()}>
            Add as suspected
          </button>
        </form>
      )}
    </div>
  );
}
