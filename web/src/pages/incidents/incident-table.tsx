import type { Incident, PlanBody } from "../../api/types";
import { PhaseBadge, SeverityBadge } from "../../components/badges";
import { RelativeTime } from "../../components/relative-time";
import { personName, typeName } from "../../lib/labels";
import { Link } from "../../router";

/** Incidents as a table on a laptop and as stacked cards at phone width (see `.responsive`). */
export function IncidentTable({
  incidents,
  plan,
}: {
  incidents: Incident[];
  plan: PlanBody | undefined;
}) {
  return (
    <table className="responsive incident-table">
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Severity</th>
          <th scope="col">Phase</th>
          <th scope="col">Type</th>
          <th scope="col">Commander</th>
          <th scope="col">Declared</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id}>
            <td data-label="Incident">
              <Link to={`/incidents/${i.human_id}`} className="incident-link">
                <span className="mono">{i.human_id}</span> {i.title}
              </Link>
              {i.exercise && <span className="badge exercise">Exercise</span>}
            </td>
            <td data-label="Severity">
              <SeverityBadge plan={plan} severity={i.severity} />
            </td>
            <td data-label="Phase">
              <PhaseBadge phase={i.phase} />
            </td>
            <td data-label="Type">{typeName(plan, i.type)}</td>
            <td data-label="Commander">
              {personName(plan, i.commander) || <span className="muted">none</span>}
            </td>
            <td data-label="Declared">
              <RelativeTime at={i.times.declared_at} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
