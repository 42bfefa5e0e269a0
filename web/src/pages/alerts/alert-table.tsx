import type { Alert } from "../../api/alerts";
import type { PlanBody } from "../../api/types";
import { SeverityBadge } from "../../components/badges";
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
    <table className="responsive alert-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Select</span>
          </th>
          <th scope="col">Alert</th>
          <th scope="col">Severity</th>
          <th scope="col">Count</th>
          <th scope="col">Last seen</th>
          <th scope="col">Where</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} className={selected.has(a.id) ? "selected" : undefined}>
            <td data-label="">
              <input
                type="checkbox"
                aria-label={`Select ${a.title}`}
                checked={selected.has(a.id)}
                onChange={(e) => onSelect(a.id, e.target.checked)}
              />
            </td>
            <td data-label="Alert">
              <Link to={`/alerts/${a.id}`} className="incident-link">
                {a.title}
              </Link>
              <div className="muted small">
                {SOURCE_LABEL[a.source]}
                {a.rule_id ? ` ${a.rule_id.slice(0, 8)}` : ""}
              </div>
            </td>
            <td data-label="Severity">
              <SeverityBadge plan={plan} severity={a.severity} />
            </td>
            <td data-label="Count">{a.count}</td>
            <td data-label="Last seen">
              <RelativeTime at={a.last_seen} />
            </td>
            <td data-label="Where">
              {[a.entities.host, a.entities.user, a.entities.source_ip]
                .filter(Boolean)
                .join(" · ") || "—"}
            </td>
            <td data-label="Status">
              <span className={`badge alert-${a.status}`}>{a.status}</span>
              {a.incident_id && <span className="muted small"> · in an incident</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
