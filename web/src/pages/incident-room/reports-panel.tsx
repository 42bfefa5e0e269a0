import { type FormEvent, useState } from "react";
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  type ReportFormat,
  type ReportKind,
} from "../../../../src/domain/report-kinds";
import { reportsApi } from "../../api/postincident";
import { EmptyState } from "../../components/empty-state";
import { choices, SelectField } from "../../components/fields";
import { announce } from "../../components/live-region";
import { Actor } from "../../components/person";
import { ProblemMessage } from "../../components/problem-message";
import { RelativeTime } from "../../components/relative-time";
import { useResource } from "../../hooks/use-resource";

interface Props {
  incidentRef: string;
  editable: boolean;
  revision: number;
}

const KIND_LABEL: Record<string, string> = {
  technical: "Technical report",
  executive: "Executive summary",
  "after-action": "After-action report",
  "regulator-gdpr": "GDPR notification draft",
  "regulator-nis2": "NIS2 notification draft",
  "regulator-sec-8k": "SEC 8-K draft",
};

/** Reports rendered from the incident's record, kept as versions with their SHA-256. */
export function ReportsPanel({ incidentRef, editable, revision }: Props) {
  const { data, error, reload } = useResource(
    (signal) => reportsApi.list(incidentRef, signal),
    [incidentRef],
    revision,
  );
  const [kind, setKind] = useState<ReportKind>("after-action");
  const [format, setFormat] = useState<ReportFormat>("html");
  const [busy, setBusy] = useState(false);
  const [genError, setGenError] = useState<unknown>();
  const generate = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setGenError(undefined);
    try {
      const r = await reportsApi.generate(incidentRef, kind, format);
      announce(`${KIND_LABEL[r.kind] ?? r.kind} version ${r.version} ready`);
      void reload();
    } catch (err) {
      setGenError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel-stack">
      {editable && (
        <form className="inline-form panel" onSubmit={generate} aria-label="Produce a report">
          <div className="field-row">
            <SelectField
              id="rp-kind"
              label="Report"
              value={kind}
              onChange={(k) => setKind(k as ReportKind)}
              choices={choices(REPORT_KINDS, (k) => KIND_LABEL[k] ?? k)}
            />
            <SelectField
              id="rp-format"
              label="Format"
              value={format}
              onChange={(f) => setFormat(f as ReportFormat)}
              choices={choices(REPORT_FORMATS, (f) => (f === "md" ? "Markdown" : f.toUpperCase()))}
            />
          </div>
          <button type="submit" className="button primary small" disabled={busy}>
            {busy ? "Producing…" : "Produce report"}
          </button>
          <ProblemMessage error={genError} title="No report produced" />
        </form>
      )}
      <ProblemMessage error={error} title="Could not load the reports" />
      {data?.length === 0 ? (
        <EmptyState title="No reports yet">
          <p>A report is rendered from the incident's record as it is when you produce it.</p>
        </EmptyState>
      ) : (
        <ul className="record-list compact">
          {data?.map((r) => (
            <li key={r.id}>
              <a href={reportsApi.url(r.id)} target="_blank" rel="noopener">
                {KIND_LABEL[r.kind] ?? r.kind} v{r.version} ({r.format.toUpperCase()})
              </a>{" "}
              <span className="muted small">
                <Actor actor={r.created_by} />, <RelativeTime at={r.created_at} /> · SHA-256{" "}
                <span className="mono">{r.sha256.slice(0, 12)}…</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
