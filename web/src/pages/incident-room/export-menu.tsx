import { EXPORT_FORMAT_NAMES, type ExportFormatName } from "../../../../src/domain/exchange";
import { exchangeApi } from "../../api/exchange";

const LABEL: Record<ExportFormatName, { name: string; what: string }> = {
  stix: { name: "STIX 2.1", what: "bundle for threat-intelligence platforms" },
  misp: { name: "MISP", what: "event to import into MISP" },
  veris: { name: "VERIS", what: "record for the VERIS Community Database" },
  navigator: { name: "ATT&CK Navigator", what: "layer of the incident's techniques" },
};

/**
 * Downloads of the incident for other tools (docs/exchange.md). Each export is marked with the
 * incident's TLP (restricted incidents are TLP:RED) and put on the audit record.
 */
export function ExportMenu({ incidentRef }: { incidentRef: string }) {
  return (
    <section className="panel" aria-labelledby="export-title">
      <h3 id="export-title">Share with other tools</h3>
      <p className="muted">
        Each file is marked with the incident's TLP and recorded in the audit log.
      </p>
      <ul className="record-list compact">
        {EXPORT_FORMAT_NAMES.map((format) => (
          <li key={format}>
            <a
              className="button small"
              href={exchangeApi.exportUrl(incidentRef, format)}
              download={`${incidentRef}.${format}.json`}
            >
              Export {LABEL[format].name}
            </a>{" "}
            <span className="muted">{LABEL[format].what}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
