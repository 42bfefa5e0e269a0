import { type FormEvent, useState } from "react";
import { type Evidence, evidenceApi } from "../../api/incident-extras";
import { EmptyState } from "../../components/empty-state";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { formatDateTime } from "../../lib/time";

interface Props {
  incidentRef: string;
  incidentId: string;
  editable: boolean;
  /** Changes when the incident changes: reload. */
  revision: number;
}

const EMPTY = { name: "", sha256: "", size: "", location: "", acquired_by: "", description: "" };

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function Transfer({
  incidentRef,
  item,
  onDone,
}: {
  incidentRef: string;
  item: Evidence;
  onDone: () => void;
}) {
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await evidenceApi.transfer(incidentRef, item.id, to.trim(), reason.trim());
      announce(`${item.name} handed to ${to}`);
      setTo("");
      setReason("");
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`to-${item.id}`}>Hand to</label>
          <input id={`to-${item.id}`} required value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`why-${item.id}`}>Why</label>
          <input
            id={`why-${item.id}`}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button small" disabled={!to.trim() || !reason.trim()}>
        Record transfer
      </button>
      <ProblemMessage error={error} title="Custody not transferred" />
    </form>
  );
}

/** Evidence with its SHA-256 and chain of custody; adding items and recording hand-overs. */
export function EvidencePanel({ incidentRef, incidentId, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => evidenceApi.list(incidentRef, signal),
    [incidentRef, revision],
  );
  const [draft, setDraft, clearDraft] = useDraft(`evidence:${incidentId}`, EMPTY);
  const [saveError, setSaveError] = useState<unknown>();
  const set = (k: keyof typeof EMPTY, v: string) => setDraft({ ...draft, [k]: v });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setSaveError(undefined);
    try {
      const item = await evidenceApi.add(incidentRef, {
        name: draft.name.trim(),
        sha256: draft.sha256.trim(),
        size: Number(draft.size),
        location: draft.location.trim(),
        acquired_by: draft.acquired_by.trim(),
        description: draft.description.trim() || undefined,
      });
      clearDraft();
      announce(`Evidence ${item.name} recorded`);
      void reload();
    } catch (err) {
      setSaveError(err);
    }
  };

  return (
    <div className="panel-stack">
      <ProblemMessage error={error} title="Could not load the evidence" />
      {!data ? (
        !error && <Loading what="Loading evidence" />
      ) : data.length === 0 ? (
        <EmptyState title="No evidence recorded yet">
          <p>Record disk and memory images, logs and files with their SHA-256 as they are taken.</p>
        </EmptyState>
      ) : (
        <ul className="record-list">
          {data.map((item) => (
            <li key={item.id} className="card">
              <h3>{item.name}</h3>
              {item.description && <p>{item.description}</p>}
              <dl className="pairs">
                <div>
                  <dt>SHA-256</dt>
                  <dd className="mono hash">{item.sha256}</dd>
                </div>
                <div>
                  <dt>Size</dt>
                  <dd>{bytes(item.size)}</dd>
                </div>
                <div>
                  <dt>Kept at</dt>
                  <dd>{item.location}</dd>
                </div>
                <div>
                  <dt>Acquired</dt>
                  <dd>
                    by {item.acquired_by}, {formatDateTime(item.acquired_at)}
                  </dd>
                </div>
                <div>
                  <dt>Custodian</dt>
                  <dd>{item.custodian}</dd>
                </div>
              </dl>
              {item.custody.length > 0 && (
                <details>
                  <summary>
                    Chain of custody ({item.custody.length} transfer
                    {item.custody.length === 1 ? "" : "s"})
                  </summary>
                  <ol>
                    {item.custody.map((t) => (
                      <li key={t.id}>
                        {formatDateTime(t.at)}: {t.from_custodian} → {t.to_custodian} ({t.reason})
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {editable && (
                <details>
                  <summary>Transfer custody</summary>
                  <Transfer incidentRef={incidentRef} item={item} onDone={() => void reload()} />
                </details>
              )}
            </li>
          ))}
        </ul>
      )}

      {editable && (
        <form className="form panel" onSubmit={add} aria-labelledby="add-evidence">
          <h3 id="add-evidence">Record evidence</h3>
          <div className="field">
            <label htmlFor="ev-name">Name</label>
            <input
              id="ev-name"
              required
              value={draft.name}
              onChange={(e) => set("name", e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="ev-sha">SHA-256</label>
            <input
              id="ev-sha"
              required
              className="mono"
              pattern="[0-9a-fA-F]{64}"
              title="64 hexadecimal characters"
              value={draft.sha256}
              onChange={(e) => set("sha256", e.target.value)}
            />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="ev-size">Size in bytes</label>
              <input
                id="ev-size"
                type="number"
                min={0}
                required
                value={draft.size}
                onChange={(e) => set("size", e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="ev-by">Acquired by (first custodian)</label>
              <input
                id="ev-by"
                required
                value={draft.acquired_by}
                onChange={(e) => set("acquired_by", e.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="ev-location">Where it is kept</label>
            <input
              id="ev-location"
              required
              value={draft.location}
              onChange={(e) => set("location", e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="ev-description">Description</label>
            <textarea
              id="ev-description"
              rows={2}
              value={draft.description}
              onChange={(e) => set("description", e.target.value)}
            />
          </div>
          <ProblemMessage error={saveError} title="Not recorded (what you typed is kept)" />
          <div className="form-actions">
            <button type="submit" className="button primary">
              Record evidence
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
