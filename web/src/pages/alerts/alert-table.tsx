import type { Alert } from "../../api/alerts";
import type { PlanBody } from "../../api/documents";
import { SeverityBadge } from "../../components/badges";
import { DataTable } from "../../components/data-table";
import { RelativeTime } from "../../components/relative-time";
import { SOURCE_LABEL } from "../../lib/labels";
import { Link } from "../../router";

interface Props {
  alerts: Alert[];
  plan: PlanBody | undefined;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  caption: string;
}

/** Alerts with a checkbox each, for triage decisions on several at once. */
export function AlertTable({ alerts, plan, selected, onSelect, caption }: Props) {
  return (
    <DataTable
      className="alert-table"
      caption={caption}
      rows={alerts}
      rowKey={(a) => a.id}
      rowClassName={(a) => (selected.has(a.id) ? "selected" : undefined)}
      columns={[
        {
          header: "Select",
          hideHeader: true,
          cell: (a) => (
            <input
              type="checkbox"
              aria-label={`Select ${a.title}`}
              checked={selected.has(a.id)}
              onChange={(e) => onSelect(a.id, e.target.checked)}
            />
          ),
        },
        {
          header: "Alert",
          cell: (a) => (
            <>
              <Link to={`/alerts/${a.id}`} className="incident-link">
                {a.title}
              </Link>
              <div className="muted small">
                {SOURCE_LABEL[a.source]}
                {a.rule_id ? ` ${a.rule_id.slice(0, 8)}` : ""}
              </div>
            </>
          ),
        },
        { header: "Severity", cell: (a) => <SeverityBadge plan={plan} severity={a.severity} /> },
        { header: "Count", cell: (a) => a.count },
        { header: "Last seen", cell: (a) => <RelativeTime at={a.last_seen} /> },
        {
          header: "Where",
          cell: (a) =>
            [a.entities.host, a.entities.user, a.entities.source_ip].filter(Boolean).join(" · ") ||
            "—",
        },
        {
          header: "Status",
          cell: (a) => (
            <>
              <span className={`badge alert-${a.status}`}>{a.status}</span>
              {a.incident_id && <span className="muted small"> · in an incident</span>}
            </>
          ),
        },
      ]}
    />
  );
}
