import { useState } from "react";
import type { ImportMispResult } from "../../api/exchange";
import { exchangeApi } from "../../api/exchange";
import { announce } from "../../components/live-region";
import { ProblemMessage } from "../../components/problem-message";

/**
 * "Import from MISP": a MISP event JSON file's attributes become indicators with their tags; the
 * attributes Firebreak cannot take are listed with the reason (docs/exchange.md).
 */
export function MispImportForm({
  incidentRef,
  onImported,
}: {
  incidentRef: string;
  onImported: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<ImportMispResult>();

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(await file.text());
      } catch {
        throw new Error(`${file.name} is not JSON: export the event from MISP as JSON`);
      }
      const r = await exchangeApi.importMisp(incidentRef, event);
      setResult(r);
      const added = r.imported.filter((i) => i.created).length;
      announce(`${added} indicators imported from MISP, ${r.skipped.length} attributes skipped`);
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="form panel">
      <h3>Import from MISP</h3>
      <div className="field">
        <label htmlFor="misp-file">MISP event (JSON)</label>
        <input
          id="misp-file"
          type="file"
          accept=".json,application/json"
          disabled={busy}
          aria-describedby="misp-hint"
          onChange={(e) => void importFile(e.target.files?.[0])}
        />
        <p id="misp-hint" className="hint">
          Attributes become indicators with the event's and their own tags; the rest is listed
          below.
        </p>
      </div>
      <ProblemMessage error={error} title="Nothing imported" />
      {result && (
        <div role="status">
          <p>
            {result.imported.filter((i) => i.created).length} indicators added
            {result.imported.some((i) => !i.created) &&
              `, ${result.imported.filter((i) => !i.created).length} already here`}
            {result.skipped.length > 0 && `; ${result.skipped.length} attributes skipped:`}
          </p>
          {result.skipped.length > 0 && (
            <ul className="record-list compact">
              {result.skipped.map((s) => (
                <li key={`${s.attribute}-${s.type}-${s.value}`}>
                  <span className="mono">
                    {s.type} {s.value}
                  </span>{" "}
                  <span className="muted">{s.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
