import { useState } from "react";
import { evidenceDownloadUrl } from "../../api/evidence-files";
import type { Evidence } from "../../api/incident-extras";
import { TextField } from "../../components/fields";

/**
 * Downloads an item's stored file, asking why first: the reason, who and when go into the
 * item's chain of custody. The browser saves the answer (an attachment) without leaving the room.
 */
export function EvidenceDownload({
  incidentRef,
  item,
  onDone,
}: {
  incidentRef: string;
  item: Evidence;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        window.location.assign(evidenceDownloadUrl(incidentRef, item.id, reason.trim()));
        setReason("");
        // The custody list shows the download once the server has recorded it.
        setTimeout(onDone, 1000);
      }}
    >
      <TextField
        id={`dl-why-${item.id}`}
        label="Why do you need a copy?"
        required
        value={reason}
        onChange={setReason}
      />
      <button type="submit" className="button small" disabled={!reason.trim()}>
        Download
      </button>
    </form>
  );
}
