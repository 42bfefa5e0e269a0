import { useState } from "react";
import { uploadEvidenceFile } from "../../api/evidence-files";
import type { Evidence } from "../../api/incident-extras";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";

interface Props {
  incidentRef: string;
  /** Store the file of this item (recorded with its SHA-256) instead of recording a new one. */
  evidenceId?: string;
  label: string;
  onStored: (item: Evidence) => void;
}

/**
 * A drop zone for an evidence file, with a file input for keyboards and screen readers. The
 * file goes up as it is (streamed by the server into the evidence store) with a progress bar;
 * the answer shows the SHA-256 the server computed.
 */
export function EvidenceFileDrop({ incidentRef, evidenceId, label, onStored }: Props) {
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number }>();
  const [stored, setStored] = useState<Evidence>();
  const [error, setError] = useState<unknown>();

  async function send(file: File | undefined) {
    if (!file || progress) return;
    setError(undefined);
    setStored(undefined);
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const item = await uploadEvidenceFile(
        incidentRef,
        file,
        (sent, total) => setProgress({ name: file.name, sent, total }),
        evidenceId,
      );
      setStored(item);
      announce(`${item.name} stored, SHA-256 ${item.sha256}`);
      onStored(item);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <div className="evidence-file">
      {/* The label is the drop zone: dropping on it or choosing through it sends the file. */}
      <label
        className={`evidence-drop${over ? " over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void send(e.dataTransfer.files[0]);
        }}
      >
        {label}
        <input
          type="file"
          disabled={progress !== undefined}
          onChange={(e) => {
            void send(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      {progress && (
        <p>
          Uploading {progress.name}:{" "}
          <progress value={progress.sent} max={progress.total || 1} aria-label="Upload progress" />{" "}
          {Math.round((100 * progress.sent) / (progress.total || 1))}%
        </p>
      )}
      {stored && (
        <p className="evidence-stored">
          Stored {stored.name}, SHA-256 <span className="mono hash">{stored.sha256}</span>
        </p>
      )}
      <ProblemMessage error={error} title="File not stored (nothing was kept)" />
    </div>
  );
}
