import { useState } from "react";
import { type Evidence, evidenceApi } from "../../api/incident-extras";
import { EmptyState } from "../../components/empty-state";
import { TextAreaField, TextField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Loading } from "../../components/loading";
import { ProblemMessage } from "../../components/problem-message";
import { DateTime } from "../../components/relative-time";
import { useDraft } from "../../hooks/use-draft";
import { useResource } from "../../hooks/use-resource";
import { useSubmit } from "../../hooks/use-submit";
import { EvidenceDownload } from "./evidence-download";
import { EvidenceFileDrop } from "./evidence-file-drop";

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

/** Hand-overs and downloads of an item, oldest first: its whole chain of custody. */
function custodyChain(item: Evidence): { key: string; at: string; text: string }[] {
  return [
    ...item.custody.map((t) => ({
      key: t.id,
      at: t.at,
      text: `${t.from_custodian} → ${t.to_custodian} (${t.reason})`,
    })),
    ...item.downloads.map((d, i) => ({
      key: `download-${i}`,
      at: d.at,
      text: `copy downloaded by ${d.by} (${d.reason})`,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
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
  const { submit, error } = useSubmit(async () => {
    await evidenceApi.transfer(incidentRef, item.id, to.trim(), reason.trim());
    announce(`${item.name} handed to ${to}`);
    setTo("");
    setReason("");
    onDone();
  });
  return (
    <form className="inline-form" onSubmit={submit}>
      <div className="field-row">
        <TextField id={`to-${item.id}`} label="Hand to" required value={to} onChange={setTo} />
        <TextField id={`why-${item.id}`} label="Why" required value={reason} onChange={setReason} />
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
    [incidentRef],
    revision,
  );
  const [draft, setDraft, clearDraft] = useDraft(`evidence:${incidentId}`, EMPTY);
  const set = (k: keyof typeof EMPTY, v: string) => setDraft({ ...draft, [k]: v });

  const { submit: add, error: saveError } = useSubmit(async () => {
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
  });

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
                    by {item.acquired_by}, <DateTime at={item.acquired_at} />
                  </dd>
                </div>
                <div>
                  <dt>Custodian</dt>
                  <dd>{item.custodian}</dd>
                </div>
                <div>
                  <dt>File</dt>
                  <dd>{item.file_stored ? "stored in Firebreak" : "not stored here"}</dd>
                </div>
              </dl>
              {item.custody.length + item.downloads.length > 0 && (
                <details>
                  <summary>
                    Chain of custody ({item.custody.length} transfer
                    {item.custody.length === 1 ? "" : "s"}, {item.downloads.length} download
                    {item.downloads.length === 1 ? "" : "s"})
                  </summary>
                  <ol>
                    {custodyChain(item).map((c) => (
                      <li key={c.key}>
                        <DateTime at={c.at} />: {c.text}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
              {item.file_stored && (
                <details>
                  <summary>Download the file</summary>
                  <EvidenceDownload
                    incidentRef={incidentRef}
                    item={item}
                    onDone={() => void reload()}
                  />
                </details>
              )}
              {!item.file_stored && editable && (
                <details>
                  <summary>Upload its file</summary>
                  <EvidenceFileDrop
                    incidentRef={incidentRef}
                    evidenceId={item.id}
                    label={`The file of ${item.name} (it must hash to the SHA-256 above)`}
                    onStored={() => void reload()}
                  />
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
        <EvidenceFileDrop
          incidentRef={incidentRef}
          label="Drop a file here to record it as evidence (its SHA-256 is computed), or choose one"
          onStored={() => void reload()}
        />
      )}

      {editable && (
        <form className="form panel" onSubmit={add} aria-labelledby="add-evidence">
          <h3 id="add-evidence">Record evidence kept elsewhere</h3>
          <TextField
            id="ev-name"
            label="Name"
            required
            value={draft.name}
            onChange={(v) => set("name", v)}
          />
          <TextField
            id="ev-sha"
            label="SHA-256"
            required
            className="mono"
            pattern="[0-9a-fA-F]{64}"
            title="64 hexadecimal characters"
            value={draft.sha256}
            onChange={(v) => set("sha256", v)}
          />
          <div className="field-row">
            <TextField
              id="ev-size"
              label="Size in bytes"
              type="number"
              min={0}
              required
              value={draft.size}
              onChange={(v) => set("size", v)}
            />
            <TextField
              id="ev-by"
              label="Acquired by (first custodian)"
              required
              value={draft.acquired_by}
              onChange={(v) => set("acquired_by", v)}
            />
          </div>
          <TextField
            id="ev-location"
            label="Where it is kept"
            required
            value={draft.location}
            onChange={(v) => set("location", v)}
          />
          <TextAreaField
            id="ev-description"
            label="Description"
            rows={2}
            value={draft.description}
            onChange={(v) => set("description", v)}
          />
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
