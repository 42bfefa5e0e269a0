import { type FormEvent, useState } from "react";
import { ASSET_STATUSES } from "../../../../src/domain/incident/asset-status";
import { assetsApi } from "../../api/incident-extras";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
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
    [incidentRef, revision],
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
      {!data ? (
        !error && <Loading what="Loading assets" />
      ) : data.length === 0 ? (
        <EmptyState title="No assets recorded">
          <p>List the hosts, servers and accounts involved to track each one to restored.</p>
        </EmptyState>
      ) : (
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <th scope="row" data-label="Asset">
                  {a.name}
                </th>
                <td data-label="Kind">{a.kind}</td>
                <td data-label="Status">
                  {editable ? (
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
                  )}
                </td>
                <td data-label="Updated">
                  <RelativeTime at={a.updated_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <form className="inline-form panel" onSubmit={add} aria-label="Add an asset">
          <div className="field-row">
            <div className="field">
              <label htmlFor="asset-name">Asset</label>
              <input
                id="asset-name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="asset-kind">Kind</label>
              <select id="asset-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {["host", "server", "account", "service", "device", "network"].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" className="button small" disabled={!name.trim()}>
            Add as suspected
          </button>
        </form>
      )}
    </div>
  );
}
